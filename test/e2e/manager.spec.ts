import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { EXTRA_FILES, FILES, FOLDERS, KEYS, type FixtureFile } from '../emulator/index.ts';
import type { ExtensionBrowser } from '../support/chromium.ts';
import { openExtensionPage as open } from './fixtures.ts';
import { addLinks as add, cappedCdnTest, queueItem as item, queueList as list } from './queue-pages.ts';

/**
 * The manager page (manager.html) and the popup's own controls, driven by role and name against
 * the emulator: filters, search, sort, folder groups, multi-select and every selection action,
 * the first steps without a key, live progress with speed and time left, and `Open manager`.
 * The CDN is capped (512 KiB/s) so the 64 MiB file keeps running (one download at a time) while the others wait.
 */
const test = cappedCdnTest(512 * 1024);

/** Saves the key and allows one download at a time, so the queue holds still behind the big file. */
async function setUp(ext: ExtensionBrowser): Promise<void> {
  const options = await open(ext, 'options');
  await options.getByRole('textbox', { name: 'API key' }).fill(KEYS.premium);
  await options.getByRole('button', { name: 'Save key' }).click();
  await expect(options.getByRole('status')).toContainText('Premium');
  const field = options.getByRole('spinbutton', { name: 'Parallel downloads' });
  await field.fill('1');
  await field.blur();
  await expect(options.getByText('Saved.', { exact: true })).toBeVisible();
  await options.close();
}

const select = (page: Page, file: FixtureFile) => item(page, file).getByRole('checkbox');
const names = async (page: Page) =>
  (await list(page).locator('.job-name').allInnerTexts()).map((n) => n.trim());

