import { AppError, classifyApiFailure, classifyUnreadable } from './errors';
import { failureOptions, type RawAnswer } from './http';
import { parseFileLink } from './links';

/** One file of a public folder, from `/dir/<ID>?json=1` (1fichier-api.md §7). */
export interface PublicFolderEntry {
  /** Canonical file link (`https://<domain>/?<id>`). */
  link: string;
  /** De-duplication key of the file (its id, lower-cased). */
  key: string;
  name: string;
  size: number;
  passwordProtected: boolean;
  restricted: boolean;
}

export interface PublicFolder {
  entries: PublicFolderEntry[];
  /** Entries dropped because their link, name or size was unusable. */
  skipped: number;
}

/** Where public folders are read: always the main domain, whatever domain the link used. */
export const PUBLIC_FOLDER_BASE = 'https://1fichier.com/dir/';

/**
 * The folder's address on 1fichier.com, the id kept as written (folder ids are case-sensitive,
 * 1fichier-api.md §7). The mirror domains are other names of the same service (§9.2: the table of
 * domains an uploader picks for the links of their files; §9.5: the same id on two domains is the
 * same item), and the clients that read folders ask 1fichier.com whatever the link's domain: rclone
 * (`https://1fichier.com/dir/`, §1.1, §7) and JDownloader's folder crawler (`"https://" +
 * getHost() + "/dir/"`, the plugin host 1fichier.com). Only 1fichier.com is in our host
 * permissions: a fetch to alterupload.com & co. would be refused by CORS in the browser. §9.2's
 * "keep the original domain" is about file links (an uploader may pin one): the file links a folder
 * lists keep the domain 1Fichier returns for them.
 */
export function publicFolderUrl(folder: { id: string }): string {
  return PUBLIC_FOLDER_BASE + encodeURIComponent(folder.id);
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * Parses the folder's JSON array. Every entry is checked: its link must be a 1Fichier file link
 * (uploaders control these pages, so nothing else is trusted), its name a non-empty string and its
 * size a non-negative number; others are counted in `skipped`.
 */
export function parsePublicFolder(json: unknown): PublicFolder {
  if (!Array.isArray(json)) throw new AppError('badResponse', { detail: 'folder JSON is not an array' });
  const entries: PublicFolderEntry[] = [];
  let skipped = 0;
  for (const item of json as unknown[]) {
    const r = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const link = typeof r.link === 'string' ? parseFileLink(r.link) : undefined;
    const name = typeof r.filename === 'string' ? r.filename : '';
    const size = num(r.size);
    if (!link || name.trim() === '' || size === undefined || size < 0) {
      skipped += 1;
      continue;
    }
    entries.push({
      link: link.canonical,
      key: link.key,
      name,
      size,
      passwordProtected: num(r.password) === 1,
      restricted: num(r.acl) === 1,
    });
  }
  return { entries, skipped };
}

/** The HTML page that asks for the folder password instead of the JSON. */
export function isPasswordPage(html: string): boolean {
  return /<input\b[^>]*\bname\s*=\s*["']?pass\b/i.test(html);
}

/**
 * Reads the answer to a folder request: the JSON array, or the typed failure (404, the password
 * form again, another page, a flood text).
 */
export function readPublicFolderAnswer(answer: RawAnswer, pass: string | undefined): PublicFolder {
  if (answer.status === 404) throw new AppError('folderNotFound', failureOptions(answer));
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    if (answer.ok && isPasswordPage(answer.text)) {
      throw new AppError(pass ? 'folderPasswordWrong' : 'folderPasswordRequired');
    }
    throw new AppError(classifyUnreadable(answer.status, answer.text), failureOptions(answer));
  }
  if (!answer.ok) throw new AppError(classifyApiFailure(answer.status, undefined), failureOptions(answer));
  return parsePublicFolder(json);
}
