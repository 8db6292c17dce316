/**
 * Measures in one extension page (popup.html or manager.html) of the UI benchmark (./ui.ts): its
 * `queue-rendered` mark and `push-<type>` measures (the pages' contract with `npm run bench`) and
 * frame times while its list scrolls.
 */
import type { Page } from '@playwright/test';
import { KEYS, type FixtureFile } from '../emulator/index.ts';
import type { ExtensionBrowser } from '../support/chromium.ts';

/** Fresh tabs per first-render figure. */
const RUNS = 5;
/** Progress pushes collected per page (the background sends one every 500 ms). */
export const PUSHES = 20;
const SCROLL_FRAMES = 120;

export interface PageSpec {
  file: 'popup.html' | 'manager.html';
  width: number;
  height: number;
  jobs: number;
}

async function openPage(ext: ExtensionBrowser, spec: PageSpec): Promise<Page> {
  const tab = await ext.context.newPage();
  await tab.setViewportSize({ width: spec.width, height: spec.height });
  await tab.goto(`chrome-extension://${ext.extensionId}/${spec.file}`);
  return tab;
}

/**
 * A mark of the page (ms since its navigation start): `queue-rendered` (the first screen of the
 * queue drawn) or `queue-complete` (every job received and drawn).
 */
async function markAt(tab: Page, name = 'queue-rendered'): Promise<number> {
  const handle = await tab.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, name, {
    polling: 50,
    timeout: 120_000,
  });
  return (await handle.jsonValue()) as number;
}
const renderedAt = (tab: Page) => markAt(tab);

const rows = (tab: Page) => tab.getByRole('list', { name: 'Downloads' }).getByRole('listitem');

export interface FirstRender {
  runs: number[];
  /** Per run, when the whole queue had arrived and been drawn (`queue-complete`). */
  complete: number[];
  /** Per run, when the snapshot reached the page (connect + the worker building and posting it). */
  snapshotArrived: number[];
  /** Per run, when the page's scripts had run (DOMContentLoaded; the port connects then). */
  pageReady: number[];
  /** Per run, applying the snapshot and rendering it (its `push-snapshot` measure). */
  snapshotRender: number[];
  /** List items in the DOM after the first render (virtualised: far fewer than the jobs). */
  rowsRendered: number;
}

/** `RUNS` fresh tabs, one after the other. */
export async function firstRenders(ext: ExtensionBrowser, spec: PageSpec): Promise<FirstRender> {
  const runs: number[] = [];
  const complete: number[] = [];
  const snapshotArrived: number[] = [];
  const snapshotRender: number[] = [];
  const pageReady: number[] = [];
  let rowsRendered = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const tab = await openPage(ext, spec);
    try {
      runs.push(await renderedAt(tab));
      complete.push(await markAt(tab, 'queue-complete'));
      const snapshot = await tab.evaluate(() => {
        const [m] = performance.getEntriesByName('push-snapshot');
        const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return m && nav
          ? { at: m.startTime, ms: m.duration, ready: nav.domContentLoadedEventEnd }
          : undefined;
      });
      if (snapshot) {
        snapshotArrived.push(snapshot.at);
        snapshotRender.push(snapshot.ms);
        pageReady.push(snapshot.ready);
      }
      rowsRendered = await rows(tab).count();
      if (rowsRendered === 0) throw new Error(`bench: ${spec.file} rendered no list item`);
    } finally {
      await tab.close();
    }
  }
  return { runs, complete, pageReady, snapshotArrived, snapshotRender, rowsRendered };
}

/** Frame times (ms) while the list's scroll container moves 240 px per animation frame. */
export async function scrollFrames(ext: ExtensionBrowser, spec: PageSpec): Promise<number[]> {
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
export async function pushCosts(
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
    // Progress pushes from now on (all three running); patches since the page opened (the key
    // saved: each transfer queued, resolving, downloading).
    const before = await tab.evaluate(() => performance.getEntriesByName('push-progress').length);
    await tab.waitForFunction(
      (n) => performance.getEntriesByName('push-progress').length >= n,
      before + PUSHES,
      {
        polling: 100,
        timeout: 60_000,
      },
    );
    return await tab.evaluate(
      (from) => ({
        progress: performance
          .getEntriesByName('push-progress')
          .slice(from)
          .map((e) => e.duration),
        patch: performance.getEntriesByName('push-patch').map((e) => e.duration),
      }),
      before,
    );
  } finally {
    await tab.close();
  }
}
