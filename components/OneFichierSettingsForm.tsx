import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import { API_SPACING_MAX_MS, API_SPACING_MIN_MS } from '../utils/settings';
import { formatGb } from './account-summary';
import { DecimalSetting } from './SettingFields';
import { StatusLine } from './StatusLine';
import { useSettingsForm } from './use-settings';

export interface OneFichierSettingsFormProps {
  /** The account's CDN credits in GB, from the cached account info, when known. */
  cdnGb?: number;
}

/**
 * The options page's 1Fichier group: spend CDN credits, the spacing between API calls, and HTTPS
 * or HTTP direct links. Each change is stored at once; the background reads these settings before
 * every API call and every token (services.ts, run-job.ts), so the next one follows them. A
 * spacing out of range is refused with the reason, never stored, and stays typed.
 */
export function OneFichierSettingsForm({ cdnGb }: OneFichierSettingsFormProps) {
  const { settings, error, status, store, refuse } = useSettingsForm();
  const lang = uiLang();
  if (!settings) return error ? <p class="status status-error">{error}</p> : null;

  const balance = cdnGb === undefined ? t('setCdnBalanceUnknown') : t('setCdnBalance', formatGb(cdnGb, lang));

  return (
    <div class="onefichier-settings">
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.useCdnCredits}
            aria-describedby="set-cdn-hint set-cdn-balance"
            onChange={(e) => store({ useCdnCredits: e.currentTarget.checked })}
          />
          {t('setCdn')}
        </label>
        <p id="set-cdn-hint" class="muted hint">
          {t('setCdnHint')}
        </p>
        <p id="set-cdn-balance" class="muted hint">
          {balance}
        </p>
      </div>
      <DecimalSetting
        id="set-spacing"
        label={t('setSpacing')}
        hint={t('setSpacingHint')}
        lang={lang}
        value={settings.apiSpacingMs / 1000}
        min={API_SPACING_MIN_MS / 1000}
        max={API_SPACING_MAX_MS / 1000}
        bad={t('setSpacingBad')}
        onSave={(seconds) => store({ apiSpacingMs: Math.round(seconds * 1000) })}
        onRefuse={refuse}
      />
      <fieldset class="field" aria-describedby="set-links-hint">
        <legend>{t('setLinks')}</legend>
        {([false, true] as const).map((noSsl) => (
          <label class="check radio" key={String(noSsl)}>
            <input
              type="radio"
              name="set-links"
              value={noSsl ? 'http' : 'https'}
              checked={settings.noSsl === noSsl}
              onChange={() => store({ noSsl })}
            />
            {t(noSsl ? 'setLinksHttp' : 'setLinksHttps')}
          </label>
        ))}
        <p id="set-links-hint" class="muted hint">
          {t('setLinksHint')}
        </p>
      </fieldset>
      <StatusLine status={status} />
      {error && <p class="status status-error">{error}</p>}
    </div>
  );
}
