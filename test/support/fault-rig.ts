/**
 * A fault-injection rig: an emulator of its own, the built extension in Chromium on a profile that
 * survives relaunches, a key saved, queue settings applied, and a "driver" extension page that
 * queues links, reads the queue and keeps the service worker awake.
 *
 * Waking the worker: Chrome restarts a stopped extension worker on its next event (a downloads
 * event, an alarm, a message). The driver page sends `getQueue` every 250 ms, like an open popup
 * would, so the worker comes back at once after every stop; without it a stopped worker would wait
 * for the next downloads event or its wake alarm. (Unpacked extensions are exempt from Chrome's
 * 30 s alarm minimum: a 2 s alarm fired after 2.9 s here, Chromium 156.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { KEYS, startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from './chromium.ts';
import { controlWorker, type WorkerControl } from './fault-worker.ts';

/** The parts of utils/messaging/protocol.ts the rig reads (kept structural: no product import). */
export interface JobViewLike {
  id: string;
  link: string;
  name?: string;
  size?: number;
  state: string;
  error?: { kind: string; detail?: string; retryAt?: number };
  nextAttemptAt?: number;
  finalPath?: string;
}

/** One item of the browser's download history (chrome.downloads.search). */
export interface BrowserDownload {
  id: number;
  url: string;
  /** Absolute path. */
  filename: string;
  state: 'in_progress' | 'interrupted' | 'complete';
  error?: string;
}

export interface EnqueueResultLike {
  found: number;
  added: number;
  duplicates: number;
}

/** Job states after which nothing happens by itself. */
export const FINAL_STATES: ReadonlySet<string> = new Set(['completed', 'failed']);

export interface RigOptions {
  emulator?: EmulatorOptions;
  /** Download folder (e.g. a tmpfs mount point); default a new temp folder, removed on close. */
  downloadDir?: string;
  /** Merged into the extension's stored settings (utils/settings.ts `local:settings`). */
  settings?: Record<string, unknown>;
  key?: string;
}

export interface FaultRig {
  readonly emu: Emulator;
  /** The current browser (a new one after each relaunch). */
  readonly ext: ExtensionBrowser;
  /** The current driver page (options.html). */
  readonly driver: Page;
  readonly worker: WorkerControl;
  readonly downloadDir: string;
  enqueue(links: readonly string[]): Promise<EnqueueResultLike>;
  /** The queue as the pages see it (retried while the worker restarts). */
  queue(): Promise<JobViewLike[]>;
  /** The browser's download history, every session of this profile included. */
  history(): Promise<BrowserDownload[]>;
  /**
   * Waits until `count` jobs exist and every one is in a final state, or until `timeoutMs`;
   * returns the last snapshot either way (the caller judges what is missing).
   */
  settle(count: number, timeoutMs: number): Promise<{ jobs: JobViewLike[]; timedOut: boolean }>;
  /**
   * Closes the browser normally and starts it again on the same profile and download folder.
   * API calls are held meanwhile, so no download can start before the download folder is set.
   */
  relaunch(): Promise<void>;
  relaunches(): number;
  close(): Promise<void>;
}

interface Reply<T> {
  ok: boolean;
  value?: T;
  error?: { kind: string };
}

interface PageChrome {
  runtime: { sendMessage(msg: unknown): Promise<unknown> };
  downloads: { search(query: object): Promise<BrowserDownload[]> };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
}

/** Sends one protocol message from `page` (undefined when the worker was not there to answer). */
async function send<T>(page: Page, type: string, payload: unknown): Promise<Reply<T> | undefined> {
  return page
    .evaluate(
      async ([t, p]) => {
        const c = (globalThis as unknown as { chrome: PageChrome }).chrome;
        return (await c.runtime.sendMessage({ type: t, payload: p })) as Reply<T> | undefined;
      },
      [type, payload] as const,
    )
    .catch(() => undefined);
}

