import type { ComponentChildren } from 'preact';
import { DownloadSettingsForm } from '../../components/DownloadSettingsForm';
import { OneFichierSettingsForm } from '../../components/OneFichierSettingsForm';
import { PageSettingsForm } from '../../components/PageSettingsForm';
import { QueueExport } from '../../components/QueueExport';
import { QueueImport } from '../../components/QueueImport';
import { SecuritySettings } from '../../components/SecuritySettings';
import { TransferSettingsForm } from '../../components/TransferSettingsForm';
import { useVault } from '../../components/use-vault';
import { t, type MessageKey } from '../../utils/i18n';
import { AccountGroup } from './AccountGroup';

/** The groups of the page, in order: the navigation lists them, each is one section. */
const GROUPS: readonly { id: string; heading: MessageKey }[] = [
  { id: 'account', heading: 'accountHeading' },
  { id: 'security', heading: 'securityHeading' },
  { id: 'downloads', heading: 'downloadsHeading' },
  { id: 'onefichier', heading: 'oneFichierHeading' },
  { id: 'transfer', heading: 'transferHeading' },
  { id: 'pages', heading: 'pagesHeading' },
  { id: 'queue', heading: 'queueHeading' },
];

function Group({ id, heading, children }: { id: string; heading: MessageKey; children: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} class="group">
      <h2 id={`${id}-heading`}>{t(heading)}</h2>
      {children}
    </section>
  );
}

/**
 * Settings page: one section per group, each reachable from the navigation. Every setting is
 * stored on change and read by the background on its next use (no reload).
 */
export function App() {
  const { view, setView, error } = useVault();
  return (
    <main class="options">
      <h1>Downloader for 1Fichier — {t('settings')}</h1>
      <nav aria-label={t('settingsSections')}>
        <ul>
          {GROUPS.map(({ id, heading }) => (
            <li key={id}>
              <a href={`#${id}`}>{t(heading)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Group id="account" heading="accountHeading">
        <AccountGroup view={view} setView={setView} error={error} />
      </Group>
      <Group id="security" heading="securityHeading">
        {view && <SecuritySettings view={view} onChange={setView} />}
      </Group>
      <Group id="downloads" heading="downloadsHeading">
        <DownloadSettingsForm />
      </Group>
      <Group id="onefichier" heading="oneFichierHeading">
        <OneFichierSettingsForm cdnGb={view?.hasKey ? view.account?.cdnGb : undefined} />
      </Group>
      <Group id="transfer" heading="transferHeading">
        <TransferSettingsForm />
      </Group>
      <Group id="pages" heading="pagesHeading">
        <PageSettingsForm />
      </Group>
      <Group id="queue" heading="queueHeading">
        <p class="muted">{t('queueHint')}</p>
        <QueueExport />
        <QueueImport />
      </Group>
    </main>
  );
}
