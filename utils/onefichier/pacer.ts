import { AppError } from './errors';

/** The flood breaker's persisted state: API calls are refused until `until` (epoch ms). */
export interface BreakerState {
  until: number;
  /** The last lock length, doubled on each new flood answer (30 s … 15 min). */
  lockMs: number;
}

export interface BreakerStore {
  load(): Promise<BreakerState | undefined>;
  save(state: BreakerState | undefined): Promise<void>;
}

export interface PacerOptions {
  /** Minimum spacing between the end of one API call and the start of the next (default 1 s). */
  minSpacingMs?: number;
  store: BreakerStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /** Runs one API call when its turn comes; refuses with a `flood` AppError while the breaker is open. */
  run<T>(call: () => Promise<T>): Promise<T>;
}

export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

/**
 * One 1Fichier API call in flight, spaced, with a persisted breaker on "Flood detected" so a
 * restarted service worker keeps waiting (design.md, 1Fichier rules). Issue 3 adds jittered
 * back-off and Retry-After.
 */
export function createPacer(opts: PacerOptions): Pacer {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const spacing = opts.minSpacingMs ?? 1_000;
  let tail: Promise<unknown> = Promise.resolve();
  let lastEnd = 0;

  async function turn<T>(call: () => Promise<T>): Promise<T> {
    const breaker = await opts.store.load();
    if (breaker && breaker.until > now()) {
      throw new AppError('flood', { retryAt: breaker.until });
    }
    const wait = lastEnd + spacing - now();
    if (wait > 0) await sleep(wait);
    try {
      const result = await call();
      if (breaker) await opts.store.save(undefined);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.kind === 'flood') {
        const lockMs = breaker ? Math.min(breaker.lockMs * 2, MAX_LOCK_MS) : FIRST_LOCK_MS;
        const until = now() + lockMs;
        await opts.store.save({ until, lockMs });
        throw new AppError('flood', { retryAt: until, detail: err.detail, cause: err });
      }
      throw err;
    } finally {
      lastEnd = now();
    }
  }

  return {
    run<T>(call: () => Promise<T>): Promise<T> {
      const result = tail.then(() => turn(call));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
