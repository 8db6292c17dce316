import { describe, it, expect } from 'vitest';
import * as fc from 'fast-check';
import type { JobView } from '../../../utils/messaging/protocol.ts';
import { byQueueOrder, comparator, SORT_KEYS, type SortKey } from '../../../utils/queue-view/sort.ts';
import { ALL_STATES, view } from './views.ts';

const SEED = 0x5027;
const sorted = (jobs: JobView[], key: SortKey, desc = false, lang = 'en') =>
  jobs.toSorted(comparator(key, desc, lang)).map((j) => j.id);

describe('byQueueOrder', () => {
  it('orders by order, then by when queued', () => {
    const jobs = [
      view('b', { order: 2, createdAt: 1 }),
      view('c', { order: 2, createdAt: 0 }),
      view('a', { order: 1 }),
    ];
    expect(jobs.toSorted(byQueueOrder).map((j) => j.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('comparator', () => {
  const jobs = [
    view('q1', { order: 1, name: 'file10.bin', size: 30, state: 'completed', createdAt: 300 }),
    view('q2', { order: 2, name: 'File2.bin', size: 10, state: 'failed', createdAt: 100 }),
    view('q3', { order: 3, size: undefined, state: 'downloading', createdAt: 200 }),
    view('q4', { order: 4, name: 'file1.bin', size: 20, state: 'queued', createdAt: 50 }),
  ];

  it('queue: the queue order, either way the arrow points', () => {
    expect(sorted(jobs.toReversed(), 'queue')).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(sorted(jobs.toReversed(), 'queue', true)).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('name: numeric and case-insensitive; a job without a name sorts by its link', () => {
    // q3's link is https://1fichier.com/?q3: "h" after "f".
    expect(sorted(jobs, 'name')).toEqual(['q4', 'q2', 'q1', 'q3']);
    expect(sorted(jobs, 'name', true)).toEqual(['q3', 'q1', 'q2', 'q4']);
  });

  it('size: an unknown size sorts before any known one', () => {
    expect(sorted(jobs, 'size')).toEqual(['q3', 'q2', 'q4', 'q1']);
    expect(sorted(jobs, 'size', true)).toEqual(['q1', 'q4', 'q2', 'q3']);
  });

  it('status: failed first, then what runs, completed last', () => {
    expect(sorted(jobs, 'status')).toEqual(['q2', 'q3', 'q4', 'q1']);
    const all = ALL_STATES.map((state, i) => view(state, { state, order: 10 - i }));
    expect(sorted(all, 'status')).toEqual([
      'failed',
      'locked',
      'downloading',
      'resolving',
      'waiting',
      'queued',
      'paused',
      'completed',
    ]);
  });

  it('added: by when queued', () => {
    expect(sorted(jobs, 'added')).toEqual(['q4', 'q2', 'q3', 'q1']);
  });

  it('ties keep the queue order, also when descending', () => {
    const same = [
      view('third', { order: 3, name: 'Café', size: 5, state: 'failed' }),
      view('first', { order: 1, name: 'cafe', size: 5, state: 'failed' }),
      view('second', { order: 2, name: 'CAFÉ', size: 5, state: 'failed' }),
    ];
    for (const key of SORT_KEYS) {
      expect(sorted(same, key)).toEqual(['first', 'second', 'third']);
      expect(sorted(same, key, true)).toEqual(['first', 'second', 'third']);
    }
  });

  it('sorts hostile names as plain text', () => {
    const hostile = [
      view('x', { order: 1, name: '<img src=x onerror=alert(1)>.bin' }),
      view('y', { order: 2, name: '\u202Egnp.exe' }),
      view('z', { order: 3, name: '' }),
    ];
    expect(sorted(hostile, 'name')).toHaveLength(3);
    expect(sorted(hostile, 'name')[0]).toBe('z');
  });

  const arbJob = fc.record({
    order: fc.integer({ min: 0, max: 6 }),
    createdAt: fc.integer({ min: 0, max: 6 }),
    name: fc.option(fc.constantFrom('a', 'B', 'b', 'café', 'cafe', 'x2', 'x10', ''), { nil: undefined }),
    size: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    state: fc.constantFrom(...ALL_STATES),
  });

  it('is a permutation, ordered, and stable: equal keys keep the queue order', () => {
    fc.assert(
      fc.property(
        fc.array(arbJob, { maxLength: 30 }),
        fc.constantFrom(...SORT_KEYS),
        fc.boolean(),
        (records, key, desc) => {
          const list = records.map((r, i) => view(`j${i}`, r));
          const cmp = comparator(key, desc, 'en');
          const out = list.toSorted(cmp);
          expect(out.map((j) => j.id).toSorted()).toEqual(list.map((j) => j.id).toSorted());
          for (let i = 1; i < out.length; i += 1) {
            const [a, b] = [out[i - 1]!, out[i]!];
            expect(cmp(a, b)).toBeLessThanOrEqual(0);
            // A tie on the sort key (ascending and descending both fall back to the queue order
            // only when the key compares equal) keeps the queue order; full ties keep input order.
            const asc = comparator(key, false, 'en')(a, b);
            const dsc = comparator(key, true, 'en')(a, b);
            if (asc === dsc) expect(byQueueOrder(a, b)).toBeLessThanOrEqual(0);
            if (cmp(a, b) === 0) expect(list.indexOf(a)).toBeLessThan(list.indexOf(b));
          }
          // Antisymmetric: the comparator is a consistent order.
          for (const a of list.slice(0, 5))
            for (const b of list.slice(0, 5)) {
              expect(Math.sign(cmp(a, b))).toBe(-Math.sign(cmp(b, a)) || 0);
            }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
