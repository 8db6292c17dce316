import { toErrorInfo, type AppErrorInfo, type ErrorKind } from './errors';
import { formatDuration, type Lang } from '../format';
import { t, type MessageKey } from '../i18n';

/**
 * The message of each error kind (public/_locales, English and French: `err<Kind>`). Typed as a
 * full record, so a new ErrorKind without its message does not compile.
 */
const KEY: Readonly<Record<ErrorKind, MessageKey>> = {
  emptyKey: 'errEmptyKey',
  malformedKey: 'errMalformedKey',
  noKey: 'errNoKey',
  invalidKey: 'errInvalidKey',
  freeAccount: 'errFreeAccount',
  flood: 'errFlood',
  notFound: 'errNotFound',
  passwordRequired: 'errPasswordRequired',
  passwordWrong: 'errPasswordWrong',
  notAllowed: 'errNotAllowed',
  ownerLocked: 'errOwnerLocked',
  tooManyLocations: 'errTooManyLocations',
  cdnRequired: 'errCdnRequired',
  folderNotFound: 'errFolderNotFound',
  folderPasswordRequired: 'errFolderPasswordRequired',
  folderPasswordWrong: 'errFolderPasswordWrong',
  network: 'errNetwork',
  timeout: 'errTimeout',
  htmlResponse: 'errHtmlResponse',
  malformedResponse: 'errMalformedResponse',
  badResponse: 'errBadResponse',
  maintenance: 'errMaintenance',
  server: 'errServer',
  unknownApiError: 'errUnknownApiError',
  badLink: 'errBadLink',
  transferFailed: 'errTransferFailed',
  badMessage: 'errBadMessage',
  forbidden: 'errForbidden',
  locked: 'errLocked',
  wrongPassphrase: 'errWrongPassphrase',
  unlockWait: 'errUnlockWait',
  weakPassphrase: 'errWeakPassphrase',
  passphraseAlreadySet: 'errPassphraseAlreadySet',
  passphraseNotSet: 'errPassphraseNotSet',
  vaultDamaged: 'errVaultDamaged',
  folderEmpty: 'errFolderEmpty',
  seeExtension: 'errSeeExtension',
  linkCheckOff: 'errLinkCheckOff',
  cancelled: 'errCancelled',
  diskFull: 'errDiskFull',
  fileError: 'errFileError',
  sizeMismatch: 'errSizeMismatch',
  passwordTries: 'errPasswordTries',
  badImport: 'errBadImport',
  aria2BadUrl: 'errAria2BadUrl',
  aria2NotRunning: 'errAria2NotRunning',
  aria2Unreachable: 'errAria2Unreachable',
  aria2Unauthorized: 'errAria2Unauthorized',
  aria2NotAria2: 'errAria2NotAria2',
  aria2Permission: 'errAria2Permission',
  aria2DirRefused: 'errAria2DirRefused',
  aria2Refused: 'errAria2Refused',
  aria2Lost: 'errAria2Lost',
  aria2Stalled: 'errAria2Stalled',
  internal: 'errInternal',
};

/** For these the user tries again (a passphrase), not the extension. */
const USER_RETRIES: ReadonlySet<ErrorKind> = new Set(['wrongPassphrase', 'unlockWait']);

function isKnownKind(kind: unknown): kind is ErrorKind {
  return typeof kind === 'string' && Object.hasOwn(KEY, kind);
}

/**
 * The user-facing sentence for an error, with the time left when a retry is scheduled.
 *
 * The words come from public/_locales through t(), so they are in the browser's UI language; `lang`
 * is kept for the callers and should be `uiLang()` (what every page and the content script pass:
 * the same language t() follows, so a sentence never mixes languages). An ErrorKind this build does
 * not know (a newer job record) gives '' — callers fall back to a generic word.
 */
export function describeError(info: AppErrorInfo, _lang: Lang, now: number = Date.now()): string {
  if (!isKnownKind(info.kind)) return '';
  const base = t(KEY[info.kind]);
  if (info.retryAt === undefined || info.retryAt <= now) return base;
  const wait = formatDuration(info.retryAt - now);
  return `${base} ${t(USER_RETRIES.has(info.kind) ? 'errUserRetryIn' : 'errRetryIn', wait)}`;
}

/** The user-facing sentence for anything thrown (unexpected errors read as `internal`, never a stack). */
export function errorMessage(err: unknown, lang: Lang): string {
  // A serialised error (an AppErrorInfo from a reply or a job) reads as itself, not `internal`.
  if (!(err instanceof Error) && isErrorInfo(err)) return describeError(err, lang);
  return describeError(toErrorInfo(err), lang);
}

function isErrorInfo(v: unknown): v is AppErrorInfo {
  return isKnownKind((v as { kind?: unknown } | null)?.kind);
}
