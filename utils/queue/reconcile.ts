import type { DownloadItemLike, DownloadsApi } from '../transfer/downloads-api';
import type { Job } from './job';
import type { QueueStore } from './store';
import { toCompleted, toFailure, toQueued } from './transitions';

/**
 * Brings one stored job in line with the browser's download (after an event, or on wake).
 *
 *   downloading + complete     → completed (size checked against 1Fichier's)
 *   downloading + interrupted  → waiting (retried with a fresh token) or failed
 *   downloading + vanished     → queued again; the download id is cleared in the same write,
 *                                so the job is re-issued exactly once
 *   resolving + pendingUrl     → the download started by a worker that died is adopted, not repeated
 *   resolving (no transfer)    → queued again (a token is fetched afresh anyway)
 */
export async function reconcileJob(
  job: Job,
  downloads: DownloadsApi,
  store: QueueStore,
  now: number,
): Promise<Job | undefined> {
  if (job.state === 'resolving') {
    const adopted = job.pendingUrl ? await findByUrl(downloads, job.pendingUrl) : undefined;
    // An adopted download is then settled like any other (it may have finished meanwhile).
    const next = adopted
      ? applyItem({ ...job, state: 'downloading', downloadId: adopted.id, updatedAt: now }, adopted, now)
      : toQueued(job, now);
    return store.update(job.id, (cur) => (cur.state === 'resolving' ? next : undefined));
  }
  if (job.state !== 'downloading' || job.downloadId === undefined) return job;
  const [item] = await downloads.search({ id: job.downloadId });
  const next = applyItem(job, item, now);
  if (next === job) return job;
  return store.update(job.id, (cur) =>
    cur.state === 'downloading' && cur.downloadId === job.downloadId ? next : undefined,
  );
}

function applyItem(job: Job, item: DownloadItemLike | undefined, now: number): Job {
  if (!item) return toQueued(job, now);
  if (item.state === 'complete') {
    const size = item.fileSize ?? item.bytesReceived;
    if (job.size !== undefined && size !== job.size) {
      return toFailure(job, { kind: 'transferFailed', detail: `size ${size} ≠ ${job.size}` }, now);
    }
    return toCompleted(job, item.filename, size, now);
  }
  if (item.state === 'interrupted') {
    // A USER_CANCELED we did not ask for is what a browser shutdown leaves (platform-notes §11.15):
    // restart with a fresh token like any other interruption.
    return toFailure(job, { kind: 'transferFailed', detail: item.error ?? 'interrupted' }, now);
  }
  return job;
}

async function findByUrl(downloads: DownloadsApi, url: string): Promise<DownloadItemLike | undefined> {
  const [item] = await downloads.search({ url });
  return item;
}
