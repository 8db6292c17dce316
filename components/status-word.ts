import { t, type MessageKey } from '../utils/i18n';
import type { JobState } from '../utils/queue/state';

const KEY: Readonly<Record<JobState, MessageKey>> = {
  queued: 'statusQueued',
  resolving: 'statusResolving',
  downloading: 'statusDownloading',
  paused: 'statusPaused',
  waiting: 'statusWaiting',
  locked: 'statusLocked',
  completed: 'statusCompleted',
  failed: 'statusFailed',
};

/** The one status word of a job in the UI language (English: STATUS_WORD, ui-contract.md). */
export function statusWord(state: JobState): string {
  return t(KEY[state]);
}
