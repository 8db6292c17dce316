import { useCallback, useEffect, useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { errorMessage } from '../utils/onefichier/error-messages';
import {
  currentPageSettings,
  normalizePageSettings,
  pageSettingsItem,
  type PageSettings,
} from '../utils/page-settings';

/**
 * The page settings for a page, live: read once, then every change (from this page, another page
 * or another window) through the storage item. `apply` runs a change (setPageOption,
 * setSiteEnabled), shows its result at once, and sets `error` when storage refused it.
 */
export function usePageSettings(): {
  settings: PageSettings | undefined;
  apply: (change: () => Promise<PageSettings>) => Promise<void>;
  error: string | undefined;
} {
  const [settings, setSettings] = useState<PageSettings | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let changed = false;
    const unwatch = pageSettingsItem.watch((value) => {
      changed = true;
      setSettings(normalizePageSettings(value));
    });
    currentPageSettings().then(
      (value) => {
        if (live && !changed) setSettings(value);
      },
      (err: unknown) => {
        if (live) setError(errorMessage(err, uiLang()));
      },
    );
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  const apply = useCallback(async (change: () => Promise<PageSettings>) => {
    try {
      setSettings(await change());
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err, uiLang()));
    }
  }, []);
  return { settings, apply, error };
}
