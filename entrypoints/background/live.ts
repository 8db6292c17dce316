import type { Browser } from 'wxt/browser';
import { QUEUE_PORT, type QueuePush } from '../../utils/messaging/protocol';
import { senderRole } from '../../utils/messaging/sender';
import { selfIdentity } from './identity';
import type { Services } from './services';
import { jobViews } from './views';

const PROGRESS_EVERY_MS = 500;

/**
 * Pushes queue snapshots to open pages (popup, options, manager) over ports. While a page is open
 * and a transfer runs, byte counts are polled, since downloads.onChanged does not report progress.
 */
export function createLiveHub(services: Promise<Services>) {
  const ports = new Set<Browser.runtime.Port>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;

  async function push(): Promise<void> {
    if (ports.size === 0) return stopPolling();
    const s = await services;
    const progress = await s.engine.progress();
    const message: QueuePush = { type: 'queue', jobs: await jobViews(s, progress) };
    for (const port of ports) port.postMessage(message);
    if (message.jobs.some((j) => j.state === 'downloading' || j.state === 'resolving')) {
      timer ??= setInterval(() => void push(), PROGRESS_EVERY_MS);
    } else stopPolling();
  }

  function stopPolling(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  return {
    /** Coalesces bursts of changes into one push. */
    changed(): void {
      if (pending !== undefined || ports.size === 0) return;
      pending = setTimeout(() => {
        pending = undefined;
        void push();
      }, 30);
    },
    onConnect(port: Browser.runtime.Port): void {
      if (port.name !== QUEUE_PORT) return;
      const role = port.sender ? senderRole(port.sender, selfIdentity()) : 'untrusted';
      if (role !== 'extensionPage') return port.disconnect();
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      void push();
    },
  };
}
