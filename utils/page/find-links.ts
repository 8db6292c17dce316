import { parseFileLink, type FileLink } from '../onefichier/links';

export interface FoundLink {
  anchor: HTMLAnchorElement;
  link: FileLink;
}

/** Every 1Fichier file link at or below `root` that was not seen before. */
export function findFileLinks(root: ParentNode, seen: WeakSet<HTMLAnchorElement>): FoundLink[] {
  const out: FoundLink[] = [];
  const anchors =
    root instanceof HTMLAnchorElement
      ? [root]
      : Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'));
  for (const anchor of anchors) {
    if (seen.has(anchor)) continue;
    seen.add(anchor);
    const link = parseFileLink(anchor.href);
    if (link) out.push({ anchor, link });
  }
  return out;
}
