import { ONEFICHIER_DOMAINS, normalizeHostname } from '../onefichier/domains';
import { parseLink, type FileLink, type FolderLink } from '../onefichier/links';

/** The links a page button is made for: files and public folders (never direct CDN links). */
export type PageLink = FileLink | FolderLink;

export interface AnchorHit {
  anchor: HTMLAnchorElement;
  link: PageLink;
}

const escaped = ONEFICHIER_DOMAINS.map((d) => d.replace(/\./g, '\\.')).join('|');

/**
 * The first label of each 1Fichier domain (`1fichier`, `alterupload`…), case-insensitive: text or
 * an href attribute without one of these words cannot hold a link, and this one regex is all most
 * anchors and text nodes ever cost.
 */
export const DOMAIN_WORD_RE = new RegExp(
  [...new Set(ONEFICHIER_DOMAINS.map((d) => d.split('.')[0]!))].join('|'),
  'i',
);

/**
 * Test on an href as the browser resolved it (`anchor.href`: absolute, scheme and host lower-cased,
 * percent-encoded host bytes decoded, IDN in punycode): an http(s) URL whose host is, or ends with
 * `.`, a 1Fichier domain. Everything parseLink accepts passes; the parser then decides.
 */
const HREF_PREFILTER = new RegExp(`^https?://(?:[^/?#]*\\.)?(?:${escaped})\\.?(?:[:/?#]|$)`, 'i');

const ABSOLUTE_RE = /^https?:\/\//i;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

export function mayBeLinkHref(href: string): boolean {
  return HREF_PREFILTER.test(href);
}

/** Whether a host belongs to 1Fichier itself (any mirror domain, sub-domains included). */
export function isOnefichierHost(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  return ONEFICHIER_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Whether relative hrefs in `doc` can point at 1Fichier: its base URL (the page, or a <base>) is on
 * a 1Fichier host. Everywhere else an href without a 1Fichier domain word cannot resolve to one.
 */
export function relativeMayBeLinks(doc: Document): boolean {
  try {
    return isOnefichierHost(new URL(doc.baseURI).hostname);
  } catch {
    return false;
  }
}

/**
 * The file or folder link of an anchor, or undefined. The raw attribute is tested first (reading
 * `href` makes the browser resolve the URL, several times the cost); `anyHref` skips that test
 * where relative links may be 1Fichier's (relativeMayBeLinks).
 */
export function anchorLink(anchor: HTMLAnchorElement, anyHref = false): PageLink | undefined {
  const raw = anchor.getAttribute('href');
  if (raw === null || (!anyHref && !DOMAIN_WORD_RE.test(raw))) return undefined;
  // An absolute http(s) href parses the same as the browser resolves it; anything else (relative,
  // `//host/…`, leading spaces) is resolved by the browser.
  // SVG <a> (whose href is an SVGAnimatedString) is not a link a button goes after.
  if (anchor.namespaceURI !== HTML_NS) return undefined;
  const href = ABSOLUTE_RE.test(raw) ? raw : anchor.href;
  if (!HREF_PREFILTER.test(href)) return undefined;
  const link = parseLink(href);
  return link && link.kind !== 'direct' ? link : undefined;
}

/**
 * Appends to `out` every anchor at or below `root` (an element, a document or a fragment) that
 * carries a 1Fichier file or folder link, except those `skip` says were handled. Reads only the
 * href (no style, no layout). `anyHref`: see relativeMayBeLinks (computed when not given).
 */
export function collectAnchors(
  root: Node,
  skip: (anchor: HTMLAnchorElement) => boolean,
  out: AnchorHit[],
  anyHref: boolean = relativeMayBeLinks(root.ownerDocument ?? (root as Document)),
): void {
  const visit = (anchor: HTMLAnchorElement) => {
    const link = anchorLink(anchor, anyHref);
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
