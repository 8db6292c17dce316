import { useId, useState } from 'preact/hooks';
import { formatCount, type Lang } from '../utils/format';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import { MAX_PASSWORD_TRIES } from '../utils/queue/state';
import { counted } from '../utils/plural';
import { StatusLine, type Status } from './StatusLine';

export interface JobPasswordProps {
  id: string;
  kind: 'file' | 'folder';
  /** Wrong passwords given so far. */
  tries: number;
  lang: Lang;
}

/**
 * The password prompt inside a job's list item (`File password` or `Folder password`, then `Use
 * password`). The password goes to the background only, is never shown, logged or put in a
 * message, and the field is emptied once the background took it.
 */
export function JobPassword({ id, kind, tries, lang }: JobPasswordProps) {
  const inputId = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(undefined);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (password === '') return setStatus({ tone: 'error', text: t('pwEmpty') });
    setBusy(true);
    setStatus({ tone: 'busy', text: t('pwSending') });
    try {
      await sendMessage('setJobPassword', { id, password });
      setPassword('');
      setStatus(undefined);
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err, lang) });
    } finally {
      setBusy(false);
    }
  }

  const used = Math.min(tries, MAX_PASSWORD_TRIES);
  return (
    <form class="job-password" onSubmit={(e) => void submit(e)} noValidate>
      <label for={inputId}>{t(kind === 'folder' ? 'pwFolder' : 'pwFile')}</label>
      <div class="row">
        <input
          id={inputId}
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={password}
          readOnly={busy}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          {t('pwUse')}
        </button>
      </div>
      {used > 0 && (
        <p class="hint status-error">
          {counted(used, 'pwTriesOne', 'pwTriesOther', lang, formatCount(MAX_PASSWORD_TRIES, lang))}
        </p>
      )}
      <StatusLine status={status} />
    </form>
  );
}
