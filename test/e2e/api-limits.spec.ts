import type { Worker } from '@playwright/test';
import { API_HOST, FILES, KEYS, type RequestLogEntry } from '../emulator/index.ts';
import { finishedFiles } from '../support/files.ts';
import {
  clickDownloads,
  downloadButton,
  expect,
  jobItem,
  openExtensionPage,
  saveKey,
  test,
} from './fixtures.ts';

/** The pacer's first flood lock (utils/onefichier/pacer.ts FIRST_LOCK_MS). */
const FIRST_LOCK_MS = 30_000;

const apiCalls = (entries: RequestLogEntry[], path?: string) =>
  entries.filter((e) => e.host === API_HOST && (path === undefined || e.path === path));

/** The alarms the extension has armed (a scheduled retry is an alarm). */
async function alarmNames(sw: Worker): Promise<string[]> {
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<{ name: string }[]> } } })
      .chrome;
    return (await c.alarms.getAll()).map((a) => a.name);
  });
}

test('a flood in the middle of a queue: jobs wait with the time left, no API call during the lock, then complete', async ({
  ext,
  servers,
}) => {
  test.setTimeout(120_000);
  const emu = servers.emulator;
  const mark = emu.requests.length;
  await saveKey(ext, KEYS.premium);
  const page = await clickDownloads(ext, servers, FILES.small);
  const popup = await openExtensionPage(ext, 'popup');
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');

  // 1Fichier locks this address for 20 s; the extension's own gate (30 s) outlasts it.
  const lock = emu.lockFlood(20_000, 'ip');
  for (const file of [FILES.unicode, FILES.hostile]) {
    await downloadButton(page, file).click();
  }
  for (const file of [FILES.unicode, FILES.hostile]) {
    const item = jobItem(popup, file.link);
    await expect(item).toContainText('Waiting');
    await expect(item).toContainText(/refusing API calls.*Trying again in \d+\u00a0s/);
  }

  for (const file of [FILES.unicode, FILES.hostile]) {
    await expect(jobItem(popup, file.name)).toContainText('Completed', { timeout: 60_000 });
  }
  expect(finishedFiles(ext.downloadDir)).toHaveLength(3);

  // Exactly one API call reached 1Fichier while locked (answered "Flood detected"); the others
  // were held back by the extension until its gate opened.
  const during = apiCalls(emu.apiCallsBetween(lock.from, lock.from + FIRST_LOCK_MS));
  expect(during).toHaveLength(1);
  expect(during[0]!.flood).toBe(true);
  expect(apiCalls(emu.requests.slice(mark)).filter((e) => e.flood)).toHaveLength(1);
});

test.describe('final answers are shown once and never retried by themselves', () => {
  test('a free key and an invalid key: one user/info call each, nothing stored', async ({ ext, servers }) => {
    const mark = servers.emulator.requests.length;
    const userInfoCalls = () => apiCalls(servers.emulator.requests.slice(mark), '/v1/user/info.cgi');
    const options = await saveKey(ext, KEYS.free);
    await expect(options.getByRole('status')).toHaveText(/free 1Fichier account/);
    expect(userInfoCalls()).toHaveLength(1);
    // user/info is limited to once a minute per address (1fichier-api.md §3.15).
    servers.emulator.resetLimits();
    await options.getByRole('textbox', { name: 'API key' }).fill(KEYS.invalid);
    await options.getByRole('button', { name: 'Save key' }).click();
    await expect(options.getByRole('status')).toHaveText(/does not accept this API key/);
    expect(userInfoCalls()).toHaveLength(2);
    await expect(options.getByRole('button', { name: 'Forget key' })).toHaveCount(0);
  });

  for (const { title, file, reason, calls } of [
    { title: 'a deleted file', file: FILES.deleted, reason: 'deleted or never existed', calls: 1 },
    // file/info says "not allowed", get_token tells it is the password (engine: fileInfoOrRestricted).
    {
      title: 'a password-protected file',
      file: FILES.protected,
      reason: 'protected by a password',
      calls: 2,
    },
  ]) {
    test(`${title}: Failed with the reason, no retry scheduled`, async ({ ext, servers }) => {
      await saveKey(ext, KEYS.premium);
      const before = apiCalls(servers.emulator.requests).length;
      await clickDownloads(ext, servers, file);
      const popup = await openExtensionPage(ext, 'popup');
      const item = jobItem(popup, file.link);
      await expect(item).toContainText('Failed');
      await expect(item).toContainText(reason);
      expect(apiCalls(servers.emulator.requests).length - before).toBe(calls);
      expect(await alarmNames(await ext.serviceWorker())).toEqual([]);
      expect(finishedFiles(ext.downloadDir)).toEqual([]);
    });
  }

  test('1Fichier in maintenance (503 + Retry-After): the job waits for the time asked', async ({
    ext,
    servers,
  }) => {
    await saveKey(ext, KEYS.premium);
    const mark = servers.emulator.requests.length;
    servers.emulator.setFault('http503', true);
    await clickDownloads(ext, servers, FILES.small);
    const popup = await openExtensionPage(ext, 'popup');
    const item = jobItem(popup, FILES.small.link);
    await expect(item).toContainText('Waiting');
    // Retry-After: 120 → about two minutes left, not the default back-off.
    await expect(item).toContainText(
      /down for maintenance.*Trying again in (2\u00a0min|1\u00a0min 5\d\u00a0s)/,
    );
    expect(apiCalls(servers.emulator.requests.slice(mark)).filter((e) => e.status === 503)).toHaveLength(1);
    expect(await alarmNames(await ext.serviceWorker())).toEqual(['queue-wake']);
  });
});
