/**
 * What a user does in the Firefox tests, by role and accessible name (ui-contract.md): save the
 * key, add links, read the popup's list. Conditions are polled with `expect.poll` (no sleeps).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Emulator } from '../emulator/index.ts';
import { sha256File } from '../support/files.ts';
import { expect, type FirefoxExtension } from './fixtures.ts';
import type { Tab } from './tab.ts';

/** Saves the key in the options page and waits for "Key saved." (the page stays open). */
export async function saveKey(ext: FirefoxExtension, key: string): Promise<Tab> {
  const options = await ext.page('options');
  await options.typeInto({ name: 'API key', tag: 'input' }, key);
  await options.click({ role: 'button', name: 'Save key' });
  await expect.poll(() => options.call<string>(statusText)).toMatch(/^Key saved\./);
  return options;
}

/** The text of the page's one `status` region. */
const statusText = '() => document.querySelector("[role=status]")?.textContent ?? ""';

/** Writes settings as the options page stores them (storage.local `settings`), from an extension page. */
export async function setSettings(tab: Tab, settings: Record<string, unknown>): Promise<void> {
  await tab.call(
    `async (s) => { const cur = (await browser.storage.local.get('settings')).settings ?? {};
      await browser.storage.local.set({ settings: { ...cur, ...s } }); }`,
    [settings],
  );
}

/** Pastes links into the popup's `Add links` box and presses `Add`; the popup stays open. */
export async function addLinks(ext: FirefoxExtension, links: readonly string[]): Promise<Tab> {
  const popup = await ext.page('popup');
  await popup.typeInto({ role: 'textbox', name: 'Add links' }, links.join(' '));
  await popup.click({ role: 'button', name: 'Add' });
  await expect.poll(() => popup.text()).toContain(`All ${links.length}`);
  return popup;
}

/** The popup's `Downloads` list items, each as its text (name, state, details). */
export function listItems(popup: Tab): Promise<string[]> {
  return popup.call<string[]>(
    `() => [...document.querySelectorAll('[role=list][aria-label="Downloads"] li')]
      .map((li) => li.innerText.replace(/\\s+/g, ' ').trim())`,
  );
}

/** Files in the download folder (recursive, relative paths), Firefox's `.part` files left out. */
export function downloadedFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && !f.endsWith('.part'))
    .toSorted();
}

/** The sha256 of a downloaded file, or '' while it is missing. */
export async function digestOf(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? sha256File(file) : '';
}

/** How many download links the emulator has issued so far (get_token.cgi calls). */
export function tokenCalls(emulator: Emulator): number {
  return emulator.requests.filter((r) => r.path.endsWith('/download/get_token.cgi')).length;
}
