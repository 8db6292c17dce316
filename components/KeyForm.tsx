import { useState } from 'preact/hooks';
import { errorMessage } from '../utils/onefichier/error-messages';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import type { VaultView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { accountLabel } from './account-label';
import { StatusLine, type Status } from './StatusLine';

export interface KeyFormProps {
  /** Undefined until the background answered. */
  view: VaultView | undefined;
  onChange: (view: VaultView) => void;
  /** Set when the background could not be asked. */
  loadError?: unknown;
}

function errorText(err: unknown): string {
  return errorMessage(err, uiLang());
}

/**
 * The `API key` form of ui-contract.md, with THE `status` line of the options page. The typed key
 * stays in the field when saving fails, so nothing is lost; it is cleared once stored.
 */
export function KeyForm({ view, onChange, loadError }: KeyFormProps) {
  const [key, setKey] = useState('');
  const [status, setStatus] = useState<Status>(undefined);

  async function save(event: Event) {
    event.preventDefault();
    setStatus({ tone: 'busy', text: t('checkingKey') });
    try {
      const next = await sendMessage('saveKey', { key });
      onChange(next);
      setKey('');
      setStatus({ tone: 'ok', text: t('keySaved', next.account ? accountLabel(next.account) : '').trim() });
    } catch (err) {
      setStatus({ tone: 'error', text: errorText(err) });
    }
  }

  async function forget() {
    try {
      onChange(await sendMessage('forgetKey', {}));
      setStatus({ tone: 'ok', text: t('keyForgotten') });
    } catch (err) {
      setStatus({ tone: 'error', text: errorText(err) });
    }
  }

  const idle =
    loadError !== undefined
      ? errorText(loadError)
      : view === undefined
        ? ''
        : view.hasKey
          ? t('keyStored', view.account ? accountLabel(view.account) : '').trim()
          : t('noKeyYet');
  return (
    <form class="key-form" onSubmit={save} noValidate>
      <label for="api-key">{t('apiKeyLabel')}</label>
      <input
        id="api-key"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <div class="row">
        <button type="submit">{t('saveKey')}</button>
        {view?.hasKey && (
          <button type="button" onClick={forget}>
            {t('forgetKey')}
          </button>
        )}
      </div>
      <StatusLine status={status} idle={idle} role="status" />
    </form>
  );
}
