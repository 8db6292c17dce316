/**
 * Every failure the product can show, as a typed kind with a retry policy and a message in English
 * and French. API failures are classified from the HTTP status and the message TEXT, never the
 * `#code`, because 1Fichier's codes drift (1fichier-api.md §4.2: flood was #38, #374, #412).
 */
export type ErrorKind =
  | 'emptyKey'
  | 'malformedKey'
  | 'noKey'
  | 'invalidKey'
  | 'freeAccount'
  | 'flood'
  | 'notFound'
  | 'passwordRequired'
  | 'passwordWrong'
  | 'notAllowed'
  | 'ownerLocked'
  | 'tooManyLocations'
  | 'cdnRequired'
  | 'folderNotFound'
  | 'folderPasswordRequired'
  | 'folderPasswordWrong'
  | 'network'
  | 'timeout'
  | 'htmlResponse'
  | 'malformedResponse'
  | 'badResponse'
  | 'maintenance'
  | 'server'
  | 'unknownApiError'
  | 'badLink'
  | 'transferFailed'
  | 'badMessage'
  | 'forbidden'
  | 'locked'
  | 'wrongPassphrase'
  | 'unlockWait'
  | 'weakPassphrase'
  | 'passphraseAlreadySet'
  | 'passphraseNotSet'
  | 'vaultDamaged'
  | 'folderEmpty'
  | 'seeExtension'
  | 'linkCheckOff'
  | 'cancelled'
  | 'diskFull'
  | 'fileError'
  | 'sizeMismatch'
  | 'passwordTries'
  | 'badImport'
  | 'aria2BadUrl'
  | 'aria2NotRunning'
  | 'aria2Unreachable'
  | 'aria2Unauthorized'
  | 'aria2NotAria2'
  | 'aria2Permission'
  | 'aria2DirRefused'
  | 'aria2Refused'
  | 'aria2Lost'
  | 'aria2Stalled'
  | 'internal';

/** never: give up; soon/later: retry by itself; afterUnlock: when the flood breaker opens; needsUser: wait for the user. */
export type RetryPolicy = 'never' | 'soon' | 'later' | 'afterUnlock' | 'needsUser';