test('the manager: filters, search, sort, folder groups, multi-select and every action on a selection', async ({
  ext,
}) => {
  await setUp(ext);
  const popup = await open(ext, 'popup');
  await add(popup, FILES.big.link);
  await expect(item(popup, FILES.big)).toContainText('Downloading');
  // A public folder: six files with their names (from the listing), one package.
  await add(popup, FOLDERS.public.link);
  await expect(list(popup).getByRole('listitem')).toHaveCount(7);
  await popup.close();

  const manager = await open(ext, 'manager');
  await expect(item(manager, FILES.big)).toContainText('Downloading');
  await expect(item(manager, FILES.small)).toContainText('Queued');

  // The folder is one group: its header says how many files, and collapses.
  const group = manager.getByRole('button', { name: FOLDERS.public.id });
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await expect(list(manager)).toContainText('0 of 6 files done');
  await expect(item(manager, EXTRA_FILES.restricted)).toHaveCount(1);
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(item(manager, EXTRA_FILES.restricted)).toHaveCount(0);
  await group.click();
  await expect(item(manager, EXTRA_FILES.restricted)).toHaveCount(1);
  await manager.getByRole('checkbox', { name: 'Group by folder' }).uncheck();
  await expect(manager.getByRole('button', { name: FOLDERS.public.id })).toHaveCount(0);
  await expect(list(manager).getByRole('listitem')).toHaveCount(7);

  // Search by name (accents folded), then nothing matches, then everything again.
  const search = manager.getByRole('searchbox', { name: 'Search downloads' });
  await search.fill('MEMBERS-only');
  await expect(list(manager).getByRole('listitem')).toHaveCount(1);
  await expect(item(manager, EXTRA_FILES.restricted)).toHaveCount(1);
  await search.fill('ZOŁĆ');
  await expect(list(manager).getByRole('listitem')).toHaveCount(1);
  await expect(item(manager, FILES.unicode)).toHaveCount(1);
  await search.fill('no such file anywhere');
  await expect(list(manager).getByRole('listitem')).toHaveCount(0);
  await expect(manager.getByText('Nothing here with this filter.')).toBeVisible();
  await search.fill('');
  await expect(list(manager).getByRole('listitem')).toHaveCount(7);

  // Sort by name, then reversed; the queue's own moves are not offered in a sorted list.
  await manager.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Name' });
  await expect
    .poll(() => names(manager))
    .toEqual(
      (await names(manager)).toSorted(
        new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare,
      ),
    );
  const ascending = await names(manager);
  await manager.getByRole('checkbox', { name: 'Reverse order' }).check();
  await expect.poll(() => names(manager)).toEqual(ascending.toReversed());
  await expect(item(manager, FILES.small).getByRole('button', { name: 'Move up' })).toHaveCount(0);
  await manager.getByRole('checkbox', { name: 'Reverse order' }).uncheck();
  await manager.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Queue order' });
  await expect(item(manager, FILES.small).getByRole('button', { name: 'Move up' })).toHaveCount(1);

  // Select two, pause them, resume them.
  await select(manager, FILES.small).check();
  await select(manager, FILES.unicode).check();
  await expect(manager.getByText('2 selected', { exact: true })).toBeVisible();
  await manager.getByRole('button', { name: 'Pause selected' }).click();
  await expect(item(manager, FILES.small)).toContainText('Paused');
  await expect(item(manager, FILES.unicode)).toContainText('Paused');
  await expect(manager.getByText('Done for 2 of 2 selected.')).toBeVisible();
  await manager.getByRole('button', { name: 'Resume selected' }).click();
  await expect(item(manager, FILES.small)).toContainText('Queued');
  await expect(item(manager, FILES.unicode)).toContainText('Queued');

  // Priority for the selection shows on each item; normal takes it away.
  await manager.getByRole('button', { name: 'High priority' }).click();
  await expect(item(manager, FILES.small)).toContainText('High priority');
  await expect(item(manager, FILES.unicode)).toContainText('High priority');
  await manager.getByRole('button', { name: 'Normal priority' }).click();
  await expect(item(manager, FILES.small)).not.toContainText('High priority');
  await manager.getByRole('button', { name: 'Low priority' }).click();
  await expect(item(manager, FILES.unicode)).toContainText('Low priority');
  await manager.getByRole('button', { name: 'Normal priority' }).click();
  await expect(item(manager, FILES.unicode)).not.toContainText('Low priority');

  // Escape clears the selection; Shift+click selects a range (small, unicode, hostile: the folder's order).
  await manager.keyboard.press('Escape');
  await expect(manager.getByText('0 selected', { exact: true })).toBeVisible();
  await select(manager, FILES.small).click();
  await select(manager, FILES.hostile).click({ modifiers: ['Shift'] });
  await expect(manager.getByText('3 selected', { exact: true })).toBeVisible();
  await expect(select(manager, FILES.unicode)).toBeChecked();

  // Cancel them: Failed, the filter shows exactly them; retry all shown failed ones; remove one.
  await manager.getByRole('button', { name: 'Cancel selected' }).click();
  await expect(item(manager, FILES.unicode)).toContainText('Failed');
  await expect(item(manager, FILES.unicode)).toContainText('Cancelled');
  await manager.getByRole('button', { name: /^Failed/ }).click();
  await expect(list(manager).getByRole('listitem')).toHaveCount(3);
  await manager.keyboard.press('Escape');
  await manager.getByRole('checkbox', { name: 'Select all shown' }).check();
  await expect(manager.getByText('3 selected', { exact: true })).toBeVisible();
  await manager.getByRole('button', { name: 'Retry selected' }).click();
  await expect(list(manager).getByRole('listitem')).toHaveCount(0);
  await manager.getByRole('button', { name: /^All/ }).click();
  await expect(item(manager, FILES.unicode)).toContainText('Queued');
  // The selection outlives an action; Escape starts afresh.
  await expect(manager.getByText('3 selected', { exact: true })).toBeVisible();
  await manager.keyboard.press('Escape');
  await select(manager, FILES.unicode).check();
  await expect(manager.getByText('1 selected', { exact: true })).toBeVisible();
  await manager.getByRole('button', { name: 'Remove selected' }).click();
  await expect(item(manager, FILES.unicode)).toHaveCount(0);
  await expect(list(manager).getByRole('listitem')).toHaveCount(6);

  // An item's own buttons work here too.
  await item(manager, FILES.small).getByRole('button', { name: 'Remove' }).click();
  await expect(item(manager, FILES.small)).toHaveCount(0);
  // `/` goes to the search box.
  await manager.locator('body').click({ position: { x: 5, y: 5 } });
  await manager.keyboard.press('/');
  await expect(search).toBeFocused();
});

