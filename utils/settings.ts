import { storage } from 'wxt/utils/storage';
import type { BreakerState } from './onefichier/pacer';
import type { AccountInfo } from './onefichier/types';
import {
  ARIA2_DEFAULT_CONNECTIONS,
  ARIA2_DEFAULT_URL,
  ARIA2_DIR_MAX,
  ARIA2_MAX_CONNECTIONS,
  checkRpcUrl,
} from './transfer/aria2/config';
import { AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES } from './vault/auto-lock';

/**
 * Every persisted storage.local item, defined once. None of them holds key material: the API key
 * lives only in the IndexedDB vault (design.md, Security); "Forget key" also clears the account cache.
 */
export interface Settings {
  /** Parallel downloads (1–10). */
  parallel: number;
  /** Ask 1Fichier for http:// direct links. */
  noSsl: boolean;
  /** Minimum spacing between API calls, ms. */
  apiSpacingMs: number;
  /** Spend the account's CDN credits on downloads (`cdn: 1`); off unless the user turns it on. */
  useCdnCredits: boolean;
  /** Passphrase mode: lock after this many minutes without use (0 = only when the browser closes). */
  autoLockMinutes: number;
  /**
   * Optional subfolder for every download, relative to the browser's download folder, e.g.
   * `1Fichier/{site}/{date}` (see utils/queue/places). '' = none. Folder packages always get a
   * subfolder of their own inside it.
   */
  subfolderTemplate: string;
  /** What the browser does when the file already exists. */
  conflictAction: ConflictAction;
  /** Seconds to wait between starts of small files (1Fichier's anti-flood advice); 0 = none. */
  smallFileDelaySec: number;
  /** Notifications, each switchable. */
  notifyPackageDone: boolean;
  notifyNeedsUser: boolean;
  notifyFlood: boolean;
  /** aria2 is set up (its address's host permission was granted when the user turned it on). */
  aria2Enabled: boolean;
  /** Where new jobs are transferred (a job may choose otherwise); aria2 only while it is enabled. */
  transfer: TransferKind;
  /** aria2's JSON-RPC address (`http(s)://host:port/jsonrpc`). */
  aria2Url: string;
  /** Folder on the aria2 machine ('' = aria2's own `--dir`). */
  aria2Dir: string;
  /** Connections per file (aria2 `split`), 1–16; the host budget of the scheduler caps the total. */
  aria2Connections: number;
  /** When aria2 cannot be reached at a job's start, download that job in the browser instead. */
  aria2Fallback: boolean;
}

/** Who transfers a job's bytes. */
export type TransferKind = 'browser' | 'aria2';
export const TRANSFER_KINDS: readonly TransferKind[] = ['browser', 'aria2'];

/** `prompt` is left out: it stops an unattended queue, and Firefox does not implement it. */
export type ConflictAction = 'uniquify' | 'overwrite';
export const CONFLICT_ACTIONS: readonly ConflictAction[] = ['uniquify', 'overwrite'];

/** Files at most this big count as small for the start delay (JDownloader uses the same 50 MB). */
export const SMALL_FILE_BYTES = 50 * 1024 * 1024;
export const SMALL_FILE_DELAY_MAX_SEC = 60;
export const SUBFOLDER_TEMPLATE_MAX = 200;

export const DEFAULT_SETTINGS: Settings = {
  parallel: 3,
  noSsl: false,
  apiSpacingMs: 1_000,
  useCdnCredits: false,
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  subfolderTemplate: '',
  conflictAction: 'uniquify',
  smallFileDelaySec: 0,
  notifyPackageDone: true,
  notifyNeedsUser: true,
  notifyFlood: true,
  aria2Enabled: false,
  transfer: 'browser',
  aria2Url: ARIA2_DEFAULT_URL,
  aria2Dir: '',
  aria2Connections: ARIA2_DEFAULT_CONNECTIONS,
  aria2Fallback: false,
};

/** Bounds of the API spacing: below 0.5 s 1Fichier floods (1fichier-api.md §5.2), above 30 s is useless. */
export const API_SPACING_MIN_MS = 500;
export const API_SPACING_MAX_MS = 30_000;

export const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', {
  fallback: {},
  version: 1,
});

/** The settings in effect: stored values over the defaults, numbers kept within their bounds. */
export async function currentSettings(): Promise<Settings> {
  const s: Settings = { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
  const spacing = Number.isFinite(s.apiSpacingMs) ? s.apiSpacingMs : DEFAULT_SETTINGS.apiSpacingMs;
  s.apiSpacingMs = Math.min(Math.max(spacing, API_SPACING_MIN_MS), API_SPACING_MAX_MS);
  s.parallel = Number.isInteger(s.parallel)
    ? Math.min(Math.max(s.parallel, 1), 10)
    : DEFAULT_SETTINGS.parallel;
  if (!(AUTO_LOCK_CHOICES as readonly number[]).includes(s.autoLockMinutes)) {
    s.autoLockMinutes = DEFAULT_SETTINGS.autoLockMinutes;
  }
  if (!CONFLICT_ACTIONS.includes(s.conflictAction)) s.conflictAction = DEFAULT_SETTINGS.conflictAction;
  s.smallFileDelaySec =
    Number.isFinite(s.smallFileDelaySec) && s.smallFileDelaySec >= 0
      ? Math.min(s.smallFileDelaySec, SMALL_FILE_DELAY_MAX_SEC)
      : 0;
  if (typeof s.subfolderTemplate !== 'string' || s.subfolderTemplate.length > SUBFOLDER_TEMPLATE_MAX) {
    s.subfolderTemplate = '';
  }
  if (!TRANSFER_KINDS.includes(s.transfer)) s.transfer = DEFAULT_SETTINGS.transfer;
  if (typeof s.aria2Url !== 'string' || !checkRpcUrl(s.aria2Url).ok) s.aria2Url = DEFAULT_SETTINGS.aria2Url;
  if (typeof s.aria2Dir !== 'string' || s.aria2Dir.length > ARIA2_DIR_MAX) s.aria2Dir = '';
  s.aria2Connections = Number.isInteger(s.aria2Connections)
    ? Math.min(Math.max(s.aria2Connections, 1), ARIA2_MAX_CONNECTIONS)
    : DEFAULT_SETTINGS.aria2Connections;
  for (const k of [
    'aria2Enabled',
    'aria2Fallback',
    'noSsl',
    'useCdnCredits',
    'notifyPackageDone',
    'notifyNeedsUser',
    'notifyFlood',
  ] as const) {
    if (typeof s[k] !== 'boolean') s[k] = DEFAULT_SETTINGS[k];
  }
  return s;
}

/** The last user/info.cgi answer; 1Fichier allows that call about once per 5 minutes. */
export interface AccountCache {
  info: AccountInfo;
  checkedAt: number;
}

export const accountItem = storage.defineItem<AccountCache | null>('local:account', {
  fallback: null,
  version: 1,
});

/** Flood breaker state, persisted so a restarted service worker keeps waiting. */
export const breakerItem = storage.defineItem<BreakerState | null>('local:apiBreaker', {
  fallback: null,
  version: 1,
});
