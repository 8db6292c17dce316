import type { AppErrorInfo } from '../onefichier/errors';
import { RETRY_POLICY } from '../onefichier/errors';

export const MAX_ATTEMPTS = 5;

export type RetryDecision = { kind: 'fail' } | { kind: 'wait'; at: number };

/**
 * What to do with a job after a failure: wait (with a jittered exponential back-off, or until the
 * flood breaker opens) or fail with the reason shown to the user.
 */
export function decideRetry(
  error: AppErrorInfo,
  attempts: number,
  now: number,
  random: () => number = Math.random,
): RetryDecision {
  const policy = RETRY_POLICY[error.kind];
  if (policy === 'never' || policy === 'needsUser') return { kind: 'fail' };
  if (policy === 'afterUnlock') return { kind: 'wait', at: error.retryAt ?? now + 30_000 };
  if (attempts >= MAX_ATTEMPTS) return { kind: 'fail' };
  // The server said when to come back (Retry-After): that time, not a guess.
  if (error.retryAt !== undefined && error.retryAt > now) return { kind: 'wait', at: error.retryAt };
  const base = policy === 'soon' ? 2_000 : 30_000;
  const delay = Math.min(base * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
  // Full jitter on the upper half keeps many jobs from retrying in lockstep (security-notes §5.5).
  return { kind: 'wait', at: now + Math.round(delay / 2 + (random() * delay) / 2) };
}
