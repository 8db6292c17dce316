import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { sanitizeFilename } from '../../../utils/filename';
import { AppError } from '../../../utils/onefichier/errors';
import { MAX_ATTEMPTS } from '../../../utils/queue/retry-policy';
import { RESOLVE_GUARD_MS } from '../../../utils/queue/engine';
import { ADOPT_GRACE_MS } from '../../../utils/queue/reconcile';
import { DEFAULT_SIZE, defaultName } from '../../fakes/client';
import { createHarness, item, KEY, T0, type Harness } from './harness';

const ID = 'abcdefghij';
const LINK = `https://1fichier.com/?${ID}`;

describe('queue engine', () => {
  let h: Harness;

  beforeEach(async () => {
    // The retry jitter takes the middle of its range, so retry times are exact.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    h = await createHarness();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Enqueues one link and lets the engine run until it is idle. */
  async function enqueueOne(id = ID) {
    const result = await h.engine.enqueue([item(id)]);
    await h.idle();
    return { result, job: (await h.job(result.added[0]!.id))! };
  }

  async function finish(downloadId: number, fileSize = DEFAULT_SIZE) {
    h.downloads.complete(downloadId, { fileSize });
    await h.engine.onDownloadChanged({ id: downloadId, state: { current: 'complete' } });
    await h.idle();
  }

  describe('happy path', () => {
    it('queued → resolving → downloading → completed', async () => {
      const { job } = await enqueueOne();
      expect(job).toMatchObject({
        state: 'downloading',
        attempts: 1,
        name: defaultName(LINK),
        size: DEFAULT_SIZE,
      });
      expect(job.downloadId).toBe(1);
      expect(h.client.callsOf('fileInfo')).toEqual([[KEY, LINK]]);
      expect(h.client.callsOf('getToken')).toEqual([[KEY, LINK, { noSsl: false, cdn: false }]]);

      await finish(job.downloadId!);
      const done = (await h.job(job.id))!;
      expect(done.state).toBe('completed');
      expect(done.finalPath).toBe(`/home/user/Downloads/${defaultName(LINK)}`);
      expect(done.bytesReceived).toBe(DEFAULT_SIZE);
      expect(done.error).toBeUndefined();
      expect(done.pendingUrl).toBeUndefined();
      expect(h.history.get(job.id)).toEqual(['queued', 'resolving', 'downloading', 'completed']);
      expect(h.downloads.calls).toHaveLength(1);
      expect(h.changes.count).toBeGreaterThan(0);
    });

    it('hands the browser the fresh direct link and a sanitised name, uniquified, without a prompt', async () => {
      const hostile = '<img src=x onerror=alert(1)> "a:b*c?d|e\\f" \u202Egpj.exe';
      h.client.once('fileInfo', { url: LINK, name: hostile, size: 10, passwordProtected: false });
      h.client.once('getToken', 'https://a-6.1fichier.com/p1058755667');
      await enqueueOne();
      expect(h.downloads.calls).toEqual([
        {
          url: 'https://a-6.1fichier.com/p1058755667',
          filename: sanitizeFilename(hostile),
          conflictAction: 'uniquify',
          saveAs: false,
        },
      ]);
      const name = h.downloads.calls[0]!.filename!;
      expect(name).not.toMatch(/[<>:"/\\|?*\u202e]/);
    });

    it('asks for an http link when the noSsl option is on', async () => {
      h.options.noSsl = true;
      await enqueueOne();
      expect(h.client.callsOf('getToken')[0]![2]).toEqual({ noSsl: true, cdn: false });
    });

    it('spends CDN credits only when the user turned them on', async () => {
      h.options.useCdnCredits = true;
      await enqueueOne();
      expect(h.client.callsOf('getToken')[0]![2]).toEqual({ noSsl: false, cdn: true });
    });

    it('records the direct link before starting the download', async () => {
      let pendingAtDownload: string | undefined;
      const original = h.downloads.download.bind(h.downloads);
      h.downloads.download = async (opts) => {
        pendingAtDownload = (await h.store.all())[0]?.pendingUrl;
        return original(opts);
      };
      await enqueueOne();
      expect(pendingAtDownload).toBe('https://a-1.1fichier.com/p1');
    });

    it('respects the parallel limit and starts the next job when one finishes', async () => {
      h.options.parallel = 2;
      await h.engine.enqueue([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc')]);
      await h.idle();
      const states = async () =>
        (await h.store.all()).toSorted((a, b) => a.order - b.order).map((j) => j.state);
      expect(await states()).toEqual(['downloading', 'downloading', 'queued']);
      await finish(1);
      expect(await states()).toEqual(['completed', 'downloading', 'downloading']);
    });

    it('a download that completes before its id is stored is caught up at once', async () => {
      const original = h.downloads.download.bind(h.downloads);
      h.downloads.download = async (opts) => {
        const id = await original(opts);
        h.downloads.complete(id, { fileSize: DEFAULT_SIZE });
        return id;
      };
      const { job } = await enqueueOne();
      expect(job.state).toBe('completed');
    });
  });

  describe('transfer failures', () => {
    it('a size mismatch is not a success: waiting, retried later', async () => {
      const { job } = await enqueueOne();
      await finish(job.downloadId!, DEFAULT_SIZE - 1);
      const after = (await h.job(job.id))!;
      expect(after.state).toBe('waiting');
      expect(after.error?.kind).toBe('sizeMismatch');
      // attempts 1, "soon": 2 s with the jitter in the middle → 1.5 s.
      expect(after.nextAttemptAt).toBe(T0 + 1_500);
    });

    it('an interrupted download waits, then runs again with a fresh token (getToken called again)', async () => {
      const { job } = await enqueueOne();
      // Not resumable (no partial file, or no validators): a new download with a fresh token.
      h.downloads.interrupt(job.downloadId!, 'NETWORK_FAILED', false);
      await h.engine.onDownloadChanged({ id: job.downloadId!, state: { current: 'interrupted' } });
      await h.idle();
      const waiting = (await h.job(job.id))!;
      expect(waiting).toMatchObject({
        state: 'waiting',
        error: { kind: 'transferFailed', detail: 'NETWORK_FAILED' },
      });
      expect(waiting.downloadId).toBeUndefined();
      expect(h.wakes.at(-1)).toBe(waiting.nextAttemptAt);

      // Not before its time.
      h.clock.t = waiting.nextAttemptAt! - 1;
      await h.engine.pump();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('waiting');

      h.clock.t = waiting.nextAttemptAt!;
      await h.engine.pump();
      await h.idle();
      const again = (await h.job(job.id))!;
      expect(again).toMatchObject({ state: 'downloading', attempts: 2, downloadId: 2 });
      expect(again.error).toBeUndefined();
      expect(h.client.callsOf('getToken')).toHaveLength(2);
      expect(h.downloads.calls.map((c) => c.url)).toEqual([
        'https://a-1.1fichier.com/p1',
        'https://a-1.1fichier.com/p2',
      ]);
      // The name and size are known: file/info is not asked again.
      expect(h.client.callsOf('fileInfo')).toHaveLength(1);
    });

    it(`gives up after ${MAX_ATTEMPTS} interrupted attempts`, async () => {
      const { job } = await enqueueOne();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const cur = (await h.job(job.id))!;
        expect(cur.state, `attempt ${attempt}`).toBe('downloading');
        h.downloads.interrupt(cur.downloadId!, 'NETWORK_FAILED', false);
        await h.engine.onDownloadChanged({ id: cur.downloadId!, state: { current: 'interrupted' } });
        await h.idle();
        const after = (await h.job(job.id))!;
        if (after.state === 'waiting') {
          h.clock.t = after.nextAttemptAt!;
          await h.engine.pump();
          await h.idle();
        }
      }
      const last = (await h.job(job.id))!;
      expect(last.state).toBe('failed');
      expect(last.error?.kind).toBe('transferFailed');
      expect(h.client.callsOf('getToken')).toHaveLength(MAX_ATTEMPTS);
    });

    it('a download the browser refuses is a transfer failure', async () => {
      h.downloads.failNext(new Error('Invalid filename'));
      const { job } = await enqueueOne();
      expect(job).toMatchObject({
        state: 'waiting',
        error: { kind: 'transferFailed', detail: 'Invalid filename' },
      });
      expect(job.pendingUrl).toBeUndefined();
    });

    it('a vanished download is re-queued and re-issued exactly once', async () => {
      const { job } = await enqueueOne();
      h.downloads.vanish(job.downloadId!);
      // Two wake-ups racing (a restart and a progress poll) must not start it twice.
      await Promise.all([h.engine.start(), h.engine.progress(), h.engine.start()]);
      await h.idle();
      expect(await h.store.all()).toHaveLength(1);
      const again = (await h.job(job.id))!;
      expect(again).toMatchObject({ state: 'downloading', downloadId: 2, attempts: 2 });
      expect(h.downloads.calls).toHaveLength(2);
      expect(h.client.callsOf('getToken')).toHaveLength(2);
      expect(h.history.get(job.id)).toEqual([
        'queued',
        'resolving',
        'downloading',
        'queued',
        'resolving',
        'downloading',
      ]);
    });

    it('ignores events without a state change and events for unknown downloads', async () => {
      const { job } = await enqueueOne();
      h.downloads.complete(job.downloadId!);
      await h.engine.onDownloadChanged({ id: job.downloadId!, filename: { current: '/x' } });
      await h.engine.onDownloadChanged({ id: 999, state: { current: 'complete' } });
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('downloading');
    });
  });

  describe('API failures', () => {
    it('without a key: failed noKey, then requeued by retryKeyFailures()', async () => {
      h.key.value = undefined;
      const { job } = await enqueueOne();
      expect(job).toMatchObject({ state: 'failed', error: { kind: 'noKey' } });
      expect(h.client.calls).toEqual([]);
      expect(h.downloads.calls).toEqual([]);

      h.key.value = KEY;
      await h.engine.retryKeyFailures();
      await h.idle();
      const again = (await h.job(job.id))!;
      expect(again.state).toBe('downloading');
      expect(again.attempts).toBe(1);
      expect(again.error).toBeUndefined();
    });

    it.each(['invalidKey', 'freeAccount'] as const)(
      '%s fails and is retried once a key is saved',
      async (kind) => {
        h.client.once('fileInfo', new AppError(kind));
        const { job } = await enqueueOne();
        expect(job).toMatchObject({ state: 'failed', error: { kind } });
        await h.engine.retryKeyFailures();
        await h.idle();
        expect((await h.job(job.id))!.state).toBe('downloading');
      },
    );

    it('retryKeyFailures leaves other failures alone', async () => {
      h.client.once('fileInfo', new AppError('notFound'));
      const { job } = await enqueueOne();
      await h.engine.retryKeyFailures();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('failed');
      expect(h.client.callsOf('fileInfo')).toHaveLength(1);
    });

    it('a restricted file (file/info "not allowed") gets the precise reason from get_token', async () => {
      h.client.once('fileInfo', new AppError('notAllowed', { detail: 'Resource not allowed #631' }));
      h.client.once('getToken', new AppError('passwordRequired'));
      const { job } = await enqueueOne();
      expect(job).toMatchObject({ state: 'failed', error: { kind: 'passwordRequired' } });
      expect(h.downloads.calls).toEqual([]);
    });

    it('a restricted file this account may read downloads under the server-given name', async () => {
      h.client.once('fileInfo', new AppError('notAllowed'));
      const { job } = await enqueueOne();
      expect(job.state).toBe('downloading');
      expect(h.downloads.calls).toHaveLength(1);
      expect(h.downloads.calls[0]).not.toHaveProperty('filename');
    });

    it('notFound fails and is never retried by itself', async () => {
      h.client.once('fileInfo', new AppError('notFound', { detail: 'Resource not found #469' }));
      const { job } = await enqueueOne();
      expect(job).toMatchObject({ state: 'failed', error: { kind: 'notFound' } });
      expect(job.nextAttemptAt).toBeUndefined();
      h.clock.t += 24 * 3_600_000;
      await h.engine.pump();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('failed');
      expect(h.client.calls).toHaveLength(1);
      expect(h.downloads.calls).toEqual([]);
    });

    it('a network error waits with nextAttemptAt, and the wake-up alarm is set to it', async () => {
      h.client.once('getToken', new AppError('network'));
      const { job } = await enqueueOne();
      // attempts 1, "later": 30 s with the jitter in the middle → 22.5 s.
      expect(job).toMatchObject({ state: 'waiting', error: { kind: 'network' }, nextAttemptAt: T0 + 22_500 });
      expect(h.wakes.at(-1)).toBe(T0 + 22_500);
      expect(h.downloads.calls).toEqual([]);
    });

    it('a flood waits until the breaker opens', async () => {
      h.client.once('fileInfo', new AppError('flood', { retryAt: T0 + 120_000 }));
      const { job } = await enqueueOne();
      expect(job).toMatchObject({ state: 'waiting', error: { kind: 'flood' }, nextAttemptAt: T0 + 120_000 });
      expect(h.wakes.at(-1)).toBe(T0 + 120_000);
      h.clock.t = T0 + 120_000;
      await h.engine.pump();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('downloading');
    });

    it('an unexpected exception fails the job as internal without leaking its text', async () => {
      h.client.once('getToken', new Error('secret details'));
      const { job } = await enqueueOne();
      expect(job.state).toBe('failed');
      expect(job.error).toEqual({ kind: 'internal' });
    });

    it('keeps the background awake while a job is resolved, with a guard alarm, and lets go once it runs', async () => {
      let answer: ((url: string) => void) | undefined;
      h.client.once('getToken', () => new Promise<string>((resolve) => (answer = resolve)));
      const [added] = (await h.engine.enqueue([item('aaaaaaaaaa')])).added;
      await h.until(async () => h.client.callsOf('getToken').length === 1);
      expect((await h.job(added!.id))!.state).toBe('resolving');
      expect(h.awake.held).toBe(1);
      // Unloaded or killed mid-resolve anyway, the background wakes to start the job again.
      expect(h.wakes.at(-1)).toBe(T0 + RESOLVE_GUARD_MS);
      answer?.('https://a-1.1fichier.com/pheld');
      await h.idle();
      expect((await h.job(added!.id))!.state).toBe('downloading');
      expect(h.awake).toEqual({ held: 0, max: 1 });
      expect(h.wakes.at(-1)).toBeUndefined();
    });

    it('releases the keep-awake when a job fails too', async () => {
      h.client.once('getToken', new AppError('notFound'));
      await enqueueOne();
      expect(h.awake).toEqual({ held: 0, max: 1 });
    });

    it('clears the wake-up alarm when nothing waits', async () => {
      await enqueueOne();
      expect(h.wakes.at(-1)).toBeUndefined();
    });
  });

  describe('user actions', () => {
    it('remove during downloading cancels the browser download', async () => {
      const { job } = await enqueueOne();
      await h.engine.act(job.id, 'remove');
      await h.idle();
      expect(await h.job(job.id)).toBeUndefined();
      expect(h.downloads.cancels).toEqual([job.downloadId]);
      // Cancelled, then erased from the history (which discards any partial file).
      expect(h.downloads.erased).toEqual([job.downloadId]);
      expect(h.downloads.item(job.downloadId!)).toBeUndefined();
      // The cancellation event that follows changes nothing.
      await h.engine.onDownloadChanged({ id: job.downloadId!, state: { current: 'interrupted' } });
      expect(await h.store.all()).toEqual([]);
    });

    it('remove of a finished job does not touch its download', async () => {
      const { job } = await enqueueOne();
      await finish(job.downloadId!);
      await h.engine.act(job.id, 'remove');
      expect(h.downloads.cancels).toEqual([]);
      expect(await h.job(job.id)).toBeUndefined();
    });

    it('retry puts a failed job back in the queue with its attempts reset', async () => {
      h.client.once('getToken', new AppError('notAllowed'));
      const { job } = await enqueueOne();
      expect(job.state).toBe('failed');
      await h.engine.act(job.id, 'retry');
      await h.idle();
      expect((await h.job(job.id))!).toMatchObject({ state: 'downloading', attempts: 1 });
    });

    it('retry of a waiting job runs it now', async () => {
      h.client.once('getToken', new AppError('server'));
      const { job } = await enqueueOne();
      expect(job.state).toBe('waiting');
      await h.engine.act(job.id, 'retry');
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('downloading');
    });

    it.each([
      ['retry', 'downloading'],
      ['resume', 'downloading'],
      ['moveUp', 'downloading'],
      ['retry', 'completed'],
      ['pause', 'completed'],
      ['cancel', 'completed'],
    ] as const)('%s on a %s job is forbidden', async (action, state) => {
      const { job } = await enqueueOne();
      if (state === 'completed') await finish(job.downloadId!);
      const before = await h.job(job.id);
      await expect(h.engine.act(job.id, action)).rejects.toMatchObject({ kind: 'forbidden' });
      expect(await h.job(job.id)).toEqual(before);
    });

    it('an action on an unknown job is forbidden', async () => {
      await expect(h.engine.act('nope', 'remove')).rejects.toMatchObject({ kind: 'forbidden' });
    });
  });

  describe('reconcile on start (a worker that died)', () => {
    it('adopts the download of a resolving job with a pendingUrl instead of starting another', async () => {
      const url = 'https://a-3.1fichier.com/p999';
      const downloadId = h.downloads.seed({ url, id: 7 });
      const job = await h.seed({ id: 'job-a', state: 'resolving', pendingUrl: url, name: 'a.bin', size: 10 });
      await h.engine.start();
      await h.idle();
      expect((await h.job(job.id))!).toMatchObject({ state: 'downloading', downloadId });
      expect(h.downloads.calls).toEqual([]);
      expect(h.client.calls).toEqual([]);
    });

    it('adopts a download that already completed while the worker was dead as completed', async () => {
      // Regression test (was a bug): reconcile.ts adopts the item as `downloading` without looking at its state.
      const url = 'https://a-3.1fichier.com/p999';
      const downloadId = h.downloads.seed({
        url,
        id: 7,
        state: 'complete',
        bytesReceived: 10,
        totalBytes: 10,
        fileSize: 10,
        filename: '/home/user/Downloads/a.bin',
      });
      const job = await h.seed({ id: 'job-a', state: 'resolving', pendingUrl: url, name: 'a.bin', size: 10 });
      await h.engine.start();
      await h.idle();
      expect((await h.job(job.id))!).toMatchObject({
        state: 'completed',
        downloadId,
        finalPath: '/home/user/Downloads/a.bin',
      });
    });

    it('a download asked for just before the worker died, not shown yet, is adopted when it appears: no second link', async () => {
      // Chromium creates the item only once the server answers, after downloads.download returned.
      const url = 'https://a-3.1fichier.com/p998';
      const job = await h.seed({
        id: 'job-l',
        state: 'resolving',
        pendingUrl: url,
        tokenAt: T0,
        name: 'l.bin',
        size: 10,
      });
      await h.engine.start();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('resolving');
      expect(h.wakes.at(-1)).toBe(T0 + ADOPT_GRACE_MS);
      const downloadId = h.downloads.seed({
        url,
        state: 'complete',
        bytesReceived: 10,
        totalBytes: 10,
        fileSize: 10,
      });
      h.clock.t = T0 + ADOPT_GRACE_MS;
      await h.engine.pump();
      await h.idle();
      expect((await h.job(job.id))!).toMatchObject({ state: 'completed', downloadId });
      expect(h.client.calls).toEqual([]);
      expect(h.downloads.calls).toEqual([]);
    });

    it('a download that never appears within the grace is asked for again once, with a fresh link', async () => {
      const job = await h.seed({
        id: 'job-n',
        state: 'resolving',
        pendingUrl: 'https://a-3.1fichier.com/p997',
        tokenAt: T0,
        name: 'n.bin',
        size: 10,
      });
      await h.engine.start();
      await h.idle();
      expect(h.downloads.calls).toEqual([]);
      h.clock.t = T0 + ADOPT_GRACE_MS;
      await h.engine.pump();
      await h.idle();
      expect(h.history.get(job.id)).toEqual(['resolving', 'queued', 'resolving', 'downloading']);
      expect(h.client.callsOf('getToken')).toHaveLength(1);
      expect(h.downloads.calls).toHaveLength(1);
    });

    it('puts a resolving job without a transfer back in the queue', async () => {
      h.options.parallel = 0; // keep it from being picked again, to see the reconciled state
      const job = await h.seed({ id: 'job-b', state: 'resolving' });
      await h.engine.start();
      await h.idle();
      const after = (await h.job(job.id))!;
      expect(after.state).toBe('queued');
      expect(after.updatedAt).toBe(T0);
    });

    it('re-queues a resolving job whose pendingUrl matches no download, and it runs with a fresh token', async () => {
      const job = await h.seed({
        id: 'job-c',
        state: 'resolving',
        pendingUrl: 'https://a-3.1fichier.com/p1234',
        name: 'c.bin',
        size: 10,
      });
      await h.engine.start();
      await h.idle();
      expect(h.history.get(job.id)).toEqual(['resolving', 'queued', 'resolving', 'downloading']);
      expect(h.client.callsOf('getToken')).toHaveLength(1);
      expect(h.downloads.calls[0]!.url).toBe('https://a-1.1fichier.com/p1');
    });

    it('completes a downloading job whose download finished while the worker was dead', async () => {
      const downloadId = h.downloads.seed({
        url: 'https://a-3.1fichier.com/p5',
        state: 'complete',
        bytesReceived: 10,
        totalBytes: 10,
        fileSize: 10,
        filename: '/home/user/Downloads/d (1).bin',
      });
      const job = await h.seed({ id: 'job-d', state: 'downloading', downloadId, name: 'd.bin', size: 10 });
      await h.engine.start();
      await h.idle();
      expect((await h.job(job.id))!).toMatchObject({
        state: 'completed',
        finalPath: '/home/user/Downloads/d (1).bin',
        bytesReceived: 10,
      });
      expect(h.downloads.calls).toEqual([]);
    });

    it('restarts at once, with a fresh token, a download the browser cancelled when it closed', async () => {
      const downloadId = h.downloads.seed({
        url: 'https://a-3.1fichier.com/p6',
        state: 'interrupted',
        error: 'USER_CANCELED',
      });
      const job = await h.seed({ id: 'job-e', state: 'downloading', downloadId, name: 'e.bin', size: 10 });
      await h.engine.start();
      await h.idle();
      const after = (await h.job(job.id))!;
      // Not a failure of the job: no back-off, and the attempt is not counted.
      expect(after).toMatchObject({ state: 'downloading', attempts: 1 });
      expect(after.error).toBeUndefined();
      expect(after.downloadId).not.toBe(downloadId);
      expect(h.history.get(job.id)).toEqual(['downloading', 'queued', 'resolving', 'downloading']);
      expect(h.client.callsOf('getToken')).toHaveLength(1);
    });

    it('leaves a downloading job whose download still runs alone', async () => {
      const downloadId = h.downloads.seed({
        url: 'https://a-3.1fichier.com/p7',
        bytesReceived: 5,
        totalBytes: 10,
      });
      const job = await h.seed({ id: 'job-f', state: 'downloading', downloadId, name: 'f.bin', size: 10 });
      await h.engine.start();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('downloading');
      expect(await h.engine.progress()).toEqual(new Map([[job.id, 5]]));
    });

    it('moves due waiting jobs back into the queue and runs them', async () => {
      const job = await h.seed({
        id: 'job-g',
        state: 'waiting',
        nextAttemptAt: T0 - 1,
        error: { kind: 'network' },
      });
      await h.engine.start();
      await h.idle();
      expect((await h.job(job.id))!.state).toBe('downloading');
    });
  });

  describe('enqueue', () => {
    it('the same link enqueued twice concurrently makes one job', async () => {
      const [a, b] = await Promise.all([
        h.engine.enqueue([item(ID)]),
        h.engine.enqueue([item(ID.toUpperCase())]),
      ]);
      await h.idle();
      expect(a.added.length + b.added.length).toBe(1);
      expect(a.duplicates + b.duplicates).toBe(1);
      expect(await h.store.all()).toHaveLength(1);
      expect(h.downloads.calls).toHaveLength(1);
    });

    it('a link already in the queue is a duplicate, even when completed', async () => {
      const { job } = await enqueueOne();
      await finish(job.downloadId!);
      const again = await h.engine.enqueue([item(ID)]);
      expect(again).toEqual({ added: [], duplicates: 1 });
      await h.idle();
      expect(h.downloads.calls).toHaveLength(1);
    });
  });
});
