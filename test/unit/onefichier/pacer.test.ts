import { describe, it, expect, beforeEach } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors';
import {
  createPacer,
  FIRST_LOCK_MS,
  MAX_LOCK_MS,
  type BreakerState,
  type BreakerStore,
  type Pacer,
} from '../../../utils/onefichier/pacer';

/** An injected clock: time moves only when a test (or the pacer's sleep) moves it. */
function fakeClock(start = 1_700_000_000_000) {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

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

const flood = () => new AppError('flood', { detail: 'Flood detected: IP Locked #374' });

async function expectFlood(promise: Promise<unknown>, retryAt: number): Promise<void> {
  await expect(promise).rejects.toSatisfy(
    (e: unknown) => e instanceof AppError && e.kind === 'flood' && e.retryAt === retryAt,
  );
}

describe('pacer', () => {
  let clock: ReturnType<typeof fakeClock>;
  let store: ReturnType<typeof memoryStore>;
  let pacer: Pacer;

  beforeEach(() => {
    clock = fakeClock();
    store = memoryStore();
    pacer = createPacer({ store, now: clock.now, sleep: clock.sleep, minSpacingMs: 1_000 });
  });

  it('runs one call at a time, in the order asked', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: number[] = [];
    const call = (n: number) => async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      order.push(n);
      for (let i = 0; i < 5; i++) await Promise.resolve();
      clock.t += 100;
      inFlight -= 1;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pacer.run(call(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(maxInFlight).toBe(1);
  });

  it('does not start the next call before the previous one has settled', async () => {
    let release!: () => void;
    const started: string[] = [];
    const first = pacer.run(
      () =>
        new Promise<string>((resolve) => {
          started.push('a');
          release = () => resolve('a');
        }),
    );
    const second = pacer.run(async () => {
      started.push('b');
      return 'b';
    });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(started).toEqual(['a']);
    release();
    await expect(first).resolves.toBe('a');
    await expect(second).resolves.toBe('b');
    expect(started).toEqual(['a', 'b']);
  });

  it('keeps the minimum spacing between the end of one call and the start of the next', async () => {
    const starts: number[] = [];
    const ends: number[] = [];
    const call = (duration: number) => async () => {
      starts.push(clock.t);
      clock.t += duration;
      ends.push(clock.t);
    };
    await Promise.all([pacer.run(call(300)), pacer.run(call(50)), pacer.run(call(0))]);
    expect(starts[1]! - ends[0]!).toBeGreaterThanOrEqual(1_000);
    expect(starts[2]! - ends[1]!).toBeGreaterThanOrEqual(1_000);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  it('waits only for what is left of the spacing, and not at all when enough time passed', async () => {
    await pacer.run(async () => undefined);
    clock.t += 400;
    await pacer.run(async () => undefined);
    expect(clock.sleeps).toEqual([600]);
    clock.t += 5_000;
    await pacer.run(async () => undefined);
    expect(clock.sleeps).toEqual([600]);
  });

  it('spaces calls after a failed call too', async () => {
    await expect(pacer.run(async () => Promise.reject(new AppError('server')))).rejects.toBeInstanceOf(
      AppError,
    );
    await pacer.run(async () => undefined);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('opens the breaker for 30 s on a flood answer and persists it', async () => {
    const t0 = clock.t;
    await expectFlood(
      pacer.run(() => Promise.reject(flood())),
      t0 + FIRST_LOCK_MS,
    );
    expect(FIRST_LOCK_MS).toBe(30_000);
    expect(store.state()).toEqual({ until: t0 + 30_000, lockMs: 30_000 });
    expect(store.saves).toEqual([{ until: t0 + 30_000, lockMs: 30_000 }]);
  });

  it('keeps the original detail on the flood error', async () => {
    await expect(pacer.run(() => Promise.reject(flood()))).rejects.toMatchObject({
      kind: 'flood',
      detail: 'Flood detected: IP Locked #374',
    });
  });

  it('refuses calls during the lock at once, without calling or sleeping', async () => {
    const t0 = clock.t;
    await pacer.run(() => Promise.reject(flood())).catch(() => undefined);
    clock.t += 10_000;
    let called = false;
    const sleepsBefore = clock.sleeps.length;
    await expectFlood(
      pacer.run(async () => {
        called = true;
      }),
      t0 + 30_000,
    );
    expect(called).toBe(false);
    expect(clock.sleeps.length).toBe(sleepsBefore);
  });

  it('refuses calls that were already queued behind the flooded one', async () => {
    const t0 = clock.t;
    let called = false;
    const a = pacer.run(() => Promise.reject(flood()));
    const b = pacer.run(async () => {
      called = true;
    });
    await expectFlood(a, t0 + 30_000);
    await expectFlood(b, t0 + 30_000);
    expect(called).toBe(false);
  });

  it('doubles the lock on each new flood answer, capped at 15 minutes', async () => {
    const locks: number[] = [];
    for (let i = 0; i < 8; i++) {
      await pacer.run(() => Promise.reject(flood())).catch(() => undefined);
      const state = store.state()!;
      locks.push(state.lockMs);
      expect(state.until).toBe(clock.t + state.lockMs);
      clock.t = state.until; // the lock has just ended: the next call is allowed
    }
    expect(MAX_LOCK_MS).toBe(15 * 60_000);
    expect(locks).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  });

  it('clears the breaker after a successful call once the lock has ended', async () => {
    await pacer.run(() => Promise.reject(flood())).catch(() => undefined);
    clock.t = store.state()!.until + 1;
    await expect(pacer.run(async () => 'ok')).resolves.toBe('ok');
    expect(store.state()).toBeUndefined();
    // A later flood starts again at 30 s.
    await pacer.run(() => Promise.reject(flood())).catch(() => undefined);
    expect(store.state()?.lockMs).toBe(30_000);
  });

  it('does not open the breaker on other errors', async () => {
    await expect(pacer.run(() => Promise.reject(new AppError('invalidKey')))).rejects.toMatchObject({
      kind: 'invalidKey',
    });
    await expect(pacer.run(() => Promise.reject(new TypeError('boom')))).rejects.toBeInstanceOf(TypeError);
    expect(store.saves).toEqual([]);
    await expect(pacer.run(async () => 1)).resolves.toBe(1);
  });

  it('a new pacer on the same store (a restarted worker) still refuses until the lock ends', async () => {
    const t0 = clock.t;
    await pacer.run(() => Promise.reject(flood())).catch(() => undefined);
    const restarted = createPacer({ store, now: clock.now, sleep: clock.sleep });
    let called = false;
    clock.t = t0 + 29_999;
    await expectFlood(
      restarted.run(async () => {
        called = true;
      }),
      t0 + 30_000,
    );
    expect(called).toBe(false);
    clock.t = t0 + 30_000;
    await expect(restarted.run(async () => 'ok')).resolves.toBe('ok');
    expect(store.state()).toBeUndefined();
  });

  it('a restarted worker that floods again doubles the persisted lock', async () => {
    const restarted = createPacer({
      store: memoryStore({ until: clock.t - 1, lockMs: 120_000 }),
      now: clock.now,
      sleep: clock.sleep,
    });
    await expectFlood(
      restarted.run(() => Promise.reject(flood())),
      clock.t + 240_000,
    );
  });
});
