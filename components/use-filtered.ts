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
 * The ids a list shows (filter, search, sort) and the count per filter, recomputed only when the
 * queue's structure or the query changes — never on a progress push.
 */
export function useFiltered(live: LiveQueue, q: ListQuery) {
  const { model, structure } = live;
  const counts = useMemo(
    () => filterCounts(model.ids().map((id) => model.get(id)!)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, structure],
  );
  const ids = useMemo(() => {
    const words = queryWords(q.query ?? '');
    const jobs: JobView[] = [];
    for (const id of model.ids()) {
      const job = model.get(id);
      if (job && inFilter(job.state, q.filter) && matchesQuery(job, words)) jobs.push(job);
    }
    if (q.sort && q.sort !== 'queue') jobs.sort(comparator(q.sort, q.descending ?? false, q.lang));
    else if (q.descending) jobs.reverse();
    return jobs.map((j) => j.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, structure, q.filter, q.query, q.sort, q.descending, q.lang]);
  return { ids, counts };
}