/** Sends until the worker answers ok (it may be restarting); throws the last answer after `timeoutMs`. */
async function ask<T>(page: Page, type: string, payload: unknown, timeoutMs = 20_000): Promise<T> {
  let last: Reply<T> | undefined;
  await expect
    .poll(
      async () => {
        last = await send<T>(page, type, payload);
        return last?.ok === true;
      },
      { timeout: timeoutMs, intervals: [100, 250, 500], message: `${type}: ${JSON.stringify(last)}` },
    )
    .toBe(true);
  return last!.value as T;
}

/** The driver page: options.html, sending getQueue every 250 ms (see the module comment). */
async function openDriver(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.evaluate(() => {
    const c = (globalThis as unknown as { chrome: PageChrome }).chrome;
    setInterval(() => {
      c.runtime.sendMessage({ type: 'getQueue', payload: {} }).catch(() => undefined);
    }, 250);
  });
  return page;
}

async function applySettings(page: Page, settings: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (partial) => {
    const c = (globalThis as unknown as { chrome: PageChrome }).chrome;
    const current = ((await c.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
    await c.storage.local.set({ settings: { ...current, ...partial } });
  }, settings);
}

export async function startFaultRig(opts: RigOptions = {}): Promise<FaultRig> {
  const emu = await startEmulator(opts.emulator);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-faults-profile-'));
  const ownsDownloads = opts.downloadDir === undefined;
  const downloadDir = opts.downloadDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-faults-dl-'));
  const launch = () =>
    launchExtensionBrowser({ resolverRules: emu.resolverRules(), userDataDir: profile, downloadDir });
  let ext: ExtensionBrowser | undefined;
  let driver: Page | undefined;
  let worker: WorkerControl | undefined;
  let relaunches = 0;

  const attach = async (): Promise<void> => {
    driver = await openDriver(ext!);
    worker = await controlWorker(ext!.context, driver, ext!.extensionId);
  };
  const cleanup = async (): Promise<void> => {
    await worker?.detach();
    await ext?.close();
    fs.rmSync(profile, { recursive: true, force: true });
    if (ownsDownloads) fs.rmSync(downloadDir, { recursive: true, force: true });
    await emu.close();
  };

  try {
    ext = await launch();
    await attach();
    await ask(driver!, 'saveKey', { key: opts.key ?? KEYS.premium });
    if (opts.settings) await applySettings(driver!, opts.settings);
  } catch (err) {
    await cleanup();
    throw err;
  }

  const rig: FaultRig = {
    emu,
    get ext() {
      return ext!;
    },
    get driver() {
      return driver!;
    },
    get worker() {
      return worker!;
    },
    downloadDir,
    enqueue: (links) => ask<EnqueueResultLike>(driver!, 'enqueueLinks', { links: [...links] }),
    queue: () => ask<JobViewLike[]>(driver!, 'getQueue', {}),
    history: () =>
      driver!.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: PageChrome }).chrome;
        const items = await c.downloads.search({});
        return items.map(({ id, url, filename, state, error }) => ({
          id,
          url,
          filename,
          state,
          ...(error ? { error } : {}),
        }));
      }),
    async settle(count, timeoutMs) {
      let jobs: JobViewLike[] = [];
      const done = (): boolean => jobs.length >= count && jobs.every((j) => FINAL_STATES.has(j.state));
      try {
        await expect
          .poll(
            async () => {
              jobs = (await send<JobViewLike[]>(driver!, 'getQueue', {}))?.value ?? jobs;
              return done();
            },
            { timeout: timeoutMs, intervals: [500] },
          )
          .toBe(true);
        return { jobs, timedOut: false };
      } catch {
        return { jobs, timedOut: true };
      }
    },
    async relaunch() {
      const hold = emu.holdApi();
      try {
        await worker?.detach();
        await ext!.close();
        ext = undefined;
        ext = await launch();
        await attach();
      } finally {
        hold.release();
      }
      relaunches += 1;
    },
    relaunches: () => relaunches,
    close: cleanup,
  };
  return rig;
}
