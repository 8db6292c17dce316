import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Lang } from '../utils/format';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import type { TransferKind } from '../utils/settings';

/**
 * Whether aria2's secret is saved (never the secret): read once from the background, then set from
 * each `setAria2Secret` answer. Undefined until known.
 */
export function useAria2Secret() {
  const [secretSaved, setSecretSaved] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    sendMessage('getAria2Info', {}).then(
      (info) => {
        if (live) setSecretSaved(info.secretSaved);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return { secretSaved, setSecretSaved };
}

/**
 * A row's `Send to aria2` / `Download in browser`, sent to the background; a refusal becomes
 * `setError`'s message in words, a success clears it.
 */
export function useJobTransfer(lang: Lang, setError: (message: string | undefined) => void) {
  return useCallback(
    (id: string, transfer: TransferKind) => {
      sendMessage('setJobTransfer', { ids: [id], transfer }).then(
        () => setError(undefined),
        (err: unknown) => setError(errorMessage(err, lang)),
      );
    },
    [lang, setError],
  );
}
