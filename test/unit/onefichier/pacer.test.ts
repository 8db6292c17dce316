import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { AppError, type ErrorKind } from '../../../utils/onefichier/errors';
import {
  createPacer,
  FIRST_LOCK_MS,
  MAX_LOCK_MS,
  nextLockMs,
  type BreakerState,
  type BreakerStore,
  type Pacer,
  type PacerOptions,
} from '../../../utils/onefichier/pacer';

/** Every test runs on vitest's fake timers: the pacer's own setTimeout and Date.now, no injection. */
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

function memoryStore(initial?: BreakerState) {
  const saves: (BreakerState | undefined)[] = [];
  let state = initial;
  const store: BreakerStore & { saves: typeof saves; state: () => BreakerState | undefined } = {
    saves,
    state: () => state,
    async load() {
      return state && { ...state };
    },
    async save(next) {
      saves.push(next && { ...next });
      state = next && { ...next };
    },
  };
  return store;
}

const flood = (retryAt?: number) =>
  new AppError('flood', { detail: 'Flood detected: IP Locked #374', ...(retryAt ? { retryAt } : {}) });

/** Settles a pacer promise while fake time runs; returns the value or the thrown error. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const out: { value?: T; error?: unknown } = {};
  const done = promise.then(
    (value) => {
      out.value = value;
    },
    (error: unknown) => {
      out.error = error;
    },
  );
  await vi.runAllTimersAsync();
  await done;
  return out;
}

function errorOf(result: { error?: unknown }): AppError {
  if (!(result.error instanceof AppError))
    throw new Error(`expected an AppError, got ${String(result.error)}`);
  return result.error;
}

/** A call that records when it started (fake time) and takes `duration` ms. */
function timedCall<T>(starts: number[], value: T, duration = 0) {
  return async () => {
    starts.push(Date.now());
    if (duration) await new Promise((r) => setTimeout(r, duration));
    return value;
  };
}

function failing(kind: ErrorKind, starts: number[], opts: { retryAt?: number } = {}) {
  return async (): Promise<never> => {
    starts.push(Date.now());
    throw new AppError(kind, opts);
  };
}

