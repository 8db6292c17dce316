import { findLinksInText, MAX_TEXT_LINKS } from '../onefichier/find-in-text';
import { anchorLink, type PageLink } from './scan';

/** Ranges read from one selection (Firefox allows many with Ctrl). */
const MAX_RANGES = 100;

/**
 * The 1Fichier file and folder links in the user's selection (the context menu's "download the
 * selection"): the anchors the selection touches, then the URLs written in the selected text.
 * Canonical links, each file or folder once, at most MAX_TEXT_LINKS. Asked for explicitly, so it
 * answers whether or not the extension is on for the site.
 */
export function selectionLinks(win: Window): string[] {
  const selection = win.getSelection();
  if (!selection || selection.rangeCount === 0) return [];
  const found = new Map<string, string>();
  const add = (link: PageLink | undefined) => {
    if (link && found.size < MAX_TEXT_LINKS && !found.has(link.key)) found.set(link.key, link.canonical);
  };
  for (let i = 0; i < Math.min(selection.rangeCount, MAX_RANGES); i += 1) {
    const range = selection.getRangeAt(i);
    const common = range.commonAncestorContainer;
    const el = common.nodeType === Node.ELEMENT_NODE ? (common as Element) : common.parentElement;
    if (!el) continue;
    const around = el.closest('a');
    if (around) {
      add(anchorLink(around as HTMLAnchorElement));
      continue;
    }
    for (const a of el.getElementsByTagName('a')) {
      if (range.intersectsNode(a)) add(anchorLink(a as HTMLAnchorElement));
    }
  }
  for (const { link } of findLinksInText(selection.toString(), MAX_TEXT_LINKS)) add(link);
  return [...found.values()];
}
