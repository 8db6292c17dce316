import path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { EXTRA_FILES, FILES, KEYS, fileSha256 } from '../emulator/index.ts';
import { sha256File } from '../support/files.ts';
import {
  FRAME_FILE,
  framePageHtml,
  linksPageHtml,
  TEXT_URL,
  TOP_BUTTONS,
  TOP_LINKS,
} from '../support/link-pages.ts';
import { expect, jobItem, openExtensionPage, openPopupFor, saveKey, test, type Servers } from './fixtures.ts';

const buttons = (where: Page | Frame) => where.locator('[data-dl1f-host="link"]');
const named = (where: Page | Frame, label: string) =>
  where.getByRole('button', { name: `Download with 1Fichier: ${label}`, exact: true });

/** The links page, its iframe on another origin (localhost vs 127.0.0.1). */
function linksPage(servers: Servers): string {
  const frameUrl = servers.web.page('/frame.html', framePageHtml()).replace('127.0.0.1', 'localhost');
  return servers.web.page('/links.html', linksPageHtml(frameUrl));
}

async function open(ext: { context: { newPage(): Promise<Page> } }, url: string) {
  const page = await ext.context.newPage();
  await page.goto(url);
  const frame = page.frameLocator('#frame');
  await expect(buttons(page)).toHaveCount(TOP_BUTTONS);
  await expect(frame.locator('[data-dl1f-host="link"]')).toHaveCount(1);
  return page;
}

test('buttons on every kind of link, in frames, added later and after a single-page navigation; clicks download the right file and the button follows', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  const page = await open(ext, linksPage(servers));
  // One per 1Fichier file or folder link, none for the others; the plain-text URL has one too.
  for (const l of Object.values(TOP_LINKS)) {
    const label = l === TOP_LINKS.folder ? `${l.text} (folder)` : l.text;
    await expect(named(page, label)).toHaveCount(1);
  }
  await expect(named(page, TEXT_URL)).toHaveCount(1);
  const frame = page.frames().find((f) => f.url().includes('/frame.html'))!;
  await expect(named(frame, FRAME_FILE.name)).toHaveCount(1);

  // Links added by the page's scripts, then a single-page navigation that replaces content.
  await page.evaluate((href) => {
    const p = document.createElement('p');
    p.innerHTML = `Late: <a href="${href}">late-link</a>`;
    document.getElementById('main')!.append(p);
  }, FILES.protected.link);
  await expect(named(page, 'late-link')).toHaveCount(1);
  await page.evaluate((href) => {
    history.pushState({}, '', '/links.html#page-2');
    document.getElementById('spa')!.innerHTML = `<div><a href="${href}">spa-link</a></div>`;
  }, EXTRA_FILES.restricted.link);
  await expect(named(page, 'spa-link')).toHaveCount(1);
  await expect(buttons(page)).toHaveCount(TOP_BUTTONS + 2);

  // A trusted click in the cross-origin iframe and one on the top page: right bytes, and each
  // button shows the job's state as it moves (pushed to its own frame).
  await named(frame, FRAME_FILE.name).click();
  await named(page, FILES.small.name).click();
  for (const [where, file] of [
    [frame, FRAME_FILE],
    [page, FILES.small],
  ] as const) {
    await expect(named(where, file.name)).toHaveAttribute('data-state', 'completed');
    const onDisk = path.join(ext.downloadDir, file.name);
    expect(await sha256File(onDisk)).toBe(fileSha256(file.id, file.size));
  }
  // Untouched links still read ready.
  await expect(named(page, FILES.big.name)).toHaveAttribute('data-state', 'ready');
});

test('a folder link queues the whole folder as a package, and its button counts the files', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  const page = await open(ext, linksPage(servers));
  const folder = named(page, `${TOP_LINKS.folder.text} (folder)`);
  await folder.click();
  const popup = await openExtensionPage(ext, 'popup');
  await expect(popup.getByRole('list', { name: 'Downloads' }).getByRole('listitem')).toHaveCount(6);
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
  await expect(jobItem(popup, FILES.protected.name)).toContainText('Failed');
  // Settled: the protected file needs a password; the button shows the package's state and counts.
  await expect(folder).toHaveAttribute('data-state', /^(failed|completed)$/);
  await expect(page.locator('dl1f-button').filter({ has: folder })).toContainText(/\d\s*\/\s*6/);
});

