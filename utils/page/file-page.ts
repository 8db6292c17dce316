import { displayText, truncateDisplay } from '../display-text';
import { t } from '../i18n';
import type { FileLink } from '../onefichier/links';
import type { Entry, Registry } from './registry';

/**
 * On a 1Fichier file page itself: one clear control at the top of the page, named exactly
 * `Download with your premium key`, that queues this file and then shows its live state like any
 * link button.
 */
export function addFilePageControl(doc: Document, registry: Registry, link: FileLink): Entry {
  const name = t('pageFilePageButton');
  const label = truncateDisplay(displayText(doc.title), 80);
  const entry = registry.addCustom(link, label, {
    name,
    readyText: `⬇ ${name}`,
    tag: 'dl1f-file-page',
    kind: 'file-page',
  });
  entry.button.button.classList.add('big');
  (doc.body ?? doc.documentElement).append(entry.button.host);
  return entry;
}
