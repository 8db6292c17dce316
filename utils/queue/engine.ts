import { AppError, toErrorInfo, type ErrorKind } from '../onefichier/errors';
import type { OneFichierClient } from '../onefichier/client';
import { sanitizeFilename } from '../filename';
import type { DownloadDeltaLike, DownloadsApi } from '../transfer/downloads-api';
import type { Job } from './job';
import { reconcileJob } from './reconcile';
import { dueWaiting, nextWake, pickNext } from './scheduler';
import { isLegal, type JobAction } from './state';
import type { NewJob, QueueStore } from './store';
import { toFailure, toLocked, toQueued } from './transitions';

export interface EngineDeps {
  store: QueueStore;
  client: OneFichierClient;
  downloads: DownloadsApi;
  /** The decrypted API key, or undefined when none is stored; rejects `locked` while locked. */
  getKey: () => Promise<string | undefined>;
  /** Passphrase mode without the unlocked key: jobs that need a token wait as `locked`. */
  isLocked: () => Promise<boolean>;
  getOptions: () => Promise<{ parallel: number; noSsl: boolean; useCdnCredits: boolean }>;
  /** Arms (or clears) the wake-up alarm for the earliest waiting job. */
  scheduleWake: (at: number | undefined) => Promise<void>;
  /** Called after any change the pages should see. */
  onChange: () => void;
  now?: () => number;
}

/** Errors fixed by saving a (new) key: those jobs are retried when a key is saved. */
const KEY_ERRORS: ReadonlySet<ErrorKind> = new Set(['noKey', 'invalidKey', 'freeAccount']);

/**
 * The queue's side effects. IndexedDB is the truth and is written before every side effect; this
 * object only keeps a pump flag. Only the background creates it, so only one context pumps.
 */
