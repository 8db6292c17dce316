import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { accountLabel } from '../../components/account-label';
import { JobList } from '../../components/JobList';
import { useQueue } from '../../components/use-queue';
import { errorMessage } from '../../utils/onefichier/error-messages';
import { uiLang } from '../../utils/format';
import type { KeyStatus } from '../../utils/messaging/protocol';
import { sendMessage } from '../../utils/messaging/send';
import type { JobAction } from '../../utils/queue/state';

/** The toolbar popup: account line, the `Downloads` list, a way to the settings. */
export function App() {
  const lang = uiLang();
  const jobs = useQueue();
  const [key, setKey] = useState<KeyStatus | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    sendMessage('getKeyStatus', {}).then(setKey, () => setKey({ hasKey: false }));
  }, []);

  function onAction(id: string, action: JobAction) {
    sendMessage('jobAction', { id, action }).then(
      () => setError(undefined),
      (err: unknown) => setError(errorMessage(err, lang)),
    );
  }

  return (
    <main>
      <header>
        <h1>Downloader for 1Fichier</h1>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </header>
      {key && !key.hasKey && (
        <p class="account">
          Add your 1Fichier API key in Settings to download with your Premium, Access or GOLD account.
        </p>
      )}
      {key?.account && <p class="account muted">{accountLabel(key.account)}</p>}
      {error && (
        <p role="alert" class="status-error">
          {error}
        </p>
      )}
      <JobList jobs={jobs} lang={lang} onAction={onAction} />
    </main>
  );
}
