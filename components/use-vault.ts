import { useCallback, useEffect, useState } from 'preact/hooks';
import type { VaultView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { useShown } from './active-tab';

/**
 * The key and vault state for a page, asked from the background on open and whenever the page comes
 * back into view (another page may have locked or unlocked meanwhile). `error` is set when the
 * background cannot answer.
 */
export function useVault(): {
  view: VaultView | undefined;
  setView: (v: VaultView) => void;
  error: unknown;
} {
  const [view, setView] = useState<VaultView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const refresh = useCallback(() => {
    sendMessage('getKeyStatus', {}).then(
      (v) => {
        setView(v);
        setError(undefined);
      },
      (err: unknown) => setError(err),
    );
  }, []);
  // Asked again whenever the page comes back into view or gets the focus.
  const shown = useShown();
  useEffect(() => refresh(), [refresh, shown]);
  return { view, setView, error };
}
