import path from 'node:path';
import { displayText } from '../../utils/display-text.ts';
import { FILES, KEYS, fileSha256 } from '../emulator/index.ts';
import { finishedFiles, sha256File } from '../support/files.ts';
import { hostilePageHtml, JAVASCRIPT_HREFS, LOOKALIKE_HREFS } from '../support/hostile-page.ts';
import { downloadButton, expect, jobItem, openExtensionPage, saveKey, test } from './fixtures.ts';

const RESOLVE_PATHS = ['/v1/download/get_token.cgi', '/v1/file/info.cgi'];

test('a hostile page cannot queue anything by itself; one trusted click queues exactly that one file', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  const hostile = hostilePageHtml();
  const url = `${servers.web.page('/hostile.html', hostile.html)}?ext=${ext.extensionId}`;
  // The log accumulates over the worker's tests: only what happens from here on counts.
  const mark = servers.emulator.requests.length;
  const since = () => servers.emulator.requests.slice(mark);

  const page = await ext.context.newPage();
  await page.goto(url);
  // The page's own scripts have run every attack (they set this last).
  await expect(page.locator('body')).toHaveAttribute('data-done', '1');
  const report = await page.evaluate(() => ({ ...document.body.dataset }));
  expect(report.error).toBeUndefined();
  // Every injected button was attacked, and none of them reacted (an accepted click makes the
  // button busy synchronously, before any message is sent).
  expect(report.buttons).toBe(String(hostile.expectedButtons));
  expect(report.changed).toBe('0');
  expect(report.posted).toBe('7');
  // Chromium exposes no chrome.runtime to the page (externally_connectable: { ids: [] }).
  expect(report.runtime).toBe('absent');

  // Buttons: one per genuine or rendered-but-hidden (off-screen, zero-size…) 1Fichier link; none
  // for links that are not rendered (display:none, opacity 0…), look-alikes or javascript: links.
  await expect(page.locator('[data-dl1f-host="link"]')).toHaveCount(hostile.expectedButtons);
  expect(hostile.unrenderedHidden).toBeGreaterThan(0);
  const lookalikesWithButton = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-lookalike]'))
      .filter((a) => a.nextElementSibling?.hasAttribute('data-dl1f-host'))
      .map((a) => a.getAttribute('href')),
  );
  expect(lookalikesWithButton).toEqual([]);
  expect(await page.locator('a[data-lookalike]').count()).toBe(
    LOOKALIKE_HREFS.length + JAVASCRIPT_HREFS.length,
  );
  // Genuine links have their button, named after the link text without bidi controls: the
  // hostile fixture name's U+202E is not in the accessible name.
  for (const file of hostile.genuine) {
    const name = `Download with 1Fichier: ${displayText(file.name)}`;
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  expect(FILES.hostile.name).toContain('\u202E');
  const labels = await page.evaluate(() =>
    Array.from(document.querySelectorAll('a[data-genuine] + [data-dl1f-host]'), (h) =>
      h.shadowRoot?.querySelector('button')?.getAttribute('aria-label'),
    ),
  );
  expect(labels).toHaveLength(hostile.genuine.length);
  expect(labels.filter((l) => !l || /[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/u.test(l))).toEqual([]);

  // Nothing was queued and nothing was resolved at 1Fichier.
  const popup = await openExtensionPage(ext, 'popup');
  const list = popup.getByRole('list', { name: 'Downloads' });
  // The list exists once the first snapshot arrived (an empty <ul> has no size: attached, not visible).
  await expect(list).toBeAttached();
  await expect(popup.getByText(/No downloads yet/)).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  expect(since().filter((r) => RESOLVE_PATHS.includes(r.path))).toEqual([]);
  expect(since().filter((r) => /^[ao]-\d+\.1fichier\.com$/.test(r.host))).toEqual([]);

  // One real click (trusted input from the browser) on one genuine link's button.
  const button = downloadButton(page, FILES.small);
  await button.click();
  // Live states follow the click (Queued, Resolving, a percent, Completed): any of them shows it took.
  await expect(button).toHaveAttribute('data-state', /^(added|queued|resolving|downloading|completed)$/);
  const item = jobItem(popup, FILES.small.name);
  await expect(item).toContainText('Completed');
  // Messages from one content script are handled in order: anything the page had managed to send
  // earlier would be in the queue by now.
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect(since().filter((r) => r.path === '/v1/download/get_token.cgi')).toHaveLength(1);
  const file = path.join(ext.downloadDir, FILES.small.name);
  expect(finishedFiles(ext.downloadDir)).toEqual([file]);
  expect(await sha256File(file)).toBe(fileSha256(FILES.small.id, FILES.small.size));
});
