import { browser } from 'wxt/browser';
import { selfOrigin, type Self } from '../../utils/messaging/sender';

/** This extension's id and origin, for sender checks. */
export function selfIdentity(): Self {
  return { id: browser.runtime.id, origin: selfOrigin(browser.runtime.getURL('/')) };
}
