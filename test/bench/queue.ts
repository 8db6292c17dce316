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
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('jobs', 'readwrite');
      for (const job of list) tx.objectStore('jobs').put(job);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, jobs);
}

/** Stops the worker over CDP (page-level session, platform-notes gotcha 16) and wakes it with a message. */
async function wakeToReady(ext: ExtensionBrowser): Promise<number> {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const cdp = await ext.context.newCDPSession(page);
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  try {
    const old = await ext.serviceWorker();
    await cdp.send('ServiceWorker.enable');
    const closed = new Promise<void>((resolve) => old.once('close', () => resolve()));
    await cdp.send('ServiceWorker.stopAllWorkers');
    await closed;
    const woken = ext.context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().endsWith('/background.js'),
    });
    await options.evaluate(() => {
      const c = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      return c.runtime.sendMessage({ type: 'getKeyStatus', payload: {} });
    });
    const sw = await woken;
    return await sw.evaluate(async () => {
      const perf = (globalThis as unknown as SwGlobals).performance;
      for (let i = 0; i < 600; i += 1) {
        const [mark] = perf.getEntriesByName('queue-ready');
        if (mark) return mark.startTime;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('queue-ready never marked');
    });
  } finally {
    await options.close();
    await cdp.detach().catch(() => undefined);
  }
}

/** One job's transition as store.update writes it: read and put in one readwrite transaction. */
async function transitionCost(ext: ExtensionBrowser, runs = 200): Promise<number> {
  const sw = await ext.serviceWorker();
  const times = await sw.evaluate(async (n) => {
    const g = globalThis as unknown as SwGlobals;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = g.indexedDB.open('downloader-for-1fichier');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t0 = g.performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('jobs', 'readwrite');
        const store = tx.objectStore('jobs');
        const req = store.get(`bench-${i}`);
        req.onsuccess = () => store.put({ ...req.result, updatedAt: Date.now() });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
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
    for (let i = 0; i < WAKES; i += 1) wakeMs.push(await wakeToReady(ext));
    const transitionMs = await transitionCost(ext);
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
