import { AppError, type ErrorKind } from './errors';

/**
 * The pacer's persisted gate: every call is refused until `until` (epoch ms). A flood answer closes
 * it for `lockMs` (30 s, doubling on each new flood, capped at 15 min); a `Retry-After` header
 * closes it until the time the server asked for.
 */
export interface BreakerState {
  until: number;
  /** The length of the last flood lock, doubled when the next flood comes soon after it. */
  lockMs: number;
  /** What calls refused while the gate is closed fail with (default `flood`). */
  kind?: ErrorKind;
}

export interface BreakerStore {
  load(): Promise<BreakerState | undefined>;
  save(state: BreakerState | undefined): Promise<void>;
}

export interface PacerOptions {
  /**
   * Minimum spacing between the end of one call and the start of the next (default 1 s). A function
   * is read before every call, so a changed setting takes effect at once.
   */
  minSpacingMs?: number | (() => number | Promise<number>);
  store: BreakerStore;
  /**
   * When the last call started or ended, kept across service-worker lives: a worker stopped during
   * a call (the request may already have reached 1Fichier) must not let the next worker's first
   * call follow at once. Without it the spacing only holds within one worker life.
   */
  lastCall?: { load(): Promise<number | undefined>; save(at: number): Promise<void> };
  /** Extra attempts for a transient failure (network, 5xx, damaged answer), default 2. */
  transientRetries?: number;
  /** First back-off before such an extra attempt (default 1 s), doubled each time, jittered. */
  backoffBaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface Pacer {
  /**
   * Runs one call when its turn comes. Refuses at once (AppError with `retryAt`) while the gate is
   * closed; retries transient failures itself with a jittered exponential back-off.
   */
  run<T>(call: () => Promise<T>): Promise<T>;
}

export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 30_000;

/** Failures that usually pass within seconds: worth another attempt before giving up. */
const TRANSIENT: ReadonlySet<ErrorKind> = new Set(['network', 'server', 'htmlResponse', 'malformedResponse']);

/** The next flood lock: doubled when the previous flood lock ended less than MAX_LOCK_MS ago. */
export function nextLockMs(previous: BreakerState | undefined, now: number): number {
  const recentFlood =
    previous !== undefined && (previous.kind ?? 'flood') === 'flood' && now - previous.until < MAX_LOCK_MS;
  return recentFlood
    ? Math.min(Math.max(previous.lockMs, FIRST_LOCK_MS / 2) * 2, MAX_LOCK_MS)
    : FIRST_LOCK_MS;
}

/**
 * One 1Fichier call in flight (API and website alike: they share the caller's address), spaced,
 * with a persisted gate so a restarted service worker keeps waiting (design.md, 1Fichier rules;
 * 1fichier-api.md §5).
 */
export function createPacer(opts: PacerOptions): Pacer {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const spacingOf = async (): Promise<number> => {
    const s = opts.minSpacingMs ?? 1_000;
    return typeof s === 'number' ? s : await s();
  };
  const retries = opts.transientRetries ?? 2;
  const backoffBase = opts.backoffBaseMs ?? 1_000;
  let tail: Promise<unknown> = Promise.resolve();
  let lastEnd: number | undefined;

  async function mark(at: number): Promise<void> {
    lastEnd = at;
    await opts.lastCall?.save(at).catch(() => undefined);
  }

  /** Closes the gate after a flood or a Retry-After, and returns the error to throw. */
  async function closeGate(err: AppError, previous: BreakerState | undefined): Promise<AppError> {
    const t = now();
    if (err.kind === 'flood') {
      const lockMs = nextLockMs(previous, t);
      const until = Math.max(t + lockMs, err.retryAt ?? 0);
      await opts.store.save({ until, lockMs, kind: 'flood' });
      return new AppError('flood', { retryAt: until, detail: err.detail, cause: err });
    }
    // Retry-After on another answer (503 maintenance, 5xx): not a flood, so no doubling after it.
    await opts.store.save({ until: err.retryAt ?? t, lockMs: 0, kind: err.kind });
    return err;
  }

  async function turn<T>(call: () => Promise<T>): Promise<T> {
    const gate = await opts.store.load();
    if (gate && gate.until > now()) {
      throw new AppError(gate.kind ?? 'flood', { retryAt: gate.until });
    }
    // A new worker life starts from the previous one's last call.
    lastEnd ??= (await opts.lastCall?.load().catch(() => undefined)) ?? 0;
    for (let attempt = 0; ; attempt += 1) {
      let wait = lastEnd + (await spacingOf()) - now();
      if (attempt > 0) {
        const backoff = Math.min(backoffBase * 2 ** (attempt - 1), MAX_BACKOFF_MS);
        // Jitter over the upper half: never shorter than half the back-off, never in lockstep.
        wait = Math.max(wait, Math.round(backoff / 2 + (random() * backoff) / 2));
      }
      if (wait > 0) await sleep(wait);
      // Written before the call: if the worker dies during it, the next one still waits.
      await mark(now());
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.kind === 'flood' || (err.retryAt !== undefined && err.retryAt > now())) {
          throw await closeGate(err, gate);
        }
        if (!TRANSIENT.has(err.kind) || attempt >= retries) throw err;
      } finally {
        await mark(now());
      }
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