describe('pacer (fake timers)', () => {
  let store: ReturnType<typeof memoryStore>;
  let pacer: Pacer;
  const make = (o: Partial<PacerOptions> = {}) =>
    createPacer({ store, minSpacingMs: 1_000, random: () => 0.5, ...o });

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    store = memoryStore();
    pacer = make();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('one call in flight, spaced', () => {
    it('runs one call at a time, in the order asked', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const order: number[] = [];
      const call = (n: number) => async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        order.push(n);
        await new Promise((r) => setTimeout(r, 100));
        inFlight -= 1;
        return n;
      };
      const all = await settle(Promise.all([1, 2, 3, 4, 5].map((n) => pacer.run(call(n)))));
      expect(all.value).toEqual([1, 2, 3, 4, 5]);
      expect(order).toEqual([1, 2, 3, 4, 5]);
      expect(maxInFlight).toBe(1);
    });

    it('keeps the spacing between the end of one call and the start of the next', async () => {
      const starts: number[] = [];
      await settle(
        Promise.all([
          pacer.run(timedCall(starts, 'a', 300)),
          pacer.run(timedCall(starts, 'b', 50)),
          pacer.run(timedCall(starts, 'c')),
        ]),
      );
      expect(starts.map((t) => t - T0)).toEqual([0, 1_300, 2_350]);
    });

    it('keeps the spacing across worker lives: a new pacer waits after the last call of the old one', async () => {
      let saved: number | undefined;
      const lastCall = {
        load: async () => saved,
        save: async (at: number) => void (saved = at),
      };
      const starts: number[] = [];
      // The first worker dies during its call: only the start was written.
      const first = make({ lastCall });
      void first.run(() => new Promise<never>(() => undefined));
      await vi.advanceTimersByTimeAsync(200);
      expect(saved).toBe(T0);
      const second = make({ lastCall });
      await settle(second.run(timedCall(starts, 'next', 100)));
      expect(starts.map((t) => t - T0)).toEqual([1_000]);
      expect(saved).toBe(T0 + 1_100);
      // Without the persisted time, a new worker would call at once.
      const forgetful = make();
      const early: number[] = [];
      await settle(forgetful.run(timedCall(early, 'x')));
      expect(early.map((t) => t - T0)).toEqual([1_100]);
    });

    it('waits only for what is left of the spacing, and not at all when enough time passed', async () => {
      const starts: number[] = [];
      await settle(pacer.run(timedCall(starts, 1)));
      vi.advanceTimersByTime(400);
      await settle(pacer.run(timedCall(starts, 2)));
      vi.advanceTimersByTime(5_000);
      await settle(pacer.run(timedCall(starts, 3)));
      expect(starts.map((t) => t - T0)).toEqual([0, 1_000, 6_000]);
    });

    it('reads a spacing function before every call (a changed setting applies at once)', async () => {
      let spacing = 1_000;
      pacer = make({ minSpacingMs: () => spacing });
      const starts: number[] = [];
      await settle(pacer.run(timedCall(starts, 1)));
      await settle(pacer.run(timedCall(starts, 2)));
      spacing = 2_500;
      await settle(pacer.run(timedCall(starts, 3)));
      expect(starts.map((t) => t - T0)).toEqual([0, 1_000, 3_500]);
    });

    it('spaces calls after a failed call too', async () => {
      const starts: number[] = [];
      await settle(pacer.run(failing('invalidKey', starts)));
      await settle(pacer.run(timedCall(starts, 'ok')));
      expect(starts.map((t) => t - T0)).toEqual([0, 1_000]);
    });
  });

  describe('jittered exponential back-off on transient failures', () => {
    it.each<ErrorKind>(['network', 'server', 'htmlResponse', 'malformedResponse'])(
      '%s: two more attempts after 1 s and 2 s (± jitter), then the error',
      async (kind) => {
        pacer = make({ minSpacingMs: 0 });
        const starts: number[] = [];
        const result = await settle(pacer.run(failing(kind, starts)));
        expect(errorOf(result).kind).toBe(kind);
        // random() = 0.5 → half the back-off plus a quarter: 750 ms, then 1 500 ms.
        expect(starts.map((t) => t - T0)).toEqual([0, 750, 2_250]);
      },
    );

    it('the jitter stays within [½, 1] of the back-off', async () => {
      for (const [random, expected] of [
        [0, [0, 500, 1_500]],
        [0.999_999, [0, 1_000, 3_000]],
      ] as const) {
        pacer = make({ minSpacingMs: 0, random: () => random });
        const starts: number[] = [];
        const base = Date.now();
        await settle(pacer.run(failing('network', starts)));
        expect(starts.map((t) => t - base)).toEqual(expected);
      }
    });

    it('succeeds on a later attempt without the caller seeing the failure', async () => {
      let n = 0;
      const result = await settle(
        pacer.run(async () => {
          n += 1;
          if (n < 3) throw new AppError('server');
          return 'third time';
        }),
      );
      expect(result.value).toBe('third time');
      expect(n).toBe(3);
    });

    it('never repeats a final answer (key, file, timeout) or an unexpected error', async () => {
      for (const kind of ['invalidKey', 'notFound', 'passwordWrong', 'timeout', 'badResponse'] as const) {
        const starts: number[] = [];
        const result = await settle(pacer.run(failing(kind, starts)));
        expect(errorOf(result).kind).toBe(kind);
        expect(starts).toHaveLength(1);
      }
      let calls = 0;
      const result = await settle(
        pacer.run(async () => {
          calls += 1;
          throw new TypeError('boom');
        }),
      );
      expect(result.error).toBeInstanceOf(TypeError);
      expect(calls).toBe(1);
      expect(store.saves).toEqual([]);
    });

    it('transientRetries: 0 gives up at once', async () => {
      pacer = make({ transientRetries: 0 });
      const starts: number[] = [];
      await settle(pacer.run(failing('network', starts)));
      expect(starts).toHaveLength(1);
    });
  });

  describe('the flood breaker', () => {
    it('opens for 30 s on a flood answer, persisted, with the original detail', async () => {
      const result = await settle(pacer.run(() => Promise.reject(flood())));
      const err = errorOf(result);
      expect(FIRST_LOCK_MS).toBe(30_000);
      expect(err).toMatchObject({
        kind: 'flood',
        retryAt: T0 + 30_000,
        detail: 'Flood detected: IP Locked #374',
      });
      expect(store.saves).toEqual([{ until: T0 + 30_000, lockMs: 30_000, kind: 'flood' }]);
    });

    it('refuses calls during the lock at once, without calling them or waiting', async () => {
      await settle(pacer.run(() => Promise.reject(flood())));
      vi.advanceTimersByTime(10_000);
      const starts: number[] = [];
      const before = Date.now();
      const result = await settle(pacer.run(timedCall(starts, 'x')));
      expect(errorOf(result)).toMatchObject({ kind: 'flood', retryAt: T0 + 30_000 });
      expect(starts).toEqual([]);
      expect(Date.now()).toBe(before);
    });

    it('refuses the calls already queued behind the flooded one', async () => {
      const starts: number[] = [];
      const a = pacer.run(() => Promise.reject(flood()));
      const b = pacer.run(timedCall(starts, 'b'));
      const [ra, rb] = [await settle(a), await settle(b)];
      expect(errorOf(ra).retryAt).toBe(T0 + 30_000);
      expect(errorOf(rb).retryAt).toBe(T0 + 30_000);
      expect(starts).toEqual([]);
    });

    it('doubles on each new flood right after a lock, capped at 15 minutes', async () => {
      const locks: number[] = [];
      for (let i = 0; i < 8; i++) {
        await settle(pacer.run(() => Promise.reject(flood())));
        const state = store.state()!;
        locks.push(state.lockMs);
        vi.setSystemTime(state.until); // the lock has just ended: the next call is allowed
      }
      expect(MAX_LOCK_MS).toBe(15 * 60_000);
      expect(locks).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
    });

    it('a successful call in between does not reset the doubling; 15 quiet minutes do', async () => {
      await settle(pacer.run(() => Promise.reject(flood())));
      vi.setSystemTime(store.state()!.until);
      await settle(pacer.run(async () => 'ok'));
      await settle(pacer.run(() => Promise.reject(flood())));
      expect(store.state()?.lockMs).toBe(60_000);
      vi.setSystemTime(store.state()!.until + MAX_LOCK_MS);
      await settle(pacer.run(() => Promise.reject(flood())));
      expect(store.state()?.lockMs).toBe(30_000);
    });

    it('a Retry-After longer than the lock wins', async () => {
      const result = await settle(pacer.run(() => Promise.reject(flood(T0 + 45_000))));
      expect(errorOf(result).retryAt).toBe(T0 + 45_000);
      expect(store.state()).toEqual({ until: T0 + 45_000, lockMs: 30_000, kind: 'flood' });
    });

    it('a restarted worker (new pacer, same store) still refuses until the lock ends', async () => {
      await settle(pacer.run(() => Promise.reject(flood())));
      const restarted = make();
      const starts: number[] = [];
      vi.setSystemTime(T0 + 29_999);
      const refused = await settle(restarted.run(timedCall(starts, 'x')));
      expect(errorOf(refused).retryAt).toBe(T0 + 30_000);
      expect(starts).toEqual([]);
      vi.setSystemTime(T0 + 30_000);
      expect((await settle(restarted.run(timedCall(starts, 'ok')))).value).toBe('ok');
    });

    it('a restarted worker that floods again doubles the persisted lock', async () => {
      store = memoryStore({ until: T0 - 1, lockMs: 120_000 });
      const result = await settle(make().run(() => Promise.reject(flood())));
      expect(errorOf(result).retryAt).toBe(T0 + 240_000);
    });

    it('nextLockMs: first, doubled, capped, reset after a quiet period or after a non-flood gate', () => {
      expect(nextLockMs(undefined, T0)).toBe(30_000);
      expect(nextLockMs({ until: T0 - 1_000, lockMs: 30_000 }, T0)).toBe(60_000);
      expect(nextLockMs({ until: T0 - 1_000, lockMs: 900_000 }, T0)).toBe(900_000);
      expect(nextLockMs({ until: T0 - MAX_LOCK_MS, lockMs: 240_000 }, T0)).toBe(30_000);
      expect(nextLockMs({ until: T0 - 1_000, lockMs: 0, kind: 'maintenance' }, T0)).toBe(30_000);
    });
  });

  describe('Retry-After on other answers', () => {
    it('closes the gate until the time asked; calls meanwhile fail with the same kind, then it opens', async () => {
      const starts: number[] = [];
      const first = await settle(pacer.run(failing('maintenance', starts, { retryAt: T0 + 120_000 })));
      expect(errorOf(first)).toMatchObject({ kind: 'maintenance', retryAt: T0 + 120_000 });
      expect(store.state()).toEqual({ until: T0 + 120_000, lockMs: 0, kind: 'maintenance' });
      vi.setSystemTime(T0 + 60_000);
      const during = await settle(pacer.run(timedCall(starts, 'x')));
      expect(errorOf(during)).toMatchObject({ kind: 'maintenance', retryAt: T0 + 120_000 });
      expect(starts).toHaveLength(1);
      vi.setSystemTime(T0 + 120_000);
      expect((await settle(pacer.run(timedCall(starts, 'ok')))).value).toBe('ok');
    });

    it('a transient failure with Retry-After is not repeated in place', async () => {
      const starts: number[] = [];
      await settle(pacer.run(failing('server', starts, { retryAt: T0 + 5_000 })));
      expect(starts).toHaveLength(1);
      expect(store.state()?.until).toBe(T0 + 5_000);
    });

    it('a Retry-After gate ends the flood doubling: the next flood locks 30 s again', async () => {
      await settle(pacer.run(() => Promise.reject(flood())));
      vi.setSystemTime(T0 + 30_000);
      await settle(pacer.run(failing('server', [], { retryAt: T0 + 40_000 })));
      expect(store.state()).toEqual({ until: T0 + 40_000, lockMs: 0, kind: 'server' });
      vi.setSystemTime(T0 + 40_000);
      await settle(pacer.run(() => Promise.reject(flood())));
      expect(store.state()).toMatchObject({ lockMs: 30_000, kind: 'flood' });
    });
  });
});
