import { abandonDownload } from '../transfer/downloads-api';
import type { EngineDeps } from './engine-deps';
import type { Job } from './job';

/** aria2 as reachable now, or undefined (not set up, or its settings unreadable). */
async function aria2Client(deps: EngineDeps) {
  return deps.aria2?.client().catch(() => undefined);
}

/**
 * Lets go of the transfer a job no longer wants (cancelled, removed, resumed afresh): the browser
 * download is cancelled and erased, the aria2 download removed there (its partial file stays on
 * the aria2 machine, which aria2 offers no call to delete). Best effort: the job's state is
 * already written.
 */
export async function letGoOfTransfer(deps: EngineDeps, job: Pick<Job, 'downloadId' | 'gid'>): Promise<void> {
  if (job.downloadId !== undefined) await abandonDownload(deps.downloads, job.downloadId);
  if (job.gid !== undefined) await (await aria2Client(deps))?.remove(job.gid).catch(() => undefined);
}

/** Pauses the running transfer of a job just written `paused`. */
export async function pauseTransfer(deps: EngineDeps, job: Pick<Job, 'downloadId' | 'gid'>): Promise<void> {
  if (job.downloadId !== undefined) await deps.downloads.pause(job.downloadId).catch(() => undefined);
  if (job.gid !== undefined) await (await aria2Client(deps))?.pause(job.gid).catch(() => undefined);
}
