import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { PageInfo } from '../utils/messaging/protocol';
import { setPageOption, setSiteEnabled } from '../utils/page-settings';
import { activeTabId, askPageInfo, useShown } from './active-tab';
import { usePageSettings } from './use-page-settings';

/** What the active tab's content script said: still asking, nobody answered, or its PageInfo. */
type PageAnswer = { kind: 'asking' } | { kind: 'none' } | { kind: 'page'; info: PageInfo };

/**
 * The popup's quick switches: `Buttons on web pages` (everywhere) and `Buttons on this site` for the
 * active tab's site. A page without our content script cannot be switched, and the popup says why
 * and what to do (reload it). Changes are written at once and followed live.
 */
export function SiteControls() {
  const { settings, apply, error } = usePageSettings();
  const shown = useShown();
  const [page, setPage] = useState<PageAnswer>({ kind: 'asking' });

  useEffect(() => {
    let live = true;
    void (async () => {
      const tabId = await activeTabId();
      const info = tabId === undefined ? undefined : await askPageInfo(tabId);
      if (live) setPage(info ? { kind: 'page', info } : { kind: 'none' });
    })();
    return () => {
      live = false;
    };
  }, [shown]);

  if (!settings) return error ? <p class="status status-error">{error}</p> : null;
  const site = page.kind === 'page' ? page.info.site : undefined;
  return (
    <section class="site-controls">
      <label class="check">
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => void apply(() => setPageOption('enabled', e.currentTarget.checked))}
        />
        {t('pagesGlobal')}
      </label>
      {site !== undefined && (
        <div class="row">
          <label class="check">
            <input
              type="checkbox"
              checked={!settings.disabledSites.includes(site)}
              aria-describedby="this-site"
              onChange={(e) => void apply(() => setSiteEnabled(site, e.currentTarget.checked))}
            />
            {t('pagesThisSite')}
          </label>
          <span id="this-site" class="site-name" title={site}>
            {site}
          </span>
        </div>
      )}
      {page.kind === 'page' && site === undefined && <p class="muted hint">{t('pageNoSite')}</p>}
      {page.kind === 'none' && <p class="muted hint">{t('pageUnavailable')}</p>}
      <p class="status status-error" aria-live="polite">
        {error ?? ''}
      </p>
    </section>
  );
}
