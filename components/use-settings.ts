import { useCallback, useEffect, useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import { errorMessage } from '../utils/onefichier/error-messages';
import { currentSettings, settingsItem, type Settings } from '../utils/settings';
import type { Status } from './StatusLine';

/** The saves of this page, one after the other (a read-modify-write each). */
let saving: Promise<unknown> = Promise.resolve();

/**
 * Writes `patch` over the stored (partial) settings: keys it does not name are kept as stored.
 * Saves run one after the other, so two quick changes cannot overwrite each other.
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const done = saving.then(async () => {
    const stored = await settingsItem.getValue();
    await settingsItem.setValue({ ...stored, ...patch });
    return currentSettings();
  });
  saving = done.catch(() => undefined);
  return done;
}

/**
 * The settings in effect, live: read once, then every change (from this page, another page or
 * another window) through the storage item. `save` merges a change into what is stored (see
 * saveSettings); it rejects when storage does.
 */
export function useSettings(): {
  settings: Settings | undefined;
  save: (patch: Partial<Settings>) => Promise<void>;
  error: string | undefined;
} {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      currentSettings().then(
        (value) => {
          if (live) setSettings(value);
        },
        (err: unknown) => {
          if (live) setError(errorMessage(err, uiLang()));
        },
      );
    const unwatch = settingsItem.watch(() => void load());
    void load();
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  const save = useCallback(async (patch: Partial<Settings>) => {
    setSettings(await saveSettings(patch));
  }, []);
  return { settings, save, error };
}

/**
 * A settings group: the settings (useSettings), its outcome line, `store` (saves a change, then
 * says "Saved." or why not) and `refuse` (a value that was not stored, with the reason).
 */
export function useSettingsForm() {
  const { settings, save, error } = useSettings();
  const [status, setStatus] = useState<Status>(undefined);
  function store(patch: Partial<Settings>, done = t('settingSaved')) {
    save(patch).then(
      () => setStatus({ tone: 'ok', text: done }),
      (err: unknown) => setStatus({ tone: 'error', text: errorMessage(err, uiLang()) }),
    );
  }
  const refuse = (message: string) => setStatus({ tone: 'error', text: t('settingNotSaved', message) });
  return { settings, error, status, setStatus, store, refuse };
}
