import { describe, it, expect } from 'vitest';
import type { Job } from '../../../utils/queue/job';
import { dueWaiting, hostOf, nextWake, pickNext as schedule } from '../../../utils/queue/scheduler';
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
/** The jobs started with only the global limit in play. */
const pickNext = (jobs: Job[], limit: number) => schedule(jobs, { limit, now: 10_000 }).start;
const MB = 1024 * 1024;

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

describe('pickNext: priorities, hosts and the small-file delay', () => {
  it('starts high before normal before low, the manual order deciding within each', () => {
    const low = job('queued', { order: 1, priority: 'low' });
    const n1 = job('queued', { order: 3 });
    const high = job('queued', { order: 9, priority: 'high' });
    const n2 = job('queued', { order: 2 });
    expect(ids(pickNext([low, n1, high, n2], 10))).toEqual([high.id, n2.id, n1.id, low.id]);
    expect(ids(pickNext([low, n1, high, n2], 2))).toEqual([high.id, n2.id]);
  });

  it('never starts a protected folder waiting for its password', () => {
    const folder = job('queued', { kind: 'folder' });
    const file = job('queued');
    expect(ids(pickNext([folder, file], 5))).toEqual([file.id]);
  });

  it('keeps each host within its connection budget; the mirrors share 1fichier.com', () => {
    const mirror = job('downloading', { link: 'https://alterupload.com/?aaaaaaaaaa' });
    const running = job('downloading');
    const queued = [job('queued'), job('queued'), job('queued')];
    expect(hostOf(mirror)).toBe(hostOf(running));
    const out = schedule([mirror, running, ...queued], { limit: 10, now: 0, hostBudget: 3 }).start;
    expect(ids(out)).toEqual([queued[0]!.id]);
    // A transfer with several connections uses that many of the budget.
    const wide = schedule(queued, { limit: 10, now: 0, hostBudget: 7, connectionsOf: () => 3 }).start;
    expect(wide).toHaveLength(2);
  });

  it('spaces starts of small files and lets big files start meanwhile', () => {
    const small1 = job('queued', { size: 10 * MB });
    const small2 = job('queued', { size: 10 * MB });
    const big = job('queued', { size: 500 * MB });
    const unknown = job('queued');
    const first = schedule([small1, small2, big, unknown], {
      limit: 10,
      now: 1_000,
      smallFileDelayMs: 10_000,
    });
    expect(ids(first.start)).toEqual([small1.id, big.id]);
    expect(first.wakeAt).toBe(11_000);
    const later = schedule([small2, unknown], {
      limit: 10,
      now: 5_000,
      smallFileDelayMs: 10_000,
      lastSmallStartAt: 1_000,
    });
    expect(later.start).toEqual([]);
    expect(later.wakeAt).toBe(11_000);
    const due = schedule([small2, unknown], {
      limit: 10,
      now: 11_000,
      smallFileDelayMs: 10_000,
      lastSmallStartAt: 1_000,
    });
    expect(ids(due.start)).toEqual([small2.id]);
    // Without a delay every small file starts at once, and nothing asks for a wake-up.
    const none = schedule([small1, small2, unknown], { limit: 10, now: 0 });
    expect(none.start).toHaveLength(3);
    expect(none.wakeAt).toBeUndefined();
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
