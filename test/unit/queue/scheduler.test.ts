import { describe, it, expect } from 'vitest';
import type { Job } from '../../../utils/queue/job';
import { dueWaiting, nextWake, pickNext } from '../../../utils/queue/scheduler';
import type { JobState } from '../../../utils/queue/state';

let n = 0;
function job(state: JobState, extra: Partial<Job> = {}): Job {
  n += 1;
  return {
    id: `j${n}`,
    fileKey: `f${n}`,
    link: `https://1fichier.com/?f${n}abcde`,
    state,
    order: n,
    createdAt: 1_000 + n,
    updatedAt: 1_000 + n,
    attempts: 0,
    ...extra,
  };
}

const ids = (jobs: Job[]) => jobs.map((j) => j.id);

describe('pickNext', () => {
  it('picks queued jobs in queue order, up to the limit', () => {
    const a = job('queued', { order: 30 });
    const b = job('queued', { order: 10 });
    const c = job('queued', { order: 20 });
    const d = job('queued', { order: 40 });
    expect(ids(pickNext([a, b, c, d], 3))).toEqual([b.id, c.id, a.id]);
  });

  it('breaks order ties by creation time', () => {
    const a = job('queued', { order: 5, createdAt: 300 });
    const b = job('queued', { order: 5, createdAt: 100 });
    const c = job('queued', { order: 5, createdAt: 200 });
    expect(ids(pickNext([a, b, c], 3))).toEqual([b.id, c.id, a.id]);
  });

  it('counts resolving and downloading jobs against the limit', () => {
    const running = [job('resolving'), job('downloading')];
    const queued = [job('queued'), job('queued'), job('queued')];
    expect(pickNext([...running, ...queued], 3)).toHaveLength(1);
    expect(pickNext([...running, ...queued], 2)).toEqual([]);
    expect(pickNext([...running, ...queued], 1)).toEqual([]);
  });

  it('never picks a job that is not queued, and other states do not use a slot', () => {
    const others = (
      ['paused', 'waiting', 'locked', 'completed', 'failed', 'resolving', 'downloading'] as const
    ).map((s) => job(s));
    expect(pickNext(others, 10)).toEqual([]);
    const q = job('queued');
    const idle = (['paused', 'waiting', 'locked', 'completed', 'failed'] as const).map((s) => job(s));
    expect(ids(pickNext([...idle, q], 1))).toEqual([q.id]);
  });

  it('picks nothing with a limit of 0 and does not reorder its input', () => {
    const list = [job('queued', { order: 2 }), job('queued', { order: 1 })];
    const copy = ids(list);
    expect(pickNext(list, 0)).toEqual([]);
    pickNext(list, 5);
    expect(ids(list)).toEqual(copy);
  });
});

describe('dueWaiting', () => {
  it('returns waiting jobs whose time has come (inclusive), and only those', () => {
    const past = job('waiting', { nextAttemptAt: 900 });
    const exact = job('waiting', { nextAttemptAt: 1_000 });
    const future = job('waiting', { nextAttemptAt: 1_001 });
    const noTime = job('waiting');
    const queued = job('queued', { nextAttemptAt: 0 });
    const failed = job('failed', { nextAttemptAt: 0 });
    expect(ids(dueWaiting([past, exact, future, noTime, queued, failed], 1_000))).toEqual([
      past.id,
      exact.id,
      noTime.id,
    ]);
  });
});

describe('nextWake', () => {
  it('is the earliest nextAttemptAt among waiting jobs', () => {
    expect(
      nextWake([
        job('waiting', { nextAttemptAt: 5_000 }),
        job('waiting', { nextAttemptAt: 2_000 }),
        job('failed', { nextAttemptAt: 1_000 }),
        job('queued', { nextAttemptAt: 500 }),
        job('waiting'),
        job('waiting', { nextAttemptAt: 3_000 }),
      ]),
    ).toBe(2_000);
  });

  it('is undefined without a waiting job that has a time', () => {
    expect(nextWake([])).toBeUndefined();
    expect(nextWake([job('queued'), job('waiting'), job('failed', { nextAttemptAt: 1 })])).toBeUndefined();
  });
});
