import type { AppErrorInfo } from '../onefichier/errors';
import type { Job } from './job';
import { decideRetry } from './retry-policy';
import { MAX_PASSWORD_TRIES } from './state';

/** Pure job transitions shared by the engine, the user's actions and reconciliation. */

/** Everything that belongs to one transfer attempt (a new attempt starts without it). */
export function dropTransfer(next: Job): Job {
  delete next.downloadId;
  delete next.pendingUrl;
  delete next.tokenAt;
  delete next.resumes;
  delete next.startedAt;
  delete next.bytesReceived;
  delete next.gid;
  delete next.connections;
  delete next.progressAt;
  return next;
}

export function toQueued(job: Job, now: number, resetAttempts = false): Job {
  const next: Job = dropTransfer({ ...job, state: 'queued', updatedAt: now });
  delete next.error;
  delete next.nextAttemptAt;
  if (resetAttempts) next.attempts = 0;
  return next;
}

/** Waiting for the passphrase: nothing of the job's progress is dropped but the pending URL. */
export function toLocked(job: Job, now: number): Job {
  const next: Job = { ...job, state: 'locked', updatedAt: now };
  delete next.error;
  delete next.nextAttemptAt;
  delete next.pendingUrl;
  return next;
}

/**
 * Paused by the user. A running browser download keeps its id (the browser pauses it and keeps the
 * partial file), an aria2 one its GID (aria2 pauses it); anything else starts afresh on Resume.
 */
export function toPaused(job: Job, now: number): Job {
  const keep = job.state === 'downloading' && (job.downloadId !== undefined || job.gid !== undefined);
  const next: Job = keep ? { ...job } : dropTransfer({ ...job });
  next.state = 'paused';
  next.updatedAt = now;
  delete next.error;
  delete next.nextAttemptAt;
  delete next.pendingUrl;
  return next;
}

/** Resumed browser download (pause → resume, or an interrupted one the browser can continue). */
export function toResumed(job: Job, now: number): Job {
  const next: Job = { ...job, state: 'downloading', updatedAt: now, resumes: (job.resumes ?? 0) + 1 };
  delete next.error;
  delete next.nextAttemptAt;
  return next;
}

/** Failed with a reason the user must act on, whatever the retry policy says. */
export function toFailed(job: Job, error: AppErrorInfo, now: number): Job {
  const next: Job = dropTransfer({ ...job, state: 'failed', error, updatedAt: now });
  delete next.nextAttemptAt;
  return next;
}

/** A wrong file or folder password: counted, and the third stops the asking (`passwordTries`). */
export function toWrongPassword(job: Job, error: AppErrorInfo, now: number): Job {
  const tries = (job.passwordTries ?? 0) + 1;
  const reason: AppErrorInfo = tries >= MAX_PASSWORD_TRIES ? { kind: 'passwordTries' } : error;
  return toFailed({ ...job, passwordTries: tries }, reason, now);
}

/** After a failure: `waiting` with a retry time, or `failed` with the reason. */
export function toFailure(job: Job, error: AppErrorInfo, now: number): Job {
  const decision = decideRetry(error, job.attempts, now);
  if (decision.kind === 'fail') return toFailed(job, error, now);
  const next: Job = dropTransfer({ ...job, error, updatedAt: now, state: 'waiting' });
  next.nextAttemptAt = decision.at;
  return next;
}

export function toCompleted(job: Job, finalPath: string, bytes: number, now: number): Job {
  const next: Job = {
    ...job,
    state: 'completed',
    finalPath,
    bytesReceived: bytes,
    updatedAt: now,
    completedAt: now,
  };
  delete next.error;
  delete next.pendingUrl;
  delete next.nextAttemptAt;
  delete next.tokenAt;
  delete next.resumes;
  delete next.passwordTries;
  return next;
}
