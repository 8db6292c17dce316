/**
 * Firefox's MV3 background is an event page that Firefox unloads when idle (30 s by default;
 * `extensions.background.idle.timeout` lowers it, as Firefox's own tests do). Unloaded mid-queue,
 * the queue must go on: a download's end wakes the page (a persistent downloads.onChanged
 * listener), the next job starts, and nothing is lost or fetched twice.
 */
import { bulkFiles, fileSha256, KEYS } from '../emulator/index.ts';
import { expect, test } from './fixtures.ts';
import { addLinks, digestOf, downloadedFiles, listItems, saveKey, setSettings, tokenCalls } from './steps.ts';

// 2 s instead of 30 s; the queue keeps the page awake only while it resolves a job (a 1 s ping).
test.use({ firefoxPrefs: { 'extensions.background.idle.timeout': 2_000 } });

test('the event page is unloaded mid-queue, and every job still completes exactly once', async ({
  ext,
  servers,
}) => {
  // 8 MB at 2 MB/s: each download lasts twice the idle timeout.
  const files = bulkFiles(3, 8_000_000, 91);
  const options = await saveKey(ext, KEYS.premium);
  await setSettings(options, { parallel: 1 });
  await options.close();
  const tokens = tokenCalls(servers.emulator);

  const popup = await addLinks(
    ext,
    files.map((f) => f.link),
  );
  // An open popup holds a port, which keeps the event page alive: close it.
  await popup.close();

  /** Whether the page was seen unloaded while some job had not finished yet. */
  let stoppedMidQueue = false;
  const states = new Set<string>();
  await expect
    .poll(
      async () => {
        const state = await ext.backgroundState();
        states.add(state);
        const done = await Promise.all(
          files.map(async (f) => (await digestOf(ext.downloadDir, f.name)) === fileSha256(f.id, f.size)),
        );
        if (state === 'stopped' && done.includes(false)) stoppedMidQueue = true;
        return done.every(Boolean);
      },
      { intervals: [100], timeout: 60_000 },
    )
    .toBe(true);

  expect(stoppedMidQueue, `background states seen: ${[...states].join(', ')}`).toBe(true);
  expect(downloadedFiles(ext.downloadDir)).toEqual(files.map((f) => f.name).toSorted());
  expect(tokenCalls(servers.emulator) - tokens).toBe(files.length);
  const after = await ext.page('popup');
  await expect
    .poll(() => listItems(after))
    .toEqual(files.map((f) => expect.stringContaining(`${f.name} Completed`)));
});

test('a job being resolved keeps the page awake: its held 1Fichier call is answered, not started again', async ({
  ext,
  servers,
}) => {
  const [file] = bulkFiles(1, 1_000_000, 93);
  const options = await saveKey(ext, KEYS.premium);
  await options.close();
  const calls = servers.emulator.requests.length;
  const hold = servers.emulator.holdApi();
  const popup = await addLinks(ext, [file!.link]);
  await popup.close();
  await hold.arrived;

  // Three idle timeouts with the job's call unanswered and no page open: the page stays up.
  const seen = new Set<string>();
  const watchUntil = Date.now() + 3 * 2_000;
  await expect
    .poll(
      async () => {
        seen.add(await ext.backgroundState());
        return Date.now() > watchUntil;
      },
      { intervals: [100], timeout: 20_000 },
    )
    .toBe(true);
  expect([...seen]).toEqual(['running']);

  hold.release();
  await expect.poll(() => digestOf(ext.downloadDir, file!.name)).toBe(file!.sha256);
  const api = servers.emulator.requests.slice(calls).filter((r) => r.host === 'api.1fichier.com');
  expect(api.map((r) => r.path)).toEqual(['/v1/file/info.cgi', '/v1/download/get_token.cgi']);
});
