import { describe, it, expect } from 'vitest';
import {
  filterCounts,
  foldText,
  inFilter,
  matchesQuery,
  QUEUE_FILTERS,
  queryWords,
} from '../../../utils/queue-view/filters.ts';
import { ALL_STATES, view } from './views.ts';

describe('inFilter', () => {
  it('all shows everything; completed and failed their own; active everything else', () => {
    for (const state of ALL_STATES) {
      expect(inFilter(state, 'all')).toBe(true);
      expect(inFilter(state, 'completed')).toBe(state === 'completed');
      expect(inFilter(state, 'failed')).toBe(state === 'failed');
      expect(inFilter(state, 'active')).toBe(state !== 'completed' && state !== 'failed');
    }
  });
});

describe('filterCounts', () => {
  it('counts what each filter shows', () => {
    const jobs = ALL_STATES.map((state, i) => view(`j${i}`, { state }));
    const counts = filterCounts(jobs);
    expect(counts).toEqual({ all: 8, active: 6, completed: 1, failed: 1 });
    for (const f of QUEUE_FILTERS) {
      expect(counts[f]).toBe(jobs.filter((j) => inFilter(j.state, f)).length);
    }
  });

  it('counts an empty queue and any iterable (a Map of jobs)', () => {
    expect(filterCounts([])).toEqual({ all: 0, active: 0, completed: 0, failed: 0 });
    const map = new Map([['a', view('a', { state: 'completed' })]]);
    expect(filterCounts(map.values())).toEqual({ all: 1, active: 0, completed: 1, failed: 0 });
  });
});

const match = (job: Parameters<typeof matchesQuery>[0], query: string) =>
  matchesQuery(job, queryWords(query));

describe('search', () => {
  it('folds case and accents both ways: cafe finds Café, CAFÉ finds cafe', () => {
    expect(foldText('Café CRÈME')).toBe('cafe creme');
    expect(match(view('a', { name: 'Café.mkv' }), 'cafe')).toBe(true);
    expect(match(view('a', { name: 'cafe.mkv' }), 'CAFÉ')).toBe(true);
    // A decomposed é (e + combining acute) is the same as a composed one.
    expect(match(view('a', { name: 'Cafe\u0301.mkv' }), 'café')).toBe(true);
    expect(match(view('a', { name: 'Ｃａｆｅ.mkv' }), 'cafe')).toBe(true);
  });

  it('every word must match, in any order, in the name, link or folder', () => {
    const job = view('abc123', {
      name: 'Holiday.Video.2024.mkv',
      package: { key: 'k', link: 'l', name: 'Été' },
    });
    expect(match(job, 'video holiday')).toBe(true);
    expect(match(job, 'abc123')).toBe(true);
    expect(match(job, 'ete video')).toBe(true);
    expect(match(job, 'video winter')).toBe(false);
  });

  it('a job without a name is found by its link', () => {
    expect(match(view('zz9', {}), 'zz9')).toBe(true);
    expect(match(view('zz9', {}), 'undefined')).toBe(false);
  });

  it('a blank query shows everything', () => {
    expect(queryWords('   \t\n ')).toEqual([]);
    expect(match(view('a'), '')).toBe(true);
  });

  it('query words are split on any whitespace and folded', () => {
    expect(queryWords('  Foo\tBÄR\n baz ')).toEqual(['foo', 'bar', 'baz']);
  });

  it('hostile names are matched as plain text (no pattern syntax, no markup)', () => {
    const job = view('h', { name: '<img src=x onerror=alert(1)>(.*)[a-z]+\\d.bin' });
    expect(match(job, '<img')).toBe(true);
    expect(match(job, '(.*)[a-z]+\\d')).toBe(true);
    expect(match(view('other', { name: 'plain.bin' }), '(.*)')).toBe(false);
    expect(match(job, '.*x')).toBe(false);
  });

  it('a word does not match across the name and the link', () => {
    const job = view('id1', { name: 'movie' });
    expect(match(job, 'moviehttps')).toBe(false);
  });
});
