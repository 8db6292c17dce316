import { FILES, KEYS } from '../emulator/index.ts';
import { finishedFiles } from '../support/files.ts';
import { dumpExtensionStorage } from '../support/storage-dump.ts';
import {
  clickDownloads,
  downloadButton,
  expect,
  jobItem,
  openExtensionPage,
  saveKey,
  test,
} from './fixtures.ts';

test.describe('the API key form says what is wrong and keeps what was typed', () => {
  const cases: { title: string; key: string; fault?: 'flood' | 'down'; message: RegExp }[] = [
    { title: 'empty key', key: '   ', message: /Enter your 1Fichier API key/ },
    { title: 'malformed key', key: 'not-a-key!', message: /does not look like a 1Fichier API key/ },
    { title: 'free account', key: KEYS.free, message: /free 1Fichier account.*Premium, Access or GOLD/ },
    { title: 'invalid key', key: KEYS.invalid, message: /1Fichier does not accept this API key/ },
    {
      title: 'flood lock',
      key: KEYS.premium,
      fault: 'flood',
      message: /refusing API calls.*Trying again in \d+/,
    },
    { title: 'emulator down', key: KEYS.premium, fault: 'down', message: /Cannot reach 1Fichier/ },
  ];
  for (const c of cases) {
    test(c.title, async ({ ext, servers }) => {
      if (c.fault) servers.emulator.setFault(c.fault, true);
      const options = await saveKey(ext, c.key);
      await expect(options.getByRole('status')).toHaveText(c.message);
      await expect(options.getByRole('textbox', { name: 'API key' })).toHaveValue(c.key);
      await expect(options.getByRole('button', { name: 'Forget key' })).toHaveCount(0);
      expect(await dumpExtensionStorage(await ext.serviceWorker())).not.toContain('apiKey');
    });
  }
});

test('a deleted file fails with a clear reason and Retry; nothing is downloaded', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  await clickDownloads(ext, servers, FILES.deleted);
  const popup = await openExtensionPage(ext, 'popup');
  const item = jobItem(popup, FILES.deleted.link);
  await expect(item).toContainText('Failed');
  await expect(item).toContainText('deleted or never existed');
  await expect(item.getByRole('button', { name: 'Retry' })).toBeVisible();
  expect(finishedFiles(ext.downloadDir)).toEqual([]);
});

test('1Fichier unreachable: the job waits with the reason, nothing is lost, and Retry completes it', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  servers.emulator.setFault('down', true);
  await clickDownloads(ext, servers, FILES.unicode);
  const popup = await openExtensionPage(ext, 'popup');
  const item = jobItem(popup, FILES.unicode.link);
  await expect(item).toContainText('Waiting');
  await expect(item).toContainText(/Cannot reach 1Fichier.*Trying again in/);

  servers.emulator.clearFaults();
  await item.getByRole('button', { name: 'Retry' }).click();
  const done = jobItem(popup, FILES.unicode.name);
  await expect(done).toContainText('Completed');
  expect(finishedFiles(ext.downloadDir).map((f) => f.normalize('NFC'))).toEqual([
    `${ext.downloadDir}/${FILES.unicode.name}`.normalize('NFC'),
  ]);
});

test('clicking the same link twice queues one job', async ({ ext, servers }) => {
  await saveKey(ext, KEYS.premium);
  const page = await ext.context.newPage();
  await page.goto(servers.demoUrl);
  const button = downloadButton(page, FILES.small);
  // The job's API calls wait, so no new state is pushed to the button between the two clicks (a
  // push would replace "Already queued" at once, and the test would race the download).
  const hold = servers.emulator.holdApi();
  await button.click();
  // The state is shown beside the button (inside the same host), the button keeps its words.
  const host = page.locator('dl1f-button').filter({ has: button });
  await hold.arrived;
  await expect(host).toContainText(/Resolving/);
  await button.click();
  await expect(host).toContainText(/Already queued/);
  await expect(button).toHaveText('⬇ 1Fichier');
  hold.release();
  const popup = await openExtensionPage(ext, 'popup');
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
  await expect(popup.getByRole('list', { name: 'Downloads' }).getByRole('listitem')).toHaveCount(1);
  expect(finishedFiles(ext.downloadDir)).toHaveLength(1);
});

test('a job queued without a key fails with "No API key", and runs once a key is saved', async ({
  ext,
  servers,
}) => {
  await clickDownloads(ext, servers, FILES.small);
  const popup = await openExtensionPage(ext, 'popup');
  await expect(jobItem(popup, FILES.small.link)).toContainText(/Failed.*No API key yet/s);
  await saveKey(ext, KEYS.premium);
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
});

test('no button on non-1Fichier and look-alike links; a script click on our button queues nothing', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  const page = await ext.context.newPage();
  await page.goto(servers.demoUrl);
  const buttons = page.getByRole('button', { name: /^Download with 1Fichier/ });
  await expect(buttons).toHaveCount(Object.keys(FILES).length);
  // A page script clicking the button (untrusted event) must not queue anything.
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('[data-dl1f-host]')) {
      host.shadowRoot?.querySelector('button')?.click();
    }
  });
  // Then one real click: the queue must hold exactly that one job (messages are handled in order).
  await downloadButton(page, FILES.small).click();
  const popup = await openExtensionPage(ext, 'popup');
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
  await expect(popup.getByRole('list', { name: 'Downloads' }).getByRole('listitem')).toHaveCount(1);
  expect(finishedFiles(ext.downloadDir)).toHaveLength(1);
});

test('a password-protected file fails with "protected by a password", not a vague refusal', async ({
  ext,
  servers,
}) => {
  await saveKey(ext, KEYS.premium);
  await clickDownloads(ext, servers, FILES.protected);
  const popup = await openExtensionPage(ext, 'popup');
  const item = jobItem(popup, FILES.protected.link);
  await expect(item).toContainText('Failed');
  await expect(item).toContainText('protected by a password');
  expect(finishedFiles(ext.downloadDir)).toEqual([]);
});
