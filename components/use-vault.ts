import { useCallback, useEffect, useState } from 'preact/hooks';
import type { VaultView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';

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
  useEffect(() => {
    refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', refresh);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);
  return { view, setView, error };
}
