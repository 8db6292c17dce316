import { browser } from 'wxt/browser';
import type { EnqueueResult, LinkStatus, PageInfo, ToContent } from '../messaging/protocol';

/** What the content script does with each message from the extension (protocol.ts, ToContent). */
export interface ContentHandlers {
  /** This document's token (linkStatus): linkStates and ping name it. */
  token: string;
  /** The extension works on this page now (a site turned off answers pings with false). */
  active(): boolean;
  linkStates(states: LinkStatus): void;
  pageInfo(): PageInfo;
  selectionLinks(): string[];
  enqueued(result: EnqueueResult): void;
}

export interface SenderLike {
  id?: string;
  tab?: unknown;
}

/**
 * Our own background or extension pages (the popup): our extension id and no tab. A content
 * script, ours in another tab included, always has `tab`; another extension has another id.
 */
export function fromOurExtension(sender: SenderLike | undefined): boolean {
  return sender?.id === browser.runtime.id && sender.tab === undefined;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Schema check of the messages this script answers (anything else is left to other listeners). */
export function isToContent(msg: unknown): msg is ToContent {
  if (!isObject(msg)) return false;
  switch (msg.type) {
    case 'linkStates':
      return typeof msg.page === 'string' && isObject(msg.states);
    case 'ping':
      return typeof msg.page === 'string';
    case 'selectionLinks':
    case 'pageInfo':
      return true;
    case 'enqueued': {
      const r = msg.result;
      return (
        isObject(r) &&
        typeof r.added === 'number' &&
        typeof r.duplicates === 'number' &&
        Array.isArray(r.problems)
      );
    }
    default:
      return false;
  }
}

/** The answer to a message (every accepted message is answered: `true` acknowledges). */
export function answer(msg: ToContent, h: ContentHandlers): unknown {
  switch (msg.type) {
    case 'ping':
      return msg.page === h.token && h.active();
    case 'pageInfo':
      return h.pageInfo();
    case 'selectionLinks':
      return h.selectionLinks();
    case 'linkStates':
      // States for another document (an older one in this frame) are not ours to show.
      if (msg.page === h.token) h.linkStates(msg.states);
      return msg.page === h.token;
    case 'enqueued':
      h.enqueued(msg.result);
      return true;
  }
}

/**
 * Answers the extension's messages (runtime.onMessage, sendResponse, synchronous answers) until
 * `signal` aborts. Messages from anyone else, or of another shape, get no answer at all.
 */
export function listenToExtension(h: ContentHandlers, signal: AbortSignal): void {
  const listener = (msg: unknown, sender: SenderLike, sendResponse: (response: unknown) => void) => {
    if (!fromOurExtension(sender) || !isToContent(msg)) return undefined;
    sendResponse(answer(msg, h));
    return true as const;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
