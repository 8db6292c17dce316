import { useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { JobView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import type { QueueAction } from '../utils/queue/state';
import { counted } from '../utils/plural';
import { StatusLine, type Status } from './StatusLine';

interface Bulk {
  action: QueueAction;
  label: MessageKey;
  /** Whether the action would change any job. */
  applies: (job: JobView) => boolean;
  done: [MessageKey, MessageKey];
}

const BULK: readonly Bulk[] = [
  {
    action: 'pauseAll',
    label: 'qaPauseAll',
    applies: (j) => j.actions.includes('pause'),
    done: ['qaPausedOne', 'qaPausedOther'],
  },
  {
    action: 'resumeAll',
    label: 'qaResumeAll',
    applies: (j) => j.state === 'paused',
    done: ['qaResumedOne', 'qaResumedOther'],
  },
  {
    action: 'retryFailed',
    label: 'qaRetryFailed',
    applies: (j) => j.state === 'failed',
    done: ['qaRetriedOne', 'qaRetriedOther'],
  },
  {
    action: 'clearCompleted',
    label: 'qaClearCompleted',
    applies: (j) => j.state === 'completed',
    done: ['qaClearedOne', 'qaClearedOther'],
  },
];

/**
 * `Pause all`, `Resume all`, `Retry failed`, `Clear completed` above the popup's list: each is
 * enabled only when some job would change, and says what it did in the popup's status region.
 */
export function QueueActions({ jobs }: { jobs: readonly JobView[] | undefined }) {
  const lang = uiLang();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(undefined);

  async function run(bulk: Bulk) {
    setBusy(true);
    try {
      const { changed } = await sendMessage('queueAction', { action: bulk.action });
      setStatus({ tone: 'ok', text: counted(changed, bulk.done[0], bulk.done[1], lang) });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="queue-actions">
      <div class="row" role="group" aria-label={t('qaGroup')}>
        {BULK.map((bulk) => (
          <button
            type="button"
            key={bulk.action}
            disabled={busy || !(jobs ?? []).some(bulk.applies)}
            onClick={() => void run(bulk)}
          >
            {t(bulk.label)}
          </button>
        ))}
      </div>
      <StatusLine status={status} role="status" />
    </div>
  );
}
