/**
 * The queue pages at scale (Debian Chromium, the built extension): the popup's first render with
 * 10,000 jobs and the manager's with 50,000 (the page's `queue-rendered` mark, ms since its
 * navigation start, which includes the worker building the snapshot), the cost of one progress
 * push with three real transfers running (the page's `push-progress` measures: message arrival →
 * render committed) and the manager's frame times while its list is scrolled.
 * Run alone: `npx node --expose-gc --import ./test/support/resolve-ts.ts test/bench/ui.ts`.
 */
import { fileURLToPath } from 'node:url';
import type { Job } from '../../utils/queue/job.ts';
import { bulkFiles, startEmulator, type Emulator, type FixtureFile } from '../emulator/index.ts';
import { launchExtensionBrowser } from '../support/chromium.ts';
import { restartWorker, sampleJobs, seedJobs } from './seed.ts';
import {
  firstRenders,
  pushCosts,
  scrollFrames,
  type FirstRender,
  type PageSpec,
  type PushCost,
} from './ui-pages.ts';

const POPUP_JOBS = 10_000;
const MANAGER_JOBS = 50_000;
/** Per-connection CDN cap: three 16 MiB files take about 85 s, so they stay running. */
const CDN_BYTES_PER_SECOND = 192 * 1024;
const BIG_SIZE = 16 * 1024 * 1024;

const POPUP: PageSpec = { file: 'popup.html', width: 420, height: 600, jobs: POPUP_JOBS };
const MANAGER: PageSpec = { file: 'manager.html', width: 1280, height: 800, jobs: MANAGER_JOBS };

const median = (xs: readonly number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: readonly number[], p: number) =>
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

/** A row of the bench table (test/bench/run.ts). */
export interface UiFigure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const list = (xs: readonly number[], d = 0) => xs.map((x) => round(x, d)).join(', ');
const count = (n: number) => n.toLocaleString('en');

function pageRows(label: string, jobs: number, p: PageFigures, goal?: string): UiFigure[] {
  const { firstRender: f, push } = p;
  const patches = push.patch.length
    ? `; patches: median ${round(median(push.patch))} ms over ${push.patch.length}`
    : '';
  return [
    {
      name: `${label} first render with ${count(jobs)} jobs (median of ${f.runs.length})`,
      value: round(median(f.runs), 0),
      unit: 'ms',
      ...(goal ? { goal } : {}),
      note:
        `runs ${list(f.runs)} ms, from navigation start to the first render with the queue committed; ` +
        `medians: page scripts run by ${round(median(f.pageReady), 0)} ms, ` +
        `the snapshot arrived at ${round(median(f.snapshotArrived), 0)} ms and took ` +
        `${round(median(f.snapshotRender), 0)} ms to apply and render; ${f.rowsRendered} list items in the DOM`,
    },
    {
      name: `${label} with all ${count(jobs)} jobs received and drawn (median of ${f.complete.length})`,
      value: round(median(f.complete), 0),
      unit: 'ms',
      note: `runs ${list(f.complete)} ms; the first screen comes first, the counts of the filters appear here`,
    },
    {
      name: `${label}: one progress update with ${count(jobs)} jobs and 3 transfers running (push → render committed, median of ${push.progress.length})`,
      value: round(median(push.progress)),
      unit: 'ms',
      note: `max ${round(Math.max(...push.progress))} ms${patches}`,
    },
  ];
}

/** The UI figures as rows of the bench table. */
export function uiFigureRows(ui: UiFigures): UiFigure[] {
  const rows = [
    ...pageRows('Popup', POPUP_JOBS, ui.popup, '≤ 150 ms'),
    ...pageRows('Manager', MANAGER_JOBS, ui.manager),
  ];
  const frames = ui.manager.scroll;
  if (frames) {
    rows.push({
      name: `Manager with ${count(MANAGER_JOBS)} jobs scrolled 240 px per frame: median frame time`,
      value: round(median(frames), 1),
      unit: 'ms',
      note: `p95 ${round(percentile(frames, 0.95), 1)} ms, max ${round(Math.max(...frames), 1)} ms over ${frames.length} frames (16.7 ms = 60 fps)`,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of uiFigureRows(await uiFigures())) {
    console.log(`${f.name}: ${f.value} ${f.unit}${f.goal ? ` (goal ${f.goal})` : ''} — ${f.note ?? ''}`);
  }
}
