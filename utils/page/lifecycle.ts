import {
  activeOn,
  DEFAULT_PAGE_SETTINGS,
  normalizePageSettings,
  pageSettingsItem,
  siteOf,
  type PageSettings,
} from '../page-settings';
import { listenToExtension } from './extension-messages';
import { createNotices } from './notice';
import { selectionLinks } from './selection';
import { startSession, type Session, type SessionOptions } from './session';
import { newPageToken } from './token';

export interface ContentScriptOptions {
  doc: Document;
  win: Window;
  /** Aborted when the extension context goes away (WXT's ctx.signal): everything is undone. */
  signal: AbortSignal;
  /** Passed to the session (tests: cap, rendered test). */
  session?: Pick<SessionOptions, 'maxButtons' | 'scanner'>;
}

export interface ContentScript {
  token: string;
  /** Settles once the stored settings were read and applied (tests wait for it). */
  ready: Promise<void>;
}

/**
 * The content script: follows the page settings live (global switch, per-site switch,
 * interception, link check) and answers the extension's messages. Where it is not active it does
 * nothing to the page: no scan, no observer, no listener on the page; it only listens to storage
 * and to the extension (the context menu's selection and notices still work: the user asked).
 */
export function startContentScript({
  doc,
  win,
  signal,
  session: extra,
}: ContentScriptOptions): ContentScript {
  const token = newPageToken();
  const notices = createNotices(doc);
  let session: Session | undefined;

  const apply = (settings: PageSettings) => {
    if (signal.aborted) return;
    const active = activeOn(settings, win.location.href);
    if (active && !session) {
      session = startSession({ doc, win, token, settings, ...extra });
    } else if (!active && session) {
      session.stop();
      session = undefined;
      notices.remove();
    } else {
      session?.update(settings);
    }
  };

  listenToExtension(
    {
      token,
      active: () => session !== undefined,
      linkStates: (states) => session?.apply(states),
      pageInfo: () => ({ site: siteOf(win.location.href), active: session !== undefined }),
      selectionLinks: () => selectionLinks(win),
      enqueued: (result) => notices.show(result),
    },
    signal,
  );

  // A change seen by watch is newer than the first read, whichever settles first.
  let changed = false;
  const unwatch = pageSettingsItem.watch((value) => {
    changed = true;
    apply(normalizePageSettings(value));
  });
  const ready = pageSettingsItem.getValue().then(
    (value) => {
      if (!changed) apply(normalizePageSettings(value));
    },
    () => {
      if (!changed) apply(DEFAULT_PAGE_SETTINGS);
    },
  );
  signal.addEventListener(
    'abort',
    () => {
      unwatch();
      session?.stop();
      session = undefined;
      notices.remove();
    },
    { once: true },
  );
  return { token, ready };
}
