/**
 * Shared by the queue and UI benchmarks: sample jobs, seeding them into the extension's IndexedDB,
 * and restarting the service worker so it loads them (its store keeps an in-memory copy), over CDP.
 */
import type { Job } from '../../utils/queue/job.ts';
import type { Browser, CDPSession } from '@playwright/test';
import type { ExtensionBrowser } from '../support/chromium.ts';

export interface SampleMix {
  /**
   * Also jobs not run yet (1 in 20): `waiting` for a retry a day later, so the worker leaves them
   * alone during a measure (a `queued` job would be started, and fail for want of a key).
   */
  pending?: boolean;
  /** Release-style names of about 90 characters instead of about 45. */
  longNames?: boolean;
  /** One job in ten inside a folder package of ten. */
  packages?: boolean;
}

/**
 * Jobs as a long-lived queue holds them: mostly finished, some failed or paused (and with
 * `mix.pending`, some waiting); nothing runs. Orders start at 1.
 */
export function sampleJobs(n: number, now = Date.now(), mix: SampleMix = {}): Job[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `b${String(i).padStart(9, '0')}`;
    const slot = i % 20;
    const state =
      slot === 0 ? 'failed' : slot === 1 ? 'paused' : slot === 2 && mix.pending ? 'waiting' : 'completed';
    const name = mix.longNames
      ? `The.Long.Running.Show.Name.With.A.Subtitle.${i}.S0${i % 9}E${i % 24}.1080p.WEB-DL.DDP5.1.H.264-GROUP.mkv`
      : `Some.Long.Release.Name.${i}.S01E${i % 24}.1080p.mkv`;
    const job: Job = {
      id: `bench-${i}`,
      fileKey: id,
      link: `https://1fichier.com/?${id}`,
      state,
      order: i + 1,
      createdAt: now - (n - i) * 1_000,
      updatedAt: now,
      attempts: 1,
      name,
      size: 1_000_000 + i,
      pageUrl: 'https://forum.example/threads/12345-a-thread-with-links',
    };
    if (mix.packages && Math.floor(i / 10) % 10 === 0) {
      const dir = `d${String(Math.floor(i / 100)).padStart(7, '0')}`;
      job.package = {
        key: dir,
        link: `https://1fichier.com/dir/${dir}`,
        name: `Season ${Math.floor(i / 100)}`,
      };
    }
    if (state === 'completed') {
      job.finalPath = `/home/user/Downloads/${job.name}`;
      job.bytesReceived = job.size;
      job.completedAt = now;
    }
    if (state === 'failed') job.error = { kind: 'notFound' };
    if (state === 'waiting') {
      job.error = { kind: 'server' };
      job.nextAttemptAt = now + 86_400_000;
    }
    return job;
  });
}

interface SwGlobals {
  indexedDB: IDBFactory;
  performance: Performance;
}

/** Writes jobs into the extension's database (in batches: one CDP message per 10,000 jobs). */
export async function seedJobs(ext: ExtensionBrowser, jobs: Job[]): Promise<void> {
  const sw = await ext.serviceWorker();
  for (let from = 0; from < jobs.length; from += 10_000) {
    await sw.evaluate(
      async (list) => {
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
      },
      jobs.slice(from, from + 10_000),
    );
  }
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function workerTarget(cdp: CDPSession): Promise<TargetInfo | undefined> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
}

/**
 * Stops the worker (Target.closeTarget on a browser-level session; counted once the target left
 * Target.getTargets, platform-notes gotcha 16). The next message or port wakes it.
 */
export async function stopWorker(browser: Browser): Promise<void> {
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
}

/**
 * The new worker's `queue-ready` mark (ms since its start), read over CDP (Playwright does not
 * report a restarted extension worker as a new one): attach to its target and evaluate there.
 */
export async function readyMark(browser: Browser): Promise<number> {
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
      for (let i = 0; i < 2400; i += 1) {
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

/** Stops the worker and wakes it with an extension page; resolves once its queue is ready. */
export async function restartWorker(ext: ExtensionBrowser): Promise<number> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('bench: no browser');
  await stopWorker(browser);
  const tab = await ext.context.newPage();
  await tab.goto(`chrome-extension://${ext.extensionId}/options.html`);
  try {
    return await readyMark(browser);
  } finally {
    await tab.close();
  }
}
