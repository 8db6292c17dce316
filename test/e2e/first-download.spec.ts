import path from 'node:path';
import { FILES, KEYS, fileSha256 } from '../emulator/index.ts';
import { finishedFiles, sha256File } from '../support/files.ts';
import { dumpExtensionStorage } from '../support/storage-dump.ts';
import {
  clickDownloads,
  buttonState,
  expect,
  jobItem,
  openExtensionPage,
  saveKey,
  test,
} from './fixtures.ts';

test('key saved → button clicked → exact bytes on disk → popup shows Completed; the key is stored nowhere in clear', async ({
  ext,
  servers,
}) => {
  const options = await saveKey(ext, KEYS.premium);
  await expect(options.getByRole('status')).toContainText('Premium');
  await expect(options.getByRole('status')).toContainText('until');

  const page = await clickDownloads(ext, servers, FILES.small);
  await expect(buttonState(page, FILES.small)).toHaveText(/Queued/);

  const popup = await openExtensionPage(ext, 'popup');
  const item = jobItem(popup, FILES.small.name);
  await expect(item).toContainText('Completed');
  await expect(item).not.toContainText(/Queued|Resolving|Downloading|Failed|Waiting/);

  const file = path.join(ext.downloadDir, FILES.small.name);
  expect(finishedFiles(ext.downloadDir)).toEqual([file]);
  expect(await sha256File(file)).toBe(fileSha256(FILES.small.id, FILES.small.size));

  // The raw key: nowhere in storage.local/sync/session or any IndexedDB store.
  const dump = await dumpExtensionStorage(await ext.serviceWorker());
  expect(dump).toContain('[CryptoKey extractable=false]');
  expect(dump).toContain('vault');
  expect(dump).not.toContain(KEYS.premium);

  // The key went only to api.1fichier.com; the CDN and the site never saw an Authorization header.
  const withAuth = servers.emulator.requests.filter((r) => r.auth);
  expect(withAuth.length).toBeGreaterThanOrEqual(3); // user/info, file/info, get_token
  expect(new Set(withAuth.map((r) => r.host))).toEqual(new Set(['api.1fichier.com']));
  expect(
    servers.emulator.requests.some((r) => /^a-\d+\.1fichier\.com$/.test(r.host) && r.status === 200),
  ).toBe(true);
});

test('the hostile-named file lands under a sanitised name with the exact bytes, and its name shows as text', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.gold);
  const page = await ext.context.newPage();
  await page.goto(servers.demoUrl);
  await page.getByRole('button', { name: /^Download with 1Fichier: <img/ }).click();
  const popup = await openExtensionPage(ext, 'popup');
  const item = jobItem(popup, 'onerror=alert(1)');
  await expect(item).toContainText('Completed');
  await expect(popup.locator('img')).toHaveCount(0);
  const [file] = finishedFiles(ext.downloadDir);
  expect(file).toBeDefined();
  expect(path.basename(file!)).not.toMatch(/[<>:"/\\|?*\u202e]/);
  expect(await sha256File(file!)).toBe(fileSha256(FILES.hostile.id, FILES.hostile.size));
});

test('Forget key erases the key and the account cache', async ({ ext }) => {
  const options = await saveKey(ext, KEYS.access);
  await expect(options.getByRole('status')).toContainText('Access');
  const before = await dumpExtensionStorage(await ext.serviceWorker());
  expect(before).toContain('[CryptoKey extractable=false]');
  expect(before).toContain('access@emulator.test');
  await options.getByRole('button', { name: 'Forget key' }).click();
  await expect(options.getByRole('status')).toHaveText('Key forgotten.');
  await expect(options.getByRole('button', { name: 'Forget key' })).toHaveCount(0);
  const dump = await dumpExtensionStorage(await ext.serviceWorker());
  expect(dump).not.toContain('CryptoKey');
  expect(dump).not.toContain('access@');
  expect(dump).not.toContain(KEYS.access);
});
