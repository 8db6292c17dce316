/** The Web Locks name every context uses to pump the queue (security-notes.md §3.2). */
export const PUMP_LOCK = 'downloader-for-1fichier/queue';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Runs `fn` holding the queue lock, so two contexts (an old and a new worker life, or a page that
 * would pump) never claim jobs at the same time. Web Locks work across the worker and extension
 * pages of one origin; where they are missing (unit tests) the caller's own flag suffices.
 */
export function withPumpLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return locks ? locks.request(PUMP_LOCK, fn) : fn();
}