/** The serialisable form of an error: crosses the message boundary and is stored on jobs. */
export interface AppErrorInfo {
  kind: ErrorKind;
  /** Epoch ms when a retry is allowed (flood lock, back-off). */
  retryAt?: number;
  /** Short technical detail safe to show (never the key, never a stack). */
  detail?: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly retryAt?: number;
  readonly detail?: string;
  constructor(kind: ErrorKind, opts: { retryAt?: number; detail?: string; cause?: unknown } = {}) {
    super(`${kind}${opts.detail ? `: ${opts.detail}` : ''}`, { cause: opts.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.retryAt = opts.retryAt;
    this.detail = opts.detail;
  }
  toInfo(): AppErrorInfo {
    const info: AppErrorInfo = { kind: this.kind };
    if (this.retryAt !== undefined) info.retryAt = this.retryAt;
    if (this.detail !== undefined) info.detail = this.detail;
    return info;
  }
}

/** Any thrown value as an AppErrorInfo (unexpected errors become `internal`, without their stack). */
export function toErrorInfo(err: unknown): AppErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  return { kind: 'internal' };
}

interface Rule {
  test: RegExp;
  kind: ErrorKind;
}

/** Ordered: the first matching text wins (password texts also contain "Resource not allowed"). */
const MESSAGE_RULES: readonly Rule[] = [
  // "Flood detected: IP/User/User APK Locked", and the bare "IP Locked" (check_links.pl, §4.3).
  { test: /flood detected|ip locked|user (?:apk )?locked/i, kind: 'flood' },
  { test: /not authenticated|no such user|bad token/i, kind: 'invalidKey' },
  { test: /must be a customer/i, kind: 'freeAccount' },
  { test: /password not provided/i, kind: 'passwordRequired' },
  { test: /invalid password/i, kind: 'passwordWrong' },
  { test: /resource not found/i, kind: 'notFound' },
  // Text not documented by any client (the emulator's own); a folder id of one's own account.
  { test: /folder not found/i, kind: 'folderNotFound' },
  { test: /resource not allowed/i, kind: 'notAllowed' },
  { test: /owner locked/i, kind: 'ownerLocked' },
  { test: /locations? allowed at a time/i, kind: 'tooManyLocations' },
  // VPN / datacenter address: premium needs CDN credits there (§4.2 #913, JD).
  { test: /must have cdn|use cdn credits|professional (?:equipment|services)/i, kind: 'cdnRequired' },
  { test: /maintenance/i, kind: 'maintenance' },
];

/** Classifies a `status: "KO"` answer (or a non-2xx one) from its HTTP status and message text. */
export function classifyApiFailure(httpStatus: number, message: string | undefined): ErrorKind {
  const text = message ?? '';
  for (const rule of MESSAGE_RULES) if (rule.test.test(text)) return rule.kind;
  if (httpStatus === 404) return 'notFound';
  if (httpStatus === 401) return 'invalidKey';
  // 1Fichier answered floods with 429 until 2020 (§4.1): same breaker.
  if (httpStatus === 429) return 'flood';
  if (httpStatus === 503) return 'maintenance';
  if (httpStatus >= 500) return 'server';
  return 'unknownApiError';
}

/** A whole body that is a flood lock (`check_links.pl` answers plain `IP Locked`, §8). */
export function isFloodText(body: string): boolean {
  return /^\s*(?:ip locked|flood detected)/i.test(body);
}

/**
 * Classifies an answer that is not the JSON that was expected: the maintenance page (§4.1, often
 * with HTTP 200 or 503), another server error page, an HTML page, or damaged JSON.
 */
export function classifyUnreadable(httpStatus: number, body: string): ErrorKind {
  const head = body.slice(0, 4_096);
  if (/maintenance/i.test(head)) return 'maintenance';
  if (isFloodText(head)) return 'flood';
  if (httpStatus === 429) return 'flood';
  if (httpStatus === 503) return 'maintenance';
  if (httpStatus >= 500) return 'server';
  if (/^\s*</.test(head)) return 'htmlResponse';
  return 'malformedResponse';
}

export const RETRY_POLICY: Readonly<Record<ErrorKind, RetryPolicy>> = {
  emptyKey: 'needsUser',
  malformedKey: 'needsUser',
  noKey: 'needsUser',
  invalidKey: 'needsUser',
  freeAccount: 'needsUser',
  flood: 'afterUnlock',
  notFound: 'never',
  passwordRequired: 'needsUser',
  passwordWrong: 'needsUser',
  notAllowed: 'never',
  ownerLocked: 'never',
  tooManyLocations: 'later',
  cdnRequired: 'needsUser',
  folderNotFound: 'never',
  folderPasswordRequired: 'needsUser',
  folderPasswordWrong: 'needsUser',
  network: 'later',
  timeout: 'soon',
  htmlResponse: 'later',
  malformedResponse: 'later',
  badResponse: 'later',
  maintenance: 'later',
  server: 'later',
  unknownApiError: 'later',
  badLink: 'never',
  transferFailed: 'soon',
  badMessage: 'never',
  forbidden: 'never',
  locked: 'needsUser',
  wrongPassphrase: 'needsUser',
  unlockWait: 'needsUser',
  weakPassphrase: 'needsUser',
  passphraseAlreadySet: 'needsUser',
  passphraseNotSet: 'needsUser',
  vaultDamaged: 'needsUser',
  folderEmpty: 'never',
  seeExtension: 'needsUser',
  linkCheckOff: 'never',
  cancelled: 'never',
  diskFull: 'needsUser',
  fileError: 'needsUser',
  sizeMismatch: 'soon',
  passwordTries: 'needsUser',
  badImport: 'never',
  aria2BadUrl: 'never',
  aria2NotRunning: 'needsUser',
  aria2Unreachable: 'needsUser',
  aria2Unauthorized: 'needsUser',
  aria2NotAria2: 'needsUser',
  aria2Permission: 'needsUser',
  aria2DirRefused: 'needsUser',
  aria2Refused: 'needsUser',
  aria2Lost: 'soon',
  aria2Stalled: 'soon',
  internal: 'never',
};
