/**
 * `POST /check_links.pl` on the website hosts (1fichier-api.md §8): form `links[]=<url>&…`, one
 * plain-text line per link in request order:
 * - `<url>;<filename>;<size>` online (filename HTML-entity encoded, see {@link encodeEntities})
 * - `<url>;;;NOT FOUND` deleted
 * - `<url>;;;BAD LINK` not a file link, or an id that never existed
 * - `<url>;;;PRIVATE` password-protected or ACL-restricted
 * `<url>` is echoed as sent (trimmed, CR/LF removed). More than 100 links → 400 with a text message
 * (invented; JD only says "max 100"). Each request counts as one call for the per-IP flood limiter
 * (shared with the API); a locked IP (or the `flood` fault) gets the whole body `IP Locked`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findFile } from './fixtures.ts';
import { parseFileLink } from './links.ts';
import { SITE_MSG } from './messages.ts';
import { clientIp, readRaw } from './request.ts';
import { sendText } from './respond.ts';
import type { EmulatorState } from './state.ts';

/** At most this many links per request (JD). */
export const MAX_LINKS = 100;
const MAX_FORM = 1024 * 1024;

const NAMED: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * HTML-entity encoding of a file name ("filename may be HTML-entity encoded; JD decodes"):
 * `& < > "` as named entities, `'`, the `;` separator and control characters as decimal ones
 * (`&#39;`, `&#59;`, `&#10;`; C0 and C1 controls). Everything else, non-ASCII included, stays as UTF-8.
 */
export function encodeEntities(name: string): string {
  return name.replace(/[&<>"';\p{Cc}]/gu, (c) => NAMED[c] ?? `&#${c.charCodeAt(0)};`);
}

/** The answer line for one link. */
export function checkLine(raw: string): string {
  const url = raw.trim().replace(/[\r\n]/g, '');
  const link = parseFileLink(url);
  const file = link === undefined ? undefined : findFile(link.id);
  if (file === undefined) return `${url};;;BAD LINK`;
  if (file.deleted) return `${url};;;NOT FOUND`;
  if (file.password !== undefined || file.acl) return `${url};;;PRIVATE`;
  return `${url};${encodeEntities(file.name)};${file.size}`;
}

/** Handles `/check_links.pl` (method already known to be POST). */
export async function handleCheckLinks(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const raw = await readRaw(req, MAX_FORM);
  if (state.faults.has('flood') || state.flood.hitIp(clientIp(req))) {
    sendText(res, 200, SITE_MSG.ipLocked, SITE_MSG.ipLocked);
    return;
  }
  if (raw === undefined) {
    sendText(res, 413, 'Request body too large\n');
    return;
  }
  const links = new URLSearchParams(raw.toString('utf8')).getAll('links[]');
  if (links.length > MAX_LINKS) {
    sendText(res, 400, `Too many links: ${links.length} (at most ${MAX_LINKS} per request)\n`);
    return;
  }
  sendText(res, 200, links.map((l) => `${checkLine(l)}\n`).join(''));
}
