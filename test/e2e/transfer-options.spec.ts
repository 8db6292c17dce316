import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { FILES } from '../emulator/index.ts';
import { freePort } from '../support/aria2.ts';
import { CHROME_EXT_DIR } from '../support/paths.ts';
import { expect, openExtensionPage, test } from './fixtures.ts';

/**
 * The options page's Transfer group in the real built extension: the address checks, the warning
 * for a remote plain-http aria2, Test connection's sentences, and turning aria2 on and off.
 *
 * Chromium's permission prompt (chrome.permissions.request) is browser UI that Playwright cannot
 * answer (microsoft/playwright#32755): against the real build the request stays pending. The
 * "granted" path therefore runs on a copy of the build whose manifest grants loopback
 * (`http://127.0.0.1/*`) at install: permissions.request then resolves true at once, as after the
 * user's "Allow". The refusal path is covered by test/component/TransferSettingsForm.test.tsx.
 */

interface StorageChrome {
  storage: { local: { get(key?: string | null): Promise<Record<string, unknown>> } };
}

async function storedSettings(sw: Worker): Promise<Record<string, unknown> | undefined> {
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: StorageChrome }).chrome;
    return (await c.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
  });
}

/** Writes the stored settings as a page would (the background reads them at its next use). */
async function storeSettings(sw: Worker, settings: Record<string, unknown>): Promise<void> {
  await sw.evaluate(async (value) => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } })
      .chrome;
    await c.storage.local.set({ settings: value });
  }, settings);
}

/** Everything in storage.local, as text (to check a secret never lands there). */
async function allStorage(sw: Worker): Promise<string> {
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: StorageChrome }).chrome;
    return JSON.stringify(await c.storage.local.get(null));
  });
}

