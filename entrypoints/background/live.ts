import type { Browser } from 'wxt/browser';
import { QUEUE_PORT, type QueuePush } from '../../utils/messaging/protocol';
import { senderRole } from '../../utils/messaging/sender';
import { selfIdentity } from './identity';
import type { Services } from './services';
import { jobView } from './views';

const PROGRESS_EVERY_MS = 500;
/** Jobs sent ahead of the rest to a page that connects: more than any first screen shows. */
const FIRST_SCREEN = 100;
/** Bursts of writes (a bulk action, an import) become one patch. */
const COALESCE_MS = 30;

function post(targets: Iterable<Browser.runtime.Port>, message: QueuePush): void {
  for (const port of targets) {
    try {
      port.postMessage(message);
    } catch {
      // The page closed meanwhile: its onDisconnect removes it.
    }
  }
}

/**
 * Keeps the open pages (popup, manager, options) in step with the queue over ports: the whole
 * queue once per page, then patches of the jobs written or removed, and, while a transfer runs,
 * byte counts twice a second (downloads.onChanged does not report progress).
 */
export function createLiveHub(services: Promise<Services>) {
  const ports = new Set<Browser.runtime.Port>();
  /** Pages that connected since the last flush: they get the whole queue. */
  const fresh = new Set<Browser.runtime.Port>();
  /** Jobs written since the last flush. */
  const dirty = new Set<string>();
  /** The last byte counts read, so a snapshot or patch never shows a running job going back. */
  let lastBytes = new Map<string, number>();
  let subscribed = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();

  async function flush(): Promise<void> {
    if (ports.size === 0) return stopPolling();
    const s = await services;
    if (!subscribed) {
      subscribed = true;
      s.store.onWrite((before, after) => {
        const id = (after ?? before)?.id;
        if (id === undefined || ports.size === 0) return;
        dirty.add(id);
        schedule();
      });
    }
    const newcomers = [...fresh];
    fresh.clear();
    const ids = [...dirty];
    dirty.clear();
    if (newcomers.length > 0) {
      const ordered = await s.store.ordered();
      const view = (j: (typeof ordered)[number]) => jobView(j, lastBytes.get(j.id));
      const more = ordered.length > FIRST_SCREEN;
      post(newcomers, { type: 'snapshot', jobs: ordered.slice(0, FIRST_SCREEN).map(view), more });
      if (more) post(newcomers, { type: 'rest', jobs: ordered.slice(FIRST_SCREEN).map(view) });
    }
    if (ids.length > 0) {
      const upsert = [];
      const remove = [];
      for (const id of ids) {
        const job = await s.store.get(id);
        if (job) upsert.push(jobView(job, lastBytes.get(id)));
        else remove.push(id);
      }
      post(
        [...ports].filter((p) => !newcomers.includes(p)),
        { type: 'patch', upsert, remove },
      );
    }
    const running = (await s.store.all()).some((j) => j.state === 'downloading' || j.state === 'resolving');
    if (running) timer ??= setInterval(() => void progress(), PROGRESS_EVERY_MS);
    else stopPolling();
  }

  async function progress(): Promise<void> {
    if (ports.size === 0) return stopPolling();
    const s = await services;
    const bytes = await s.engine.progress();
    lastBytes = bytes;
    if (bytes.size > 0) post(ports, { type: 'progress', at: Date.now(), bytes: Object.fromEntries(bytes) });
    else schedule();
  }

  function stopPolling(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  function schedule(): void {
    if (pending !== undefined || ports.size === 0) return;
    pending = setTimeout(() => {
      pending = undefined;
      // One flush at a time, in order: a patch never overtakes the snapshot before it.
      flushing = flushing.then(flush).catch(() => undefined);
    }, COALESCE_MS);
  }

  return {
    /** Something changed that the store's writes may not show (e.g. a settled transfer). */
    changed: schedule,
    onConnect(port: Browser.runtime.Port): void {
      if (port.name !== QUEUE_PORT) return;
      const role = port.sender ? senderRole(port.sender, selfIdentity()) : 'untrusted';
      if (role !== 'extensionPage') return port.disconnect();
      ports.add(port);
      fresh.add(port);
      port.onDisconnect.addListener(() => {
        ports.delete(port);
        fresh.delete(port);
      });
      // A page that just opened gets its queue now, not after the coalescing delay.
      flushing = flushing.then(flush).catch(() => undefined);
    },
  };
}
