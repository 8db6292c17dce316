/**
 * The file and account API endpoints: download/get_token.cgi (§3.1), file/info.cgi (§3.2) and
 * user/info.cgi (§3.15); the listings are in api-folders.ts. Authentication and the sliding-window
 * flood checks already happened in api.ts.
 */
import { randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { formatParisDate } from './dates.ts';
import { findFile } from './fixtures.ts';
import type { FixtureAccount, FixtureFile } from './fixtures.ts';
import { canonicalLink, parseFileLink } from './links.ts';
import type { ParsedLink } from './links.ts';
import { annotateRequest } from './log.ts';
import { MSG } from './messages.ts';
import { sendJson, sendKo } from './respond.ts';
import type { EmulatorState } from './state.ts';

/** A parsed JSON request body. */
export type ApiBody = Record<string, unknown>;

/** One authenticated API call, as handed to an endpoint. */
export interface ApiCall {
  state: EmulatorState;
  res: ServerResponse;
  body: ApiBody;
  account: FixtureAccount;
  key: string;
  /** Client address (the flood detector's per-IP dimension). */
  ip: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Body booleans are integers 0/1 (§1.2); accept `1`, `"1"` and `true`. */
export function flag(value: unknown): boolean {
  return value === 1 || value === '1' || value === true;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Resolves `body.url` to a live fixture file, or answers the error and returns undefined. */
function lookup(res: ServerResponse, body: ApiBody): { link: ParsedLink; file: FixtureFile } | undefined {
  const url = str(body.url);
  const link = url === undefined ? undefined : parseFileLink(url);
  if (link === undefined) {
    // The emulator's own answer: no client documents what a malformed link gets.
    sendKo(res, 400, MSG.invalidUrl);
    return undefined;
  }
  annotateRequest(res, { fileId: link.id });
  const file = findFile(link.id);
  if (file === undefined || file.deleted) {
    sendKo(res, 404, MSG.notFound);
    return undefined;
  }
  return { link, file };
}

/** `download/get_token.cgi`: a one-off direct link on a random CDN node (§3.1, §6.1). */
export function getToken({ state, res, body, account }: ApiCall): void {
  annotateRequest(res, { noSsl: flag(body.no_ssl), cdn: flag(body.cdn) });
  if (account.offer === '0') {
    sendKo(res, 403, MSG.notCustomer);
    return;
  }
  const found = lookup(res, body);
  if (!found) return;
  const { file } = found;
  if (file.acl) {
    sendKo(res, 403, MSG.notAllowed);
    return;
  }
  if (file.password !== undefined) {
    const pass = str(body.pass);
    if (pass === undefined) {
      sendKo(res, 403, MSG.passwordMissing);
      return;
    }
    if (pass !== file.password) {
      sendKo(res, 403, MSG.passwordInvalid);
      return;
    }
  }
  let token: string;
  do token = `p${randomInt(1_000_000_000, 10_000_000_000)}`;
  while (state.tokens.has(token));
  const host = `a-${randomInt(1, 38)}.1fichier.com`;
  state.tokens.set(token, {
    token,
    host,
    fileId: file.id,
    createdAt: state.settings.now(),
    single: flag(body.single),
    inline: flag(body.inline),
    uses: 0,
  });
  const scheme = flag(body.no_ssl) ? 'http' : 'https';
  sendJson(res, 200, { status: 'OK', url: `${scheme}://${host}/${token}` }, flag(body.pretty));
}

/** `file/info.cgi`: metadata without a `status` field (§1.3, §3.2). Free keys may call it. */
export function fileInfo({ res, body }: ApiCall): void {
  const found = lookup(res, body);
  if (!found) return;
  const { link, file } = found;
  if (file.acl || (file.password !== undefined && str(body.pass) !== file.password)) {
    sendKo(res, 403, MSG.notAllowed);
    return;
  }
  sendJson(
    res,
    200,
    {
      url: canonicalLink(link),
      filename: file.name,
      size: file.size,
      date: file.date,
      checksum: file.checksum,
      'content-type': file.contentType,
      description: '',
      pass: file.password === undefined ? 0 : 1,
      no_ssl: 0,
      inline: 0,
      cdn: 0,
      folder_id: 0,
      path: '',
      acl: { ip: [], country: [], email: [], premium: 0 },
    },
    flag(body.pretty),
  );
}

/**
 * `user/info.cgi`: the §3.15 shape. Fields rclone decodes as Go strings are JSON strings even when
 * they hold digits; int fields are numbers. At most one call per key and one per IP per interval
 * (§3.15, §5.1); the key rule is checked first.
 */
export function userInfo({ state, res, body, account, key, ip }: ApiCall): void {
  const broken = state.flood.userInfoTooSoon(key, ip);
  if (broken !== undefined) {
    sendKo(res, 403, broken === 'key' ? MSG.userLocked : MSG.ipLocked);
    return;
  }
  const now = state.settings.now();
  const paid = account.offer !== '0';
  const coldUsed = paid ? 123_456_789 : 0;
  const allowed = paid ? 1024 ** 4 : 0;
  sendJson(
    res,
    200,
    {
      status: 'OK',
      email: account.email,
      offer: account.offer,
      ...(paid ? { subscription_end: formatParisDate(now + YEAR_MS) } : {}),
      cdn: account.cdn,
      use_cdn: account.useCdn,
      '2fa': '0',
      mail_rm: '0',
      upload_forbidden: '0',
      default_port: '0',
      default_port_files: '0',
      download_menu: '0',
      ftp_mode: '0',
      ftp_report: '0',
      ru_report: '0',
      stats_date: formatParisDate(now - 30 * 24 * 3600 * 1000),
      default_domain: 0,
      page_limit: 100,
      ftp_did: 0,
      cold_storage: coldUsed,
      hot_storage: 0,
      available_cold_storage: allowed - coldUsed,
      allowed_cold_storage: allowed,
      default_cold_storage_quota: allowed,
      default_quota: allowed,
      available_storage: allowed - coldUsed,
      overquota: 0,
    },
    flag(body.pretty),
  );
}
