import type { DownloadItemLike, DownloadsApi } from '../transfer/downloads-api';
import type { Job } from './job';
import { isAtPath } from './places';

/** What identifies a job's browser download besides its id. */
type Identity = Pick<Job, 'downloadId' | 'pendingUrl' | 'targetPath' | 'startedAt'>;

/**
 * Whether `item` can be this job's download: it was started for the job's own direct link (each
 * token link is issued for one attempt of one job). A job stored before links were kept (no
 * `pendingUrl`), or an item without a URL, is taken at its word.
 */
function isJobsDownload(job: Identity, item: DownloadItemLike): boolean {
  return job.pendingUrl === undefined || item.url === undefined || item.url === job.pendingUrl;
}

/** Whether the browser wrote the file under the path the job asked for (not renamed). */
function hasAskedName(job: Identity, item: DownloadItemLike): boolean {
  return !!job.targetPath && !!item.filename && isAtPath(item.filename, job.targetPath);
}

function startGap(job: Identity, item: DownloadItemLike): number {
  const started = item.startTime ? Date.parse(item.startTime) : Number.NaN;
  return job.startedAt === undefined || Number.isNaN(started)
    ? Number.POSITIVE_INFINITY
    : Math.abs(started - job.startedAt);
}

/**
 * Among downloads of the job's link, the one that is its own: the name it asked for first, then
 * the start time closest to the job's. undefined when the browser has none.
 */
export function pickJobsDownload(
  job: Identity,
  items: readonly DownloadItemLike[],
): DownloadItemLike | undefined {
  const better = (a: DownloadItemLike, b: DownloadItemLike) =>
    hasAskedName(job, a) !== hasAskedName(job, b)
      ? hasAskedName(job, a)
      : startGap(job, a) < startGap(job, b);
  let best: DownloadItemLike | undefined;
  for (const item of items) {
    if (isJobsDownload(job, item) && (!best || better(item, best))) best = item;
  }
  return best;
}

/**
 * The browser download running `job`. The stored id is trusted only when its item is the job's
 * own: Firefox numbers downloads afresh in every browser session (and forgets the last session's
 * unfinished ones), so after a restart the id may be missing or name another download. Otherwise
 * the download is looked up by the job's link, its file name and its start time.
 */
export async function findTransfer(
  job: Identity,
  downloads: DownloadsApi,
): Promise<DownloadItemLike | undefined> {
  if (job.downloadId !== undefined) {
    const [byId] = await downloads.search({ id: job.downloadId });
    if (byId && isJobsDownload(job, byId)) return byId;
  }
  if (job.pendingUrl === undefined) return undefined;
  return pickJobsDownload(job, await downloads.search({ url: job.pendingUrl }));
}
