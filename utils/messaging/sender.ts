/** Who sent a message, decided from the sender object the browser fills in (not from the payload). */
export type SenderRole = 'extensionPage' | 'contentScript' | 'untrusted';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

export interface Self {
  id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  origin: string;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Extension pages (popup, options even when open in a tab, manager) have our own origin; content
 * scripts run in a tab with the page's URL; anything else (another extension, a web page) is untrusted.
 */
export function senderRole(sender: SenderLike, self: Self): SenderRole {
  if (sender.id !== self.id) return 'untrusted';
  const origin = sender.origin ?? originOf(sender.url);
  if (origin === self.origin) return 'extensionPage';
  if (sender.tab && origin && /^https?:/.test(origin)) return 'contentScript';
  return 'untrusted';
}
