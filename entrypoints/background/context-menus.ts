import { browser } from 'wxt/browser';
import { t } from '../../utils/i18n';
import { pageSafeResult } from '../../utils/page-links/link-states';
import { menuItems, onMenuClick, type MenuClick } from '../../utils/page-links/context-menu';
import type { Services } from './services';

/**
 * (Re)creates our two menu items. Called on install, update and browser start: removing first
 * makes it idempotent whatever the browser kept from before.
 */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of menuItems({ link: t('menuDownloadLink'), selection: t('menuDownloadSelection') })) {
    browser.contextMenus.create(item);
  }
}

export function onMenuClicked(s: Services, info: MenuClick, tabId: number | undefined): Promise<unknown> {
  return onMenuClick(info, tabId, {
    selectionLinks: async (tab, frameId) =>
      (await s.sendToFrame(tab, frameId, { type: 'selectionLinks' })) as string[],
    enqueue: (links, pageUrl) => s.queueLinks(links, pageUrl),
    // The notice is in the page: the same page-safe reasons as its buttons.
    notify: (tab, frameId, message) =>
      s.sendToFrame(
        tab,
        frameId,
        message.type === 'enqueued' ? { ...message, result: pageSafeResult(message.result) } : message,
      ),
  });
}
