import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { accountLabel } from '../../components/account-label';
import { JobList } from '../../components/JobList';
import { PageLinks } from '../../components/PageLinks';
import { PasteBox } from '../../components/PasteBox';
import { QueueActions } from '../../components/QueueActions';
import { QueueExport } from '../../components/QueueExport';
import { SiteControls } from '../../components/SiteControls';
import { UnlockForm } from '../../components/UnlockForm';
import { useQueue } from '../../components/use-queue';
import { useVault } from '../../components/use-vault';
import { errorMessage } from '../../utils/onefichier/error-messages';
import { uiLang } from '../../utils/format';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/send';
import type { JobAction } from '../../utils/queue/state';

/**
 * The toolbar popup: lock state, account line, the switches for the active tab's site, its 1Fichier
 * links, the paste box, the bulk actions, the `Downloads` list, its export and a way to the settings.
 */
export function App() {
  const lang = uiLang();
  const jobs = useQueue();
  const { view, setView } = useVault();
  const [error, setError] = useState<string | undefined>(undefined);

  function onAction(id: string, action: JobAction) {
    sendMessage('jobAction', { id, action }).then(
      () => setError(undefined),
      (err: unknown) => setError(errorMessage(err, lang)),
    );
  }

  function lock() {
    sendMessage('lock', {}).then(
      (v) => {
        setView(v);
        setError(undefined);
      },
      (err: unknown) => setError(errorMessage(err, lang)),
    );
  }

  const unlocked = view?.protection === 'passphrase' && !view.locked;
  return (
    <main>
      <header>
        <h1>Downloader for 1Fichier</h1>
        <div class="row">
          {unlocked && (
            <button type="button" onClick={lock}>
              {t('lock')}
            </button>
          )}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('settings')}
          </button>
        </div>
      </header>
      {view?.locked && (
        <section class="locked" aria-label={t('lockedBanner')}>
          <p class="account">{t('lockedBanner')}</p>
          <UnlockForm idPrefix="popup" retryAt={view.unlockRetryAt} onUnlocked={setView} />
        </section>
      )}
      {view && !view.hasKey && <p class="account">{t('popupNoKey')}</p>}
      {view?.account && <p class="account muted">{accountLabel(view.account)}</p>}
      <SiteControls />
      <PageLinks />
      <PasteBox />
      {error && (
        <p role="alert" class="status-error">
          {error}
        </p>
      )}
      <QueueActions jobs={jobs} />
      <JobList jobs={jobs} lang={lang} onAction={onAction} />
      <QueueExport />
    </main>
  );
}
