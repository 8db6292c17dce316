import { useMemo } from 'preact/hooks';
import type { JobView } from '../utils/messaging/protocol';
import {
  filterCounts,
  inFilter,
  matchesQuery,
  queryWords,
  type QueueFilter,
} from '../utils/queue-view/filters';
import { comparator, type SortKey } from '../utils/queue-view/sort';
import type { LiveQueue } from './use-queue';

export interface ListQuery {
  filter: QueueFilter;
  query?: string;
  sort?: SortKey;
  descending?: boolean;
  lang: string;
}

/**
 * The whole queue in queue order (undefined until it arrives: what the bulk actions look at), the
 * ids a list shows (filter, search, sort) and the count per filter — recomputed only when the
 * queue's structure or the query changes, never on a progress push.
 */
export function useFiltered(live: LiveQueue, q: ListQuery) {
  const { model, structure } = live;
  const all = useMemo(
    () => (model.loaded ? model.ids().map((id) => model.get(id)!) : undefined),
    // `structure` says when the ids or what lists read of a job changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, structure],
  );
  const counts = useMemo(() => filterCounts(all ?? []), [all]);
  const ids = useMemo(() => {
    const words = queryWords(q.query ?? '');
    const jobs: JobView[] = (all ?? []).filter((j) => inFilter(j.state, q.filter) && matchesQuery(j, words));
    if (q.sort && q.sort !== 'queue') jobs.sort(comparator(q.sort, q.descending ?? false, q.lang));
    else if (q.descending) jobs.reverse();
    return jobs.map((j) => j.id);
  }, [all, q.filter, q.query, q.sort, q.descending, q.lang]);
  return { all, ids, counts };
}
