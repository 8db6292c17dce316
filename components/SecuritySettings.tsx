import { useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import type { VaultView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { describeError, errorMessage } from '../utils/onefichier/error-messages';
import { AUTO_LOCK_CHOICES } from '../utils/vault/auto-lock';
import { MIN_PASSPHRASE_LENGTH } from '../utils/vault/rules';
import { StatusLine, type Status } from './StatusLine';
import { UnlockForm } from './UnlockForm';

export interface SecuritySettingsProps {
  view: VaultView;
  onChange: (view: VaultView) => void;
}

function autoLockLabel(minutes: number): string {
  if (minutes === 0) return t('autoLockNever');
  return minutes % 60 === 0 && minutes >= 120
    ? t('autoLockHours', String(minutes / 60))
    : t('autoLockMinutes', String(minutes));
}

/** A password field with its label (ui-contract.md names). */
function Secret(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  autocomplete: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autocomplete={props.autocomplete}
        spellcheck={false}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** The new passphrase and its confirmation (Set and Change). */
function NewPassphrase(props: {
  label: string;
  next: string;
  setNext: (v: string) => void;
  confirm: string;
  setConfirm: (v: string) => void;
}) {
  return (
    <>
      <Secret
        id="new-passphrase"
        label={props.label}
        value={props.next}
        onInput={props.setNext}
        autocomplete="new-password"
      />
      <Secret
        id="confirm-passphrase"
        label={t('confirmPassphraseLabel')}
        value={props.confirm}
        onInput={props.setConfirm}
        autocomplete="new-password"
      />
    </>
  );
}

/**
 * The options page's Security group: the honest wording of each mode (security-notes.md §1.5),
 * set / change / remove passphrase, lock, unlock and auto-lock. Whatever was typed stays in the
 * fields when the background refuses it.
 */
export function SecuritySettings({ view, onChange }: SecuritySettingsProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [status, setStatus] = useState<Status>(undefined);
  const [busy, setBusy] = useState(false);

  /** `checks` = the background derives a key from a passphrase (about a second): say so meanwhile. */
  async function run(work: () => Promise<VaultView>, done: string, checks = true): Promise<void> {
    setBusy(true);
    setStatus(checks ? { tone: 'busy', text: t('checkingPassphrase') } : undefined);
    try {
      onChange(await work());
      if (checks) {
        setCurrent('');
        setNext('');
        setConfirm('');
      }
      setStatus({ tone: 'ok', text: done });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err, uiLang()) });
    } finally {
      setBusy(false);
    }
  }

  /** Checked here first so a typo costs no key derivation; the background checks again. */
  function newPassphraseProblem(): string | undefined {
    if ([...next].length < MIN_PASSPHRASE_LENGTH) return describeError({ kind: 'weakPassphrase' }, uiLang());
    if (next !== confirm) return t('passphraseMismatch');
    return undefined;
  }

  function submitSet(event: Event) {
    event.preventDefault();
    const problem = newPassphraseProblem();
    if (problem) return setStatus({ tone: 'error', text: problem });
    void run(() => sendMessage('setPassphrase', { passphrase: next }), t('passphraseSetDone'));
  }

  function submitChange(event: Event) {
    event.preventDefault();
    if (current === '') return setStatus({ tone: 'error', text: t('passphraseEmpty') });
    const problem = newPassphraseProblem();
    if (problem) return setStatus({ tone: 'error', text: problem });
    void run(
      () => sendMessage('changePassphrase', { current, passphrase: next }),
      t('passphraseChangedDone'),
    );
  }

  function remove() {
    if (current === '') return setStatus({ tone: 'error', text: t('passphraseEmpty') });
    void run(() => sendMessage('removePassphrase', { current }), t('passphraseRemovedDone'));
  }

  function lock() {
    void run(() => sendMessage('lock', {}), t('lockedDone'), false);
  }

  function setAutoLock(minutes: number) {
    void run(() => sendMessage('setAutoLock', { minutes }), t('autoLockSaved'), false);
  }

  const newFields = { next, setNext, confirm, setConfirm };
  const protectedMode = view.protection === 'passphrase';
  return (
    <div class="security">
      <p class="muted">{protectedMode ? t('wordingPassphrase') : t('wordingDefault')}</p>

      {!protectedMode && (
        <form onSubmit={submitSet} noValidate>
          <NewPassphrase label={t('passphraseLabel')} {...newFields} />
          <p class="muted">{t('passphraseHint')}</p>
          <button type="submit" disabled={busy}>
            {t('setPassphrase')}
          </button>
        </form>
      )}

      {protectedMode && view.locked && (
        <UnlockForm idPrefix="options" retryAt={view.unlockRetryAt} onUnlocked={onChange} />
      )}

      {protectedMode && !view.locked && (
        <>
          <div class="row">
            <span>{t('unlockedState')}</span>
            <button type="button" onClick={lock} disabled={busy}>
              {t('lock')}
            </button>
          </div>
          <form onSubmit={submitChange} noValidate>
            <Secret
              id="current-passphrase"
              label={t('currentPassphraseLabel')}
              value={current}
              onInput={setCurrent}
              autocomplete="current-password"
            />
            <NewPassphrase label={t('newPassphraseLabel')} {...newFields} />
            <div class="row">
              <button type="submit" disabled={busy}>
                {t('changePassphrase')}
              </button>
              <button type="button" onClick={remove} disabled={busy}>
                {t('removePassphrase')}
              </button>
            </div>
          </form>
        </>
      )}

      {protectedMode && (
        <div class="field">
          <label for="auto-lock">{t('autoLockLabel')}</label>
          <select
            id="auto-lock"
            value={String(view.autoLockMinutes)}
            disabled={busy}
            onChange={(e) => setAutoLock(Number(e.currentTarget.value))}
          >
            {AUTO_LOCK_CHOICES.map((m) => (
              <option key={m} value={String(m)}>
                {autoLockLabel(m)}
              </option>
            ))}
          </select>
          <p class="muted">{t('autoLockHint')}</p>
        </div>
      )}

      <StatusLine status={status} />
      <p class="muted">{t('wordingExposure')}</p>
    </div>
  );
}
