import { AppError } from './errors';
import { parseFileLink, parseLink } from './links';
import type {
  AccountFile,
  AccountFileList,
  AccountFolder,
  AccountInfo,
  AccountKind,
  AccountSubFolder,
  FileInfo,
} from './types';

/** user/info.cgi scalars may be JSON strings or numbers (1fichier-api.md §3.15). */
function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const OFFERS: Readonly<Record<number, AccountKind>> = { 0: 'free', 1: 'premium', 2: 'access', 3: 'gold' };

export function parseAccountInfo(r: Record<string, unknown>): AccountInfo {
  const offer = num(r.offer);
  const info: AccountInfo = { kind: offer === undefined ? 'unknown' : (OFFERS[offer] ?? 'unknown') };
  const email = str(r.email);
  if (email) info.email = email;
  const end = str(r.subscription_end);
  if (end) info.subscriptionEnd = end;
  const cdn = num(r.cdn);
  if (cdn !== undefined) info.cdnGb = cdn;
  return info;
}

export function parseFileInfo(r: Record<string, unknown>): FileInfo {
  const name = str(r.filename);
  const size = num(r.size);
  const url = str(r.url);
  if (!name || size === undefined || size < 0 || !url) {
    throw new AppError('badResponse', { detail: 'file/info.cgi without name or size' });
  }
  const info: FileInfo = { url, name, size, passwordProtected: num(r.pass) === 1 };
  const type = str(r['content-type']);
  if (type) info.contentType = type;
  const checksum = str(r.checksum);
  if (checksum) info.checksum = checksum;
  return info;
}

/**
 * Direct links live on 1Fichier's own download nodes `a-N`/`o-N.1fichier.com` (§6.1); anything
 * else (another host, credentials, a query, a path) is refused: the URL is handed to the browser.
 */
export function parseDirectUrl(r: Record<string, unknown>): string {
  const url = str(r.url);
  const link = url === undefined ? undefined : parseLink(url);
  if (r.status !== 'OK' || link?.kind !== 'direct' || link.canonical !== url) {
    throw new AppError('badResponse', { detail: 'get_token.cgi without a direct link' });
  }
  return url;
}

function bit(value: unknown): boolean {
  return num(value) === 1;
}

/** One `file/ls.cgi` item (§3.3); undefined when its link, name or size is unusable. */
function parseAccountFile(item: unknown): AccountFile | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const r = item as Record<string, unknown>;
  const link = typeof r.url === 'string' ? parseFileLink(r.url) : undefined;
  const name = str(r.filename);
  const size = num(r.size);
  if (!link || !name || size === undefined || size < 0) return undefined;
  const file: AccountFile = {
    url: link.canonical,
    key: link.key,
    name,
    size,
    passwordProtected: bit(r.pass),
    // In listings `acl` is a 0/1 flag, in file/info an object (§3.2, §3.3).
    restricted: bit(r.acl) || (typeof r.acl === 'object' && r.acl !== null),
    cdn: bit(r.cdn),
  };
  const date = str(r.date);
  if (date) file.date = date;
  const checksum = str(r.checksum);
  if (checksum) file.checksum = checksum;
  const type = str(r['content-type']);
  if (type) file.contentType = type;
  return file;
}

function parseFiles(items: unknown): AccountFileList {
  const list = Array.isArray(items) ? (items as unknown[]) : [];
  const files: AccountFile[] = [];
  for (const item of list) {
    const file = parseAccountFile(item);
    if (file) files.push(file);
  }
  return { files, skipped: list.length - files.length };
}

export function parseFileList(r: Record<string, unknown>): AccountFileList {
  if (r.items !== undefined && r.items !== null && !Array.isArray(r.items)) {
    throw new AppError('badResponse', { detail: 'file/ls.cgi items is not a list' });
  }
  return parseFiles(r.items);
}

export function parseFolder(r: Record<string, unknown>, withFiles: boolean): AccountFolder {
  const id = num(r.folder_id);
  if (id === undefined) throw new AppError('badResponse', { detail: 'folder/ls.cgi without folder_id' });
  const subs = Array.isArray(r.sub_folders) ? (r.sub_folders as unknown[]) : [];
  const subFolders: AccountSubFolder[] = [];
  for (const s of subs) {
    if (typeof s !== 'object' || s === null) continue;
    const sr = s as Record<string, unknown>;
    const subId = num(sr.id);
    const name = str(sr.name);
    if (subId === undefined || !name) continue;
    const sub: AccountSubFolder = { id: subId, name, passwordProtected: bit(sr.pass) };
    const created = str(sr.create_date);
    if (created) sub.createdAt = created;
    subFolders.push(sub);
  }
  const folder: AccountFolder = {
    id,
    // The root's name is unknown (§12); an empty one is allowed.
    name: typeof r.name === 'string' ? r.name : '',
    passwordProtected: bit(r.pass),
    subFolders,
    skipped: subs.length - subFolders.length,
  };
  const created = str(r.create_date);
  if (created) folder.createdAt = created;
  if (withFiles) {
    const { files, skipped } = parseFiles(r.items);
    folder.files = files;
    folder.skipped += skipped;
  }
  return folder;
}
