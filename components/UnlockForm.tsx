import { useEffect, useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import type { VaultView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { AppError } from '../utils/onefichier/errors';
import { errorMessage } from '../utils/onefichier/error-messages';
import { StatusLine, type Status } from './StatusLine';

export interface UnlockFormProps {
  /** Wrong passphrases so far made the background refuse attempts until then. */
  retryAt?: number;
  onUnlocked: (view: VaultView) => void;
  /** Prefix for element ids (the popup and the options page both use this form). */
  idPrefix: string;
}

/**
 * `Passphrase` + `Unlock` (ui-contract.md). After a wrong passphrase the button stays disabled for
 * the growing wait the background imposes, and the status says how long; what was typed stays.
 */
export function UnlockForm({ retryAt, onUnlocked, idPrefix }: UnlockFormProps) {
  const [passphrase, setPassphrase] = useState('');
  const [status, setStatus] = useState<Status>(undefined);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | undefined>(retryAt);

  useEffect(() => setWaitUntil(retryAt), [retryAt]);
  useEffect(() => {
    if (waitUntil === undefined) return;
    const id = setTimeout(() => setWaitUntil(undefined), Math.max(0, waitUntil - Date.now()));
    return () => clearTimeout(id);
  }, [waitUntil]);

  async function unlock(event: Event) {
    event.preventDefault();
    if (passphrase === '') return setStatus({ tone: 'error', text: t('passphraseEmpty') });
    setBusy(true);
    setStatus({ tone: 'busy', text: t('checkingPassphrase') });
    try {
      const view = await sendMessage('unlock', { passphrase });
      setPassphrase('');
      setStatus({ tone: 'ok', text: t('unlockedDone') });
      onUnlocked(view);
    } catch (err) {
      if (err instanceof AppError && err.retryAt !== undefined) setWaitUntil(err.retryAt);
      setStatus({ tone: 'error', text: errorMessage(err, uiLang()) });
    } finally {
      setBusy(false);
    }
  }

  const id = `${idPrefix}-unlock-passphrase`;
  return (
    <form class="unlock-form" onSubmit={unlock} noValidate>
      <label for={id}>{t('passphraseLabel')}</label>
      <div class="row">
        <input
          id={id}
          type="password"
          autocomplete="current-password"
          spellcheck={false}
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy || waitUntil !== undefined}>
          {t('unlock')}
        </button>
      </div>
      <StatusLine status={status} />
    </form>
  );
}
