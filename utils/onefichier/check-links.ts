import { decodeEntities } from './entities';
import { parseFileLink } from './links';

/** What `check_links.pl` says about one file link (1fichier-api.md §8). */
export type LinkCheck =
  | { state: 'online'; name: string; size: number }
  | { state: 'notFound' }
  | { state: 'badLink' }
  | { state: 'private' }
  /** The answer had no line for this link. */
  | { state: 'unknown' };

/** check_links.pl takes at most this many links per request (JD). */
export const CHECK_LINKS_MAX = 100;

/** The form body `links[]=<url>&links[]=…`. */
export function checkLinksBody(urls: readonly string[]): string {
  const form = new URLSearchParams();
  for (const url of urls) form.append('links[]', url);
  return form.toString();
}

const STATES: Readonly<Record<string, LinkCheck>> = {
  'NOT FOUND': { state: 'notFound' },
  'BAD LINK': { state: 'badLink' },
  PRIVATE: { state: 'private' },
};

/**
 * Parses the plain-text answer: one `<url>;<name>;<size>` or `<url>;;;<STATE>` line per link. Lines
 * are matched to the asked ids (lower-cased) by the id in their URL, as JD does; a name may itself
 * contain `;`, so the size is the last field and the name everything between. Ids without a usable
 * line come back `unknown`.
 */
export function parseCheckLinks(text: string, ids: readonly string[]): Map<string, LinkCheck> {
  const wanted = new Set(ids);
  const out = new Map<string, LinkCheck>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const first = line.indexOf(';');
    if (first < 0) continue;
    const id = parseFileLink(line.slice(0, first))?.key;
    if (id === undefined || !wanted.has(id) || out.has(id)) continue;
    const rest = line.slice(first + 1);
    const last = rest.lastIndexOf(';');
    const name = rest.slice(0, last);
    const tail = rest.slice(last + 1).trim();
    // `<url>;;;<STATE>`: after the first `;`, the rest is `;;<STATE>`.
    const state = name === ';' ? STATES[tail.toUpperCase()] : undefined;
    if (state) out.set(id, state);
    else if (name !== '' && /^\d+$/.test(tail)) {
      out.set(id, { state: 'online', name: decodeEntities(name), size: Number(tail) });
    }
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { state: 'unknown' });
  return out;
}
