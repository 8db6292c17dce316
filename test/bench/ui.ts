/**
 * The queue pages at scale (Debian Chromium, the built extension): the popup's first render with
 * 10,000 jobs and the manager's with 50,000 (the page's `queue-rendered` mark, ms since its
 * navigation start, which includes the worker building the snapshot), the cost of one progress
 * push with three real transfers running (the page's `push-progress` measures: message arrival →
 * render committed) and the manager's frame times while its list is scrolled.
 * Run alone: `npx node --expose-gc --import ./test/support/resolve-ts.ts test/bench/ui.ts`.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Job } from '../../utils/queue/job.ts';
import { bulkFiles, KEYS, startEmulator, type Emulator, type FixtureFile } from '../emulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { restartWorker, sampleJobs, seedJobs } from './seed.ts';

export const POPUP_JOBS = 10_000;
export const MANAGER_JOBS = 50_000;
const RUNS = 5;
/** Progress pushes collected per page (the background sends one every 500 ms). */
export const PUSHES = 20;
const SCROLL_FRAMES = 120;
/** Per-connection CDN cap: three 16 MiB files take about 85 s, so they stay running. */
const CDN_BYTES_PER_SECOND = 192 * 1024;
const BIG_SIZE = 16 * 1024 * 1024;

interface PageSpec {
  file: 'popup.html' | 'manager.html';
  width: number;
  height: number;
  jobs: number;
}
const POPUP: PageSpec = { file: 'popup.html', width: 420, height: 600, jobs: POPUP_JOBS };
const MANAGER: PageSpec = { file: 'manager.html', width: 1280, height: 800, jobs: MANAGER_JOBS };

