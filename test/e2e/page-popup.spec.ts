import type { Page } from '@playwright/test';
import { FILES, KEYS } from '../emulator/index.ts';
import { FRAME_FILE, framePageHtml, linksPageHtml, TOP_BUTTONS, TOP_LINKS } from '../support/link-pages.ts';
import { expect, jobItem, openExtensionPage, openPopupFor, saveKey, test } from './fixtures.ts';

const downloads = (popup: Page) => popup.getByRole('list', { name: 'Downloads' }).getByRole('listitem');

test('the page grabber lists every link of the page and its frames, and queues exactly the chosen ones', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  const frameUrl = servers.web.page('/frame.html', framePageHtml()).replace('127.0.0.1', 'localhost');
  const page = await ext.context.newPage();
  await page.goto(servers.web.page('/links.html', linksPageHtml(frameUrl)));
  await expect(page.locator('[data-dl1f-host="link"]')).toHaveCount(TOP_BUTTONS);
  await expect(page.frameLocator('#frame').locator('[data-dl1f-host="link"]')).toHaveCount(1);

  const popup = await openPopupFor(ext, page);
  // Five anchors and the text URL on the page, one link in the iframe.
  await expect(
    popup.getByRole('heading', { name: `${TOP_BUTTONS + 1} 1Fichier links on this page` }),
  ).toBeVisible();
  await popup.getByRole('button', { name: 'Choose links' }).click();
  // Every link not yet queued starts ticked: start from none.
  const all = popup.getByRole('checkbox', { name: 'Select all' });
  await expect(all).toBeChecked();
  await all.uncheck();
  const filter = popup.getByRole('textbox', { name: 'Filter' });
  await filter.fill(FILES.small.name.slice(0, 8));
  await popup.getByRole('checkbox', { name: FILES.small.name }).check();
  await filter.fill('');
  await popup.getByRole('checkbox', { name: FRAME_FILE.name }).check();
  await popup.getByRole('checkbox', { name: TOP_LINKS.deleted.text }).check();
  await popup.getByRole('checkbox', { name: TOP_LINKS.deleted.text }).uncheck();
  await popup.getByRole('button', { name: 'Add selected' }).click();

  await expect(downloads(popup)).toHaveCount(2);
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
  await expect(jobItem(popup, FRAME_FILE.name)).toContainText('Completed');
  // Chosen in the popup, the jobs belong to the page: its buttons follow them.
  await expect(
    page.getByRole('button', { name: `Download with 1Fichier: ${FILES.small.name}` }),
  ).toHaveAttribute('data-state', 'completed');
});

test('the paste box reports links found, added and already queued, and keeps what it could not add', async ({
  ext,
}) => {
  await saveKey(ext, KEYS.premium);
  const popup = await openExtensionPage(ext, 'popup');
  const box = popup.getByRole('textbox', { name: 'Add links' });
  const add = popup.getByRole('button', { name: 'Add', exact: true });

  await box.fill('nothing useful here, see https://example.com/?abcdefghij');
  await add.click();
  await expect(popup.getByText('No 1Fichier link found in this text.')).toBeVisible();
  await expect(box).toHaveValue(/example\.com/);

  await box.fill(`First: ${FILES.small.link}&af=1`);
  await add.click();
  await expect(popup.getByText('1 link found: 1 added.')).toBeVisible();
  await expect(box).toHaveValue('');

  const gone = 'https://1fichier.com/dir/Zz9Zz9Zz';
  await box.fill(
    `Again ${FILES.small.link}\n[mirror](https://megadl.fr/?${FILES.unicode.id})\n<a href="${gone}">gone folder</a> and https://1fichier.com/?${FILES.unicode.id}`,
  );
  await add.click();
  await expect(
    popup.getByText('3 links found: 1 added, 1 already in the queue, 1 could not be added.'),
  ).toBeVisible();
  await expect(box).toHaveValue(gone);
  await expect(popup.getByText(/folder was deleted or never existed/)).toBeVisible();
  await expect(downloads(popup)).toHaveCount(2);
  await expect(jobItem(popup, FILES.unicode.name)).toContainText('Completed');
});

test('the two context-menu items exist (their handler is unit-tested: Playwright cannot click native menus)', async ({
  ext,
}) => {
  const sw = await ext.serviceWorker();
  const probe = () =>
    sw.evaluate(async () => {
      const menus = (
        globalThis as unknown as {
          chrome: { contextMenus: { update(id: string, p: object): Promise<void> } };
        }
      ).chrome.contextMenus;
      const exists = async (id: string) =>
        menus.update(id, {}).then(
          () => true,
          () => false,
        );
      return {
        link: await exists('dl1f-link'),
        selection: await exists('dl1f-selection'),
        other: await exists('nope'),
      };
    });
  // Created when the extension is installed (onInstalled runs just after the worker starts).
  await expect.poll(probe).toEqual({ link: true, selection: true, other: false });
});