export function createQueueEngine(deps: EngineDeps) {
  const { store, downloads } = deps;
  const now = deps.now ?? Date.now;
  let pumping: Promise<void> | undefined;
  let again = false;

  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        await pumpOnce();
      } while (again);
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  }

  async function pumpOnce(): Promise<void> {
    const t = now();
    for (const job of dueWaiting(await store.all(), t)) {
      await store.update(job.id, (cur) => (cur.state === 'waiting' ? toQueued(cur, t) : undefined));
    }
    // While locked, every job that would need a token shows `locked`; once unlocked (or the key
    // forgotten, when they fail for want of a key instead) they are queued again, in their order.
    const locked = await deps.isLocked();
    for (const job of await store.all()) {
      if (locked && job.state === 'queued') {
        await store.update(job.id, (cur) => (cur.state === 'queued' ? toLocked(cur, t) : undefined));
      } else if (!locked && job.state === 'locked') {
        await store.update(job.id, (cur) => (cur.state === 'locked' ? toQueued(cur, t) : undefined));
      }
    }
    if (locked) {
      await deps.scheduleWake(nextWake(await store.all()));
      deps.onChange();
      return;
    }
    const { parallel } = await deps.getOptions();
    for (const job of pickNext(await store.all(), parallel)) {
      const claimed = await store.update(job.id, (cur) =>
        cur.state === 'queued'
          ? { ...cur, state: 'resolving', attempts: cur.attempts + 1, updatedAt: t }
          : undefined,
      );
      if (claimed) void runJob(claimed);
    }
    await deps.scheduleWake(nextWake(await store.all()));
    deps.onChange();
  }

  /**
   * file/info.cgi answers a bare "Resource not allowed" for password-protected and restricted files
   * (1fichier-api.md §3.2); get_token.cgi then tells which ("Password not provided", …), or works
   * when the restriction lets this account in. So that answer is not final here.
   */
  async function fileInfoOrRestricted(key: string, link: string) {
    try {
      return await deps.client.fileInfo(key, link);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'notAllowed') return undefined;
      throw err;
    }
  }

  /** resolving → (file/info) → get_token → downloads.download → downloading. */
  async function runJob(job: Job): Promise<void> {
    try {
      const key = await deps.getKey();
      if (!key) throw new AppError('noKey');
      let current: Job | undefined = job;
      if (current.name === undefined || current.size === undefined) {
        const info = await fileInfoOrRestricted(key, job.link);
        if (info) {
          current = await store.update(job.id, (cur) =>
            cur.state === 'resolving'
              ? { ...cur, name: info.name, size: info.size, updatedAt: now() }
              : undefined,
          );
          if (!current) return;
          deps.onChange();
        }
      }
      const { noSsl, useCdnCredits } = await deps.getOptions();
      const url = await deps.client.getToken(key, job.link, { noSsl, cdn: useCdnCredits });
      const named = current;
      // Persist the URL before the side effect, so a dying worker cannot start it twice.
      current = await store.update(job.id, (cur) =>
        cur.state === 'resolving' ? { ...cur, pendingUrl: url, updatedAt: now() } : undefined,
      );
      if (!current) return;
      const downloadId = await downloads
        .download({
          url,
          // Without a known name the browser takes it from Content-Disposition.
          ...(named.name !== undefined ? { filename: sanitizeFilename(named.name) } : {}),
          conflictAction: 'uniquify',
          saveAs: false,
        })
        .catch((err: unknown) => {
          throw new AppError('transferFailed', {
            detail: err instanceof Error ? err.message : 'refused',
            cause: err,
          });
        });
      const started = await store.update(job.id, (cur) =>
        cur.state === 'resolving'
          ? { ...cur, state: 'downloading', downloadId, bytesReceived: 0, updatedAt: now() }
          : undefined,
      );
      if (!started) {
        await downloads.cancel(downloadId).catch(() => undefined);
        return;
      }
      // A small file may have finished before the id was stored: catch up now.
      await reconcileJob(started, downloads, store, now());
    } catch (err) {
      const info = toErrorInfo(err);
      // Locked between the claim and the key: not a failure, and not an attempt.
      await store.update(job.id, (cur) =>
        cur.state !== 'resolving'
          ? undefined
          : info.kind === 'locked'
            ? toLocked({ ...cur, attempts: Math.max(0, cur.attempts - 1) }, now())
            : toFailure(cur, info, now()),
      );
    } finally {
      void pump();
    }
  }

  return {
    pump,
    async enqueue(items: readonly NewJob[]) {
      const result = await store.add(items, now());
      if (result.added.length) void pump();
      return result;
    },
    /** On every worker start: settle each active job against the browser, then pump. */
    async start(): Promise<void> {
      for (const job of await store.all()) await reconcileJob(job, downloads, store, now());
      await pump();
    },
    async onDownloadChanged(delta: DownloadDeltaLike): Promise<void> {
      if (!delta.state?.current) return;
      const job = await store.byDownloadId(delta.id);
      if (!job) return;
      await reconcileJob(job, downloads, store, now());
      await pump();
    },
    async act(id: string, action: JobAction): Promise<void> {
      const job = await store.get(id);
      if (!job || !isLegal(job.state, action)) throw new AppError('forbidden', { detail: action });
      if (action === 'remove') {
        await store.remove(id);
        if (job.downloadId !== undefined && job.state === 'downloading') {
          await downloads.cancel(job.downloadId).catch(() => undefined);
        }
      } else if (action === 'retry') {
        await store.update(id, (cur) =>
          isLegal(cur.state, 'retry') ? toQueued(cur, now(), true) : undefined,
        );
      }
      await pump();
    },
    /** After a key is saved: jobs that failed for want of a usable key run again. */
    async retryKeyFailures(): Promise<void> {
      for (const job of await store.all()) {
        if (job.state === 'failed' && job.error && KEY_ERRORS.has(job.error.kind)) {
          await store.update(job.id, (cur) =>
            cur.state === 'failed' ? toQueued(cur, now(), true) : undefined,
          );
        }
      }
      await pump();
    },
    /** A token request or a browser transfer is running (auto-lock waits for it). */
    async busy(): Promise<boolean> {
      return (await store.all()).some((j) => j.state === 'resolving' || j.state === 'downloading');
    },
    /** Live byte counts of running transfers (downloads.onChanged does not report progress). */
    async progress(): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const job of await store.all()) {
        if (job.state !== 'downloading' || job.downloadId === undefined) continue;
        const [item] = await downloads.search({ id: job.downloadId });
        if (item) out.set(job.id, item.bytesReceived);
        if (item && item.state !== 'in_progress') await reconcileJob(job, downloads, store, now());
      }
      return out;
    },
  };
}

export type QueueEngine = ReturnType<typeof createQueueEngine>;
