import type { JobView } from '../messaging/protocol';
import type { JobState } from '../queue/state';

/** Sort orders of the manager; `queue` is the order the queue runs in. */
export type SortKey = 'queue' | 'name' | 'size' | 'status' | 'added';
export const SORT_KEYS: readonly SortKey[] = ['queue', 'name', 'size', 'status', 'added'];

/** Status order: what needs the user first, then what runs, then the rest. */
const STATE_RANK: Readonly<Record<JobState, number>> = {
  failed: 0,
  locked: 1,
  downloading: 2,
  resolving: 3,
  waiting: 4,
  queued: 5,
  paused: 6,
  completed: 7,
};

/** Queue order: `order`, then when it was queued (the store's own tie-break). */
export function byQueueOrder(a: JobView, b: JobView): number {
  return a.order - b.order || a.createdAt - b.createdAt;
}

/** A comparator for `key`; ties keep the queue order, so every sort is stable and total. */
export function comparator(
  key: SortKey,
  descending: boolean,
  lang: string,
): (a: JobView, b: JobView) => number {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const sign = descending ? -1 : 1;
  const primary: (a: JobView, b: JobView) => number =
    key === 'name'
      ? (a, b) => collator.compare(a.name ?? a.link, b.name ?? b.link)
      : key === 'size'
        ? (a, b) => (a.size ?? -1) - (b.size ?? -1)
        : key === 'status'
          ? (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state]
          : key === 'added'
            ? (a, b) => a.createdAt - b.createdAt
            : () => 0;
  return (a, b) => sign * primary(a, b) || byQueueOrder(a, b);
}
