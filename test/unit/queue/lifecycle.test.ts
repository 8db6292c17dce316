import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { DEFAULT_SIZE } from '../../fakes/client.ts';
import { MAX_RESUMES } from '../../../utils/queue/interrupts.ts';
import { createHarness, enqueueKeys, item, T0, type Harness } from './harness.ts';

describe('queue lifecycle: pause, resume, cancel, remove, reorder, bulk actions', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    h = await createHarness();
  });
  afterEach(() => vi.restoreAllMocks());

  const enqueue = (...keys: string[]) => enqueueKeys(h, ...keys);
  const state = async (id: string) => (await h.job(id))!.state;
  const order = async () => (await h.store.ordered()).map((j) => j.fileKey);

  it('pauses a running download in the browser and resumes it there, without a new token', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const running = (await h.job(id!))!;
    await h.engine.act(id!, 'pause');
    await h.idle();
    expect(await h.job(id!)).toMatchObject({ state: 'paused', downloadId: running.downloadId });
    expect(h.downloads.pauses).toEqual([running.downloadId]);
    expect(h.downloads.item(running.downloadId!)).toMatchObject({ paused: true });

    await h.engine.act(id!, 'resume');
    await h.idle();
    expect(await h.job(id!)).toMatchObject({ state: 'downloading', downloadId: running.downloadId });
    expect(h.downloads.resumes).toEqual([running.downloadId]);
    expect(h.client.callsOf('getToken')).toHaveLength(1);
    expect(h.downloads.calls).toHaveLength(1);
  });

  it('resumes with a fresh token when the paused transfer is gone', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const running = (await h.job(id!))!;
    await h.engine.act(id!, 'pause');
    await h.idle();
    h.downloads.vanish(running.downloadId!);
    await h.engine.act(id!, 'resume');
    await h.idle();
    const after = (await h.job(id!))!;
    expect(after.state).toBe('downloading');
    expect(after.downloadId).not.toBe(running.downloadId);
    expect(h.client.callsOf('getToken')).toHaveLength(2);
  });

  it('a paused transfer that died while paused is dropped, and Resume starts afresh', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const running = (await h.job(id!))!;
    await h.engine.act(id!, 'pause');
    await h.idle();
    h.downloads.interrupt(running.downloadId!, 'USER_CANCELED');
    await h.engine.onDownloadChanged({ id: running.downloadId!, state: { current: 'interrupted' } });
    await h.idle();
    const paused = (await h.job(id!))!;
    expect(paused.state).toBe('paused');
    expect(paused.downloadId).toBeUndefined();
    await h.engine.act(id!, 'resume');
    await h.idle();
    expect(await state(id!)).toBe('downloading');
    expect(h.client.callsOf('getToken')).toHaveLength(2);
  });

  it('pausing a queued job keeps it out of the scheduler until resumed', async () => {
    h.options.parallel = 1;
    const [a, b] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb');
    await h.engine.act(b!, 'pause');
    await h.idle();
    expect(await state(b!)).toBe('paused');
    h.downloads.complete((await h.job(a!))!.downloadId!, { fileSize: DEFAULT_SIZE });
    await h.engine.onDownloadChanged({ id: (await h.job(a!))!.downloadId!, state: { current: 'complete' } });
    await h.idle();
    expect(await state(b!)).toBe('paused');
    await h.engine.act(b!, 'resume');
    await h.idle();
    expect(await state(b!)).toBe('downloading');
  });

  it('pausing a job while its token is being fetched wins: no download starts', async () => {
    let release!: () => void;
    h.client.once(
      'getToken',
      () => new Promise<string>((r) => (release = () => r('https://a-1.1fichier.com/p9'))),
    );
    const [id] = await h.engine.enqueue([item('aaaaaaaaaa')]).then((r) => r.added.map((j) => j.id));
    await h.until(
      async () => (await h.job(id!))?.state === 'resolving' && h.client.callsOf('getToken').length === 1,
    );
    await h.engine.act(id!, 'pause');
    release();
    await h.idle();
    expect(await state(id!)).toBe('paused');
    expect(h.downloads.calls).toEqual([]);
  });

  it('cancel stops the transfer and leaves the job Failed (cancelled), which Retry starts again', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const running = (await h.job(id!))!;
    await h.engine.act(id!, 'cancel');
    await h.idle();
    expect(await h.job(id!)).toMatchObject({ state: 'failed', error: { kind: 'cancelled' } });
    expect(h.downloads.cancels).toEqual([running.downloadId]);
    // The browser's USER_CANCELED event that follows is ours: nothing restarts.
    await h.engine.onDownloadChanged({ id: running.downloadId!, state: { current: 'interrupted' } });
    await h.idle();
    expect(await state(id!)).toBe('failed');
    expect(h.downloads.calls).toHaveLength(1);
    await h.engine.act(id!, 'retry');
    await h.idle();
    expect(await state(id!)).toBe('downloading');
    expect(h.downloads.calls).toHaveLength(2);
  });

  it('remove forgets the job and its password', async () => {
    h.options.parallel = 0;
    const [id] = await enqueue('aaaaaaaaaa');
    h.passwords.set(id!, 'secret6');
    await h.engine.act(id!, 'remove');
    await h.idle();
    expect(await h.job(id!)).toBeUndefined();
    expect(h.passwords.has(id!)).toBe(false);
  });

  it('moves a job to the top, up and down', async () => {
    h.options.parallel = 0;
    const [, , c, d] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd');
    await h.engine.act(c!, 'moveTop');
    expect(await order()).toEqual(['cccccccccc', 'aaaaaaaaaa', 'bbbbbbbbbb', 'dddddddddd']);
    await h.engine.act(d!, 'moveUp');
    expect(await order()).toEqual(['cccccccccc', 'aaaaaaaaaa', 'dddddddddd', 'bbbbbbbbbb']);
    await h.engine.act(c!, 'moveDown');
    expect(await order()).toEqual(['aaaaaaaaaa', 'cccccccccc', 'dddddddddd', 'bbbbbbbbbb']);
  });

  it('moving to the top makes a job the next one to start', async () => {
    h.options.parallel = 0;
    const [, , c] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc');
    await h.engine.act(c!, 'moveTop');
    h.options.parallel = 1;
    await h.engine.pump();
    await h.idle();
    expect(await state(c!)).toBe('downloading');
  });

  it('a high priority job starts before earlier normal ones', async () => {
    h.options.parallel = 0;
    const [, b] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb');
    await h.engine.setPriority([b!], 'high');
    h.options.parallel = 1;
    await h.engine.pump();
    await h.idle();
    expect(await state(b!)).toBe('downloading');
    expect((await h.job(b!))!.priority).toBe('high');
    await h.engine.setPriority([b!], 'normal');
    expect((await h.job(b!))!.priority).toBeUndefined();
  });

  it('bulk: pause all, resume all, retry failed, clear completed', async () => {
    const [a, b, c] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc');
    expect(await h.engine.bulk('pauseAll')).toBe(3);
    await h.idle();
    expect(await Promise.all([a, b, c].map((id) => state(id!)))).toEqual(['paused', 'paused', 'paused']);
    expect(await h.engine.bulk('resumeAll')).toBe(3);
    await h.idle();
    expect(await Promise.all([a, b, c].map((id) => state(id!)))).toEqual([
      'downloading',
      'downloading',
      'downloading',
    ]);
    // a completes, b fails for good, c runs on.
    const da = (await h.job(a!))!.downloadId!;
    h.downloads.complete(da, { fileSize: DEFAULT_SIZE });
    await h.engine.onDownloadChanged({ id: da, state: { current: 'complete' } });
    await h.engine.act(b!, 'cancel');
    await h.idle();
    expect(await h.engine.bulk('retryFailed')).toBe(1);
    await h.idle();
    expect(await state(b!)).toBe('downloading');
    expect(await h.engine.bulk('clearCompleted')).toBe(1);
    expect(await h.job(a!)).toBeUndefined();
    expect((await h.store.all()).map((j) => j.fileKey).toSorted()).toEqual(['bbbbbbbbbb', 'cccccccccc']);
  });

  it('an interrupted download the browser can continue is resumed in place, at most 3 times', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const { downloadId } = (await h.job(id!))!;
    for (let i = 1; i <= MAX_RESUMES; i++) {
      h.downloads.interrupt(downloadId!, 'NETWORK_FAILED', true);
      await h.engine.onDownloadChanged({ id: downloadId!, state: { current: 'interrupted' } });
      await h.idle();
      expect(await h.job(id!)).toMatchObject({ state: 'downloading', downloadId, resumes: i });
    }
    expect(h.downloads.resumes).toHaveLength(MAX_RESUMES);
    // Once more: a fresh token and a new download instead.
    h.downloads.interrupt(downloadId!, 'NETWORK_FAILED', true);
    await h.engine.onDownloadChanged({ id: downloadId!, state: { current: 'interrupted' } });
    await h.idle();
    const after = (await h.job(id!))!;
    expect(after).toMatchObject({
      state: 'waiting',
      error: { kind: 'transferFailed', detail: 'NETWORK_FAILED' },
    });
    expect(h.downloads.cancels).toContain(downloadId);
    h.clock.t = after.nextAttemptAt!;
    await h.engine.pump();
    await h.idle();
    expect(await h.job(id!)).toMatchObject({ state: 'downloading', resumes: 0 });
    expect(h.client.callsOf('getToken')).toHaveLength(2);
  });

  it('a resume the browser silently ignores (its auto-resumes spent) becomes a fresh download', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const { downloadId } = (await h.job(id!))!;
    h.downloads.ignoreResumes(true);
    h.downloads.interrupt(downloadId!, 'SERVER_CONTENT_LENGTH_MISMATCH', true);
    await h.engine.onDownloadChanged({ id: downloadId!, state: { current: 'interrupted' } });
    await h.idle();
    const after = (await h.job(id!))!;
    expect(h.downloads.resumes).toEqual([downloadId]);
    expect(after).toMatchObject({ state: 'waiting', error: { kind: 'transferFailed' } });
    // The old partial file is let go: Chromium ignores a cancel there, so the item is erased too.
    expect(h.downloads.cancels).toContain(downloadId);
    expect(h.downloads.erased).toContain(downloadId);
    h.clock.t = after.nextAttemptAt!;
    await h.engine.pump();
    await h.idle();
    expect((await h.job(id!))!.downloadId).not.toBe(downloadId);
    expect(h.client.callsOf('getToken')).toHaveLength(2);
  });

  it('a user Resume the browser ignores starts afresh with a new token', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const { downloadId } = (await h.job(id!))!;
    await h.engine.act(id!, 'pause');
    h.downloads.ignoreResumes(true);
    await h.engine.act(id!, 'resume');
    await h.idle();
    const after = (await h.job(id!))!;
    expect(after.state).toBe('downloading');
    expect(after.downloadId).not.toBe(downloadId);
    expect(h.downloads.cancels).toContain(downloadId);
    expect(h.client.callsOf('getToken')).toHaveLength(2);
  });

  it.each([
    ['FILE_NO_SPACE', 'diskFull'],
    ['FILE_ACCESS_DENIED', 'fileError'],
    ['FILE_NAME_TOO_LONG', 'fileError'],
  ] as const)('%s fails the job (%s) without any retry', async (reason, kind) => {
    const [id] = await enqueue('aaaaaaaaaa');
    const { downloadId } = (await h.job(id!))!;
    h.downloads.interrupt(downloadId!, reason, true);
    await h.engine.onDownloadChanged({ id: downloadId!, state: { current: 'interrupted' } });
    await h.idle();
    expect(await h.job(id!)).toMatchObject({ state: 'failed', error: { kind } });
    h.clock.t = T0 + 3_600_000;
    await h.engine.pump();
    await h.idle();
    expect(await state(id!)).toBe('failed');
    expect(h.client.callsOf('getToken')).toHaveLength(1);
    expect(h.downloads.resumes).toEqual([]);
  });

  it('asks the browser for the subfolder path and the conflict policy of the settings', async () => {
    h.options.subfolderTemplate = '1Fichier/{site}';
    h.options.conflictAction = 'overwrite';
    await h.engine.enqueue([
      { ...item('aaaaaaaaaa', 'https://forum.example/t/1'), name: 'a<b>.bin', size: 5 },
    ]);
    await h.engine.enqueue([
      {
        ...item('bbbbbbbbbb'),
        name: 'b.bin',
        size: 5,
        package: { key: 'dir:Fold3r', link: 'https://1fichier.com/dir/Fold3r', name: 'Fold3r' },
      },
    ]);
    await h.idle();
    expect(h.downloads.calls.map((c) => [c.filename, c.conflictAction])).toEqual([
      ['1Fichier/forum.example/a_b_.bin', 'overwrite'],
      ['1Fichier/1fichier.com/Fold3r/b.bin', 'overwrite'],
    ]);
    const job = (await h.store.all()).find((j) => j.fileKey === 'aaaaaaaaaa')!;
    expect(job.targetPath).toBe('1Fichier/forum.example/a_b_.bin');
  });

  it('holds back small files by the start delay and asks to be woken for the next', async () => {
    h.options.smallFileDelaySec = 10;
    await enqueue('aaaaaaaaaa', 'bbbbbbbbbb');
    const states = (await h.store.ordered()).map((j) => j.state);
    expect(states).toEqual(['downloading', 'queued']);
    expect(h.wakes.at(-1)).toBe(T0 + 10_000);
    h.clock.t = T0 + 10_000;
    await h.engine.pump();
    await h.idle();
    expect((await h.store.ordered()).map((j) => j.state)).toEqual(['downloading', 'downloading']);
  });
});
