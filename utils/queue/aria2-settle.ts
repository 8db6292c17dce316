import { toErrorInfo, type AppErrorInfo } from '../onefichier/errors';
import type { Aria2Client, Aria2Status } from '../transfer/aria2/client';
import type { Job } from './job';
import type { QueueStore } from './store';
import { dropTransfer, toCompleted, toFailed, toFailure, toPaused, toQueued } from './transitions';

/** No progress for this long in an active aria2 download (or no answer from aria2): a fresh link. */
export const ARIA2_STALL_MS = 120_000;
/** Progress is written to the store at most this often (pages get live counts anyway). */
const PROGRESS_WRITE_MS = 10_000;

/**
 * What a finished-with-error aria2 download means (aria2's exit status codes, aria2c manual):
 * the disk is full, or the folder cannot be written (the user must act), else a fresh link later.
 */
export function aria2Failure(status: Pick<Aria2Status, 'errorCode' | 'errorMessage'>): AppErrorInfo {
  const code = status.errorCode ?? '';
  const detail = `aria2 ${code}: ${status.errorMessage ?? ''}`.trim().slice(0, 200);
  if (code === '9') return { kind: 'diskFull', detail };
  // 15/16: cannot open or create the file, 17: I/O error, 18: cannot create the directory.
  if (['15', '16', '17', '18'].includes(code)) return { kind: 'aria2DirRefused', detail };
  if (code === '13') return { kind: 'fileError', detail };
  return { kind: 'transferFailed', detail };
}

/** Writes `next` only while the job still runs the same aria2 download in the same state. */
function sameDownload(store: QueueStore, job: Job, next: (cur: Job) => Job | undefined) {
  return store.update(job.id, (cur) =>
    cur.state === job.state && cur.gid === job.gid ? next(cur) : undefined,
  );
}

/** A paused job whose aria2 download is gone: Resume starts afresh (the file is asked for again). */
function dropped(job: Job, now: number): Job {
  return dropTransfer({ ...job, updatedAt: now });
}

/**
 * Brings one job with an aria2 download (`gid`) in line with aria2 (after a notification, a poll, or
 * on wake). Every decision is written before its side effect (removing the download in aria2).
 *
 *   resolving, aria2 has it       → downloading (the worker died after addUri: adopted, not repeated)
 *   resolving, aria2 does not     → queued again (a token is fetched afresh anyway)
 *   complete                      → completed (size checked against 1Fichier's)
 *   error                         → failed (full disk, folder refused) or waiting for a fresh link
 *   unknown to aria2 (restarted)  → waiting for a fresh link (aria2Lost); paused: dropped
 *   removed in aria2 by the user  → failed, cancelled
 *   no progress / no answer for ARIA2_STALL_MS → removed there, waiting for a fresh link
 */
export async function settleAria2(
  job: Job,
  client: Aria2Client,
  store: QueueStore,
  now: number,
  known?: Aria2Status | null,
): Promise<Job | undefined> {
  const gid = job.gid;
  if (gid === undefined) return job;
  let status: Aria2Status | undefined;
  try {
    status = known === undefined ? await client.status(gid) : (known ?? undefined);
  } catch (err) {
    // aria2 does not answer: the download's state is unknown. Wait, then give up on this link
    // (a job caught between its token and addUri starts again: it asks aria2 first, and says why).
    const silentFor = now - (job.progressAt ?? job.startedAt ?? job.updatedAt);
    if (silentFor < ARIA2_STALL_MS || (job.state !== 'downloading' && job.state !== 'resolving')) return job;
    return sameDownload(store, job, (cur) =>
      cur.state === 'resolving' ? toQueued(cur, now) : toFailure(cur, toErrorInfo(err), now),
    );
  }
  if (job.state === 'resolving') {
    if (!status) return sameDownload(store, job, (cur) => toQueued(cur, now));
    const adopted = await sameDownload(store, job, (cur) => ({
      ...cur,
      state: 'downloading',
      bytesReceived: status.completedLength,
      progressAt: now,
      updatedAt: now,
    }));
    return adopted ? settleAria2(adopted, client, store, now, status) : undefined;
  }
  if (job.state !== 'downloading' && job.state !== 'paused') return job;
  if (!status) {
    return sameDownload(store, job, (cur) =>
      cur.state === 'paused' ? dropped(cur, now) : toFailure(cur, { kind: 'aria2Lost' }, now),
    );
  }
  const path = status.path ?? job.aria2Path;
  if (status.status === 'complete') {
    const size = status.completedLength;
    if (job.size !== undefined && size !== job.size) {
      const next = await sameDownload(store, job, (cur) =>
        toFailure(cur, { kind: 'sizeMismatch', detail: `${size} ≠ ${job.size}` }, now),
      );
      if (next) await client.remove(gid).catch(() => undefined);
      return next;
    }
    return sameDownload(store, job, (cur) => {
      const done = toCompleted(cur, path ?? '', size, now);
      delete done.gid;
      delete done.connections;
      delete done.progressAt;
      return done;
    });
  }
  if (status.status === 'error' || status.status === 'removed') {
    const next = await sameDownload(store, job, (cur) => {
      if (cur.state === 'paused') return dropped(cur, now);
      if (status.status === 'removed')
        return toFailed(cur, { kind: 'cancelled', detail: 'removed in aria2' }, now);
      const error = aria2Failure(status);
      return error.kind === 'transferFailed' ? toFailure(cur, error, now) : toFailed(cur, error, now);
    });
    if (next) await client.remove(gid).catch(() => undefined);
    return next;
  }
  return progressed(job, status, client, store, now);
}

/** An active, waiting or paused aria2 download: record its file and progress, restart it when stalled. */
async function progressed(
  job: Job,
  status: Aria2Status,
  client: Aria2Client,
  store: QueueStore,
  now: number,
) {
  const gid = job.gid;
  const moved = status.completedLength !== (job.bytesReceived ?? 0);
  const since = job.progressAt ?? job.startedAt ?? now;
  if (job.state === 'downloading' && status.status === 'active' && !moved && now - since >= ARIA2_STALL_MS) {
    const next = await sameDownload(store, job, (cur) => toFailure(cur, { kind: 'aria2Stalled' }, now));
    if (next && gid) await client.remove(gid).catch(() => undefined);
    return next;
  }
  // Paused in aria2 itself (its own interface): shown paused here; Resume starts it afresh.
  if (job.state === 'downloading' && status.status === 'paused') {
    return sameDownload(store, job, (cur) => toPaused(cur, now));
  }
  const newPath = status.path !== undefined && status.path !== job.aria2Path;
  if (!newPath && !(moved && now - since >= PROGRESS_WRITE_MS)) return job;
  return sameDownload(store, job, (cur) => {
    const next: Job = { ...cur, updatedAt: now };
    if (status.path !== undefined) next.aria2Path = status.path;
    if (moved) {
      next.bytesReceived = status.completedLength;
      next.progressAt = now;
    }
    return next;
  });
}
