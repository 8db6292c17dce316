import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

/** Every key of public/_locales/en/messages.json (French has the same keys: a unit test checks). */
export type MessageKey = keyof typeof en;

/**
 * A UI string in the browser's language (public/_locales, English and French). A missing message
 * shows its key rather than nothing, so a gap is visible instead of a blank control.
 */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
