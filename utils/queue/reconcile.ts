import { abandonDownload, type DownloadItemLike, type DownloadsApi } from '../transfer/downloads-api';
import { findTransfer } from './find-transfer';
import { decideInterrupt } from './interrupts';
import type { Job } from './job';
import type { QueueStore } from './store';
import { dropTransfer, toCompleted, toFailed, toFailure, toQueued, toResumed } from './transitions';

/**
 * Brings one stored job in line with the browser's download (after an event, or on wake).
 *
 *   downloading + complete     → completed (size checked against 1Fichier's)
 *   downloading + interrupted  → resumed by the browser when it can (Range on the same link), else
 *                                waiting for a fresh token, or failed when the user must act
 *                                (disk full, a folder that cannot be written)
 *   downloading + vanished     → queued again; the download id is cleared in the same write,
 *                                so the job is re-issued exactly once
 *   paused + …                 → completed if it finished meanwhile; a dead transfer is dropped
 *                                (Resume then starts afresh)
 *   resolving + pendingUrl     → the download started by a worker that died is adopted, not repeated
 *   resolving + pendingUrl     → left as is for ADOPT_GRACE_MS after the link was issued when no
 *     (no download yet)          download shows it yet: Chromium creates the item only once the
 *                                server answers, so a download asked for just before the worker
 *                                died may still appear (queued again after that time)
 *   resolving (no transfer)    → queued again (a token is fetched afresh anyway)
 * The download is found by its id only when that item is the job's own (same link); otherwise by
 * link, name and start time (Firefox renumbers downloads in every browser session), and the id
 * found is written back. Every decision is written before its side effect (resume, cancel).
 */
/** How long after its link was issued a resolving job's download may still appear (see above). */
export const ADOPT_GRACE_MS = 30_000;

/** When an orphaned resolving job is looked at again, if its download may still appear. */
export function adoptDeadline(job: Job): number | undefined {
  return job.state === 'resolving' && job.pendingUrl !== undefined && job.tokenAt !== undefined
    ? job.tokenAt + ADOPT_GRACE_MS
    : undefined;
}

export async function reconcileJob(
  job: Job,
  downloads: DownloadsApi,
  store: QueueStore,
  now: number,
): Promise<Job | undefined> {
  if (job.state === 'resolving') {
    const adopted = await findTransfer(job, downloads);
    if (!adopted && now < (adoptDeadline(job) ?? 0)) return job;
    if (!adopted)
      return store.update(job.id, (cur) => (cur.state === 'resolving' ? toQueued(cur, now) : undefined));
    const running = await store.update(job.id, (cur) =>
      cur.state === 'resolving'
        ? { ...cur, state: 'downloading', downloadId: adopted.id, updatedAt: now }
        : undefined,
    );
    return running ? settle(running, adopted, downloads, store, now) : undefined;
  }
  if ((job.state !== 'downloading' && job.state !== 'paused') || job.downloadId === undefined) return job;
  const item = await findTransfer(job, downloads);
  if (!item || item.id === job.downloadId) return settle(job, item, downloads, store, now);
  // The same download under this browser session's id: events and actions use it from now on.
  const renumbered = await sameTransfer(store, job, (cur) => ({
    ...cur,
    downloadId: item.id,
    updatedAt: now,
  }));
  return renumbered ? settle(renumbered, item, downloads, store, now) : undefined;
}

/** Writes `next` only if the job still runs the same download in the same state. */
function sameTransfer(store: QueueStore, job: Job, next: (cur: Job) => Job): Promise<Job | undefined> {
  return store.update(job.id, (cur) =>
    cur.state === job.state && cur.downloadId === job.downloadId ? next(cur) : undefined,
  );
}

async function settle(
  job: Job,
  item: DownloadItemLike | undefined,
  downloads: DownloadsApi,
  store: QueueStore,
  now: number,
): Promise<Job | undefined> {
  const id = job.downloadId;
  if (id === undefined) return job;
  if (!item) {
    return sameTransfer(store, job, (cur) =>
      cur.state === 'paused' ? dropped(cur, now) : toQueued(cur, now),
    );
  }
  if (item.state === 'complete') {
    const size = item.fileSize ?? item.bytesReceived;
    if (job.size !== undefined && size !== job.size) {
      return sameTransfer(store, job, (cur) =>
        toFailure(cur, { kind: 'sizeMismatch', detail: `${size} ≠ ${job.size}` }, now),
      );
    }
    return sameTransfer(store, job, (cur) => toCompleted(cur, item.filename, size, now));
  }
  if (item.state !== 'interrupted') return job;
  if (job.state === 'paused') {
    // A paused transfer that died (browser closed, link expired): Resume starts afresh.
    const next = await sameTransfer(store, job, (cur) => dropped(cur, now));
    await abandonDownload(downloads, id);
    return next;
  }
  const decision = decideInterrupt(item.error, item.canResume, job.resumes ?? 0);
  if (decision.kind === 'resume') {
    const resumed = await sameTransfer(store, job, (cur) => toResumed(cur, now));
    if (!resumed) return undefined;
    try {
      await downloads.resume(id);
      // Chromium ignores a resume without a user gesture once its own auto-resumes are spent
      // (kMaxAutoResumeAttempts): the item then stays interrupted and no event would ever come.
      const [after] = await downloads.search({ id });
      if (after?.state !== 'interrupted') return resumed;
    } catch {
      // Fall through: the browser could not continue it after all.
    }
  }
  const error = {
    kind: decision.kind === 'fail' ? decision.error : 'transferFailed',
    detail: item.error ?? 'interrupted',
  } as const;
  const next = await store.update(job.id, (cur) => {
    if (cur.state !== 'downloading' || cur.downloadId !== id) return undefined;
    if (decision.kind === 'fail') return toFailed(cur, error, now);
    if (decision.kind === 'requeue')
      return toQueued({ ...cur, attempts: Math.max(0, cur.attempts - 1) }, now);
    return toFailure(cur, error, now);
  });
  // The partial file is of no use to a new download: let the browser delete it.
  if (next) await abandonDownload(downloads, id);
  return next;
}

/** A paused job whose transfer is gone: Resume starts afresh. */
function dropped(job: Job, now: number): Job {
  return dropTransfer({ ...job, updatedAt: now });
}
