import type { Job } from './job';
import { ACTIVE_STATES } from './state';

/**
 * Pure: which queued jobs to start now, in queue order, within the global limit.
 * Issue 6 adds per-host budgets, priorities and the small-file delay.
 */
export function pickNext(jobs: readonly Job[], limit: number): Job[] {
  const running = jobs.filter((j) => ACTIVE_STATES.has(j.state)).length;
  const free = Math.max(0, limit - running);
  if (free === 0) return [];
  return jobs
    .filter((j) => j.state === 'queued')
    .toSorted((a, b) => a.order - b.order || a.createdAt - b.createdAt)
    .slice(0, free);
}

/** Waiting jobs whose time has come. */
export function dueWaiting(jobs: readonly Job[], now: number): Job[] {
  return jobs.filter((j) => j.state === 'waiting' && (j.nextAttemptAt ?? 0) <= now);
}

/** The earliest `nextAttemptAt` among waiting jobs, for the wake-up alarm. */
export function nextWake(jobs: readonly Job[]): number | undefined {
  let min: number | undefined;
  for (const j of jobs) {
    if (j.state === 'waiting' && j.nextAttemptAt !== undefined) {
      min = min === undefined ? j.nextAttemptAt : Math.min(min, j.nextAttemptAt);
    }
  }
  return min;
}
