import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { displayText } from '../../utils/display-text.ts';
import type { FixtureFile } from '../emulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { startDemoServers, type Servers } from '../support/demo-servers.ts';

export type { Servers };

/** Worker-scoped servers; a fresh browser profile and download folder for every test. */
export const test = base.extend<{ ext: ExtensionBrowser }, { servers: Servers }>({
  servers: [
    // Playwright requires the object pattern even when a fixture uses no other fixture.
    // oxlint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { close, ...servers } = await startDemoServers();
      await use(servers);
      await close();
    },
    { scope: 'worker' },
  ],
  ext: async ({ servers }, use) => {
    // Every test is a new "user": the emulator forgets rate-limit history and faults.
    servers.emulator.resetLimits();
    servers.emulator.clearFaults();
    const ext = await launchExtensionBrowser({ resolverRules: servers.emulator.resolverRules() });
    await use(ext);
    await ext.close();
  },
});

export { expect };

/** Opens one of the extension's pages in a tab. */
export async function openExtensionPage(
  ext: ExtensionBrowser,
  page: 'options' | 'popup' | 'manager',
): Promise<Page> {
  const tab = await ext.context.newPage();
  await tab.goto(`chrome-extension://${ext.extensionId}/${page}.html`);
  return tab;
}

interface PopupChrome {
  windows: { create(o: { url: string; type: string }): Promise<unknown> };
  runtime: { getURL(path: string): string };
}

/**
 * Opens the popup the way the toolbar does for `page`: in its own popup window, so the active tab
 * of the last focused normal window is `page` (the popup's subject).
 */
export async function openPopupFor(ext: ExtensionBrowser, page: Page): Promise<Page> {
  await page.bringToFront();
  const sw = await ext.serviceWorker();
  const [popup] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/popup.html') }),
    sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: PopupChrome }).chrome;
      await c.windows.create({ url: c.runtime.getURL('popup.html'), type: 'popup' });
    }),
  ]);
  await popup.waitForLoadState();
  return popup;
}

/** Saves a key through the options form and waits for the status to settle. */
export async function saveKey(ext: ExtensionBrowser, key: string): Promise<Page> {
  const options = await openExtensionPage(ext, 'options');
  await options.getByRole('textbox', { name: 'API key' }).fill(key);
  await options.getByRole('button', { name: 'Save key' }).click();
  await expect(options.getByRole('status')).not.toHaveText(/Checking/);
  return options;
}

/** The popup's list item for a file name (or link), as the popup shows it (displayText). */
export function jobItem(popup: Page, name: string) {
  return popup
    .getByRole('list', { name: 'Downloads' })
    .getByRole('listitem')
    .filter({ hasText: displayText(name) });
}

/** The `Download with 1Fichier` button of a fixture file's link on the demo page. */
export function downloadButton(page: Page, file: FixtureFile): Locator {
  return page.getByRole('button', { name: `Download with 1Fichier: ${displayText(file.name)}` });
}

/** What a link's button shows beside it (its state), read from the host around the button. */
export function buttonState(page: Page, file: FixtureFile): Locator {
  return page
    .locator('dl1f-button')
    .filter({ has: downloadButton(page, file) })
    .locator('.state');
}

/** Opens the demo page in a new tab and clicks the button of each file given (trusted clicks). */
export async function clickDownloads(
  ext: ExtensionBrowser,
  servers: Servers,
  ...files: FixtureFile[]
): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(servers.demoUrl);
  for (const file of files) await downloadButton(page, file).click();
  return page;
}
