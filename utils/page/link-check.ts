import { displayText, truncateDisplay } from '../display-text';
import { formatBytes, uiLang } from '../format';
import { t } from '../i18n';
import { CHECK_LINKS_MAX, type LinkCheck } from '../onefichier/check-links';
import type { Entry } from './registry';

/** The text beside a button: `name · size` for an online file, else what 1Fichier said. */
export function checkText(check: LinkCheck): string {
  switch (check.state) {
    case 'online':
      return `${truncateDisplay(displayText(check.name), 80) || '—'} · ${formatBytes(check.size, uiLang())}`;
    case 'notFound':
      return t('pageCheckNotFound');
    case 'badLink':
      return t('pageCheckBadLink');
    case 'private':
      return t('pageCheckPrivate');
    default:
      return t('pageCheckUnknown');
  }
}

export interface LinkChecker {
  /** The option changed: on asks for every file button's link, off removes the annotations. */
  setOn(on: boolean, entries: readonly Entry[]): void;
  /** New buttons (asked for only while on). */
  added(entries: readonly Entry[]): void;
}

/**
 * The optional link check (PageSettings.linkCheck): file links only, at most CHECK_LINKS_MAX per
 * request, one request at a time (the background caches and paces check_links.pl). Answers are
 * kept for the document, so turning the option off and on again asks nothing twice.
 */
export function createLinkChecker(
  check: (links: string[]) => Promise<Record<string, LinkCheck>>,
): LinkChecker {
  let on = false;
  const results = new Map<string, LinkCheck>();
  const asked = new Set<string>();
  const waiting = new Map<string, Entry[]>();
  let chain: Promise<void> = Promise.resolve();

  const show = (entry: Entry) => {
    const result = results.get(entry.link.canonical);
    if (on && result) entry.button.annotate(checkText(result), result.state);
  };

  const ask = (links: string[]) => {
    chain = chain.then(async () => {
      if (!on) {
        for (const l of links) asked.delete(l);
        return;
      }
      let answer: Record<string, LinkCheck> = {};
      try {
        answer = await check(links);
      } catch {
        // Not checked (the background refused or is gone): asked again next time it is turned on.
      }
      for (const link of links) {
        const result = answer[link];
        if (result && typeof result === 'object' && typeof result.state === 'string')
          results.set(link, result);
        else asked.delete(link);
        for (const entry of waiting.get(link) ?? []) show(entry);
        waiting.delete(link);
      }
    });
  };

  const request = (entries: readonly Entry[]) => {
    const todo: string[] = [];
    for (const entry of entries) {
      if (entry.link.kind !== 'file') continue;
      const link = entry.link.canonical;
      if (results.has(link)) {
        show(entry);
        continue;
      }
      const list = waiting.get(link);
      if (list) list.push(entry);
      else waiting.set(link, [entry]);
      if (asked.has(link)) continue;
      asked.add(link);
      todo.push(link);
    }
    for (let i = 0; i < todo.length; i += CHECK_LINKS_MAX) ask(todo.slice(i, i + CHECK_LINKS_MAX));
  };

  return {
    setOn(next, entries) {
      on = next;
      if (on) {
        request(entries);
        return;
      }
      waiting.clear();
      for (const entry of entries) entry.button.annotate(undefined);
    },
    added(entries) {
      if (on) request(entries);
    },
  };
}
