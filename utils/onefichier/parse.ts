import { AppError } from './errors';
import type { AccountInfo, AccountKind, FileInfo } from './types';

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

/** Direct links live on 1Fichier's own CDN hosts (§6.1); anything else is refused. */
const DIRECT_RE = /^https?:\/\/[a-z0-9-]+\.1fichier\.com\/[A-Za-z0-9]+$/;

export function parseDirectUrl(r: Record<string, unknown>): string {
  const url = str(r.url);
  if (r.status !== 'OK' || !url || !DIRECT_RE.test(url)) {
    throw new AppError('badResponse', { detail: 'get_token.cgi without a direct link' });
  }
  return url;
}
