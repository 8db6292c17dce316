/**
 * File-link parsing and host classification (1fichier-api.md §9).
 */

/** Mirror domains: the official table of §9.2 plus `desfichiers.net` (JD). */
export const DOMAINS: readonly string[] = [
  '1fichier.com',
  'alterupload.com',
  'cjoint.net',
  'desfichiers.com',
  'desfichiers.net',
  'dfichiers.com',
  'megadl.fr',
  'mesfichiers.org',
  'piecejointe.net',
  'pjointe.com',
  'tenvoi.com',
  'dl4free.com',
];

const DOM = DOMAINS.map((d) => d.replace(/\./g, '\\.')).join('|');

// §9.4 FILE_RE: optional www., optional slash before '?', id of 5-20 alphanumerics ending at
// end of string, '&' or '#' (so `&af=`, `&lg=`, `&inline=` are ignored).
const FILE_RE = new RegExp(`^https?://(?:www\\.)?(${DOM})/?\\?([a-z0-9]{5,20})(?=$|[&#])`, 'i');

/** A parsed file link. */
export interface ParsedLink {
  /** Domain as given, lower-cased, without `www.` (kept for the canonical URL, §9.2). */
  domain: string;
  /** File id, lower-cased. */
  id: string;
}

/** Parses a file link in any accepted form (§9.3), or returns undefined. */
export function parseFileLink(url: string): ParsedLink | undefined {
  const [, domain, id] = FILE_RE.exec(url.trim()) ?? [];
  if (domain === undefined || id === undefined) return undefined;
  return { domain: domain.toLowerCase(), id: id.toLowerCase() };
}

/** Canonical link for API answers: `https://<original domain>/?<id>` (§9.5). */
export function canonicalLink(link: ParsedLink): string {
  return `https://${link.domain}/?${link.id}`;
}

/** Which virtual host a request is for. */
export type HostKind = 'api' | 'cdn' | 'site' | 'other';

/** The Host header without port and trailing dot, lower-cased. */
export function normalizeHost(header: string | undefined): string {
  return (header ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** Classifies a normalized host name (§1.1). */
export function classifyHost(host: string): HostKind {
  if (host === 'api.1fichier.com') return 'api';
  // Direct-download nodes a-N / o-N (§6.1).
  if (/^[ao]-\d{1,3}\.1fichier\.com$/.test(host)) return 'cdn';
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  if (DOMAINS.includes(bare)) return 'site';
  return 'other';
}
