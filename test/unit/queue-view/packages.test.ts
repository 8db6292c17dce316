import { describe, it, expect } from 'vitest';
import type { JobView } from '../../../utils/messaging/protocol.ts';
import { groupByPackage } from '../../../utils/queue-view/packages.ts';
import { view } from './views.ts';

const PKG_A = { key: 'pa', link: 'https://1fichier.com/dir/AAA', name: 'Season 1' };
const PKG_B = { key: 'pb', link: 'https://1fichier.com/dir/BBB' };

function lookup(jobs: JobView[]) {
  const map = new Map(jobs.map((j) => [j.id, j]));
  return { ids: jobs.map((j) => j.id), get: (id: string) => map.get(id) };
}

describe('groupByPackage', () => {
  it('leaves jobs without a package as they are', () => {
    const { ids, get } = lookup([view('x'), view('y')]);
    expect(groupByPackage(ids, get, new Set())).toEqual([
      { kind: 'job', id: 'x' },
      { kind: 'job', id: 'y' },
    ]);
  });

  it('gathers an interleaved package under one header where its first job is', () => {
    const { ids, get } = lookup([
      view('x'),
      view('a1', { package: PKG_A, state: 'completed' }),
      view('y'),
      view('b1', { package: PKG_B }),
      view('a2', { package: PKG_A }),
      view('z'),
      view('a3', { package: PKG_A, state: 'completed' }),
    ]);
    expect(groupByPackage(ids, get, new Set())).toEqual([
      { kind: 'job', id: 'x' },
      { kind: 'group', key: 'pa', name: 'Season 1', total: 3, done: 2, collapsed: false },
      { kind: 'job', id: 'a1' },
      { kind: 'job', id: 'a2' },
      { kind: 'job', id: 'a3' },
      { kind: 'job', id: 'y' },
      // A folder without a name is shown by its link.
      { kind: 'group', key: 'pb', name: PKG_B.link, total: 1, done: 0, collapsed: false },
      { kind: 'job', id: 'b1' },
      { kind: 'job', id: 'z' },
    ]);
  });

  it('a collapsed package shows its header only, with its counts', () => {
    const { ids, get } = lookup([
      view('a1', { package: PKG_A }),
      view('x'),
      view('a2', { package: PKG_A, state: 'completed' }),
      view('b1', { package: PKG_B }),
    ]);
    expect(groupByPackage(ids, get, new Set(['pa']))).toEqual([
      { kind: 'group', key: 'pa', name: 'Season 1', total: 2, done: 1, collapsed: true },
      { kind: 'job', id: 'x' },
      { kind: 'group', key: 'pb', name: PKG_B.link, total: 1, done: 0, collapsed: false },
      { kind: 'job', id: 'b1' },
    ]);
  });

  it('keeps the given (filtered, sorted) order inside a package and counts only the given jobs', () => {
    const all = [
      view('a1', { package: PKG_A }),
      view('a2', { package: PKG_A, state: 'completed' }),
      view('a3', { package: PKG_A }),
    ];
    const { get } = lookup(all);
    expect(groupByPackage(['a3', 'a1'], get, new Set())).toEqual([
      { kind: 'group', key: 'pa', name: 'Season 1', total: 2, done: 0, collapsed: false },
      { kind: 'job', id: 'a3' },
      { kind: 'job', id: 'a1' },
    ]);
  });

  it('every given job appears exactly once, collapsed or not', () => {
    const jobs = Array.from({ length: 40 }, (_, i) =>
      view(`j${i}`, i % 3 === 0 ? {} : { package: i % 3 === 1 ? PKG_A : PKG_B }),
    );
    const { ids, get } = lookup(jobs);
    const rows = groupByPackage(ids, get, new Set());
    expect(rows.flatMap((r) => (r.kind === 'job' ? [r.id] : [])).toSorted()).toEqual(ids.toSorted());
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(2);
    const collapsed = groupByPackage(ids, get, new Set(['pa', 'pb']));
    expect(collapsed).toHaveLength(14 + 2);
  });

  it('a hostile folder name is passed on as data', () => {
    const name = '<script>alert(1)</script>';
    const { ids, get } = lookup([view('a', { package: { ...PKG_A, name } })]);
    expect(groupByPackage(ids, get, new Set())[0]).toMatchObject({ kind: 'group', name });
  });
});
