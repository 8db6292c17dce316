import { browser } from 'wxt/browser';
import type { Job } from '../../utils/queue/job';
import { socketUrl, checkRpcUrl } from '../../utils/transfer/aria2/config';

/** Asks aria2 about its downloads while the worker sleeps (Chrome's shortest period: 30 s). */
export const ARIA2_POLL_ALARM = 'aria2-poll';
/** While the worker lives and the notification socket is down: ask again this often. */
const RETRY_MS = 2_000;

const EVENTS = new Set([
  'aria2.onDownloadStart',
  'aria2.onDownloadPause',
  'aria2.onDownloadStop',
  'aria2.onDownloadComplete',
  'aria2.onDownloadError',
  'aria2.onBtDownloadComplete',
]);

export interface Aria2WatchDeps {
  jobs: () => Promise<Job[]>;
  url: () => Promise<string>;
  /** Asks aria2 about every download; → whether one still runs. */
  poll: () => Promise<boolean>;
  onEvent: (gid: string) => Promise<void>;
}

const running = (j: Job) => j.gid !== undefined && (j.state === 'resolving' || j.state === 'downloading');

/** The GIDs of an aria2 notification (`{"method":"aria2.onDownloadComplete","params":[{"gid":"…"}]}`). */
export function notifiedGids(data: unknown): string[] {
  if (typeof data !== 'string') return [];
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return [];
  }
  const { method, params } = (msg ?? {}) as { method?: unknown; params?: unknown };
  if (typeof method !== 'string' || !EVENTS.has(method) || !Array.isArray(params)) return [];
  return params
    .map((p) => (p as { gid?: unknown } | null)?.gid)
    .filter((g): g is string => typeof g === 'string' && /^[0-9a-f]{16}$/i.test(g));
}

/**
 * Follows aria2 while any of its downloads runs: its WebSocket notifications while the worker is
 * alive (a completion is seen at once), an alarm that polls `tellStatus` when it wakes, and a
 * short retry while the socket is down (aria2 restarted: its lost downloads are noticed as soon
 * as it answers again). Everything stops when no aria2 download runs.
 */
export function createAria2Watch(deps: Aria2WatchDeps) {
  let socket: WebSocket | undefined;
  let socketFor: string | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** undefined: not known yet — the alarm outlives the worker, so a new worker may find one set. */
  let alarmOn: boolean | undefined;

  function closeSocket(): void {
    const ws = socket;
    socket = undefined;
    socketFor = undefined;
    ws?.close();
  }

  function openSocket(address: string): void {
    const check = checkRpcUrl(address);
    if (!check.ok) return;
    const ws = new WebSocket(socketUrl(check.url));
    socket = ws;
    socketFor = address;
    ws.addEventListener('message', (e: MessageEvent) => {
      for (const gid of notifiedGids(e.data)) void deps.onEvent(gid).catch(() => undefined);
    });
    // Connected (again): catch up on whatever happened while nobody listened.
    ws.addEventListener('open', () => void tick());
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = undefined;
      socketFor = undefined;
      if (retry === undefined) retry = setTimeout(() => void tick(), RETRY_MS);
    });
  }

  async function tick(): Promise<void> {
    retry = undefined;
    await deps.poll().catch(() => true);
    // Whatever the poll found: the queue as it is now decides (it also clears a leftover alarm).
    await watch();
  }

  /** Starts or stops following aria2, from the queue as it is now. */
  async function watch(): Promise<void> {
    const active = (await deps.jobs()).some(running);
    if (!active) {
      closeSocket();
      if (retry !== undefined) clearTimeout(retry);
      retry = undefined;
      if (alarmOn !== false) await browser.alarms.clear(ARIA2_POLL_ALARM);
      alarmOn = false;
      return;
    }
    if (!alarmOn) {
      alarmOn = true;
      await browser.alarms.create(ARIA2_POLL_ALARM, { periodInMinutes: 0.5 });
    }
    const address = await deps.url();
    if (socket && socketFor === address) return;
    closeSocket();
    openSocket(address);
  }

  return { watch, tick };
}
