/** Who sent a message, decided from the sender object the browser fills in (not from the payload). */
export type SenderRole = 'extensionPage' | 'contentScript' | 'untrusted';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number } | unknown;
  frameId?: number;
}

/** Where a content script's message came from: its tab, frame and frame URL (from the browser). */
export interface FrameOfSender {
  tabId: number;
  frameId: number;
  url: string;
}

export function frameOfSender(sender: SenderLike): FrameOfSender | undefined {
  const tab = sender.tab as { id?: unknown } | undefined;
  const tabId = tab?.id;
  if (typeof tabId !== 'number' || typeof sender.url !== 'string') return undefined;
  return { tabId, frameId: typeof sender.frameId === 'number' ? sender.frameId : 0, url: sender.url };
}

export interface Self {
  id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, without a trailing slash. */
  origin: string;
}

/** Our origin from `runtime.getURL('/')`, compared as a string (Node's URL gives `"null"` for it). */
export function selfOrigin(rootUrl: string): string {
  return rootUrl.replace(/\/+$/, '');
}

function isOurs(url: string | undefined, origin: string): boolean {
  return url === origin || (url?.startsWith(`${origin}/`) ?? false);
}

/**
 * Extension pages (popup, options even when open in a tab, manager) have our own origin; content
 * scripts run in a tab with an http(s) page's URL; anything else (another extension, a web page
 * without our id, a sender without a URL) is untrusted.
 */
export function senderRole(sender: SenderLike, self: Self): SenderRole {
  if (sender.id !== self.id) return 'untrusted';
  const where = sender.origin ?? sender.url;
  if (isOurs(where, self.origin) && (sender.url === undefined || isOurs(sender.url, self.origin))) {
    return 'extensionPage';
  }
  if (sender.tab && where !== undefined && /^https?:\/\//i.test(where)) return 'contentScript';
  return 'untrusted';
}
