/**
 * Keeps the background alive while the queue works in memory. An extension API call resets the
 * idle timer of Firefox's event page (and of Chrome's service worker), but the queue's own timers
 * and network requests do not: without this, Firefox may unload the page between a job's
 * 1Fichier calls. Held only while a job is resolved (seconds), released when it ends.
 */
export const KEEP_AWAKE_MS = 1_000;

export function createKeepAwake(ping: () => Promise<unknown>, everyMs = KEEP_AWAKE_MS): () => () => void {
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  return () => {
    holders += 1;
    timer ??= setInterval(() => void ping().catch(() => undefined), everyMs);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  };
}
