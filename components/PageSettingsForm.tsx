import { t, type MessageKey } from '../utils/i18n';
import { setPageOption, setSiteEnabled, type PageSettings } from '../utils/page-settings';
import { usePageSettings } from './use-page-settings';

type Option = 'enabled' | 'intercept' | 'linkCheck';

const OPTIONS: readonly { option: Option; label: MessageKey; hint: MessageKey }[] = [
  { option: 'enabled', label: 'pagesGlobal', hint: 'pagesGlobalHint' },
  { option: 'intercept', label: 'optIntercept', hint: 'optInterceptHint' },
  { option: 'linkCheck', label: 'optLinkCheck', hint: 'optLinkCheckNote' },
];

/**
 * The options page's Pages group: the three switches of PageSettings, each with what it does in
 * plain words (the link check says what it sends, to whom), and the sites where the extension was
 * turned off, each with a way back. Every change is stored at once and followed live by the pages.
 */
export function PageSettingsForm() {
  const { settings, apply, error } = usePageSettings();
  if (!settings) return error ? <p class="status status-error">{error}</p> : null;
  return (
    <div class="page-settings">
      {OPTIONS.map(({ option, label, hint }) => (
        <div class="field" key={option}>
          <label class="check">
            <input
              type="checkbox"
              checked={settings[option]}
              aria-describedby={`page-opt-${option}`}
              onChange={(e) => void apply(() => setPageOption(option, e.currentTarget.checked))}
            />
            {t(label)}
          </label>
          <p id={`page-opt-${option}`} class="muted hint">
            {t(hint)}
          </p>
        </div>
      ))}
      <h3>{t('sitesOffHeading')}</h3>
      <SitesOff settings={settings} onTurnOn={(site) => void apply(() => setSiteEnabled(site, true))} />
      <p class="status status-error" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

function SitesOff({ settings, onTurnOn }: { settings: PageSettings; onTurnOn: (site: string) => void }) {
  if (settings.disabledSites.length === 0) return <p class="muted">{t('sitesOffNone')}</p>;
  return (
    <ul class="sites-off">
      {settings.disabledSites.map((site) => (
        <li key={site} class="row">
          <span class="site-name">{site}</span>
          <button type="button" aria-label={t('turnOnAgain', site)} onClick={() => onTurnOn(site)}>
            {t('turnOnAgainShort')}
          </button>
        </li>
      ))}
    </ul>
  );
}
