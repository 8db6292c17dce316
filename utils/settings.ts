import { storage } from 'wxt/utils/storage';
import type { BreakerState } from './onefichier/pacer';
import type { AccountInfo } from './onefichier/types';

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
}

export const DEFAULT_SETTINGS: Settings = { parallel: 3, noSsl: false, apiSpacingMs: 1_000 };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

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
