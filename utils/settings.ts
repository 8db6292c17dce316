import { storage } from 'wxt/utils/storage';
import type { BreakerState } from './onefichier/pacer';
import type { AccountInfo } from './onefichier/types';
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
}

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
  for (const k of [
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
