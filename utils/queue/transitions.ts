import type { AppErrorInfo } from '../onefichier/errors';
import type { Job } from './job';
import { decideRetry } from './retry-policy';

/** Pure job transitions shared by the engine and reconciliation. */

export function toQueued(job: Job, now: number, resetAttempts = false): Job {
  const next: Job = { ...job, state: 'queued', updatedAt: now };
  delete next.error;
  delete next.nextAttemptAt;
  delete next.downloadId;
  delete next.pendingUrl;
  delete next.bytesReceived;
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

/** After a failure: `waiting` with a retry time, or `failed` with the reason. */
export function toFailure(job: Job, error: AppErrorInfo, now: number): Job {
  const decision = decideRetry(error, job.attempts, now);
  const next: Job = { ...job, error, updatedAt: now, state: decision.kind === 'fail' ? 'failed' : 'waiting' };
  delete next.downloadId;
  delete next.pendingUrl;
  if (decision.kind === 'wait') next.nextAttemptAt = decision.at;
  else delete next.nextAttemptAt;
  return next;
}

export function toCompleted(job: Job, finalPath: string, bytes: number, now: number): Job {
  const next: Job = { ...job, state: 'completed', finalPath, bytesReceived: bytes, updatedAt: now };
  delete next.error;
  delete next.pendingUrl;
  delete next.nextAttemptAt;
  return next;
}
