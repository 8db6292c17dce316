import { ONEFICHIER_DOMAINS } from '../onefichier/domains';
import { parseLink, type FileLink, type FolderLink } from '../onefichier/links';

/** The links a page button is made for: files and public folders (never direct CDN links). */
export type PageLink = FileLink | FolderLink;

export interface AnchorHit {
  anchor: HTMLAnchorElement;
  link: PageLink;
}

const escaped = ONEFICHIER_DOMAINS.map((d) => d.replace(/\./g, '\\.')).join('|');

/**
 * Cheap test on an href as the browser resolved it (`anchor.href`: absolute, scheme and host
 * lower-cased, percent-encoded host bytes decoded, IDN in punycode): an http(s) URL whose host is, or
 * ends with `.`, a 1Fichier domain. Everything parseLink accepts passes; the parser then decides.
 * Case-insensitive anyway, for hrefs a browser did not normalise.
 */
const HREF_PREFILTER = new RegExp(`^https?://(?:[^/?#]*\\.)?(?:${escaped})\\.?(?:[:/?#]|$)`, 'i');

export function mayBeLinkHref(href: string): boolean {
  return HREF_PREFILTER.test(href);
}

/** The file or folder link of an anchor's resolved href, or undefined. */
export function anchorLink(anchor: HTMLAnchorElement): PageLink | undefined {
  const href = anchor.href;
  // SVG <a> has an SVGAnimatedString here; only HTML anchors navigate to an href string.
  if (typeof href !== 'string' || !HREF_PREFILTER.test(href)) return undefined;
  const link = parseLink(href);
  return link && link.kind !== 'direct' ? link : undefined;
}

/**
 * Appends to `out` every anchor at or below `root` (an element, a document or a fragment) that
 * carries a 1Fichier file or folder link, except those `skip` says were handled. Reads only
 * `href` (no style, no layout).
 */
export function collectAnchors(
  root: Node,
  skip: (anchor: HTMLAnchorElement) => boolean,
  out: AnchorHit[],
): void {
  const visit = (anchor: HTMLAnchorElement) => {
    const link = anchorLink(anchor);
    if (link && !skip(anchor)) out.push({ anchor, link });
  };
  if (root.nodeType === Node.ELEMENT_NODE && (root as Element).localName === 'a') {
    visit(root as HTMLAnchorElement);
  }
  if ('getElementsByTagName' in root) {
    // A live collection read by index: cheaper than querySelectorAll's static list on big pages.
    const anchors = (root as Element).getElementsByTagName('a');
    for (let i = 0; i < anchors.length; i += 1) visit(anchors[i]!);
  } else if ('querySelectorAll' in root) {
    (root as DocumentFragment).querySelectorAll('a').forEach(visit);
  }
}
