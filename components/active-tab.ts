import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageInfo, ToContent } from '../utils/messaging/protocol';

/**
 * The tab the popup is about: the active tab of the last focused *normal* window. Also right when
 * the popup page is open in a window of its own (a popup-type window, as the end-to-end tests do).
 * Needs no `tabs` permission (only the id is read). Undefined when there is no such tab.
 */
export async function activeTabId(): Promise<number | undefined> {
  try {
    const win = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
    if (win?.id === undefined) return undefined;
    const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
    return tab?.id;
  } catch {
    return undefined;
  }
}

/** A PageInfo, or undefined for anything else (the answer comes from a web page's process). */
function asPageInfo(value: unknown): PageInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { site, active } = value as Record<string, unknown>;
  if (site !== undefined && (typeof site !== 'string' || site === '' || site.length > 253)) return undefined;
  return { site, active: active === true };
}

/**
 * What the top frame's content script says about its page. Undefined when no content script
 * answers: browser and store pages, or pages loaded before the extension was installed or updated.
 */
export async function askPageInfo(tabId: number): Promise<PageInfo | undefined> {
  const message: ToContent = { type: 'pageInfo' };
  try {
    return asPageInfo(await browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
  } catch {
    return undefined;
  }
}

/**
 * A number that grows each time the page comes back into view or gets the focus (the user may have
 * switched tab or reloaded the page meanwhile): use it as an effect dependency to ask again.
 */
export function useShown(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const bump = () => setCount((c) => c + 1);
    const onVisible = () => {
      if (document.visibilityState === 'visible') bump();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', bump);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', bump);
    };
  }, []);
  return count;
}
