import { useState } from 'preact/hooks';
import {
  daysLeftText,
  formatGb,
  offerName,
  parisDay,
  parseParisTime,
} from '../../components/account-summary';
import { KeyForm } from '../../components/KeyForm';
import { KeyOnboarding } from '../../components/KeyOnboarding';
import { displayText } from '../../utils/display-text';
import { formatDate, formatDateTime, uiLang, type Lang } from '../../utils/format';
import { t } from '../../utils/i18n';
import type { VaultView } from '../../utils/messaging/protocol';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function endText(subscriptionEnd: string | undefined, lang: Lang, now: number): string {
  const end = subscriptionEnd ? parseParisTime(subscriptionEnd) : undefined;
  const day = subscriptionEnd ? parisDay(subscriptionEnd) : undefined;
  if (end === undefined || day === undefined) return t('acctNotGiven');
  return t('acctEndsValue', formatDate(day, lang), daysLeftText(end, now, lang));
}

/** A key is stored: the account as 1Fichier described it when the key was last checked (cached). */
function Summary({ view, lang, now }: { view: VaultView; lang: Lang; now: number }) {
  const account = view.account;
  if (!account) return <p class="muted">{t('acctNotChecked')}</p>;
  return (
    <div class="account-summary">
      <dl aria-label={t('acctSummary')}>
        <Row label={t('acctOffer')} value={offerName(account.kind)} />
        {account.email && <Row label={t('acctEmail')} value={displayText(account.email)} />}
        {account.kind !== 'free' && (
          <Row label={t('acctEnds')} value={endText(account.subscriptionEnd, lang, now)} />
        )}
        <Row
          label={t('acctCdn')}
          value={account.cdnGb === undefined ? t('acctNotGiven') : formatGb(account.cdnGb, lang)}
        />
        {view.checkedAt !== undefined && (
          <Row label={t('acctChecked')} value={formatDateTime(view.checkedAt, lang)} />
        )}
      </dl>
      <p class="muted hint">{t('acctCachedNote')}</p>
    </div>
  );
}

export interface AccountGroupProps {
  view: VaultView | undefined;
  setView: (v: VaultView) => void;
  error: unknown;
}

/**
 * The options page's Account and key group: the onboarding text when no key is stored, the
 * account summary (from the cached user/info answer, no call on opening) when one is, then the
 * key form with THE status line of the page.
 */
export function AccountGroup({ view, setView, error }: AccountGroupProps) {
  const lang = uiLang();
  // The days left count from opening the page.
  const [now] = useState(() => Date.now());
  return (
    <>
      {view && !view.hasKey && <KeyOnboarding />}
      {view?.hasKey && <Summary view={view} lang={lang} now={now} />}
      <KeyForm view={view} onChange={setView} loadError={error} />
    </>
  );
}
