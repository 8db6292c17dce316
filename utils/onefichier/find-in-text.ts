import { ONEFICHIER_DOMAINS } from './domains';
import { parseLink, type FileLink, type FolderLink } from './links';

/** A file or folder link found in free text, as written and as parsed. */
export interface TextLink {
  /** The text as it appeared (scheme added when it was missing). */
  raw: string;
  link: FileLink | FolderLink;
}

/** The most links one text yields (a page or a paste cannot make us parse without end). */
export const MAX_TEXT_LINKS = 10_000;

const escaped = ONEFICHIER_DOMAINS.map((d) => d.replace(/\./g, '\\.')).join('|');
// A URL-like run around a 1Fichier host: optional scheme, optional sub-domains (`www.`, the old
// `<id>.` form), one of the domains, then anything up to white space or a character that cannot be
// in a pasted link. `[^…]` stops at quotes and angle brackets, so HTML and Markdown work too.
const CANDIDATE_RE = new RegExp(
  `(?:https?:\\/\\/)?(?:[a-z0-9-]+\\.)*(?:${escaped})\\.?(?::\\d+)?(?:[/?#][^\\s<>"'\`\\]\\[{}|\\\\^]*)?`,
  'gi',
);
// Characters that end a sentence around a link rather than belong to it.
const TRAILING_RE = /[.,;:!?)]+$/;

/** Quick test: can this text contain a 1Fichier link at all? (Cheap; used before the full scan.) */
export function mayContainLinks(text: string): boolean {
  CANDIDATE_RE.lastIndex = 0;
  return CANDIDATE_RE.test(text);
}

/**
 * Every distinct 1Fichier file and folder link in any text (a paste, a forum post, HTML or Markdown
 * source), in order of first appearance, at most MAX_TEXT_LINKS. Same file twice (another mirror
 * domain, `&af=` decoration) counts once. Direct download links and anything else are ignored.
 */
export function findLinksInText(text: string, limit: number = MAX_TEXT_LINKS): TextLink[] {
  const out: TextLink[] = [];
  const seen = new Set<string>();
  CANDIDATE_RE.lastIndex = 0;
  for (const match of text.matchAll(CANDIDATE_RE)) {
    // A candidate glued to a preceding host character is part of another host (`not1fichier.com`)
    // or of credentials (`user:pw@1fichier.com`).
    const before = match.index > 0 ? text[match.index - 1]! : '';
    if (/[a-z0-9.@:-]/i.test(before) && !/^https?:/i.test(match[0])) continue;
    const trimmed = match[0].replace(TRAILING_RE, '');
    const raw = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    const link = parseLink(raw);
    if (!link || link.kind === 'direct' || seen.has(link.key)) continue;
    seen.add(link.key);
    out.push({ raw, link });
    if (out.length >= limit) break;
  }
  return out;
}
