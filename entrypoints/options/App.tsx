import { KeyForm } from '../../components/KeyForm';
import { PageSettingsForm } from '../../components/PageSettingsForm';
import { SecuritySettings } from '../../components/SecuritySettings';
import { useVault } from '../../components/use-vault';
import { t } from '../../utils/i18n';

/** Settings page. Issue 7 adds the other groups (downloads, 1Fichier, transfer). */
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
    </main>
  );
}