test('the popup: first steps without a key, filters with counts, live progress, Open manager', async ({
  ext,
}) => {
  const popup = await open(ext, 'popup');
  await expect(popup.getByRole('heading', { name: 'Start with your API key' })).toBeVisible();
  await popup.getByRole('textbox', { name: 'API key' }).fill(KEYS.premium);
  await popup.getByRole('button', { name: 'Save key' }).click();
  await expect(popup.getByRole('heading', { name: 'Start with your API key' })).toHaveCount(0);
  await expect(popup.locator('.account')).toContainText('Premium');

  await add(popup, FILES.big.link, FILES.small.link, FILES.deleted.link);
  await expect(item(popup, FILES.small)).toContainText('Completed');
  await expect(item(popup, FILES.deleted)).toContainText('Failed');
  // The running file shows its bar, bytes of total, a speed and the time left.
  const big = item(popup, FILES.big);
  await expect(big.getByRole('progressbar', { name: 'Download progress' })).toBeVisible();
  await expect(big).toContainText(/of 67\.1\u00a0MB/);
  await expect(big).toContainText(/\/s · .+ left/);

  await expect(popup.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(popup.getByRole('button', { name: /^Completed/ })).toContainText('1');
  await popup.getByRole('button', { name: /^Completed/ }).click();
  await expect(popup.getByRole('button', { name: /^Completed/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await expect(item(popup, FILES.small)).toHaveCount(1);
  await popup.getByRole('button', { name: /^Failed/ }).click();
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await expect(item(popup, FILES.deleted)).toHaveCount(1);
  await popup.getByRole('button', { name: /^Active/ }).click();
  await expect(list(popup).getByRole('listitem')).toHaveCount(1);
  await expect(item(popup, FILES.big)).toHaveCount(1);

  const [manager] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/manager.html') }),
    popup.getByRole('button', { name: 'Open manager' }).click(),
  ]);
  await expect(item(manager, FILES.big)).toContainText('Downloading');
  await item(manager, FILES.big).getByRole('button', { name: 'Cancel' }).click();
  await expect(item(manager, FILES.big)).toContainText('Cancelled');
});

test('export from the manager, import in the options page, and the Settings buttons of both pages', async ({
  ext,
}) => {
  await setUp(ext);
  const popup = await open(ext, 'popup');
  await add(popup, FILES.big.link, FILES.deleted.link);
  // One download at a time: the second waits behind the 64 MiB file.
  await expect(item(popup, FILES.deleted)).toContainText('Queued');
  // Settings from the popup opens the options page.
  const [fromPopup] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/options.html') }),
    popup.getByRole('button', { name: 'Settings' }).click(),
  ]);
  await expect(fromPopup.getByRole('heading', { level: 1 })).toContainText('Settings');

  const manager = await open(ext, 'manager');
  await expect(item(manager, FILES.big)).toContainText('Downloading');
  await manager.getByRole('combobox', { name: 'Export format' }).selectOption('json');
  await manager.getByRole('button', { name: 'Export queue' }).click();
  const jsonFile = () => fs.readdirSync(ext.downloadDir).find((f) => f.endsWith('.json'));
  await expect.poll(jsonFile, { timeout: 20_000 }).toBeTruthy();
  const exported = path.join(ext.downloadDir, jsonFile()!);
  const json = fs.readFileSync(exported, 'utf8');
  expect(json).toContain(FILES.big.id);
  expect(json).toContain(FILES.deleted.id);
  expect(json).not.toContain(KEYS.premium);

  // Empty the queue, then import the file in the options page: both jobs come back.
  await manager.getByRole('checkbox', { name: 'Select all shown' }).check();
  await manager.getByRole('button', { name: 'Remove selected' }).click();
  await expect(list(manager).getByRole('listitem')).toHaveCount(0);
  const options = await open(ext, 'options');
  await options.getByLabel('Import file').setInputFiles(exported);
  await options.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(item(manager, FILES.big)).toHaveCount(1);
  await expect(item(manager, FILES.deleted)).toHaveCount(1);

  // Settings from the manager opens the options page too (the browser reuses an open one: close them).
  await options.close();
  await fromPopup.close();
  const [fromManager] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/options.html') }),
    manager.getByRole('button', { name: 'Settings' }).click(),
  ]);
  await expect(fromManager.getByRole('navigation', { name: 'Settings sections' })).toBeVisible();
});
