import fs from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ROOT } from '../support/paths.ts';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export type Catalogue = Record<string, Entry>;

export function loadCatalogue(locale: 'en' | 'fr'): Catalogue {
  return JSON.parse(
    fs.readFileSync(path.join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8'),
  ) as Catalogue;
}

/**
 * `i18n.getMessage` as Chrome and Firefox do it for our files: `$NAME$` placeholders whose content
 * is `$1`…`$9` take the substitutions, `$$` is a dollar, a missing message is "".
 */
export function formatMessage(catalogue: Catalogue, key: string, substitutions: string[] = []): string {
  const entry = catalogue[key];
  if (!entry) return '';
  const subs = (content: string) =>
    content.replace(/\$(\d)/g, (_m, d: string) => substitutions[Number(d) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name: string) => {
      const ph = entry.placeholders?.[name.toLowerCase()];
      return ph ? subs(ph.content) : m;
    })
    .replace(/\$\$/g, '$');
}

/** Installs the fake on WXT's fake browser, in the given UI language. */
export function useLocale(locale: 'en' | 'fr'): void {
  const catalogue = loadCatalogue(locale);
  const i18n = fakeBrowser.i18n as unknown as {
    getMessage: (key: string, subs?: string | string[]) => string;
    getUILanguage: () => string;
  };
  i18n.getMessage = (key, subs) =>
    formatMessage(catalogue, key, typeof subs === 'string' ? [subs] : (subs ?? []));
  i18n.getUILanguage = () => locale;
}
