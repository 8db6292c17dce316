/**
 * Holds events that arrive before the queue is ready (a download event wakes the worker before the
 * store is loaded and reconciled), then replays them in order. Once open, events are handled one
 * after another, so two deltas of one download are never settled concurrently.
 */
export function createEventGate<T>() {
  let handler: ((event: T) => Promise<void>) | undefined;
  const held: T[] = [];
  let chain: Promise<void> = Promise.resolve();

  function handle(event: T, h: (event: T) => Promise<void>): void {
    // One failing event must not stop the ones after it.
    chain = chain.then(() => h(event)).catch(() => undefined);
  }

  return {
    push(event: T): void {
      if (handler) handle(event, handler);
      else held.push(event);
    },
    /** Starts handling: the held events first, in their order. */
    open(h: (event: T) => Promise<void>): Promise<void> {
      handler = h;
      for (const event of held.splice(0)) handle(event, h);
      return chain;
    },
    /** Events waiting for `open`. */
    get held(): number {
      return held.length;
    },
    /** Settles when every event handed over so far has been handled. */
    idle(): Promise<void> {
      return chain;
    },
  };
}
