/**
 * The growing wait after wrong passphrases. It slows guessing through our own pages only: an
 * attacker holding a copy of the profile guesses offline, where only the passphrase's strength and
 * PBKDF2's cost count (SECURITY.md).
 */
export interface UnlockThrottle {
  /** Wrong passphrases in a row. */
  failures: number;
  /** No attempt is checked before this time (epoch ms). */
  until: number;
}

/** Longest wait between two attempts. */
export const MAX_UNLOCK_DELAY_MS = 5 * 60_000;

/** 1 s after the first wrong passphrase, then 2 s, 4 s, 8 s … up to 5 minutes. */
export function unlockDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1_000 * 2 ** Math.min(failures - 1, 30), MAX_UNLOCK_DELAY_MS);
}

/** The throttle after one more wrong passphrase at `now`. */
export function afterFailure(previous: UnlockThrottle | null, now: number): UnlockThrottle {
  const failures = (previous?.failures ?? 0) + 1;
  return { failures, until: now + unlockDelayMs(failures) };
}
