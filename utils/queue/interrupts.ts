import type { ErrorKind } from '../onefichier/errors';

/**
 * What to do with an interrupted browser download, from its interrupt reason
 * (security-notes.md §4.4–4.6, Chromium's GetDownloadResumeMode):
 * - `resume`: ask the browser to continue it (Range on the same link, partial file kept), when it
 *   says it can (`canResume`) and the job has resumes left;
 * - `restart`: a new download with a fresh token after a back-off (partial bytes lost);
 * - `requeue`: the browser was shut down under it: queued again at once, not counted as a failure;
 * - `fail`: the user has to act (disk full, a folder that cannot be written): no retry storm.
 */
export type InterruptDecision =
  { kind: 'resume' } | { kind: 'restart' } | { kind: 'requeue' } | { kind: 'fail'; error: ErrorKind };

/** Browser-level resumes of one download before a fresh token is asked for instead. */
export const MAX_RESUMES = 3;

const DISK_FULL = new Set(['FILE_NO_SPACE']);
const FILE_PROBLEMS = new Set([
  'FILE_ACCESS_DENIED',
  'FILE_NAME_TOO_LONG',
  'FILE_TOO_LARGE',
  'FILE_BLOCKED',
  'FILE_SECURITY_CHECK_FAILED',
  'FILE_VIRUS_INFECTED',
]);

export function decideInterrupt(
  reason: string | undefined,
  canResume: boolean | undefined,
  resumesSoFar: number,
): InterruptDecision {
  const r = reason ?? '';
  if (DISK_FULL.has(r)) return { kind: 'fail', error: 'diskFull' };
  if (FILE_PROBLEMS.has(r)) return { kind: 'fail', error: 'fileError' };
  // A USER_CANCELED we did not ask for (ours changes the job's state first) is what a browser
  // shutdown leaves (platform-notes §11.15): never resumable, so a fresh token.
  if (r === 'USER_CANCELED' || r === 'USER_SHUTDOWN') return { kind: 'requeue' };
  if (canResume === true && resumesSoFar < MAX_RESUMES) return { kind: 'resume' };
  return { kind: 'restart' };
}
