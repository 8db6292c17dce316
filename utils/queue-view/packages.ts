import type { JobView } from '../messaging/protocol';

/** A row of the manager's list: a folder package's header or a job. */
export type ListRow =
  | { kind: 'group'; key: string; name: string; total: number; done: number; collapsed: boolean }
  | { kind: 'job'; id: string };

/**
 * The given jobs (already filtered and sorted) with each folder package's jobs gathered under one
 * header, placed where its first job is; jobs without a package stay as they are. Collapsed
 * packages show their header only.
 */
export function groupByPackage(
  ids: readonly string[],
  get: (id: string) => JobView | undefined,
  collapsed: ReadonlySet<string>,
): ListRow[] {
  const members = new Map<string, string[]>();
  for (const id of ids) {
    const key = get(id)?.package?.key;
    if (key === undefined) continue;
    const list = members.get(key);
    if (list) list.push(id);
    else members.set(key, [id]);
  }
  const rows: ListRow[] = [];
  const placed = new Set<string>();
  for (const id of ids) {
    const job = get(id);
    const pkg = job?.package;
    if (!job || !pkg) {
      rows.push({ kind: 'job', id });
      continue;
    }
    if (placed.has(pkg.key)) continue;
    placed.add(pkg.key);
    const list = members.get(pkg.key) ?? [id];
    const done = list.reduce((n, m) => n + (get(m)?.state === 'completed' ? 1 : 0), 0);
    const isCollapsed = collapsed.has(pkg.key);
    rows.push({
      kind: 'group',
      key: pkg.key,
      name: pkg.name ?? pkg.link,
      total: list.length,
      done,
      collapsed: isCollapsed,
    });
    if (!isCollapsed) for (const m of list) rows.push({ kind: 'job', id: m });
  }
  return rows;
}
