import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors';
import { DEFAULT_SIZE } from '../../fakes/client';
import { createHarness, item, type Harness } from './harness';

describe('queue engine while the vault is locked', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    h = await createHarness();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const states = async () => (await h.store.all()).toSorted((a, b) => a.order - b.order).map((j) => j.state);

  it('jobs queued while locked show Locked; no API call, no attempt counted', async () => {
    h.locked.value = true;
    await h.engine.enqueue([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc'), item('dddddddddd')]);
    await h.idle();
    expect(await states()).toEqual(['locked', 'locked', 'locked', 'locked']);
    expect(h.client.calls).toEqual([]);
    expect((await h.store.all()).every((j) => j.attempts === 0)).toBe(true);
  });

  it('unlocking resumes them in their order, and every one completes once', async () => {
    h.locked.value = true;
    const { added } = await h.engine.enqueue([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc')]);
    await h.idle();
    h.locked.value = false;
    await h.engine.pump();
    await h.idle();
    expect(await states()).toEqual(['downloading', 'downloading', 'downloading']);
    expect(h.client.callsOf('getToken').map((a) => a[1])).toEqual(added.map((j) => j.link));
    for (const job of await h.store.all()) {
      h.downloads.complete(job.downloadId!, { fileSize: DEFAULT_SIZE });
      await h.engine.onDownloadChanged({ id: job.downloadId!, state: { current: 'complete' } });
    }
    await h.idle();
    expect(await states()).toEqual(['completed', 'completed', 'completed']);
    expect(h.downloads.calls).toHaveLength(3);
  });

  it('locking mid-queue: running transfers go on, waiting ones become Locked', async () => {
    h.options.parallel = 1;
    await h.engine.enqueue([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc')]);
    await h.idle();
    expect(await states()).toEqual(['downloading', 'queued', 'queued']);
    h.locked.value = true;
    await h.engine.pump();
    await h.idle();
    expect(await states()).toEqual(['downloading', 'locked', 'locked']);
    const [first] = (await h.store.all()).toSorted((a, b) => a.order - b.order);
    h.downloads.complete(first!.downloadId!, { fileSize: DEFAULT_SIZE });
    await h.engine.onDownloadChanged({ id: first!.downloadId!, state: { current: 'complete' } });
    await h.idle();
    // The finished slot does not start a locked job.
    expect(await states()).toEqual(['completed', 'locked', 'locked']);
    expect(h.client.callsOf('getToken')).toHaveLength(1);
  });

  it('locked between the claim and the key: the job becomes Locked, not Failed, and the attempt is given back', async () => {
    // Auto-lock fires after the claim: the next use of the key finds the vault locked.
    h.client.once('fileInfo', () => {
      h.locked.value = true;
      throw new AppError('locked');
    });
    await h.engine.enqueue([item('aaaaaaaaaa')]);
    await h.idle();
    const job = await h.only();
    expect(job.state).toBe('locked');
    expect(job.attempts).toBe(0);
    expect(job.error).toBeUndefined();
  });

  it('a due Waiting job becomes Locked while locked, not Queued', async () => {
    await h.seed({ id: 'w', state: 'waiting', nextAttemptAt: h.clock.t - 1, attempts: 1 });
    h.locked.value = true;
    await h.engine.pump();
    await h.idle();
    expect((await h.job('w'))?.state).toBe('locked');
  });

  it('the key forgotten while locked: Locked jobs are queued again and fail for want of a key', async () => {
    h.locked.value = true;
    await h.engine.enqueue([item('aaaaaaaaaa')]);
    await h.idle();
    h.locked.value = false;
    h.key.value = undefined;
    await h.engine.pump();
    await h.idle();
    expect(await h.only()).toMatchObject({ state: 'failed', error: { kind: 'noKey' } });
  });
});
