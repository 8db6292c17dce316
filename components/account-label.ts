import type { AccountInfo } from '../utils/onefichier/types';

const KIND: Readonly<Record<AccountInfo['kind'], string>> = {
  premium: 'Premium',
  access: 'Access',
  gold: 'Premium GOLD',
  free: 'Free',
  unknown: 'Unknown offer',
};

/** `Premium GOLD · until 2027-01-31 (user@example.com)`. */
export function accountLabel(info: AccountInfo): string {
  const until = info.subscriptionEnd ? ` · until ${info.subscriptionEnd.slice(0, 10)}` : '';
  const who = info.email ? ` (${info.email})` : '';
  return `${KIND[info.kind]}${until}${who}`;
}
