import { displayText } from '../utils/display-text';
import { formatDate, uiLang, type Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { AccountInfo } from '../utils/onefichier/types';
import { offerName, parisDay } from './account-summary';

/**
 * `Premium GOLD · until Jan 31, 2027 (user@example.com)` / `… · jusqu’au 31 janv. 2027 (…)`: the
 * offer, the end of the subscription and the email, in the UI language (the email display-safe).
 */
export function accountLabel(info: AccountInfo, lang: Lang = uiLang()): string {
  const end = info.subscriptionEnd ? parisDay(info.subscriptionEnd) : undefined;
  const until = end === undefined ? '' : ` · ${t('acctUntil', formatDate(end, lang))}`;
  const who = info.email ? ` (${displayText(info.email)})` : '';
  return `${offerName(info.kind)}${until}${who}`;
}
