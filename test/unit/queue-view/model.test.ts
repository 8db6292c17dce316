import { describe, it, expect } from 'vitest';
import * as fc from 'fast-check';
import type { JobView } from '../../../utils/messaging/protocol.ts';
import { createQueueModel } from '../../../utils/queue-view/model.ts';
import { byQueueOrder } from '../../../utils/queue-view/sort.ts';
import { ALL_STATES, view } from './views.ts';

const SEED = 0x7e57;

function loaded(jobs: JobView[]) {
  const model = createQueueModel();
  model.apply({ type: 'snapshot', jobs });
  return model;
}

describe('queue model: snapshot', () => {
  it('is not loaded until the first snapshot, even an empty one', () => {
    const model = createQueueModel();
    expect(model.loaded).toBe(false);
    expect(model.ids()).toEqual([]);
    expect(model.apply({ type: 'snapshot', jobs: [] })).toBe('structure');
    expect(model.loaded).toBe(true);
  });

  it('orders ids by order, then by when they were queued, whatever the snapshot order', () => {
    const model = loaded([
      view('c', { order: 3 }),
      view('b2', { order: 2, createdAt: 20 }),
      view('a', { order: 1 }),
      view('b1', { order: 2, createdAt: 10 }),
    ]);
    expect(model.ids()).toEqual(['a', 'b1', 'b2', 'c']);
    expect(model.get('c')?.order).toBe(3);
  });

  it('a later snapshot replaces everything (jobs gone from it are gone)', () => {
    const model = loaded([view('a'), view('b', { order: 2 })]);
    model.apply({ type: 'snapshot', jobs: [view('c')] });
    expect(model.ids()).toEqual(['c']);
    expect(model.get('a')).toBeUndefined();
  });
});

describe('queue model: patches', () => {
  it('adds, replaces and removes jobs; replaced jobs are new objects', () => {
    const model = loaded([view('a', { order: 1 }), view('b', { order: 2 })]);
    const before = model.get('a');
    const effect = model.apply({
      type: 'patch',
      upsert: [view('a', { order: 1, state: 'downloading' }), view('c', { order: 3 })],
      remove: ['b'],
    });
    expect(effect).toBe('structure');
    expect(model.ids()).toEqual(['a', 'c']);
    expect(model.get('a')).not.toBe(before);
    expect(model.get('a')?.state).toBe('downloading');
    expect(model.get('b')).toBeUndefined();
  });

  it('keeps the same ids() array when no job was added, removed or moved', () => {
    const model = loaded([view('a', { order: 1 }), view('b', { order: 2 })]);
    const ids = model.ids();
    model.apply({ type: 'patch', upsert: [view('b', { order: 2, state: 'paused' })], remove: [] });
    expect(model.ids()).toBe(ids);
    model.apply({ type: 'patch', upsert: [view('b', { order: 0 })], remove: [] });
    expect(model.ids()).not.toBe(ids);
    expect(model.ids()).toEqual(['b', 'a']);
  });

  it('a patch for an unknown id adds it; a removal of an unknown id changes nothing', () => {
    const model = loaded([view('a', { order: 5 })]);
    model.apply({ type: 'patch', upsert: [view('new', { order: 1 })], remove: ['ghost'] });
    expect(model.ids()).toEqual(['new', 'a']);
    expect(model.get('ghost')).toBeUndefined();
  });

  it('an empty patch changes nothing', () => {
    const model = loaded([view('a')]);
    const ids = model.ids();
    expect(model.apply({ type: 'patch', upsert: [], remove: [] })).toBe('none');
    expect(model.ids()).toBe(ids);
  });

  it('a job both upserted and removed in one patch is removed', () => {
    const model = loaded([view('a')]);
    model.apply({ type: 'patch', upsert: [view('a', { state: 'paused' })], remove: ['a'] });
    expect(model.ids()).toEqual([]);
    expect(model.get('a')).toBeUndefined();
  });

  it('applies patches received before the snapshot, which then replaces them', () => {
    const model = createQueueModel();
    model.apply({ type: 'patch', upsert: [view('early')], remove: [] });
    expect(model.loaded).toBe(false);
    model.apply({ type: 'snapshot', jobs: [view('a')] });
    expect(model.ids()).toEqual(['a']);
  });
});

