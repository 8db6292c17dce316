import { onefichierDomain } from '../onefichier/domains';
import { SMALL_FILE_BYTES } from '../settings';
import type { Job } from './job';
import { ACTIVE_STATES } from './state';

/**
 * The pure scheduler: which queued jobs start now, within
 * - the global limit of parallel jobs (the user's setting, 1–10);
 * - a connection budget per host (1Fichier's admin: 30 connections per premium account in total,
 *   1fichier-api.md §5.3; a browser download is one connection, a multi-connection transfer more);
 * - priorities (high, normal, low), then the manual order;
 * - an optional delay between starts of small files (1Fichier's anti-flood advice, §5.2): big files
 *   may start meanwhile, small ones wait their turn.
 */
export interface ScheduleOptions {
  limit: number;
  now: number;
  /** Connections allowed per host at once. */
  hostBudget?: number;
  /** Minimum time between starts of small files, ms (0 = none). */
  smallFileDelayMs?: number;
  /** When the last small file started (persisted by the engine). */
  lastSmallStartAt?: number;
  /** Connections a job uses (default 1). */
  connectionsOf?: (job: Job) => number;
}

export interface Schedule {
  start: Job[];
  /** When a small file held back by the delay may start. */
  wakeAt?: number;
}

export const DEFAULT_HOST_BUDGET = 30;

const RANK = { high: 0, normal: 1, low: 2 } as const;

/** Queue order: priority first, then the manual order, then age. */
export function byPriority(a: Job, b: Job): number {
  return (
    RANK[a.priority ?? 'normal'] - RANK[b.priority ?? 'normal'] ||
    a.order - b.order ||
    a.createdAt - b.createdAt
  );
}

/**
 * The host a job's connections count against. The mirror domains are other names of the same
 * service (1fichier-api.md §9.2), so they share 1fichier.com's budget.
 */
export function hostOf(job: Pick<Job, 'link'>): string {
  let host: string;
  try {
    host = new URL(job.link).hostname;
  } catch {
    return job.link;
  }
  return onefichierDomain(host) ? 'onefichier' : host;
}

export function isSmall(job: Pick<Job, 'size'>): boolean {
  // Unknown sizes count as small: the cautious reading of the advice.
  return job.size === undefined || job.size <= SMALL_FILE_BYTES;
}

export function pickNext(jobs: readonly Job[], opts: ScheduleOptions): Schedule {
  const budget = opts.hostBudget ?? DEFAULT_HOST_BUDGET;
  const connections = opts.connectionsOf ?? (() => 1);
  const used = new Map<string, number>();
  let running = 0;
  for (const j of jobs) {
    if (!ACTIVE_STATES.has(j.state)) continue;
    running += 1;
    used.set(hostOf(j), (used.get(hostOf(j)) ?? 0) + connections(j));
  }
  const start: Job[] = [];
  let free = Math.max(0, opts.limit - running);
  if (free === 0) return { start };
  const delay = opts.smallFileDelayMs ?? 0;
  let smallAllowedAt = opts.lastSmallStartAt !== undefined ? opts.lastSmallStartAt + delay : -Infinity;
  let wakeAt: number | undefined;
  for (const job of jobs.filter((j) => j.state === 'queued' && j.kind !== 'folder').toSorted(byPriority)) {
    if (free === 0) break;
    const host = hostOf(job);
    const need = connections(job);
    if ((used.get(host) ?? 0) + need > budget) continue;
    if (delay > 0 && isSmall(job)) {
      if (opts.now < smallAllowedAt) {
        wakeAt = smallAllowedAt;
        continue;
      }
      smallAllowedAt = opts.now + delay;
    }
    start.push(job);
    used.set(host, (used.get(host) ?? 0) + need);
    free -= 1;
  }
  return wakeAt === undefined ? { start } : { start, wakeAt };
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
