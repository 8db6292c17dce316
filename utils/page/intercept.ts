import { parseFileLink, type FileLink } from '../onefichier/links';

/** The anchor a click landed in (through open shadow roots too), if any. */
function anchorOf(event: MouseEvent): HTMLAnchorElement | undefined {
  for (const node of event.composedPath()) {
    if (
      node instanceof Element &&
      node.localName === 'a' &&
      typeof (node as HTMLAnchorElement).href === 'string'
    ) {
      return node as HTMLAnchorElement;
    }
  }
  return undefined;
}

/**
 * The file link a click should download instead of opening: a trusted, plain left click (no
 * Ctrl, Meta, Shift or Alt: those mean a new tab, a new window, a download, a selection) on an
 * anchor whose href is a 1Fichier file link. Folders, other links, middle clicks and any click a
 * script made open as usual (undefined).
 */
export function interceptedLink(
  event: MouseEvent,
): { anchor: HTMLAnchorElement; link: FileLink } | undefined {
  if (!event.isTrusted || event.button !== 0) return undefined;
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return undefined;
  const anchor = anchorOf(event);
  const link = anchor ? parseFileLink(anchor.href) : undefined;
  return anchor && link ? { anchor, link } : undefined;
}

/**
 * Listens for such clicks on `win` in the capture phase (before the page's own handlers), stops
 * them (no navigation, no page handler) and hands them to `onClick`. Returns the remover.
 */
export function interceptClicks(
  win: Window,
  onClick: (anchor: HTMLAnchorElement, link: FileLink) => void,
): () => void {
  const listener = (event: MouseEvent) => {
    const hit = interceptedLink(event);
    if (!hit) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    onClick(hit.anchor, hit.link);
  };
  win.addEventListener('click', listener, { capture: true });
  return () => win.removeEventListener('click', listener, { capture: true });
}