/** The built extension, with loopback granted at install (see above). */
function buildWithLoopbackGranted(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-ext-loopback-'));
  fs.cpSync(CHROME_EXT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  fs.writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

const group = (options: Page) => options.getByRole('region', { name: 'Transfer' });
/** The group's own live region ("Saved.", refusals), the last one of the group. */
const groupRegion = (options: Page) => group(options).locator('.transfer-settings > [aria-live="polite"]');
const testRegion = (options: Page) => group(options).locator('.aria2-test [aria-live="polite"]');

test('the Transfer group: defaults, address checks, the plain-http warning, Test connection to nothing listening', async ({
  ext,
}) => {
  const options = await openExtensionPage(ext, 'options');
  const sw = await ext.serviceWorker();
  const nav = options.getByRole('navigation', { name: 'Settings sections' });
  await nav.getByRole('link', { name: 'Transfer' }).click();
  await expect(options).toHaveURL(/#transfer$/);
  const transfer = group(options);
  const useAria2 = transfer.getByRole('checkbox', { name: 'Use aria2' });
  await expect(useAria2).not.toBeChecked();
  await expect(transfer.getByRole('radio', { name: 'The browser' })).toBeChecked();
  await expect(transfer.getByRole('radio', { name: 'aria2', exact: true })).toBeDisabled();
  await expect(transfer.getByRole('spinbutton', { name: 'Connections per file' })).toHaveValue('3');

  // A refused address: the reason under the field and in the live region, kept, never stored.
  const address = transfer.getByRole('textbox', { name: 'aria2 address' });
  await expect(address).toHaveValue('http://127.0.0.1:6800/jsonrpc');
  await address.fill('127.0.0.1:6800/jsonrpc');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await transfer.getByRole('button', { name: 'Save address' }).click();
  await expect(groupRegion(options)).toHaveText(
    'Not saved. The address must start with http:// or https://.',
  );
  await expect(address).toHaveValue('127.0.0.1:6800/jsonrpc');
  expect(await storedSettings(sw)).toBeUndefined();

  // A remote aria2 over plain http: the warning; over https: none.
  await address.fill('http://192.168.1.20:6800/jsonrpc');
  await expect(transfer.getByText(/the secret and the download links travel unencrypted/)).toBeVisible();
  await address.fill('https://192.168.1.20:6800/jsonrpc');
  await expect(transfer.getByText(/travel unencrypted/)).toHaveCount(0);

  // Saved while aria2 is off: no permission is asked for.
  const port = await freePort();
  const loopback = `http://127.0.0.1:${port}/jsonrpc`;
  await address.fill(loopback);
  await address.press('Enter');
  await expect(groupRegion(options)).toHaveText('Saved.');
  await expect.poll(() => storedSettings(sw)).toEqual({ aria2Url: loopback });

  // Nothing listens there. Chromium already lets the worker reach loopback (the content script's
  // http://*/* matches count as host access), so the answer is "not running", not "not allowed".
  const testButton = transfer.getByRole('button', { name: 'Test connection' });
  await testButton.click();
  await expect(testRegion(options)).toHaveText(
    'aria2 is not running: nothing answers at its address on this computer. Start aria2, then click Retry.',
  );
  await expect(testButton).toBeEnabled();

  // Turning aria2 on opens Chromium's prompt, which no one answers here: the box stays off (and
  // waits), nothing is stored.
  await useAria2.click();
  await expect(useAria2).toBeDisabled();
  await expect(useAria2).not.toBeChecked();
  expect(await storedSettings(sw)).toEqual({ aria2Url: loopback });
  // The page keeps exactly one status (the key form's).
  await expect(options.getByRole('status')).toHaveCount(1);
});

test('aria2 on (permission granted), Test connection to nothing listening, the secret, aria2 off', async ({
  servers,
}) => {
  const extDir = buildWithLoopbackGranted();
  let ext: ExtensionBrowser | undefined;
  try {
    ext = await launchExtensionBrowser({ resolverRules: servers.emulator.resolverRules(), extDir });
    const options = await openExtensionPage(ext, 'options');
    const sw = await ext.serviceWorker();
    const transfer = group(options);
    const port = await freePort();
    const loopback = `http://127.0.0.1:${port}/jsonrpc`;
    await transfer.getByRole('textbox', { name: 'aria2 address' }).fill(loopback);

    const useAria2 = transfer.getByRole('checkbox', { name: 'Use aria2' });
    // click, not check(): the box shows what is stored, and turns on once the grant is saved.
    await useAria2.click();
    await expect(groupRegion(options)).toHaveText('aria2 is on.');
    await expect(useAria2).toBeChecked();
    await expect.poll(() => storedSettings(sw)).toEqual({ aria2Enabled: true, aria2Url: loopback });
    await expect(transfer.getByText(/aria2 is on without a secret/)).toBeVisible();

    const viaAria2 = transfer.getByRole('radio', { name: 'aria2', exact: true });
    await expect(viaAria2).toBeEnabled();
    await viaAria2.check();
    await expect.poll(async () => (await storedSettings(sw))?.transfer).toBe('aria2');

    // Nothing listens on that loopback port.
    await transfer.getByRole('button', { name: 'Test connection' }).click();
    await expect(testRegion(options)).toHaveText(
      'aria2 is not running: nothing answers at its address on this computer. Start aria2, then click Retry.',
    );

    // The secret: write-only, never in storage.local.
    const secret = transfer.getByRole('textbox', { name: 'aria2 secret' });
    await expect(secret).toHaveAttribute('type', 'password');
    await secret.fill('e2e-rpc-secret');
    await transfer.getByRole('button', { name: 'Save secret' }).click();
    await expect(transfer.getByText('A secret is saved.')).toBeVisible();
    await expect(secret).toHaveValue('');
    await expect(transfer.getByText(/without a secret/)).toHaveCount(0);
    expect(await allStorage(sw)).not.toContain('e2e-rpc-secret');
    await transfer.getByRole('button', { name: 'Remove secret' }).click();
    await expect(transfer.getByText('No secret saved.')).toBeVisible();

    // Off again: every download goes to the browser.
    await useAria2.click();
    await expect(groupRegion(options)).toHaveText('aria2 is off: every download goes to the browser.');
    await expect(useAria2).not.toBeChecked();
    await expect
      .poll(() => storedSettings(sw))
      .toEqual({ aria2Enabled: false, aria2Url: loopback, transfer: 'browser' });
    await expect(viaAria2).toBeDisabled();
    await expect(transfer.getByRole('radio', { name: 'The browser' })).toBeChecked();
  } finally {
    await ext?.close();
    fs.rmSync(extDir, { recursive: true, force: true });
  }
});

test('aria2 on: a job that is not running offers Send to aria2 in the popup, then Download in browser; the manager sends a selection', async ({
  ext,
}) => {
  const sw = await ext.serviceWorker();
  // aria2 as the options page leaves it once granted (the grant itself is the test above's).
  await storeSettings(sw, { aria2Enabled: true });
  const popup = await openExtensionPage(ext, 'popup');
  await popup.getByRole('textbox', { name: 'Add links' }).fill(FILES.small.link);
  await popup.getByRole('button', { name: 'Add', exact: true }).click();
  // No key saved: the job stops and waits for the user (not running).
  const item = popup.getByRole('list', { name: 'Downloads' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item.getByText('Failed', { exact: true })).toBeVisible();
  const send = item.getByRole('button', { name: 'Send to aria2' });
  await expect(item.getByRole('button', { name: 'Download in browser' })).toHaveCount(0);
  await send.click();
  // Its own choice is now aria2 (it was queued again, and stopped again without a key).
  await expect(item.getByRole('button', { name: 'Download in browser' })).toBeVisible();
  await expect(send).toHaveCount(0);

  const manager = await openExtensionPage(ext, 'manager');
  const row = manager.getByRole('list', { name: 'Downloads' }).getByRole('listitem');
  await expect(row.getByRole('button', { name: 'Download in browser' })).toBeVisible();
  await row.getByRole('checkbox', { name: /^Select / }).check();
  await manager.getByRole('button', { name: 'Download selected in browser' }).click();
  await expect(manager.getByRole('group', { name: 'Selection' })).toContainText(
    '1 of 1 selected will download in the browser.',
  );
  await expect(row.getByRole('button', { name: 'Send to aria2' })).toBeVisible();

  // aria2 off: no transfer buttons anywhere.
  await storeSettings(sw, { aria2Enabled: false });
  await expect(row.getByRole('button', { name: /aria2|in browser/ })).toHaveCount(0);
  await expect(manager.getByRole('button', { name: 'Send selected to aria2' })).toHaveCount(0);
  await expect(item.getByRole('button', { name: /aria2|in browser/ })).toHaveCount(0);
});
