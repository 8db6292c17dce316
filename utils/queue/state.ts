/**
 * Job states and the actions legal in each (design.md, Job states). The only place that knows them.
 *
 *   queued → resolving → downloading → completed
 *      ↑         ↓             ↓
 *      └──── waiting ←─────────┘        (back-off, flood, retry delay; has nextAttemptAt)
 *   any active → failed (typed reason; Retry → queued)
 */
export type JobState =
  'queued' | 'resolving' | 'downloading' | 'paused' | 'waiting' | 'locked' | 'completed' | 'failed';

export type JobAction = 'pause' | 'resume' | 'retry' | 'cancel' | 'remove';

/** States in which the engine owns the job (a token request or a transfer is, or may be, running). */
export const ACTIVE_STATES: ReadonlySet<JobState> = new Set(['resolving', 'downloading']);

const LEGAL: Readonly<Record<JobState, readonly JobAction[]>> = {
  queued: ['remove'],
  resolving: [],
  downloading: ['remove'],
  paused: ['remove'],
  waiting: ['retry', 'remove'],
  locked: ['remove'],
  completed: ['remove'],
  failed: ['retry', 'remove'],
};

export function legalActions(state: JobState): readonly JobAction[] {
  return LEGAL[state];
}

export function isLegal(state: JobState, action: JobAction): boolean {
  return LEGAL[state].includes(action);
}

/** The status words of ui-contract.md, exactly one per list item. */
export const STATUS_WORD: Readonly<Record<JobState, string>> = {
  queued: 'Queued',
  resolving: 'Resolving',
  downloading: 'Downloading',
  paused: 'Paused',
  waiting: 'Waiting',
  locked: 'Locked',
  completed: 'Completed',
  failed: 'Failed',
};
