import { onefichierDirectHost, onefichierDomain, onefichierSubdomainId } from './domains';

/** A 1Fichier file link, reduced to what identifies the file. */
export interface FileLink {
  kind: 'file';
  /** The file id as written (5–20 alphanumerics, 1fichier-api.md §9.1). */
  id: string;
  /** The domain the link used, without `www.`; kept because uploaders may pin a domain (§9.2). */
  domain: string;
  /** `https://<domain>/?<id>`: the form sent to the API (§9.5). */
  canonical: string;
  /** De-duplication key: the id lower-cased, so the same id on two mirror domains is one file. */
  key: string;
}

/** A public folder link `https://<domain>/dir/<id>` (§7, §9.3). */
export interface FolderLink {
  kind: 'folder';
  /** The folder id as written: case-sensitive alphanumerics (§7), 4–32 chars accepted. */
  id: string;
  /** The domain the link used, without `www.`. */
  domain: string;
  /** `https://<domain>/dir/<id>` (no language segment, query or fragment). */
  canonical: string;
  /** `dir:<id>`, case-sensitive like the id. */
  key: string;
}

/** A direct-download (CDN) link `https://a-N.1fichier.com/<token>` or `o-N` (§6.1). */
export interface DirectLink {
  kind: 'direct';
  /** The node host, e.g. `a-6.1fichier.com` (always on 1fichier.com, never a mirror). */
  host: string;
  /** The path token, e.g. `p1058755667`, as written (URL paths are case-sensitive). */
  token: string;
  /** `<scheme>://<host>/<token>`: the scheme is kept, `no_ssl` links are http (§6.1). */
  canonical: string;
  /** `direct:<host>/<token>`. */
  key: string;
}

/** Any 1Fichier link the extension recognises. */
export type Link = FileLink | FolderLink | DirectLink;

// File id in the query: 5–20 alphanumerics, matched case-insensitively, kept as written (§9.1).
const FILE_ID_RE = /^[A-Za-z0-9]{5,20}$/;
// `/dir/<id>` or `/<lang>/dir/<id>`, optional trailing slash. Folder ids are 8 chars in every
// example (§7); 4–32 is accepted so an unseen length does not break folders, without accepting junk.
const FOLDER_PATH_RE = /^\/(?:[a-z]{2}\/)?dir\/([A-Za-z0-9]{4,32})\/?$/;
// Direct-link path: one alphanumeric token (examples: 9–11 chars, a letter then digits; SYN accepts
// `[a-zA-Z0-9]+`). Capped at 64 chars.
const DIRECT_PATH_RE = /^\/([A-Za-z0-9]{1,64})$/;

function fileLink(id: string, domain: string): FileLink {
  return { kind: 'file', id, domain, canonical: `https://${domain}/?${id}`, key: id.toLowerCase() };
}

/** Parses with the WHATWG URL parser (what the browser does with an href); undefined if unsafe. */
function toUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    // Inside the try: a non-string from untyped callers makes trim() throw too.
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // `user:pass@` is a classic phishing shape; explicit default ports (`:443` on https) are already
  // dropped by URL(), any other port is not a 1Fichier page.
  if (url.username || url.password || url.port) return undefined;
  return url;
}

/**
 * Parses any 1Fichier link (1fichier-api.md §9.3), whatever mirror domain (`www.` allowed, host
 * case-insensitive, trailing dot allowed), over http or https:
 * - file `https://<domain>/?<id>` (slash optional; `&af=`, `&lg=`, `&inline=`, any further `&…`
 *   parameter and the fragment ignored; `?af=123` alone is not a file);
 * - old file form `http://<id>.<domain>/` (anything after the host ignored) → `https://<domain>/?<id>`;
 * - public folder `https://<domain>/dir/<id>` or `/<lang>/dir/<id>` (query and fragment ignored);
 * - direct link `https://a-N.1fichier.com/<token>` / `o-N` (1fichier.com only).
 * Returns undefined for anything else (other hosts and look-alikes, credentials, non-default
 * ports, other schemes, remove links `/remove/<id>/<code>`, other paths). Never throws.
 */
export function parseLink(raw: string): Link | undefined {
  const url = toUrl(raw);
  if (!url) return undefined;
  const { hostname, pathname } = url;

  const domain = onefichierDomain(hostname);
  if (domain) {
    if (pathname === '/') {
      // The id is the first query component and has no `=`.
      const search = url.search;
      const amp = search.indexOf('&');
      const id = amp < 0 ? search.slice(1) : search.slice(1, amp);
      return FILE_ID_RE.test(id) ? fileLink(id, domain) : undefined;
    }
    const folder = FOLDER_PATH_RE.exec(pathname);
    if (!folder) return undefined;
    const id = folder[1]!;
    return { kind: 'folder', id, domain, canonical: `https://${domain}/dir/${id}`, key: `dir:${id}` };
  }

  const host = onefichierDirectHost(hostname);
  if (host) {
    const direct = DIRECT_PATH_RE.exec(pathname);
    if (!direct) return undefined;
    const token = direct[1]!;
    return {
      kind: 'direct',
      host,
      token,
      canonical: `${url.protocol}//${host}/${token}`,
      key: `direct:${host}/${token}`,
    };
  }

  const old = onefichierSubdomainId(hostname);
  return old ? fileLink(old.id, old.domain) : undefined;
}

/**
 * Parses a 1Fichier file link: `https://<domain>/?<id>` in all its decorations, and the old
 * `http://<id>.<domain>/` form. Undefined for folders, direct links and anything else. Never throws.
 */
export function parseFileLink(raw: string): FileLink | undefined {
  const link = parseLink(raw);
  return link?.kind === 'file' ? link : undefined;
}

/** Parses a public folder link (`/dir/<id>`, `/<lang>/dir/<id>`), or undefined. Never throws. */
export function parseFolderLink(raw: string): FolderLink | undefined {
  const link = parseLink(raw);
  return link?.kind === 'folder' ? link : undefined;
}
