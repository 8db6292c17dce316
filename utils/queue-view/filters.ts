import type { JobView } from '../messaging/protocol';
import type { JobState } from '../queue/state';

/** The list filters of the popup and the manager. */
export type QueueFilter = 'all' | 'active' | 'completed' | 'failed';
export const QUEUE_FILTERS: readonly QueueFilter[] = ['all', 'active', 'completed', 'failed'];

/** Active = everything still on its way: neither completed nor failed. */
export function inFilter(state: JobState, filter: QueueFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'completed') return state === 'completed';
  if (filter === 'failed') return state === 'failed';
  return state !== 'completed' && state !== 'failed';
}

/** How many jobs each filter shows. */
export function filterCounts(jobs: Iterable<JobView>): Record<QueueFilter, number> {
  const counts = { all: 0, active: 0, completed: 0, failed: 0 };
  for (const j of jobs) {
    counts.all += 1;
    if (j.state === 'completed') counts.completed += 1;
    else if (j.state === 'failed') counts.failed += 1;
    else counts.active += 1;
  }
  return counts;
}

/** Lower-cased, accent-folded text for matching `café` with `cafe` and `CAFÉ`. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether the job's name, link or folder contains every word of the (already folded) query. */
export function matchesQuery(job: JobView, foldedWords: readonly string[]): boolean {
  if (foldedWords.length === 0) return true;
  const hay = foldText(`${job.name ?? ''}\n${job.link}\n${job.package?.name ?? ''}`);
  return foldedWords.every((w) => hay.includes(w));
}

/** The query split into folded words (blank = no filtering). */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(/\s+/)
    .filter((w) => w !== '');
}
