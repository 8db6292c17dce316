import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { QUEUE_PORT, type QueuePush } from '../utils/messaging/protocol';
import { createQueueModel, type QueueModel } from '../utils/queue-view/model';

export interface LiveQueue {
  model: QueueModel;
  /** Bumped when jobs are added, removed, moved or change state: lists recompute their rows. */
  structure: number;
  /** Bumped on byte counts only: visible rows redraw, nothing is recomputed. */
  progress: number;
}

/**
 * The live queue of a page, fed over a port by the background (pages never hold queue truth).
 * Marks `queue-rendered` after the first render with the queue (its first screen) and
 * `queue-complete` once all of it is drawn, and measures each push from its
 * arrival to its committed render (`push-<type>`), for `npm run bench`.
 */
export function useQueue(): LiveQueue {
  const [model] = useState(createQueueModel);
  const [versions, setVersions] = useState({ structure: 0, progress: 0 });
  const arrivals = useRef<{ type: string; at: number }[]>([]);
  useEffect(() => {
    const port = browser.runtime.connect({ name: QUEUE_PORT });
    const onMessage = (msg: unknown) => {
      const at = performance.now();
      const effect = model.apply(msg as QueuePush);
      if (effect === 'none') return;
      arrivals.current.push({ type: (msg as QueuePush).type, at });
      setVersions((v) =>
        effect === 'structure' ? { ...v, structure: v.structure + 1 } : { ...v, progress: v.progress + 1 },
      );
    };
    port.onMessage.addListener(onMessage);
    return () => port.disconnect();
  }, [model]);
  useEffect(() => {
    const done = arrivals.current.splice(0);
    if (done.length === 0) return;
    if (performance.getEntriesByName('queue-rendered').length === 0 && model.loaded) {
      performance.mark('queue-rendered');
    }
    if (performance.getEntriesByName('queue-complete').length === 0 && model.complete) {
      performance.mark('queue-complete');
    }
    for (const { type, at } of done) performance.measure(`push-${type}`, { start: at });
    // A manager tab may stay open for days: keep the timeline small.
    if (performance.getEntriesByType('measure').length > 2_000) performance.clearMeasures();
  }, [versions, model]);
  return { model, ...versions };
}

/** Re-renders every second while `active`, for countdowns such as "Trying again in 25 s". */
export function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}
