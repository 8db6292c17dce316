import { useState } from 'preact/hooks';
import { formatCount, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { JobPriority } from '../utils/queue/job';
import type { SelectionAction } from '../utils/queue/state';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import { EMPTY_SELECTION, selectAll, type Selection } from '../utils/queue-view/selection';
import type { TransferKind } from '../utils/settings';

const ACTIONS: readonly [SelectionAction, MessageKey][] = [
  ['pause', 'selPause'],
  ['resume', 'selResume'],
  ['retry', 'selRetry'],
  ['cancel', 'selCancel'],
  ['remove', 'selRemove'],
];

/** `Send selected to aria2` / `Download selected in browser` (while aria2 is on), and what each says. */
const TRANSFERS: readonly [TransferKind, MessageKey, MessageKey][] = [
  ['aria2', 'selSendAria2', 'selSentAria2'],
  ['browser', 'selToBrowser', 'selSentBrowser'],
];

const PRIORITIES: readonly [JobPriority | 'normal', MessageKey][] = [
  ['high', 'selPriorityHigh'],
  ['normal', 'selPriorityNormal'],
  ['low', 'selPriorityLow'],
];

export interface SelectionBarProps {
  selection: Selection;
  /** The jobs the list shows now (filter and search applied): what `Select all shown` takes. */
  shown: readonly string[];
  lang: Lang;
  onChange: (next: Selection) => void;
  /** aria2 is on: the selection can be sent to it or back to the browser. */
  aria2?: boolean;
}

/**
 * The manager's selection: `Select all shown`, how many are selected, and the actions on them
 * (each applies where it is legal; the outcome is announced in a polite live region).
 */
export function SelectionBar({ selection, shown, lang, onChange, aria2 }: SelectionBarProps) {
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);
  const count = selection.ids.size;
  const all = shown.length > 0 && shown.every((id) => selection.ids.has(id));

  async function run(send: () => Promise<{ changed: number }>, done: MessageKey = 'selDone') {
    if (busy) return;
    setBusy(true);
    try {
      const { changed } = await send();
      setSaid(t(done, formatCount(changed, lang), formatCount(count, lang)));
    } catch (err) {
      setSaid(errorMessage(err, lang));
    } finally {
      setBusy(false);
    }
  }

  const ids = [...selection.ids];
  return (
    <div class="selection row" role="group" aria-label={t('selGroup')}>
      <label>
        <input
          type="checkbox"
          checked={all}
          disabled={shown.length === 0}
          onChange={() => onChange(all ? EMPTY_SELECTION : selectAll(shown))}
        />{' '}
        {t('selAll')}
      </label>
      <span class="muted">{t('selCount', formatCount(count, lang))}</span>
      {ACTIONS.map(([action, label]) => (
        <button
          type="button"
          key={action}
          disabled={count === 0 || busy}
          onClick={() => void run(() => sendMessage('jobsAction', { ids, action }))}
        >
          {t(label)}
        </button>
      ))}
      {PRIORITIES.map(([priority, label]) => (
        <button
          type="button"
          key={priority}
          disabled={count === 0 || busy}
          onClick={() => void run(() => sendMessage('setJobPriority', { ids, priority }))}
        >
          {t(label)}
        </button>
      ))}
      {aria2 &&
        TRANSFERS.map(([transfer, label, done]) => (
          <button
            type="button"
            key={transfer}
            disabled={count === 0 || busy}
            onClick={() => void run(() => sendMessage('setJobTransfer', { ids, transfer }), done)}
          >
            {t(label)}
          </button>
        ))}
      <span class="muted" aria-live="polite">
        {said}
      </span>
    </div>
  );
}
