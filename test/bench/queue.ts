/**
 * The queue at scale, in the extension's service worker (Debian Chromium): wake to ready with
 * 10,000 stored jobs (the worker is stopped over CDP, then woken by a message; the background marks
 * `queue-ready` once the store is loaded, reconciled and pumped, relative to the worker's start),
 * the cost of one state transition (one readwrite transaction: read the job, write it back, as
 * store.update does) and, in Node, the heap the in-memory copy of 10,000 jobs takes.
 * Run alone: `npx node --expose-gc --import ./test/support/resolve-ts.ts test/bench/queue.ts`.
 */
import 'fake-indexeddb/auto';
import { fileURLToPath } from 'node:url';
import type { Job } from '../../utils/queue/job.ts';
import type { Browser, CDPSession, Worker } from '@playwright/test';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';

export const JOBS = 10_000;
const WAKES = 5;
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Jobs as a long-lived queue holds them: mostly finished, some failed or paused (nothing runs). */
export function sampleJobs(n: number, now = Date.now()): Job[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `b${String(i).padStart(9, '0')}`;
    const state = i % 20 === 0 ? 'failed' : i % 20 === 1 ? 'paused' : 'completed';
    const job: Job = {
      id: `bench-${i}`,
      fileKey: id,
      link: `https://1fichier.com/?${id}`,
      state,
      order: i + 1,
      createdAt: now - (n - i) * 1_000,
      updatedAt: now,
      attempts: 1,
      name: `Some.Long.Release.Name.${i}.S01E${i % 24}.1080p.mkv`,
      size: 1_000_000 + i,
      pageUrl: 'https://forum.example/threads/12345-a-thread-with-links',
    };
    if (state === 'completed') {
      job.finalPath = `/home/user/Downloads/${job.name}`;
      job.bytesReceived = job.size;
      job.completedAt = now;
    }
    if (state === 'failed') job.error = { kind: 'notFound' };
    return job;
  });
}

interface SwGlobals {
  indexedDB: IDBFactory;
  performance: Performance;
}

async function seed(ext: ExtensionBrowser, jobs: Job[]): Promise<void> {
  const sw = await ext.serviceWorker();
  await sw.evaluate(async (list) => {
    const g = globalThis as unknown as SwGlobals;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = g.indexedDB.open('downloader-for-1fichier');
      req.addEventListener('success', () => resolve(req.result));
      req.addEventListener('error', () => reject(req.error));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('jobs', 'readwrite');
      for (const job of list) tx.objectStore('jobs').put(job);
      tx.addEventListener('complete', () => resolve());
      tx.addEventListener('error', () => reject(tx.error));
    });
    db.close();
  }, jobs);
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function workerTarget(cdp: CDPSession): Promise<TargetInfo | undefined> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
}

/**
 * Stops the worker (Target.closeTarget on a browser-level session; counted once the target left
 * Target.getTargets, platform-notes gotcha 16), then wakes it by opening an extension page (its
 * messages start the worker) and reads the `queue-ready` mark.
 */
async function wakeToReady(ext: ExtensionBrowser): Promise<number> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('bench: no browser');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const target = await workerTarget(cdp);
    if (!target) throw new Error('bench: no service worker to stop');
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
    for (let i = 0; (await workerTarget(cdp)) !== undefined; i += 1) {
      if (i > 200) throw new Error('bench: the service worker did not stop');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  const tab = await ext.context.newPage();
  await tab.goto(`chrome-extension://${ext.extensionId}/options.html`);
  try {
    return await readyMark(browser);
  } finally {
    await tab.close();
  }
}

/**
 * The new worker's `queue-ready` mark, read over CDP (Playwright does not report a restarted
 * extension worker as a new one): attach to its target and evaluate there.
 */
async function readyMark(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    let target: TargetInfo | undefined;
    for (let i = 0; !(target = await workerTarget(cdp)); i += 1) {
      if (i > 400) throw new Error('bench: the service worker did not start again');
      await new Promise((r) => setTimeout(r, 25));
    }
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as { sessionId: string };
    const expression = `(async () => {
      for (let i = 0; i < 600; i += 1) {
        const [mark] = performance.getEntriesByName('queue-ready');
        if (mark) return mark.startTime;
        await new Promise((r) => setTimeout(r, 25));
      }
      return -1;
    })()`;
    const answer = new Promise<number>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        const msg = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: number } } };
        if (event.sessionId === sessionId && msg.id === 1) resolve(msg.result?.result?.value ?? -1);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true, returnByValue: true },
      }),
    });
    const ms = await answer;
    if (ms < 0) throw new Error('bench: queue-ready never marked');
    return ms;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** One job's transition as store.update writes it: read and put in one readwrite transaction. */
async function transitionCost(sw: Worker, runs = 200): Promise<number> {
  const times = await sw.evaluate(async (n) => {
    const g = globalThis as unknown as SwGlobals;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = g.indexedDB.open('downloader-for-1fichier');
      req.addEventListener('success', () => resolve(req.result));
      req.addEventListener('error', () => reject(req.error));
    });
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t0 = g.performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('jobs', 'readwrite');
        const store = tx.objectStore('jobs');
        const req = store.get(`bench-${i}`);
        req.addEventListener('success', () => store.put({ ...req.result, updatedAt: Date.now() }));
        tx.addEventListener('complete', () => resolve());
        tx.addEventListener('error', () => reject(tx.error));
      });
      out.push(g.performance.now() - t0);
    }
    db.close();
    return out;
  }, runs);
  return median(times);
}

/** Heap taken by the store's in-memory copy of n jobs (Node; needs --expose-gc for a clean reading). */
export async function cacheHeap(n: number): Promise<number> {
  const { openAppDb } = await import('../../utils/db.ts');
  const { createQueueStore } = await import('../../utils/queue/store.ts');
  const db = await openAppDb(`bench-heap-${Date.now()}`);
  const tx = db.transaction('jobs', 'readwrite');
  await Promise.all([...sampleJobs(n).map((j) => tx.store.put(j)), tx.done]);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const store = createQueueStore(db);
  await store.load();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if ((await store.all()).length !== n) throw new Error('bench: store did not load every job');
  db.close();
  return after - before;
}

export interface QueueFigures {
  wakeMs: number[];
  transitionMs: number;
  heapBytes: number;
}

export async function queueFigures(): Promise<QueueFigures> {
  const ext = await launchExtensionBrowser({ resolverRules: 'MAP nothing.invalid ~NOTFOUND' });
  try {
    await seed(ext, sampleJobs(JOBS));
    const wakeMs: number[] = [];
    const transitionMs = await transitionCost(await ext.serviceWorker());
    for (let i = 0; i < WAKES; i += 1) wakeMs.push(await wakeToReady(ext));
    return { wakeMs, transitionMs, heapBytes: await cacheHeap(JOBS) };
  } finally {
    await ext.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = await queueFigures();
  console.log(
    `wake to ready with ${JOBS} jobs: median ${median(f.wakeMs).toFixed(1)} ms (runs ${f.wakeMs.map((x) => x.toFixed(0)).join(', ')}); ` +
      `one transition: ${f.transitionMs.toFixed(2)} ms; heap of the in-memory copy: ${(f.heapBytes / 2 ** 20).toFixed(1)} MiB`,
  );
}
