import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../utils/onefichier/error-messages';
import { uiLang } from '../utils/format';
import type { KeyStatus } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { accountLabel } from './account-label';

type Status = { tone: 'ok' | 'error' | 'busy'; text: string } | undefined;

function errorText(err: unknown): string {
  return errorMessage(err, uiLang());
}

/**
 * The `API key` form of ui-contract.md. The typed key stays in the field when saving fails, so
 * nothing is lost; it is cleared once stored.
 */
export function KeyForm() {
  const [key, setKey] = useState('');
  const [state, setState] = useState<KeyStatus | undefined>(undefined);
  const [status, setStatus] = useState<Status>(undefined);

  useEffect(() => {
    sendMessage('getKeyStatus', {}).then(setState, (err: unknown) =>
      setStatus({ tone: 'error', text: errorText(err) }),
    );
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    setStatus({ tone: 'busy', text: 'Checking the key with 1Fichier…' });
    try {
      const next = await sendMessage('saveKey', { key });
      setState(next);
      setKey('');
      setStatus({ tone: 'ok', text: `Key saved. ${next.account ? accountLabel(next.account) : ''}`.trim() });
    } catch (err) {
      setStatus({ tone: 'error', text: errorText(err) });
    }
  }

  async function forget() {
    try {
      setState(await sendMessage('forgetKey', {}));
      setStatus({ tone: 'ok', text: 'Key forgotten.' });
    } catch (err) {
      setStatus({ tone: 'error', text: errorText(err) });
    }
  }

  return (
    <form class="key-form" onSubmit={save} noValidate>
      <label for="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <div class="row">
        <button type="submit">Save key</button>
        {state?.hasKey && (
          <button type="button" onClick={forget}>
            Forget key
          </button>
        )}
      </div>
      <p role="status" class={`status status-${status?.tone ?? 'idle'}`}>
        {status?.text ??
          (state === undefined
            ? ''
            : state.hasKey
              ? `Key stored.${state.account ? ` ${accountLabel(state.account)}` : ''}`
              : 'No key stored yet.')}
      </p>
      <p class="muted">
        Your 1Fichier API key is stored only in this browser profile and is sent only to api.1fichier.com. It
        is not protected by a password: any person or program that can read your browser profile can recover
        it. Use “Forget key” on shared computers. Find your key in your 1Fichier account under Parameters →
        API key.
      </p>
    </form>
  );
}
