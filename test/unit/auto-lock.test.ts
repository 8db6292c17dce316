import { beforeEach, describe, expect, it } from 'vitest';
import { createAutoLock, type AutoLockDeps } from '../../utils/vault/auto-lock';

/** A controllable world: clock, unlocked flag, busy flag, the stored deadline and the armed alarm. */
function world() {
  const w = {
    now: 1_000_000,
    minutes: 15,
    unlocked: true,
    busy: false,
    deadline: null as number | null,
    alarm: null as number | null,
    locks: 0,
    alarmSets: 0,
  };
  const deps: AutoLockDeps = {
    minutes: async () => w.minutes,
    unlocked: async () => w.unlocked,
    busy: async () => w.busy,
    lock: async () => {
      w.locks += 1;
      w.unlocked = false;
    },
    deadline: {
      get: async () => w.deadline,
      set: async (at) => {
        w.deadline = at;
      },
    },
    alarm: {
      set: async (at) => {
        w.alarm = at;
        w.alarmSets += 1;
      },
      clear: async () => {
        w.alarm = null;
      },
    },
    now: () => w.now,
  };
  return { w, autoLock: createAutoLock(deps) };
}

const MIN = 60_000;

describe('auto-lock', () => {
  let w: ReturnType<typeof world>['w'];
  let autoLock: ReturnType<typeof world>['autoLock'];
  beforeEach(() => {
    ({ w, autoLock } = world());
  });

  it('touch arms the alarm at now + the chosen time', async () => {
    await autoLock.touch();
    expect(w.deadline).toBe(w.now + 15 * MIN);
    expect(w.alarm).toBe(w.now + 15 * MIN);
  });

  it('locks when the alarm fires after the deadline and nothing runs', async () => {
    await autoLock.touch();
    w.now += 15 * MIN;
    await autoLock.check();
    expect(w.locks).toBe(1);
    expect(w.deadline).toBeNull();
    expect(w.alarm).toBeNull();
  });

  it('use moves the deadline; an early alarm re-arms instead of locking', async () => {
    await autoLock.touch();
    w.now += 10 * MIN;
    await autoLock.touch();
    w.now += 6 * MIN;
    await autoLock.check();
    expect(w.locks).toBe(0);
    expect(w.alarm).toBe(w.now - 16 * MIN + 25 * MIN);
    w.now += 9 * MIN;
    await autoLock.check();
    expect(w.locks).toBe(1);
  });

  it('a running download postpones the lock by another full period', async () => {
    await autoLock.touch();
    w.now += 15 * MIN;
    w.busy = true;
    await autoLock.check();
    expect(w.locks).toBe(0);
    expect(w.deadline).toBe(w.now + 15 * MIN);
    w.busy = false;
    w.now += 15 * MIN;
    await autoLock.check();
    expect(w.locks).toBe(1);
  });

  it('touches close together do not re-arm the alarm each time', async () => {
    await autoLock.touch();
    for (let i = 0; i < 10; i += 1) {
      w.now += 1_000;
      await autoLock.touch();
    }
    expect(w.alarmSets).toBe(1);
    w.now += 30_000;
    await autoLock.touch();
    expect(w.alarmSets).toBe(2);
  });

  it('"only when the browser closes" (0) and a locked or default-mode vault arm nothing', async () => {
    w.minutes = 0;
    await autoLock.touch();
    expect(w.alarm).toBeNull();
    w.minutes = 15;
    w.unlocked = false;
    await autoLock.touch();
    await autoLock.check();
    expect(w.alarm).toBeNull();
    expect(w.locks).toBe(0);
  });

  it('a wake after the deadline passed (worker stopped, alarm lost) locks at once', async () => {
    await autoLock.touch();
    w.alarm = null;
    w.now += 60 * MIN;
    await autoLock.check();
    expect(w.locks).toBe(1);
  });

  it('a wake with no deadline stored starts one; a wake before it re-creates the alarm', async () => {
    await autoLock.check();
    expect(w.deadline).toBe(w.now + 15 * MIN);
    w.alarm = null;
    w.now += MIN;
    await autoLock.check();
    expect(w.alarm).toBe(w.deadline);
    expect(w.locks).toBe(0);
  });

  it('a shorter choice applies at the next touch', async () => {
    await autoLock.touch();
    w.minutes = 5;
    await autoLock.touch();
    expect(w.deadline).toBe(w.now + 5 * MIN);
  });
});
