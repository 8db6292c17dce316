/**
 * Stopping the extension's service worker over CDP (platform-notes.md §11 gotcha 16):
 * `ServiceWorker.stopAllWorkers` is accepted only on a page-level session with the ServiceWorker
 * domain enabled; a stop sent right after the worker started can be ignored, so it is retried once.
 *
 * When is a stop a stop: measured on Chromium 156, the stopped worker leaves `Target.getTargets`
 * but no `Target.targetDestroyed` is ever sent for it, and it comes back under the same target id;
 * Playwright keeps listing the old Worker object. The ServiceWorker domain reports each step of
 * its life (`workerVersionUpdated`, runningStatus stopping → stopped → starting → running), so a
 * stop counts when our script's version reports `stopped` (at that moment it has left
 * getTargets), and a restart when it reports `running` again.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface VersionInfo {
  versionId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/** How long a stop may take to show before it is sent again, then before it is given up. */
const STOP_RETRY_MS = 2_000;
const STOP_GIVE_UP_MS = 10_000;

/** Controls one browser's extension service worker. */
export interface WorkerControl {
  /** True while the worker runs. */
  running(): boolean;
  /** Resolves once the worker runs (at once if it does). */
  waitRunning(timeoutMs?: number): Promise<void>;
  /** Stops the running worker; resolves once it reported `stopped`. @throws when it never does. */
  stop(): Promise<void>;
  /** Stops counted so far (by this control). */
  stops(): number;
  /** Every time the worker reported `stopped`, whoever stopped it. */
  stopsSeen(): number;
  detach(): Promise<void>;
}

/** Resolves true when `wait` calls back, false after `ms` (the deadline of that event). */
function eventWithin(wait: (resolve: () => void) => () => void, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let off: (() => void) | undefined;
    const timer = setTimeout(() => {
      off?.();
      resolve(false);
    }, ms);
    off = wait(() => {
      clearTimeout(timer);
      off?.();
      resolve(true);
    });
  });
}

/**
 * Attaches to `page` (any page of the browser; an extension page is convenient) and follows the
 * worker whose script is `chrome-extension://<extensionId>/background.js`.
 */
export async function controlWorker(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<WorkerControl> {
  const url = `chrome-extension://${extensionId}/background.js`;
  const cdp: CDPSession = await context.newCDPSession(page);
  let status: VersionInfo['runningStatus'] | undefined;
  let stoppedSeen = 0;
  const listeners = new Set<() => void>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: VersionInfo[] }) => {
    for (const v of versions) {
      if (v.scriptURL !== url || v.runningStatus === status) continue;
      status = v.runningStatus;
      if (status === 'stopped') stoppedSeen += 1;
      for (const l of listeners) l();
    }
  });
  await cdp.send('ServiceWorker.enable');
  if (status === undefined) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    if (targetInfos.some((t) => t.type === 'service_worker' && t.url === url)) status = 'running';
  }
  let count = 0;

  const when = (check: () => boolean) => (resolve: () => void) => {
    const l = (): void => {
      if (check()) resolve();
    };
    listeners.add(l);
    return () => listeners.delete(l);
  };

  const waitRunning = async (timeoutMs = 10_000): Promise<void> => {
    if (status === 'running') return;
    if (
      !(await eventWithin(
        when(() => status === 'running'),
        timeoutMs,
      ))
    ) {
      throw new Error(`the service worker did not run again within ${timeoutMs} ms (status ${status})`);
    }
  };

  return {
    running: () => status === 'running',
    waitRunning,
    async stop() {
      await waitRunning();
      const before = stoppedSeen;
      const stopped = (): boolean => stoppedSeen > before;
      for (const deadline of [STOP_RETRY_MS, STOP_GIVE_UP_MS]) {
        const went = eventWithin(when(stopped), deadline);
        await cdp.send('ServiceWorker.stopAllWorkers');
        if (stopped() || (await went)) {
          count += 1;
          return;
        }
      }
      throw new Error('ServiceWorker.stopAllWorkers did not stop the extension worker');
    },
    stops: () => count,
    stopsSeen: () => stoppedSeen,
    detach: () => cdp.detach().catch(() => undefined),
  };
}