export const median = (xs: readonly number[]) =>
  xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const percentile = (xs: readonly number[], p: number) =>
  xs.toSorted((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/**
 * The transfers of the progress measure, first in the queue (visible at the top of both lists):
 * seeded as failed for want of a key, so nothing runs until the key is saved, and saving it
 * retries them (engine.retryKeyFailures).
 */
function transferJobs(files: readonly FixtureFile[], now: number): Job[] {
  return files.map((f, i) => ({
    id: `bench-transfer-${i}`,
    fileKey: f.id,
    link: f.link,
    state: 'failed',
    error: { kind: 'noKey' },
    order: i - files.length + 1,
    createdAt: now,
    updatedAt: now,
    attempts: 1,
    name: f.name,
    size: f.size,
  }));
}

async function openPage(ext: ExtensionBrowser, spec: PageSpec): Promise<Page> {
  const tab = await ext.context.newPage();
  await tab.setViewportSize({ width: spec.width, height: spec.height });
  await tab.goto(`chrome-extension://${ext.extensionId}/${spec.file}`);
  return tab;
}

/** The page's `queue-rendered` mark (ms since its navigation start). */
async function renderedAt(tab: Page): Promise<number> {
  const handle = await tab.waitForFunction(
    () => performance.getEntriesByName('queue-rendered')[0]?.startTime,
    undefined,
    { polling: 50, timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

const rows = (tab: Page) => tab.getByRole('list', { name: 'Downloads' }).getByRole('listitem');

export interface FirstRender {
  runs: number[];
  /** List items in the DOM after the first render (virtualised: far fewer than the jobs). */
  rowsRendered: number;
}

/** `RUNS` fresh tabs, one after the other. */
async function firstRenders(ext: ExtensionBrowser, spec: PageSpec): Promise<FirstRender> {
  const runs: number[] = [];
  let rowsRendered = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const tab = await openPage(ext, spec);
    try {
      runs.push(await renderedAt(tab));
      rowsRendered = await rows(tab).count();
      if (rowsRendered === 0) throw new Error(`bench: ${spec.file} rendered no list item`);
    } finally {
      await tab.close();
    }
  }
  return { runs, rowsRendered };
}

/** Frame times (ms) while the list's scroll container moves 240 px per animation frame. */
async function scrollFrames(ext: ExtensionBrowser, spec: PageSpec): Promise<number[]> {
  const tab = await openPage(ext, spec);
  try {
    await renderedAt(tab);
    const list = await tab.getByRole('list', { name: 'Downloads' }).elementHandle();
    if (!list) throw new Error('bench: no Downloads list');
    const { frames, moved } = await list.evaluate(async (el, count) => {
      let box: Element | null = el;
      // The list's own scroll container: the nearest ancestor that scrolls vertically.
      while (
        box &&
        !(box.scrollHeight > box.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(box).overflowY))
      )
        box = box.parentElement;
      const scroller = box ?? document.scrollingElement ?? document.documentElement;
      const start = scroller.scrollTop;
      const times: number[] = [];
      await new Promise<void>((resolve) => {
        let last = 0;
        const step = (t: number) => {
          if (last > 0) times.push(t - last);
          last = t;
          if (times.length >= count) return resolve();
          scroller.scrollTop += 240;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      return { frames: times, moved: scroller.scrollTop - start };
    }, SCROLL_FRAMES);
    if (moved <= 0) throw new Error('bench: the list did not scroll');
    if ((await rows(tab).count()) === 0) throw new Error('bench: no rows after scrolling');
    return frames;
  } finally {
    await tab.close();
  }
}

interface ChromeGlobal {
  chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } };
}

export interface PushCost {
  progress: number[];
  patch: number[];
}

/**
 * Saves the emulator's key from the page (the three seeded transfers then run), waits until the
 * list shows all three downloading, then collects the next `PUSHES` progress measures.
 */
async function pushCosts(
  ext: ExtensionBrowser,
  spec: PageSpec,
  files: readonly FixtureFile[],
): Promise<PushCost> {
  const tab = await openPage(ext, spec);
  try {
    await renderedAt(tab);
    const reply = await tab.evaluate(
      (key) =>
        (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({
          type: 'saveKey',
          payload: { key },
        }),
      KEYS.premium,
    );
    if (!reply.ok) throw new Error('bench: the key was not saved');
    for (const f of files) {
      await rows(tab)
        .filter({ hasText: f.name })
        .filter({ hasText: 'Downloading' })
        .waitFor({ timeout: 60_000 });
    }
    await tab.evaluate(() => performance.clearMeasures());
    await tab.waitForFunction((n) => performance.getEntriesByName('push-progress').length >= n, PUSHES, {
      polling: 100,
      timeout: 60_000,
    });
    return await tab.evaluate(() => ({
      progress: performance.getEntriesByName('push-progress').map((e) => e.duration),
      patch: performance.getEntriesByName('push-patch').map((e) => e.duration),
    }));
  } finally {
    await tab.close();
  }
}

export interface PageFigures {
  firstRender: FirstRender;
  push: PushCost;
  scroll?: number[];
}

/** One browser per page: seed, restart the worker, first renders, (scroll), then the transfers. */
async function pageFigures(emulator: Emulator, spec: PageSpec, scroll: boolean): Promise<PageFigures> {
  const files = bulkFiles(3, BIG_SIZE, 7);
  emulator.resetLimits();
  const ext = await launchExtensionBrowser({ resolverRules: emulator.resolverRules() });
  try {
    const now = Date.now();
    await seedJobs(ext, [
      ...transferJobs(files, now),
      ...sampleJobs(spec.jobs, now, { pending: true, longNames: true, packages: true }),
    ]);
    await restartWorker(ext);
    const firstRender = await firstRenders(ext, spec);
    const frames = scroll ? await scrollFrames(ext, spec) : undefined;
    const push = await pushCosts(ext, spec, files);
    return { firstRender, push, ...(frames ? { scroll: frames } : {}) };
  } finally {
    await ext.close();
  }
}

export interface UiFigures {
  popup: PageFigures;
  manager: PageFigures;
}

export async function uiFigures(): Promise<UiFigures> {
  const emulator = await startEmulator({ cdnBytesPerSecond: CDN_BYTES_PER_SECOND });
  try {
    const popup = await pageFigures(emulator, POPUP, false);
    const manager = await pageFigures(emulator, MANAGER, true);
    return { popup, manager };
  } finally {
    await emulator.close();
  }
}

const ms = (xs: readonly number[]) => xs.map((x) => x.toFixed(1)).join(', ');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = await uiFigures();
  for (const [name, p, jobs] of [
    ['popup', f.popup, POPUP_JOBS],
    ['manager', f.manager, MANAGER_JOBS],
  ] as const) {
    console.log(
      `${name} first render with ${jobs} jobs: median ${median(p.firstRender.runs).toFixed(1)} ms (runs ${ms(p.firstRender.runs)}; ${p.firstRender.rowsRendered} rows in the DOM)`,
    );
    console.log(
      `${name} one progress push (apply + render): median ${median(p.push.progress).toFixed(2)} ms over ${p.push.progress.length} (max ${Math.max(...p.push.progress).toFixed(2)}); patches: median ${median(p.push.patch).toFixed(2)} ms over ${p.push.patch.length}`,
    );
    if (p.scroll) {
      console.log(
        `${name} scroll: median frame ${median(p.scroll).toFixed(1)} ms, p95 ${percentile(p.scroll, 0.95).toFixed(1)} ms, max ${Math.max(...p.scroll).toFixed(1)} ms over ${p.scroll.length} frames`,
      );
    }
  }
}
