import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import { errorMessage } from '../utils/onefichier/error-messages';
import type { TransferKind } from '../utils/settings';
import { ARIA2_DIR_MAX, ARIA2_MAX_CONNECTIONS } from '../utils/transfer/aria2/config';
import { checkAddress, patternOf } from './aria2-fields';
import { Aria2SecretField } from './Aria2SecretField';
import { Aria2Test } from './Aria2Test';
import { NumberSetting, useFieldText } from './SettingFields';
import { StatusLine } from './StatusLine';
import { useAria2Secret } from './use-aria2';
import { useSettingsForm } from './use-settings';

const TARGETS: readonly [TransferKind, 'a2TargetBrowser' | 'a2TargetAria2'][] = [
  ['browser', 'a2TargetBrowser'],
  ['aria2', 'a2TargetAria2'],
];

/** Drops a pattern the extension no longer needs (best effort: a leftover grant only widens nothing we use). */
function dropPermission(pattern: string | undefined) {
  if (pattern) browser.permissions.remove({ origins: [pattern] }).catch(() => undefined);
}

/**
 * The options page's Transfer group: aria2 on or off (turning it on asks for its address's host
 * permission, inside the click), where new downloads go, aria2's address, secret (write-only),
 * folder, connections per file and fallback, and `Test connection`. Refused values are never
 * stored and stay typed, with the reason in words.
 */
export function TransferSettingsForm() {
  const { settings, error, status, setStatus, store, refuse } = useSettingsForm();
  const { secretSaved, setSecretSaved } = useAria2Secret();
  const [url, setUrl] = useFieldText(settings?.aria2Url ?? '');
  const [dir, setDir] = useFieldText(settings?.aria2Dir ?? '');
  const [secret, setSecret] = useState('');
  const [asking, setAsking] = useState(false);
  if (!settings) return error ? <p class="status status-error">{error}</p> : null;
  const current = settings;

  /**
   * Asks for `pattern` (no await before this call: the browser shows its prompt only within the
   * user's click), then runs `granted` or says `refused`.
   */
  function ask(pattern: string, granted: () => void, refused: string) {
    setAsking(true);
    browser.permissions.request({ origins: [pattern] }).then(
      (yes) => {
        setAsking(false);
        if (yes) granted();
        else setStatus({ tone: 'error', text: refused });
      },
      (err: unknown) => {
        setAsking(false);
        setStatus({ tone: 'error', text: errorMessage(err, uiLang()) });
      },
    );
  }

  function toggle(e: Event) {
    const box = e.currentTarget as HTMLInputElement;
    const on = box.checked;
    // The box shows what is stored until the change is.
    box.checked = current.aria2Enabled;
    if (!on) {
      store({ aria2Enabled: false, transfer: 'browser' }, t('a2Disabled'));
      dropPermission(patternOf(current.aria2Url));
      return;
    }
    const check = checkAddress(url);
    if (!check.ok) return refuse(check.message);
    ask(
      check.pattern,
      () => store({ aria2Enabled: true, aria2Url: check.url.href }, t('a2Enabled')),
      t('a2PermissionRefused'),
    );
  }

  function saveAddress(e: Event) {
    e.preventDefault();
    const check = checkAddress(url);
    if (!check.ok) return refuse(check.message);
    const old = patternOf(current.aria2Url);
    if (!current.aria2Enabled || check.pattern === old) return store({ aria2Url: check.url.href });
    ask(
      check.pattern,
      () => {
        store({ aria2Url: check.url.href });
        dropPermission(old);
      },
      t('a2PermissionRefusedUrl'),
    );
  }

  function saveDir(text: string) {
    setDir(text);
    if (text.length > ARIA2_DIR_MAX) refuse(t('a2DirBad'));
    else store({ aria2Dir: text.trim() });
  }

  const typed = checkAddress(url);
  return (
    <div class="transfer-settings">
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.aria2Enabled}
            disabled={asking}
            aria-describedby="set-a2-use-hint"
            onChange={toggle}
          />
          {t('a2Use')}
        </label>
        <p id="set-a2-use-hint" class="muted hint">
          {t('a2UseHint')}
        </p>
      </div>
      <fieldset class="field" aria-describedby="set-a2-target-hint">
        <legend>{t('a2Target')}</legend>
        {TARGETS.map(([kind, label]) => (
          <label class="check radio" key={kind}>
            <input
              type="radio"
              name="set-a2-target"
              value={kind}
              checked={settings.transfer === kind}
              disabled={kind === 'aria2' && !settings.aria2Enabled}
              onChange={() => store({ transfer: kind })}
            />
            {t(label)}
          </label>
        ))}
        <p id="set-a2-target-hint" class="muted hint">
          {t('a2TargetHint')}
        </p>
      </fieldset>
      <form class="field" onSubmit={saveAddress}>
        <label for="set-a2-url">{t('a2Url')}</label>
        <div class="row">
          <input
            id="set-a2-url"
            type="text"
            inputMode="url"
            autocomplete="off"
            spellcheck={false}
            value={url}
            aria-invalid={!typed.ok}
            aria-describedby="set-a2-url-hint set-a2-url-check"
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <button type="submit" disabled={asking}>
            {t('a2UrlSave')}
          </button>
        </div>
        <p id="set-a2-url-hint" class="muted hint">
          {t('a2UrlHint')}
        </p>
        <div id="set-a2-url-check" class="hint">
          {!typed.ok && <p class="status-error">{typed.message}</p>}
          {typed.ok && typed.insecure && <p class="warning">{t('a2Insecure')}</p>}
        </div>
      </form>
      <Aria2SecretField
        text={secret}
        onText={setSecret}
        saved={secretSaved}
        onSaved={setSecretSaved}
        enabled={settings.aria2Enabled}
        onStatus={setStatus}
      />
      <div class="field">
        <label for="set-a2-dir">{t('a2Dir')}</label>
        <input
          id="set-a2-dir"
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={dir}
          aria-invalid={dir.length > ARIA2_DIR_MAX}
          aria-describedby="set-a2-dir-hint"
          onInput={(e) => setDir(e.currentTarget.value)}
          onChange={(e) => saveDir(e.currentTarget.value)}
        />
        <p id="set-a2-dir-hint" class="muted hint">
          {t('a2DirHint')}
        </p>
      </div>
      <NumberSetting
        id="set-a2-connections"
        label={t('a2Connections')}
        hint={t('a2ConnectionsHint')}
        value={settings.aria2Connections}
        min={1}
        max={ARIA2_MAX_CONNECTIONS}
        bad={t('a2ConnectionsBad')}
        onSave={(n) => store({ aria2Connections: n })}
        onRefuse={refuse}
      />
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.aria2Fallback}
            onChange={(e) => store({ aria2Fallback: e.currentTarget.checked })}
          />
          {t('a2Fallback')}
        </label>
      </div>
      <Aria2Test url={url} secret={secret} />
      <StatusLine status={status} />
      {error && <p class="status status-error">{error}</p>}
    </div>
  );
}
