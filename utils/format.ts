import { browser } from 'wxt/browser';
/** Display formatting shared by the pages: sizes, durations, the user's language. */
export type Lang = 'en' | 'fr';

/**
 * The language of the catalogue `i18n.getMessage` reads (its `uiLanguage` message: `en` or `fr`),
 * else the browser's UI language. Read from the catalogue so numbers and sizes always follow the
 * words: the two can differ, e.g. Debian's Chromium without chromium-l10n runs with `--lang=fr`
 * on French messages while `getUILanguage()` still says `en-US`.
 */
function browserLanguage(): string {
  try {
    return browser.i18n.getMessage('uiLanguage') || browser.i18n.getUILanguage();
  } catch {
    // Outside an extension context (plain Node: the bench, scripts).
    return globalThis.navigator?.language ?? 'en';
  }
}

/**
 * The UI language: French when the extension's strings are French, English otherwise. The same
 * source as the page strings (t()), so a page never mixes languages.
 */
export function uiLang(language: string = browserLanguage()): Lang {
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const LOCALE: Readonly<Record<Lang, string>> = { en: 'en-US', fr: 'fr-FR' };

/** A number in the language's own style (decimal mark, grouping); the options as Intl's. */
export function formatNumber(n: number, lang: Lang = 'en', options?: Intl.NumberFormatOptions): string {
  return n.toLocaleString(LOCALE[lang], options);
}

const UNITS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['B', 'kB', 'MB', 'GB', 'TB'],
  fr: ['o', 'ko', 'Mo', 'Go', 'To'],
};

/** Decimal (SI) sizes, as 1Fichier and the browsers show them: `64.0 MB`, `64,0 Mo`. */
export function formatBytes(bytes: number, lang: Lang = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = UNITS[lang];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  const text = formatNumber(value, lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${text}\u00a0${units[unit]}`;
}

/** `45 s`, `3 min 20 s`, `1 h 5 min` (rounded up to the second). */
export function formatDuration(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}\u00a0h${m ? ` ${m}\u00a0min` : ''}`;
  if (m > 0) return `${m}\u00a0min${s ? ` ${s}\u00a0s` : ''}`;
  return `${s}\u00a0s`;
}

/** `12,345` / `12 345`: counts with the language's grouping. */
export function formatCount(n: number, lang: Lang = 'en'): string {
  return formatNumber(n, lang);
}

/** `4.20 MB/s`, `4,20 Mo/s`. */
export function formatSpeed(bytesPerSecond: number, lang: Lang = 'en'): string {
  return `${formatBytes(bytesPerSecond, lang)}/s`;
}

/** A date and time in the language's own order: `Jan 31, 2027, 14:05` / `31 janv. 2027, 14:05`. */
export function formatDateTime(ms: number, lang: Lang = 'en'): string {
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toLocaleString(LOCALE[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  });
}

/** A date alone: `Jan 31, 2027` / `31 janv. 2027`. */
export function formatDate(ms: number, lang: Lang = 'en'): string {
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toLocaleDateString(LOCALE[lang], { dateStyle: 'medium' });
}

/** Whole percents in the language's style: `25%`, `25 %`. */
export function formatPercent(percent: number, lang: Lang = 'en'): string {
  return formatNumber(percent / 100, lang, { style: 'percent', maximumFractionDigits: 0 });
}
