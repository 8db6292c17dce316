import { storage } from 'wxt/utils/storage';

/**
 * What the content script may do, per site. Kept in storage.local so the content script reads it
 * without waking the background (no secret in it; content scripts can read storage.local) and
 * follows every change live through storage.onChanged.
 */
export interface PageSettings {
  /** Global switch: buttons, scanning and click interception on web pages. */
  enabled: boolean;
  /** A plain left click on a 1Fichier file link downloads it instead of opening 1Fichier. */
  intercept: boolean;
  /** Name, size and availability beside links, from 1fichier.com/check_links.pl (off by default). */
  linkCheck: boolean;
  /** Sites (host names, see siteOf) where the extension is off. */
  disabledSites: string[];
}

export const DEFAULT_PAGE_SETTINGS: PageSettings = {
  enabled: true,
  intercept: true,
  linkCheck: false,
  disabledSites: [],
};

/** Most sites in the per-site list (a storage item stays small). */
export const MAX_DISABLED_SITES = 1_000;

export const pageSettingsItem = storage.defineItem<Partial<PageSettings>>('local:pageSettings', {
  fallback: {},
  version: 1,
});

const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);

/** The stored values over the defaults, each checked (a damaged item falls back, never throws). */
export function normalizePageSettings(stored: unknown): PageSettings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const sites = Array.isArray(s.disabledSites)
    ? [...new Set(s.disabledSites.filter((x): x is string => typeof x === 'string' && x.length <= 253))]
    : [];
  return {
    enabled: bool(s.enabled, DEFAULT_PAGE_SETTINGS.enabled),
    intercept: bool(s.intercept, DEFAULT_PAGE_SETTINGS.intercept),
    linkCheck: bool(s.linkCheck, DEFAULT_PAGE_SETTINGS.linkCheck),
    disabledSites: sites.slice(0, MAX_DISABLED_SITES),
  };
}

export async function currentPageSettings(): Promise<PageSettings> {
  return normalizePageSettings(await pageSettingsItem.getValue());
}

/**
 * The site a page belongs to, as the per-site switch names it: the host name, lower-cased, without
 * a trailing dot or a leading `www.`. Undefined for anything but http(s) pages.
 */
export function siteOf(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  let host = u.hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('www.')) host = host.slice(4);
  return host || undefined;
}

/** Whether the content script works on this page: the global switch on and the site not turned off. */
export function activeOn(settings: PageSettings, url: string): boolean {
  const site = siteOf(url);
  return settings.enabled && site !== undefined && !settings.disabledSites.includes(site);
}

/** Turns the extension on or off for one site (extension pages only; the content script only reads). */
export async function setSiteEnabled(site: string, on: boolean): Promise<PageSettings> {
  const s = await currentPageSettings();
  const others = s.disabledSites.filter((x) => x !== site);
  const next: PageSettings = {
    ...s,
    disabledSites: on ? others : [site, ...others].slice(0, MAX_DISABLED_SITES),
  };
  await pageSettingsItem.setValue(next);
  return next;
}

/** Changes one of the switches (extension pages only). */
export async function setPageOption(
  option: 'enabled' | 'intercept' | 'linkCheck',
  on: boolean,
): Promise<PageSettings> {
  const next: PageSettings = { ...(await currentPageSettings()), [option]: on };
  await pageSettingsItem.setValue(next);
  return next;
}
