import { useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import type { Status } from './StatusLine';

export interface Aria2SecretFieldProps {
  /** What is typed (the Test connection button uses it too); never a saved secret. */
  text: string;
  onText: (text: string) => void;
  /** Whether a secret is saved in the vault; undefined until known. */
  saved: boolean | undefined;
  onSaved: (saved: boolean) => void;
  /** aria2 is on: without a secret, any program that reaches it can add downloads. */
  enabled: boolean;
  onStatus: (status: Status) => void;
}

/**
 * aria2's `--rpc-secret`, write-only: the field starts empty and a saved secret is never shown,
 * only "A secret is saved." `Save secret` stores it in the vault (with the key); `Remove secret`
 * when one is saved. A warning while aria2 is on without a secret.
 */
export function Aria2SecretField({ text, onText, saved, onSaved, enabled, onStatus }: Aria2SecretFieldProps) {
  const [busy, setBusy] = useState(false);

  function send(secret: string) {
    setBusy(true);
    sendMessage('setAria2Secret', { secret }).then(
      (info) => {
        onSaved(info.secretSaved);
        if (secret) onText('');
        onStatus({ tone: 'ok', text: t(secret ? 'a2SecretSavedDone' : 'a2SecretRemovedDone') });
        setBusy(false);
      },
      (err: unknown) => {
        onStatus({ tone: 'error', text: errorMessage(err, uiLang()) });
        setBusy(false);
      },
    );
  }
  function save(e: Event) {
    e.preventDefault();
    if (!text) onStatus({ tone: 'error', text: t('a2SecretEmpty') });
    else send(text);
  }

  return (
    <form class="field" onSubmit={save}>
      <label for="set-a2-secret">{t('a2Secret')}</label>
      <div class="row">
        <input
          id="set-a2-secret"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={text}
          aria-describedby="set-a2-secret-hint set-a2-secret-state"
          onInput={(e) => onText(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          {t('a2SecretSave')}
        </button>
        {saved && (
          <button type="button" disabled={busy} onClick={() => send('')}>
            {t('a2SecretRemove')}
          </button>
        )}
      </div>
      <p id="set-a2-secret-hint" class="muted hint">
        {t('a2SecretHint')}
      </p>
      <p id="set-a2-secret-state" class="hint">
        {saved === undefined ? '' : t(saved ? 'a2SecretIsSaved' : 'a2SecretNone')}
      </p>
      {enabled && saved === false && <p class="hint warning">{t('a2NoSecretWarning')}</p>}
    </form>
  );
}
