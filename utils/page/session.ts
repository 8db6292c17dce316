import { truncateDisplay } from '../display-text';
import type { LinkStatus, PageLinkReport } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { parseFileLink, type FileLink } from '../onefichier/links';
import type { PageSettings } from '../page-settings';
import { addFilePageControl } from './file-page';
import { interceptClicks } from './intercept';
import { createLinkChecker } from './link-check';
import { createRegistry, type Entry } from './registry';
import { isOnefichierHost } from './scan';
import { startScanner, type ScannerOptions } from './scanner';

/** Most buttons on one document at once (a page cannot make us build a million). */
export const MAX_BUTTONS = 5_000;
/** Longest URL and label a linkStatus item may carry (utils/messaging/validate.ts). */
const MAX_URL = 8_192;
const MAX_LABEL = 200;
/** Most links per linkStatus message. */
export const MAX_REPORT = 10_000;

export interface SessionOptions {
  doc: Document;
  win: Window;
  /** This document's token (linkStatus). */
  token: string;
  settings: PageSettings;
  maxButtons?: number;
  /** Passed to the scanner (rendered test, observer): the browser's by default. */
  scanner?: Pick<ScannerOptions, 'isRendered' | 'IntersectionObserver' | 'maxDormant'>;
}

export interface Session {
  /** Live states pushed by the background: the complete set for this page (see push.ts). */
  apply(states: LinkStatus): void;
  /** The settings changed but the page stays active (interception, link check). */
  update(settings: PageSettings): void;
  /** Removes everything from the page and stops watching it. */
  stop(): void;
}

/**
 * Everything the extension does to a page where it is active: buttons on links (now and as the
 * page changes), live states, the 1Fichier file-page control, click interception, link check.
 */
export function startSession(opts: SessionOptions): Session {
  const { doc, win, token } = opts;
  let settings = opts.settings;
  const registry = createRegistry({
    doc,
    max: opts.maxButtons ?? MAX_BUTTONS,
    // No pageUrl: the background takes the page from the sender, which a page cannot forge.
    enqueue: (link) => sendMessage('enqueueLinks', { links: [link] }),
  });
  const checker = createLinkChecker((links) => sendMessage('checkLinks', { links }));
  checker.setOn(settings.linkCheck, []);
  const reported = new Set<string>();

  const report = (entries: readonly Entry[]) => {
    const links: PageLinkReport[] = [];
    for (const e of entries) {
      // Within the message's limits (one oversized item would have the whole batch refused).
      if (reported.has(e.url) || e.url.length > MAX_URL) continue;
      reported.add(e.url);
      links.push({ url: e.url, label: truncateDisplay(e.label, MAX_LABEL) });
    }
    for (let i = 0; i < links.length; i += MAX_REPORT) {
      sendMessage('linkStatus', { page: token, links: links.slice(i, i + MAX_REPORT) }).then(
        (status) => registry.apply(status),
        () => undefined, // No states (background restarting): the buttons stay usable.
      );
    }
    checker.added(entries);
  };

  const href = win.location.href;
  const filePage = parseFileLink(href);
  if (filePage) report([addFilePageControl(doc, registry, filePage)]);
  const scanner = startScanner({ doc, registry, onAdded: report, ...opts.scanner });

  // A click on a file link: its button shows the state (made now if the scan gave it none).
  const onFileClick = (anchor: HTMLAnchorElement, link: FileLink) => {
    let entry = registry.entryOf(anchor);
    if (!entry) {
      entry = registry.addAnchor({ anchor, link }, true);
      if (entry) report([entry]);
    }
    if (entry && entry.link.canonical === link.canonical) void registry.queue(entry);
    // The page changed the href since the button was made: the user clicked what the href says now.
    else void sendMessage('enqueueLinks', { links: [link.canonical] }).catch(() => undefined);
  };
  // Not on 1Fichier's own pages: there a link click is the site's business.
  const onOwnSite = isOnefichierHost(win.location.hostname);
  let stopIntercept: (() => void) | undefined;
  const setIntercept = (on: boolean) => {
    if (on && !stopIntercept && !onOwnSite) stopIntercept = interceptClicks(win, onFileClick);
    if (!on && stopIntercept) {
      stopIntercept();
      stopIntercept = undefined;
    }
  };
  setIntercept(settings.intercept);

  return {
    apply: (states) => registry.applyAll(states),
    update(next) {
      setIntercept(next.intercept);
      if (next.linkCheck !== settings.linkCheck) checker.setOn(next.linkCheck, registry.entries());
      settings = next;
    },
    stop() {
      scanner.stop();
      setIntercept(false);
      checker.setOn(false, []);
      registry.clear();
    },
  };
}
