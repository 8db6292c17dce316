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
import type { Worker } from '@playwright/test';
import { launchExtensionBrowser } from '../support/chromium.ts';
import { restartWorker, sampleJobs, seedJobs } from './seed.ts';

export const JOBS = 10_000;
const WAKES = 5;
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface SwGlobals {
  indexedDB: IDBFactory;
  performance: Performance;
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
    await seedJobs(ext, sampleJobs(JOBS));
    const wakeMs: number[] = [];
    const transitionMs = await transitionCost(await ext.serviceWorker());
    for (let i = 0; i < WAKES; i += 1) wakeMs.push(await restartWorker(ext));
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