const running = () => loaded([view('run', { state: 'downloading', size: 10_000, bytesReceived: 0 })]);

describe('queue model: progress', () => {
  it('updates the byte count of a running job (a new object) and its speed; ids() stays', () => {
    const model = running();
    const ids = model.ids();
    const before = model.get('run');
    expect(model.apply({ type: 'progress', at: 1_000, bytes: { run: 1_000 } })).toBe('progress');
    expect(model.apply({ type: 'progress', at: 2_000, bytes: { run: 3_000 } })).toBe('progress');
    expect(model.get('run')?.bytesReceived).toBe(3_000);
    expect(model.get('run')).not.toBe(before);
    expect(model.speed('run')).toBe(2_000);
    expect(model.ids()).toBe(ids);
  });

  it('ignores counts for unknown jobs and for jobs not downloading', () => {
    const model = loaded([
      view('p', { state: 'paused', bytesReceived: 5 }),
      view('c', { state: 'completed' }),
    ]);
    const p = model.get('p');
    expect(model.apply({ type: 'progress', at: 1_000, bytes: { p: 50, c: 60, ghost: 70 } })).toBe('none');
    expect(model.apply({ type: 'progress', at: 2_000, bytes: { p: 500, c: 600, ghost: 700 } })).toBe('none');
    expect(model.get('p')).toBe(p);
    expect(model.get('ghost')).toBeUndefined();
    expect([model.speed('p'), model.speed('c'), model.speed('ghost')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('an unchanged count is no change to the job', () => {
    const model = running();
    model.apply({ type: 'progress', at: 1_000, bytes: { run: 1_000 } });
    const job = model.get('run');
    expect(model.apply({ type: 'progress', at: 1_000, bytes: { run: 1_000 } })).toBe('none');
    expect(model.get('run')).toBe(job);
  });

  it('a count going back (a restarted transfer) is shown and the speed starts over', () => {
    const model = running();
    model.apply({ type: 'progress', at: 1_000, bytes: { run: 1_000 } });
    model.apply({ type: 'progress', at: 2_000, bytes: { run: 5_000 } });
    expect(model.apply({ type: 'progress', at: 3_000, bytes: { run: 200 } })).toBe('progress');
    expect(model.get('run')?.bytesReceived).toBe(200);
    expect(model.speed('run')).toBeUndefined();
  });

  it('forgets the speed of a job that stops downloading or leaves the queue', () => {
    const model = loaded([
      view('a', { state: 'downloading' }),
      view('b', { state: 'downloading', order: 2 }),
    ]);
    model.apply({ type: 'progress', at: 0, bytes: { a: 0, b: 0 } });
    model.apply({ type: 'progress', at: 1_000, bytes: { a: 100, b: 100 } });
    expect([model.speed('a'), model.speed('b')]).toEqual([100, 100]);
    model.apply({ type: 'patch', upsert: [view('a', { state: 'paused' })], remove: ['b'] });
    expect([model.speed('a'), model.speed('b')]).toEqual([undefined, undefined]);
    // Resumed: the speed is measured afresh, not from the count before the pause.
    model.apply({ type: 'patch', upsert: [view('a', { state: 'downloading' })], remove: [] });
    model.apply({ type: 'progress', at: 5_000, bytes: { a: 200 } });
    expect(model.speed('a')).toBeUndefined();
  });
});

describe('queue model: properties', () => {
  const ID_POOL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  // createdAt is fixed per id (as in the store); order moves.
  const job = fc
    .record({
      id: fc.constantFrom(...ID_POOL),
      order: fc.integer({ min: 0, max: 5 }),
      state: fc.constantFrom(...ALL_STATES),
      bytesReceived: fc.option(fc.nat(1_000), { nil: undefined }),
    })
    .map((r) => view(r.id, { ...r, createdAt: ID_POOL.indexOf(r.id) }));
  const patch = fc.record({
    upsert: fc.array(job, { maxLength: 4 }),
    remove: fc.array(fc.constantFrom(...ID_POOL, 'ghost'), { maxLength: 3 }),
  });

  it('a snapshot then any patches equals a fresh snapshot of the final state', () => {
    fc.assert(
      fc.property(fc.array(job, { maxLength: 8 }), fc.array(patch, { maxLength: 10 }), (start, patches) => {
        const model = createQueueModel();
        model.apply({ type: 'snapshot', jobs: start });
        const truth = new Map(start.map((j) => [j.id, j]));
        for (const p of patches) {
          model.apply({ type: 'patch', ...p });
          for (const j of p.upsert) truth.set(j.id, j);
          for (const id of p.remove) truth.delete(id);
        }
        const fresh = createQueueModel();
        fresh.apply({ type: 'snapshot', jobs: [...truth.values()].toSorted(byQueueOrder) });
        expect(model.ids()).toEqual(fresh.ids());
        for (const id of fresh.ids()) expect(model.get(id)).toEqual(fresh.get(id));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('queue model: found by these tests, fixed', () => {
  // A stalled transfer (the same count, later) lowers the speed: the push must redraw its row.
  it('a stalled transfer (same count, later) is a progress change: its speed fell', () => {
    const model = loaded([view('run', { state: 'downloading' })]);
    model.apply({ type: 'progress', at: 0, bytes: { run: 0 } });
    model.apply({ type: 'progress', at: 1_000, bytes: { run: 1_000_000 } });
    const speed = model.speed('run')!;
    const effect = model.apply({ type: 'progress', at: 5_000, bytes: { run: 1_000_000 } });
    expect(model.speed('run')).toBeLessThan(speed);
    expect(effect).toBe('progress');
  });
});

describe('queue model: what a patch changes', () => {
  it('a patch that changes only what a row shows is a progress change (lists do not recompute)', () => {
    const model = loaded([view('a', { state: 'failed', error: { kind: 'network' } })]);
    const ids = model.ids();
    const effect = model.apply({
      type: 'patch',
      upsert: [view('a', { state: 'failed', error: { kind: 'notFound' } })],
      remove: [],
    });
    expect(effect).toBe('progress');
    expect(model.get('a')!.error).toEqual({ kind: 'notFound' });
    expect(model.ids()).toBe(ids);
  });

  it.each([
    ['state', { state: 'completed' as const }],
    ['name', { name: 'renamed.bin' }],
    ['size', { size: 42 }],
    ['package', { package: { key: 'k', link: 'https://1fichier.com/dir/abcdefgh', name: 'F' } }],
    ['order', { order: 99 }],
  ])('a patch that changes the %s is a structure change', (_field, change) => {
    const model = loaded([view('a', { state: 'queued' })]);
    expect(
      model.apply({ type: 'patch', upsert: [view('a', { state: 'queued', ...change })], remove: [] }),
    ).toBe('structure');
  });

  it('removing ids the page never had changes nothing', () => {
    const model = loaded([view('a', { state: 'queued' })]);
    expect(model.apply({ type: 'patch', upsert: [], remove: ['nope'] })).toBe('none');
  });
});

describe('queue model: a snapshot in two parts', () => {
  it('is loaded after the first screen, complete after the rest, in queue order', () => {
    const model = createQueueModel();
    expect(model.apply({ type: 'snapshot', jobs: [view('a', { order: 1 })], more: true })).toBe('structure');
    expect(model.loaded).toBe(true);
    expect(model.complete).toBe(false);
    expect(model.apply({ type: 'rest', jobs: [view('c', { order: 3 }), view('b', { order: 2 })] })).toBe(
      'structure',
    );
    expect(model.complete).toBe(true);
    expect(model.ids()).toEqual(['a', 'b', 'c']);
  });

  it('a snapshot without `more` is complete at once', () => {
    const model = createQueueModel();
    model.apply({ type: 'snapshot', jobs: [] });
    expect(model.complete).toBe(true);
  });
});
