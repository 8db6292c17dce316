import { formatNumber, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { AccountKind } from '../utils/onefichier/types';
import { counted } from '../utils/plural';

const DAY_MS = 86_400_000;

const OFFER: Readonly<Record<AccountKind, MessageKey>> = {
  premium: 'offerPremium',
  access: 'offerAccess',
  gold: 'offerGold',
  free: 'offerFree',
  unknown: 'offerUnknown',
};

/** `Premium`, `Access`, `Premium GOLD`, `Free account`, `Unknown offer` (in the UI language). */
export function offerName(kind: AccountKind): string {
  return t(OFFER[kind] ?? 'offerUnknown');
}

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Europe/Paris wall clock of an instant, read as if it were UTC. */
function parisWallAsUtc(ms: number): number {
  const p = new Map(PARIS.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]));
  const get = (type: Intl.DateTimeFormatPartTypes) => p.get(type) ?? 0;
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/**
 * A 1Fichier date (`YYYY-MM-DD HH:MM:SS`, French local time, 1fichier-api.md §1.4) as epoch ms;
 * undefined when it is not one.
 */
export function parseParisTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  if (!Number.isFinite(wall)) return undefined;
  // Paris is UTC+1 or UTC+2: correct by the offset at the guess, then once more across a change.
  let at = wall - (parisWallAsUtc(wall) - wall);
  at = wall - (parisWallAsUtc(at) - at);
  return at;
}

/**
 * The calendar day of a 1Fichier date as 1Fichier shows it (Paris), as local noon of that day: for
 * formatDate, which would otherwise show the day before for `… 00:00:00` west of Paris.
 */
export function parisDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m || parseParisTime(text) === undefined) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12).getTime();
}

function localDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** `12 days left` / `12 jours restants`, `1 day left`, `expires today`, `expired`. */
export function daysLeftText(endMs: number, now: number, lang: Lang): string {
  if (endMs <= now) return t('expired');
  const days = Math.round((localDay(endMs) - localDay(now)) / DAY_MS);
  if (days <= 0) return t('expiresToday');
  return counted(days, 'daysLeftOne', 'daysLeftOther', lang);
}

/** CDN credits as 1Fichier counts them (GB): `1.5 GB`, `12,5 Go`. */
export function formatGb(gb: number, lang: Lang): string {
  if (!Number.isFinite(gb) || gb < 0) return '—';
  const n = formatNumber(gb, lang, { maximumFractionDigits: 2 });
  return `${n}\u00a0${lang === 'fr' ? 'Go' : 'GB'}`;
}
