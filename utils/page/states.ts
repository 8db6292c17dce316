import type { LinkState } from '../messaging/protocol';
import type { AppErrorInfo } from '../onefichier/errors';
import { describeError, errorMessage } from '../onefichier/error-messages';
import { formatCount, uiLang } from '../format';
import { t, type MessageKey } from '../i18n';
import type { JobState } from '../queue/state';

/**
 * What a link's button shows, from its own click (busy, the enqueue reply) and from the live state
 * of its job. The accessible name never changes (ui-contract); the state is in the visible text,
 * the `data-state` attribute and the title.
 */
export type ButtonPhase =
  | { kind: 'ready' }
  | { kind: 'busy' }
  | { kind: 'added'; already: boolean }
  | { kind: 'error'; error: unknown }
  | { kind: 'live'; live: LinkState };

export interface ButtonView {
  /** `data-state`: ready, busy, added, or a job state (a click that failed shows `failed`). */
  state: 'ready' | 'busy' | 'added' | JobState;
  text: string;
  title: string;
}

const WORD: Readonly<Record<JobState, MessageKey>> = {
  queued: 'pageStateQueued',
  resolving: 'pageStateResolving',
  downloading: 'pageStateDownloading',
  paused: 'pageStatePaused',
  waiting: 'pageStateWaiting',
  locked: 'pageStateLocked',
  completed: 'pageStateCompleted',
  failed: 'pageStateFailed',
};

const SYMBOL: Readonly<Partial<Record<JobState, string>>> = {
  downloading: '⬇ ',
  completed: '✓ ',
  failed: '⚠ ',
};

export const JOB_STATES: ReadonlySet<string> = new Set(Object.keys(WORD));

/** The reason of a job's error, or undefined for a kind this build does not know. */
function jobReason(error: AppErrorInfo): string | undefined {
  if (typeof error !== 'object' || error === null || typeof error.kind !== 'string') return undefined;
  // An unknown kind reads as '' (describeError): no reason rather than a wrong one.
  return describeError(error, uiLang()) || undefined;
}

function liveView(live: LinkState): ButtonView {
  const word = t(WORD[live.state]);
  const percent =
    live.state === 'downloading' && typeof live.percent === 'number' && Number.isFinite(live.percent)
      ? t('pagePercent', formatCount(Math.max(0, Math.min(100, Math.floor(live.percent))), uiLang()))
      : undefined;
  let text = `${SYMBOL[live.state] ?? ''}${percent ?? word}`;
  let title = percent ? `${word} ${percent}` : word;
  if (live.files) {
    const files = t(
      'pageFolderFiles',
      formatCount(live.files.done, uiLang()),
      formatCount(live.files.total, uiLang()),
    );
    text += ` · ${files}`;
    title += ` · ${files}`;
  }
  const why = live.error ? jobReason(live.error) : undefined;
  if (why) title += `: ${why}`;
  return { state: live.state, text, title };
}

/** The view of a button for `link` (canonical) of `kind` in `phase`. */
export function buttonView(kind: 'file' | 'folder', link: string, phase: ButtonPhase): ButtonView {
  switch (phase.kind) {
    case 'ready':
      return {
        state: 'ready',
        text: t(kind === 'folder' ? 'pageButtonReadyFolder' : 'pageButtonReady'),
        title: t('pageButtonReadyTitle', link),
      };
    case 'busy':
      return { state: 'busy', text: t('pageButtonBusy'), title: t('pageButtonBusyTitle') };
    case 'added': {
      const text = t(phase.already ? 'pageButtonAlready' : 'pageButtonAdded');
      return { state: 'added', text, title: text.replace(/^✓\s*/u, '') };
    }
    case 'error':
      return {
        state: 'failed',
        text: `⚠ ${t('pageStateFailed')}`,
        title: errorMessage(phase.error, uiLang()),
      };
    case 'live':
      return liveView(phase.live);
  }
}

/** The accessible name of a link's button: `Download with 1Fichier: <label>` (ui-contract). */
export function buttonName(kind: 'file' | 'folder', label: string): string {
  return t(kind === 'folder' ? 'pageButtonFolderName' : 'pageButtonName', label);
}
