import { AppError } from '../onefichier/errors';
import { JOB_ACTIONS, QUEUE_ACTIONS, SELECTION_ACTIONS } from '../queue/state';
import { TRANSFER_KINDS } from '../settings';
import { ARIA2_URL_MAX } from '../transfer/aria2/config';
import { AUTO_LOCK_CHOICES } from '../vault/auto-lock';
import type { Envelope, MessageType } from './protocol';

const MAX_LINKS = 10_000;
const MAX_STRING = 8_192;
const ACTIONS: ReadonlySet<string> = new Set<string>(JOB_ACTIONS);
const BULK_ACTIONS: ReadonlySet<string> = new Set<string>(QUEUE_ACTIONS);
const PICK_ACTIONS: ReadonlySet<string> = new Set<string>(SELECTION_ACTIONS);
const PRIORITIES: ReadonlySet<string> = new Set(['high', 'normal', 'low']);
const FORMATS: ReadonlySet<string> = new Set(['links', 'json', 'aria2']);
const TRANSFERS: ReadonlySet<string> = new Set<string>(TRANSFER_KINDS);
/** An imported file: up to 16 Mi characters (a 10,000-job JSON export is about 5 MB). */
export const MAX_IMPORT_CHARS = 16 * 1024 * 1024;

function oneOf(set: ReadonlySet<string>): (v: unknown) => boolean {
  return (v) => typeof v === 'string' && set.has(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isShortString(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_STRING;
}

/** Passphrases: any text up to 1,024 characters (PBKDF2 hashes it; no point in more). */
const MAX_PASSPHRASE = 1_024;

function isPassphrase(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_PASSPHRASE;
}

/** aria2's secret (`--rpc-secret`): printable, no line breaks, up to 1,024 characters. */
function isSecret(v: unknown): v is string {
  return isPassphrase(v) && [...v].every((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f);
}

/** Only these keys, each passing its check: extra fields are refused, not ignored. */
function exactly(p: Record<string, unknown>, checks: Record<string, (v: unknown) => boolean>): boolean {
  const keys = Object.keys(p);
  return keys.every((k) => Object.hasOwn(checks, k)) && Object.entries(checks).every(([k, ok]) => ok(p[k]));
}

function isLinkList(v: unknown): boolean {
  return Array.isArray(v) && v.length <= MAX_LINKS && v.every(isShortString);
}

/** A page's token for linkStatus: 16–128 URL-safe characters. */
function isPageToken(v: unknown): boolean {
  return typeof v === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(v);
}

const MAX_LABEL = 512;

function isLinkReports(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length <= MAX_LINKS &&
    v.every(
      (r) =>
        isRecord(r) &&
        exactly(r, { url: isShortString, label: (l) => typeof l === 'string' && l.length <= MAX_LABEL }),
    )
  );
}

/** Job ids of a selection: 1 to MAX_SELECTION short strings. */
const MAX_SELECTION = 100_000;
function isIdList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.length <= MAX_SELECTION && v.every(isShortString);
}

function isTabId(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

const PAYLOAD_CHECKS: Readonly<Record<MessageType, (p: Record<string, unknown>) => boolean>> = {
  enqueueLinks: (p) =>
    exactly(p, {
      links: isLinkList,
      pageUrl: (v) => v === undefined || isShortString(v),
      tabId: (v) => v === undefined || isTabId(v),
    }),
  linkStatus: (p) => exactly(p, { page: isPageToken, links: isLinkReports }),
  checkLinks: (p) => exactly(p, { links: isLinkList }),
  pageLinks: (p) => exactly(p, { tabId: isTabId }),
  getQueue: (p) => exactly(p, {}),
  getKeyStatus: (p) => exactly(p, {}),
  saveKey: (p) => exactly(p, { key: isShortString }),
  forgetKey: (p) => exactly(p, {}),
  jobAction: (p) => exactly(p, { id: isShortString, action: oneOf(ACTIONS) }),
  unlock: (p) => exactly(p, { passphrase: isPassphrase }),
  lock: (p) => exactly(p, {}),
  setPassphrase: (p) => exactly(p, { passphrase: isPassphrase }),
  changePassphrase: (p) => exactly(p, { current: isPassphrase, passphrase: isPassphrase }),
  removePassphrase: (p) => exactly(p, { current: isPassphrase }),
  queueAction: (p) => exactly(p, { action: oneOf(BULK_ACTIONS) }),
  setJobPassword: (p) => exactly(p, { id: isShortString, password: isPassphrase }),
  setJobPriority: (p) => exactly(p, { ids: isIdList, priority: oneOf(PRIORITIES) }),
  jobsAction: (p) => exactly(p, { ids: isIdList, action: oneOf(PICK_ACTIONS) }),
  exportQueue: (p) => exactly(p, { format: oneOf(FORMATS) }),
  importQueue: (p) =>
    exactly(p, { text: (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_IMPORT_CHARS }),
  setJobTransfer: (p) => exactly(p, { ids: isIdList, transfer: oneOf(TRANSFERS) }),
  testAria2: (p) =>
    exactly(p, {
      url: (v) => typeof v === 'string' && v.length <= ARIA2_URL_MAX,
      secret: (v) => v === undefined || isSecret(v),
    }),
  setAria2Secret: (p) => exactly(p, { secret: (v) => v === '' || isSecret(v) }),
  getAria2Info: (p) => exactly(p, {}),
  setAutoLock: (p) =>
    exactly(p, {
      minutes: (v) => typeof v === 'number' && (AUTO_LOCK_CHOICES as readonly number[]).includes(v),
    }),
};

/** Checks a message's shape; unknown types and bad payloads are refused with a typed error. */
export function validateEnvelope(msg: unknown): Envelope {
  if (!isRecord(msg) || typeof msg.type !== 'string' || !isRecord(msg.payload)) {
    throw new AppError('badMessage');
  }
  if (!Object.hasOwn(PAYLOAD_CHECKS, msg.type)) throw new AppError('badMessage', { detail: 'unknown type' });
  const type = msg.type as MessageType;
  if (!PAYLOAD_CHECKS[type](msg.payload)) throw new AppError('badMessage', { detail: type });
  return { type, payload: msg.payload } as Envelope;
}
