import { onefichierDomain } from './domains';

/** A 1Fichier file link, reduced to what identifies the file. */
export interface FileLink {
  kind: 'file';
  /** The file id as written (5–20 alphanumerics, 1fichier-api.md §9.1). */
  id: string;
  /** The domain the link used; kept because uploaders may pin a domain (§9.2). */
  domain: string;
  /** `https://<domain>/?<id>`: the form sent to the API (§9.5). */
  canonical: string;
  /** De-duplication key: the same id on two mirror domains is the same file. */
  key: string;
}

const ID_RE = /^[a-z0-9]{5,20}$/i;

/**
 * Parses a 1Fichier file link (`https://<domain>/?<id>`, with or without the slash, `www.`,
 * http or https; `&af=`, `&lg=`, `&inline=` and fragments ignored). Returns undefined for
 * anything else. Never throws. Issue 3 extends this with folders, old sub-domain and direct links.
 */
export function parseFileLink(raw: string): FileLink | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const domain = onefichierDomain(url.hostname);
  if (!domain || (url.pathname !== '/' && url.pathname !== '')) return undefined;
  // The id is the first query component and has no `=` (`?af=123` alone is an affiliate link).
  const first = url.search.slice(1).split('&')[0] ?? '';
  if (!ID_RE.test(first)) return undefined;
  return {
    kind: 'file',
    id: first,
    domain,
    canonical: `https://${domain}/?${first}`,
    key: first.toLowerCase(),
  };
}
