/**
 * Job states and the actions legal in each (design.md, Job states). The only place that knows them.
 *
 *   queued → resolving → downloading → completed
 *      ↑         ↓             ↓
 *      └──── waiting ←─────────┘        (back-off, flood, retry delay; has nextAttemptAt)
 *   paused (by the user) ⇄ any unfinished state; locked while the passphrase is needed
 *   any unfinished → failed (typed reason; Cancel is a failure of kind `cancelled`; Retry → queued)
 */
export type JobState =
  'queued' | 'resolving' | 'downloading' | 'paused' | 'waiting' | 'locked' | 'completed' | 'failed';

/** What the user can do to one job (buttons in its list item). */
export type JobAction =
  'pause' | 'resume' | 'retry' | 'cancel' | 'remove' | 'moveTop' | 'moveUp' | 'moveDown';

export const JOB_ACTIONS: readonly JobAction[] = [
  'pause',
  'resume',
  'retry',
  'cancel',
  'remove',
  'moveTop',
  'moveUp',
  'moveDown',
];

/** What the user can do to the whole queue. */
export type QueueAction = 'pauseAll' | 'resumeAll' | 'retryFailed' | 'clearCompleted';

export const QUEUE_ACTIONS: readonly QueueAction[] = [
  'pauseAll',
  'resumeAll',
  'retryFailed',
  'clearCompleted',
];

/** What the user can do to a selection of jobs (the manager): each applies where it is legal. */
export type SelectionAction = 'pause' | 'resume' | 'retry' | 'cancel' | 'remove';

export const SELECTION_ACTIONS: readonly SelectionAction[] = ['pause', 'resume', 'retry', 'cancel', 'remove'];

/** Wrong passwords the popup asks for before the job stops asking (JDownloader: 3). */
export const MAX_PASSWORD_TRIES = 3;

/** States in which the engine owns the job (a token request or a transfer is, or may be, running). */
export const ACTIVE_STATES: ReadonlySet<JobState> = new Set(['resolving', 'downloading']);

/** States in which a job's transfer (browser or aria2) may be chosen: nothing runs, and it is not done. */
export const TRANSFER_CHOICE_STATES: ReadonlySet<JobState> = new Set([
  'queued',
  'waiting',
  'paused',
  'locked',
  'failed',
]);

/** States that still have work to do and count on the toolbar badge. */
export const PENDING_STATES: ReadonlySet<JobState> = new Set([
  'queued',
  'resolving',
  'downloading',
  'waiting',
  'locked',
]);

const MOVES: readonly JobAction[] = ['moveTop', 'moveUp', 'moveDown'];

const LEGAL: Readonly<Record<JobState, readonly JobAction[]>> = {
  queued: ['pause', 'cancel', 'remove', ...MOVES],
  resolving: ['pause', 'cancel', 'remove'],
  downloading: ['pause', 'cancel', 'remove'],
  paused: ['resume', 'cancel', 'remove', ...MOVES],
  waiting: ['retry', 'pause', 'cancel', 'remove', ...MOVES],
  locked: ['pause', 'cancel', 'remove', ...MOVES],
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
