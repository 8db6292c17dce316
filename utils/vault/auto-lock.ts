/**
 * Auto-lock: in passphrase mode, the vault locks after the chosen time without use. Use = the user
 * working in our pages, or the queue needing the key; a download still running also postpones the
 * lock. The deadline lives in `storage.session` and the timer is an alarm, so both survive the
 * service worker being stopped; `start()` re-creates the alarm on every wake (alarms may be cleared
 * when the browser restarts — but then storage.session is empty and the vault is locked anyway).
 */

/** Minutes offered in the UI; 0 = only when the browser closes. */
export const AUTO_LOCK_CHOICES = [0, 5, 15, 30, 60, 240] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const AUTO_LOCK_ALARM = 'vault-auto-lock';

/** Re-arming the alarm on every touch is wasteful: a deadline this close to the wanted one is kept. */
const REARM_SLACK_MS = 20_000;

export interface AutoLockDeps {
  /** The chosen minutes (0 = never by timer). */
  minutes: () => Promise<number>;
  /** True in passphrase mode while unlocked. */
  unlocked: () => Promise<boolean>;
  /** A transfer or a token request is running. */
  busy: () => Promise<boolean>;
  lock: () => Promise<void>;
  deadline: { get(): Promise<number | null>; set(at: number | null): Promise<void> };
  alarm: { set(at: number): Promise<void>; clear(): Promise<void> };
  now?: () => number;
}

export function createAutoLock(deps: AutoLockDeps) {
  const now = deps.now ?? (() => Date.now());

  async function arm(at: number): Promise<void> {
    await deps.deadline.set(at);
    await deps.alarm.set(at);
  }

  async function clear(): Promise<void> {
    await deps.deadline.set(null);
    await deps.alarm.clear();
  }

  const autoLock = {
    /** Something used the vault: the deadline moves to now + the chosen time. */
    async touch(): Promise<void> {
      const minutes = await deps.minutes();
      if (minutes <= 0 || !(await deps.unlocked())) return clear();
      const wanted = now() + minutes * 60_000;
      const current = await deps.deadline.get();
      if (current !== null && Math.abs(wanted - current) < REARM_SLACK_MS) return;
      await arm(wanted);
    },

    /** The alarm fired (or the worker woke): lock when the deadline has passed and nothing runs. */
    async check(): Promise<void> {
      const minutes = await deps.minutes();
      if (minutes <= 0 || !(await deps.unlocked())) return clear();
      const at = await deps.deadline.get();
      if (at === null) return autoLock.touch();
      if (at > now()) return deps.alarm.set(at);
      if (await deps.busy()) return arm(now() + minutes * 60_000);
      await clear();
      await deps.lock();
    },

    /** Locked, forgotten or back to the default mode: nothing to time. */
    clear,
  };
  return autoLock;
}

export type AutoLock = ReturnType<typeof createAutoLock>;
