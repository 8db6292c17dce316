import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AccountHeader } from '../../components/AccountHeader';
import { DownloadList } from '../../components/DownloadList';
import { Onboarding } from '../../components/Onboarding';
import { PageLinks } from '../../components/PageLinks';
import { PasteBox } from '../../components/PasteBox';
import { QueueActions } from '../../components/QueueActions';
import { QueueExport } from '../../components/QueueExport';
import { QueueFilters } from '../../components/QueueFilters';
import { SiteControls } from '../../components/SiteControls';
import { UnlockForm } from '../../components/UnlockForm';
import { useFiltered } from '../../components/use-filtered';
import { useJobAction } from '../../components/use-job-action';
import { useJobTransfer } from '../../components/use-aria2';
import { useQueue, useTicker } from '../../components/use-queue';
import { useSettings } from '../../components/use-settings';
import { useVault } from '../../components/use-vault';
import { errorMessage } from '../../utils/onefichier/error-messages';
import { uiLang } from '../../utils/format';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/send';
import type { QueueFilter } from '../../utils/queue-view/filters';
import type { ListRow } from '../../utils/queue-view/packages';

/** The manager in a tab of its own; the popup closes. */
function openManager() {
  void browser.tabs.create({ url: browser.runtime.getURL('/manager.html') }).then(() => window.close());
}

/**
 * The toolbar popup: account and lock state (or the first steps without a key), then the queue
 * first — filters, the `Downloads` list, the bulk actions — then the paste box, the active tab's
 * 1Fichier links and site switches, the export, and the ways to the manager and the settings.
 */
export function App() {
  const lang = uiLang();
  const live = useQueue();
  // The days left are counted from when the page opened (a popup lives for seconds).
  const openedAt = useTicker(false);
  const { view, setView } = useVault();
  const { onAction, error, setError } = useJobAction(lang);
  const { settings } = useSettings();
  const onTransfer = useJobTransfer(lang, setError);
  const [filter, setFilter] = useState<QueueFilter>('all');
  // The bulk actions apply to the whole queue (`all`), whatever the filter shows.
  const { all, ids, counts } = useFiltered(live, { filter, lang });
  const rows = useMemo<ListRow[]>(() => ids.map((id) => ({ kind: 'job', id })), [ids]);

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
          <button type="button" onClick={openManager}>
            {t('openManager')}
          </button>
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
      {view && !view.hasKey && <Onboarding view={view} onChange={setView} />}
      {view?.hasKey && (
        <div class="account">
          <AccountHeader view={view} lang={lang} now={openedAt} />
        </div>
      )}
      {error && (
        <p role="alert" class="status-error">
          {error}
        </p>
      )}
      <QueueFilters
        value={filter}
        counts={live.model.complete ? counts : undefined}
        lang={lang}
        onChange={setFilter}
      />
      <DownloadList
        live={live}
        rows={rows}
        lang={lang}
        onAction={onAction}
        emptyText={t('listEmptyFilter')}
        transfer={settings?.aria2Enabled ? settings.transfer : undefined}
        onTransfer={onTransfer}
        class="popup-list"
      />
      <QueueActions jobs={all} />
      <PasteBox />
      <PageLinks />
      <SiteControls />
      <QueueExport />
    </main>
  );
}
