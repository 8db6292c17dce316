import { displayText } from '../utils/display-text';
import type { Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { VaultView } from '../utils/messaging/protocol';
import type { AccountInfo } from '../utils/onefichier/types';
import { daysLeftText, formatGb, offerName, parseParisTime } from './account-summary';

export interface AccountHeaderProps {
  /** Undefined until the background answered: nothing is shown. */
  view: VaultView | undefined;
  lang: Lang;
  /** For the days left. */
  now: number;
}

/** Inline so the header looks the same on any page that hosts it (no stylesheet of its own). */
const LINE = { margin: 0 };
const EMAIL = { margin: 0, fontSize: '12px', overflowWrap: 'anywhere', unicodeBidi: 'isolate' } as const;

/** The account's parts, from the cached user/info answer (never a call of its own). */
function accountParts(account: AccountInfo, lang: Lang, now: number): string[] {
  const parts = [offerName(account.kind)];
  if (account.kind === 'free') parts.push(t('freeNeedsPaid'));
  else {
    const end = account.subscriptionEnd ? parseParisTime(account.subscriptionEnd) : undefined;
    if (end !== undefined) parts.push(daysLeftText(end, now, lang));
  }
  if (account.cdnGb !== undefined) parts.push(t('cdnCredits', formatGb(account.cdnGb, lang)));
  return parts;
}

/**
 * The popup's compact account line: `Premium · 12 days left · CDN credits: 1.5 GB · Unlocked`,
 * then the account's email. Text only: the popup owns the Lock and Settings buttons. The lock state
 * shows only in passphrase mode. The email comes from 1Fichier: shown as text, display-safe.
 */
export function AccountHeader({ view, lang, now }: AccountHeaderProps) {
  if (!view) return null;
  const parts: string[] = [];
  if (!view.hasKey) parts.push(t('noKeyShort'));
  else if (view.account) parts.push(...accountParts(view.account, lang, now));
  if (view.protection === 'passphrase') parts.push(t(view.locked ? 'vaultLocked' : 'vaultUnlocked'));
  const email = view.hasKey && view.account?.email ? displayText(view.account.email) : '';
  if (parts.length === 0 && !email) return null;
  return (
    <div class="account-header">
      <p class="account-line" style={LINE}>
        {parts.join(' · ')}
      </p>
      {email && (
        <p class="account-email muted" style={EMAIL}>
          {email}
        </p>
      )}
    </div>
  );
}
