import { toErrorInfo } from '../onefichier/errors';
import { ONEFICHIER_DOMAINS } from '../onefichier/domains';
import { findLinksInText } from '../onefichier/find-in-text';
import type { EnqueueResult, ToContent } from '../messaging/protocol';

export const MENU_LINK = 'dl1f-link';
export const MENU_SELECTION = 'dl1f-selection';

/** Link URLs the `Download with 1Fichier` item is shown for: every 1Fichier domain, any scheme. */
export function linkPatterns(): string[] {
  return ONEFICHIER_DOMAINS.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]);
}

export interface MenuItem {
  id: string;
  title: string;
  contexts: ['link'] | ['selection'];
  targetUrlPatterns?: string[];
}

export function menuItems(titles: { link: string; selection: string }): MenuItem[] {
  return [
    { id: MENU_LINK, title: titles.link, contexts: ['link'], targetUrlPatterns: linkPatterns() },
    { id: MENU_SELECTION, title: titles.selection, contexts: ['selection'] },
  ];
}

/** The parts of `contextMenus.onClicked`'s info this uses. */
export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
  selectionText?: string;
  frameId?: number;
  frameUrl?: string;
  pageUrl?: string;
}

export interface MenuDeps {
  /** The links of the user's selection, from the frame's content script (rejects without one). */
  selectionLinks: (tabId: number, frameId: number) => Promise<string[]>;
  enqueue: (links: string[], pageUrl: string | undefined) => Promise<EnqueueResult>;
  /** Tells the frame's content script what was queued (ignored when there is none). */
  notify: (tabId: number, frameId: number, message: ToContent) => Promise<unknown>;
}

const NOTHING: EnqueueResult = { found: 0, added: 0, duplicates: 0, problems: [] };

/**
 * A click on one of our menu items: a trusted gesture in the browser's own UI. `Download with
 * 1Fichier` queues the link under the pointer; `Download all 1Fichier links in selection` asks the
 * frame's content script for the selected anchors (their hrefs are not in the selection text) and
 * falls back to the links written in the selected text. The page is told the result.
 */
export async function onMenuClick(
  info: MenuClick,
  tabId: number | undefined,
  deps: MenuDeps,
): Promise<EnqueueResult> {
  const frameId = info.frameId ?? 0;
  const pageUrl = info.frameUrl ?? info.pageUrl;
  let links: string[] = [];
  if (info.menuItemId === MENU_LINK && info.linkUrl) links = [info.linkUrl];
  else if (info.menuItemId === MENU_SELECTION) {
    const fromPage = tabId === undefined ? [] : await deps.selectionLinks(tabId, frameId).catch(() => []);
    const fromText = findLinksInText(info.selectionText ?? '').map((l) => l.raw);
    links = [...new Set([...(Array.isArray(fromPage) ? fromPage : []), ...fromText])].filter(
      (l): l is string => typeof l === 'string',
    );
  } else return NOTHING;

  let result: EnqueueResult;
  try {
    result = links.length ? await deps.enqueue(links, pageUrl) : NOTHING;
  } catch (err) {
    const error = toErrorInfo(err);
    result = { ...NOTHING, problems: links.slice(0, 1).map((link) => ({ link, error })) };
  }
  if (tabId !== undefined)
    await deps.notify(tabId, frameId, { type: 'enqueued', result }).catch(() => undefined);
  return result;
}
