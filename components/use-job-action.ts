import { useCallback, useState } from 'preact/hooks';
import type { Lang } from '../utils/format';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import type { JobAction } from '../utils/queue/state';

/**
 * An item's button (`Pause`, `Retry`, `Move up`…) sent to the background; a refusal becomes a
 * message in words (`error`, cleared by the next success). Shared by the popup and the manager.
 */
export function useJobAction(lang: Lang) {
  const [error, setError] = useState<string | undefined>(undefined);
  const onAction = useCallback(
    (id: string, action: JobAction) => {
      sendMessage('jobAction', { id, action }).then(
        () => setError(undefined),
        (err: unknown) => setError(errorMessage(err, lang)),
      );
    },
    [lang],
  );
  return { onAction, error, setError };
}
