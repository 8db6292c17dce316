import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { ARIA2_STALL_MS } from '../../../utils/queue/aria2-settle';
import { DEFAULT_SIZE, defaultName } from '../../fakes/client';
import { createHarness, item, KEY, T0, type Harness } from './harness';

const ID = 'abcdefghij';
const LINK = `https://1fichier.com/?${ID}`;

describe('queue engine with aria2', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    h = await createHarness();
    h.options.aria2Enabled = true;
    h.options.transfer = 'aria2';
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function enqueueOne(id = ID) {
    const result = await h.engine.enqueue([item(id)]);
    await h.idle();
    return (await h.job(result.added[0]!.id))!;
  }

  /** aria2 finishes the download; the engine hears it (a notification or a poll). */
  async function finish(gid: string, bytes = DEFAULT_SIZE) {
    const d = h.aria2.downloads.get(gid)!;
    Object.assign(d, { status: 'complete', completedLength: bytes, totalLength: bytes });
    await h.engine.onAria2Event(gid);
    await h.idle();
  }

  const methods = () => h.aria2.calls.map((c) => c.method);

  it('asks aria2 first, then the token, and adds the link under the GID it wrote before', async () => {
    const job = await enqueueOne();
    expect(job).toMatchObject({ state: 'downloading', viaAria2: true, connections: 3 });
    expect(job.gid).toMatch(/^[0-9a-f]{16}$/);
    expect(job.downloadId).toBeUndefined();
    expect(h.downloads.calls).toHaveLength(0);
    expect(methods().slice(0, 2)).toEqual(['version', 'addUri']);
    expect(h.client.callsOf('getToken')).toHaveLength(1);
    const [gid, d] = h.aria2.only();
    expect(gid).toBe(job.gid);
    expect(d.uri).toBe(job.pendingUrl);
    expect(d.options).toEqual({
      gid,
      out: defaultName(LINK),
      split: '3',
      'max-connection-per-server': '3',
      'min-split-size': '1M',
    });
    // Nothing aria2 receives holds the API key.
    expect(JSON.stringify(h.aria2.calls)).not.toContain(KEY);
  });

  it('completes with aria2’s path and size; the folder and connections come from the settings', async () => {
    h.options.aria2Dir = '/mnt/nas/downloads';
    h.options.aria2Connections = 5;
    const job = await enqueueOne();
    expect(h.aria2.only()[1].options).toMatchObject({ dir: '/mnt/nas/downloads', split: '5' });
    await finish(job.gid!);
    const done = (await h.job(job.id))!;
    expect(done).toMatchObject({
      state: 'completed',
      finalPath: `/mnt/nas/downloads/${defaultName(LINK)}`,
      bytesReceived: DEFAULT_SIZE,
      viaAria2: true,
    });
    expect(done.gid).toBeUndefined();
    expect(h.history.get(job.id)).toEqual(['queued', 'resolving', 'downloading', 'completed']);
  });

  it('a size other than 1Fichier’s is not a completion', async () => {
    const job = await enqueueOne();
    await finish(job.gid!, DEFAULT_SIZE - 1);
    expect(await h.job(job.id)).toMatchObject({ state: 'waiting', error: { kind: 'sizeMismatch' } });
    expect(h.aria2.downloads.size).toBe(0);
  });

  it.each([
    ['aria2NotRunning', false],
    ['aria2Unauthorized', true],
  ] as const)('%s at the start: failed with that reason, and no token spent', async (kind, fallback) => {
    h.options.aria2Fallback = fallback;
    h.aria2.failure = kind;
    const job = await enqueueOne();
    expect(job).toMatchObject({ state: 'failed', error: { kind } });
    expect(h.client.callsOf('getToken')).toHaveLength(0);
    expect(h.downloads.calls).toHaveLength(0);
  });

  it('aria2 unreachable with the fallback on: that job downloads in the browser', async () => {
    h.options.aria2Fallback = true;
    h.aria2.failure = 'aria2Unreachable';
    const job = await enqueueOne();
    expect(job).toMatchObject({ state: 'downloading', downloadId: 1 });
    expect(job.viaAria2).toBeUndefined();
    expect(h.downloads.calls).toHaveLength(1);
  });

  it('aria2 turned off: a job set to aria2 goes to the browser', async () => {
    h.options.aria2Enabled = false;
    const job = await enqueueOne();
    expect(job.downloadId).toBe(1);
    expect(h.aria2.calls).toHaveLength(0);
  });

  it.each([
    ['18', 'failed', 'aria2DirRefused'],
    ['16', 'failed', 'aria2DirRefused'],
    ['9', 'failed', 'diskFull'],
    ['2', 'waiting', 'transferFailed'],
  ] as const)('aria2 error %s → %s (%s)', async (code, state, kind) => {
    const job = await enqueueOne();
    Object.assign(h.aria2.downloads.get(job.gid!)!, { status: 'error', errorCode: code });
    await h.engine.pollAria2();
    await h.idle();
    expect(await h.job(job.id)).toMatchObject({ state, error: { kind } });
    expect(h.aria2.downloads.size).toBe(0);
  });

  it('a failed transfer is retried with a fresh token and a new GID, for the same file', async () => {
    const job = await enqueueOne();
    const first = h.aria2.downloads.get(job.gid!)!;
    Object.assign(first, { status: 'error', errorCode: '2' });
    await h.engine.pollAria2();
    await h.idle();
    const waiting = (await h.job(job.id))!;
    h.clock.t = waiting.nextAttemptAt!;
    await h.engine.pump();
    await h.idle();
    const again = (await h.job(job.id))!;
    expect(again.state).toBe('downloading');
    expect(again.gid).not.toBe(job.gid);
    expect(h.client.callsOf('getToken')).toHaveLength(2);
    // The same file aria2 wrote first is asked for again: continued or started over, never a copy.
    expect(h.aria2.only()[1].options).toMatchObject({
      dir: '/srv/aria2',
      out: defaultName(LINK),
      'allow-overwrite': 'true',
    });
  });

  it('aria2 restarted (the GID is unknown): waiting, then added again once', async () => {
    const job = await enqueueOne();
    h.aria2.restart();
    await h.engine.pollAria2();
    await h.idle();
    const lost = (await h.job(job.id))!;
    expect(lost).toMatchObject({ state: 'waiting', error: { kind: 'aria2Lost' } });
    h.clock.t = lost.nextAttemptAt!;
    await h.engine.pump();
    await h.idle();
    const [gid] = h.aria2.only();
    await finish(gid);
    expect(await h.job(job.id)).toMatchObject({ state: 'completed' });
    expect(h.history.get(job.id)!.filter((s) => s === 'completed')).toHaveLength(1);
  });

  it('no progress for the stall time: removed in aria2 and retried', async () => {
    const job = await enqueueOne();
    h.aria2.downloads.get(job.gid!)!.completedLength = 0;
    h.clock.t = T0 + ARIA2_STALL_MS - 1;
    await h.engine.pollAria2();
    expect((await h.job(job.id))!.state).toBe('downloading');
    h.clock.t = T0 + ARIA2_STALL_MS + 1;
    await h.engine.pollAria2();
    await h.idle();
    expect(await h.job(job.id)).toMatchObject({ state: 'waiting', error: { kind: 'aria2Stalled' } });
    expect(h.aria2.downloads.has(job.gid!)).toBe(false);
  });

  it('progress is recorded (at most every 10 s) and keeps a download from counting as stalled', async () => {
    const job = await enqueueOne();
    const d = h.aria2.downloads.get(job.gid!)!;
    for (let i = 1; i <= 30; i++) {
      h.clock.t = T0 + i * 10_000;
      d.completedLength = i * 10;
      await h.engine.pollAria2();
    }
    expect(await h.job(job.id)).toMatchObject({ state: 'downloading', bytesReceived: 300 });
    expect((await h.engine.progress()).get(job.id)).toBe(300);
  });

  it('aria2 silent while downloading: unchanged at first, failed with the reason after the stall time', async () => {
    const job = await enqueueOne();
    h.aria2.failure = 'aria2NotRunning';
    await h.engine.pollAria2();
    expect((await h.job(job.id))!.state).toBe('downloading');
    h.clock.t = T0 + ARIA2_STALL_MS + 1;
    await h.engine.pollAria2();
    expect(await h.job(job.id)).toMatchObject({ state: 'failed', error: { kind: 'aria2NotRunning' } });
  });

  it('paused in aria2’s own interface: paused here; Resume starts it afresh', async () => {
    const job = await enqueueOne();
    h.aria2.downloads.get(job.gid!)!.status = 'paused';
    await h.engine.onAria2Event(job.gid!);
    expect(await h.job(job.id)).toMatchObject({ state: 'paused', gid: job.gid });
    await h.engine.act(job.id, 'resume');
    await h.idle();
    expect(await h.job(job.id)).toMatchObject({ state: 'downloading' });
    expect(h.aria2.only()[0]).not.toBe(job.gid);
  });

  it('a job caught between its token and addUri while aria2 stays silent is queued again after the stall time', async () => {
    await h.seed({
      id: 'j1',
      state: 'resolving',
      gid: '00000000000000cc',
      pendingUrl: 'https://a-1.1fichier.com/pZ',
      startedAt: T0,
    });
    h.aria2.failure = 'aria2NotRunning';
    await h.engine.pollAria2();
    expect((await h.job('j1'))!.state).toBe('resolving');
    h.clock.t = T0 + ARIA2_STALL_MS + 1;
    await h.engine.pollAria2();
    await h.idle();
    // Queued again, it asks aria2 first: still not running, so it fails with that reason.
    expect(await h.job('j1')).toMatchObject({ state: 'failed', error: { kind: 'aria2NotRunning' } });
    expect(h.client.callsOf('getToken')).toHaveLength(0);
  });

  it('a worker that died after addUri adopts the download instead of adding it twice', async () => {
    await h.aria2.client.addUri('https://a-1.1fichier.com/pX', { gid: '00000000000000aa', out: 'x.bin' });
    await h.seed({
      id: 'j1',
      state: 'resolving',
      gid: '00000000000000aa',
      pendingUrl: 'https://a-1.1fichier.com/pX',
    });
    await h.seed({
      id: 'j2',
      state: 'resolving',
      gid: '00000000000000bb',
      pendingUrl: 'https://a-1.1fichier.com/pY',
    });
    h.aria2.calls.length = 0;
    await h.engine.start();
    await h.idle();
    expect(await h.job('j1')).toMatchObject({ state: 'downloading', gid: '00000000000000aa' });
    // j2's addUri never reached aria2: it is queued again and started once.
    const j2 = (await h.job('j2'))!;
    expect(j2.state).toBe('downloading');
    expect(j2.gid).not.toBe('00000000000000bb');
    expect(methods().filter((m) => m === 'addUri')).toHaveLength(1);
  });

  it('pause pauses it in aria2; resume starts afresh with a fresh link and lets go of the old GID', async () => {
    const job = await enqueueOne();
    await h.engine.act(job.id, 'pause');
    expect(await h.job(job.id)).toMatchObject({ state: 'paused', gid: job.gid });
    expect(h.aria2.downloads.get(job.gid!)!.status).toBe('paused');
    await h.engine.act(job.id, 'resume');
    await h.idle();
    const resumed = (await h.job(job.id))!;
    expect(resumed.state).toBe('downloading');
    expect(h.aria2.downloads.has(job.gid!)).toBe(false);
    expect(h.aria2.only()[0]).toBe(resumed.gid);
  });

  it('cancel and remove remove the download in aria2', async () => {
    const a = await enqueueOne('aaaaaaaaaa');
    const b = await enqueueOne('bbbbbbbbbb');
    await h.engine.act(a.id, 'cancel');
    await h.engine.act(b.id, 'remove');
    expect(await h.job(a.id)).toMatchObject({ state: 'failed', error: { kind: 'cancelled' } });
    expect(await h.job(b.id)).toBeUndefined();
    expect(h.aria2.downloads.size).toBe(0);
  });

  it('removed in aria2 by the user: cancelled here too', async () => {
    const job = await enqueueOne();
    h.aria2.downloads.get(job.gid!)!.status = 'removed';
    await h.engine.onAria2Event(job.gid!);
    expect(await h.job(job.id)).toMatchObject({ state: 'failed', error: { kind: 'cancelled' } });
  });

  it('"Send to aria2" queues a failed browser job again, to aria2; running jobs are left alone', async () => {
    h.options.transfer = 'browser';
    const failed = await enqueueOne('aaaaaaaaaa');
    await h.engine.act(failed.id, 'cancel');
    const running = await enqueueOne('bbbbbbbbbb');
    expect(await h.engine.setTransfer([failed.id, running.id], 'aria2')).toBe(1);
    await h.idle();
    expect(await h.job(failed.id)).toMatchObject({ state: 'downloading', transfer: 'aria2', viaAria2: true });
    expect(await h.job(running.id)).toMatchObject({ state: 'downloading', downloadId: running.downloadId });
    expect((await h.job(running.id))!.transfer).toBeUndefined();
  });

  it('aria2 connections count against the per-host budget of 30', async () => {
    h.options.aria2Connections = 16;
    await h.engine.enqueue([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc')]);
    await h.idle();
    const states = (await h.store.all()).map((j) => j.state).toSorted();
    expect(states).toEqual(['downloading', 'queued', 'queued']);
  });
});
