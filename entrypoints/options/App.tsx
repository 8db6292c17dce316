import { DownloadSettingsForm } from '../../components/DownloadSettingsForm';
import { KeyForm } from '../../components/KeyForm';
import { PageSettingsForm } from '../../components/PageSettingsForm';
import { QueueExport } from '../../components/QueueExport';
import { QueueImport } from '../../components/QueueImport';
import { SecuritySettings } from '../../components/SecuritySettings';
import { useVault } from '../../components/use-vault';
import { t } from '../../utils/i18n';

/** Settings page. Issue 7 adds the other groups (1Fichier, transfer). */
export function App() {
  const { view, setView, error } = useVault();
  return (
    <main style={{ padding: '16px 24px', maxWidth: '720px' }}>
      <h1>Downloader for 1Fichier — {t('settings')}</h1>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">{t('accountHeading')}</h2>
        <KeyForm view={view} onChange={setView} loadError={error} />
      </section>
      {view && (
        <section aria-labelledby="security-heading">
          <h2 id="security-heading">{t('securityHeading')}</h2>
          <SecuritySettings view={view} onChange={setView} />
        </section>
      )}
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">{t('pagesHeading')}</h2>
        <PageSettingsForm />
      </section>
      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t('downloadsHeading')}</h2>
        <DownloadSettingsForm />
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('queueHeading')}</h2>
        <p class="muted">{t('queueHint')}</p>
        <QueueExport />
        <QueueImport />
      </section>
    </main>
  );
}