test('click interception: a plain click on a file link downloads it; modifier and middle clicks open the page as usual', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  const page = await open(ext, linksPage(servers));
  const anchor = (text: string) => page.getByRole('link', { name: text, exact: true });

  const [opened] = await Promise.all([
    ext.context.waitForEvent('page'),
    anchor(FILES.big.name).click({ modifiers: ['Control'] }),
  ]);
  await opened.waitForLoadState();
  expect(new URL(opened.url()).hostname).toBe(`${FILES.big.id}.1fichier.com`);
  await opened.close();
  const [middle] = await Promise.all([
    ext.context.waitForEvent('page'),
    anchor(FILES.deleted.name).click({ button: 'middle' }),
  ]);
  await middle.close();

  await anchor(FILES.small.name).click();
  // The page did not leave: the click became a download.
  await expect(named(page, FILES.small.name)).toHaveAttribute('data-state', 'completed');
  expect(page.url()).toContain('/links.html');
  const popup = await openExtensionPage(ext, 'popup');
  const items = popup.getByRole('list', { name: 'Downloads' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
});

test('on a 1Fichier file page: a "Download with your premium key" control', async ({ ext }) => {
  await saveKey(ext, KEYS.premium);
  const page = await ext.context.newPage();
  await page.goto(FILES.small.link);
  const control = page.getByRole('button', { name: 'Download with your premium key', exact: true });
  await control.click();
  await expect(control).toHaveAttribute('data-state', 'completed');
  const onDisk = path.join(ext.downloadDir, FILES.small.name);
  expect(await sha256File(onDisk)).toBe(fileSha256(FILES.small.id, FILES.small.size));
});

test('turning the extension off for a site removes its buttons and stops its scanning; the global switch too', async ({
  ext,
  servers,
}) => {
  const url = linksPage(servers);
  const page = await open(ext, url);
  const popup = await openPopupFor(ext, page);
  const site = popup.getByRole('checkbox', { name: 'Buttons on this site', exact: true });
  await expect(site).toBeChecked();
  await site.uncheck();
  await expect(buttons(page)).toHaveCount(0);
  // The iframe is another site (localhost): its button stays.
  await expect(page.frameLocator('#frame').locator('[data-dl1f-host="link"]')).toHaveCount(1);
  // No scanning: links added now get nothing, nor after a reload.
  await page.evaluate((href) => {
    document.getElementById('main')!.insertAdjacentHTML('beforeend', `<a href="${href}">late</a>`);
  }, FILES.protected.link);
  await page.reload();
  await expect(page.locator('#main a').first()).toBeVisible();
  await expect(page.frameLocator('#frame').locator('[data-dl1f-host="link"]')).toHaveCount(1);
  await expect(buttons(page)).toHaveCount(0);

  await site.check();
  await expect(buttons(page)).toHaveCount(TOP_BUTTONS);
  await popup.getByRole('checkbox', { name: 'Buttons on web pages', exact: true }).uncheck();
  await expect(buttons(page)).toHaveCount(0);
  await expect(page.frameLocator('#frame').locator('[data-dl1f-host="link"]')).toHaveCount(0);
});

test('the optional link check shows name, size and availability beside links, without the key', async ({
  ext,
  servers,
}) => {
  const options = await openExtensionPage(ext, 'options');
  await options.getByRole('checkbox', { name: 'Check links (name, size, availability)' }).check();
  const mark = servers.emulator.requests.length;
  const page = await open(ext, linksPage(servers));
  const small = page.locator('[data-dl1f-host="link"]').filter({ has: named(page, FILES.small.name) });
  await expect(small.locator('.check')).toContainText(FILES.small.name);
  await expect(small.locator('.check')).toContainText('kB');
  const deleted = page.locator('[data-dl1f-host="link"]').filter({ has: named(page, FILES.deleted.name) });
  await expect(deleted.locator('.check')).toContainText(/not found/i);
  const checks = servers.emulator.requests.slice(mark).filter((r) => r.path === '/check_links.pl');
  expect(checks.length).toBeGreaterThanOrEqual(1);
  expect(checks.every((r) => !r.auth && r.host === '1fichier.com')).toBe(true);
});
