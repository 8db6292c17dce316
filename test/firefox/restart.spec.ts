/**
 * A browser restart in Firefox: download ids are numbered afresh in every session, and the last
 * session's unfinished downloads are gone from the list (firefox-esr 153), with an empty file left
 * at their name. The queue must re-issue the interrupted job once, under its own name, map the new
 * session's events to the right jobs, and go on with the queue, with no page open.
 */
import { bulkFiles, fileSha256, FILES, KEYS, type BulkFile } from '../emulator/index.ts';
import { expect, test } from './fixtures.ts';
import { addLinks, digestOf, downloadedFiles, listItems, saveKey, setSettings, tokenCalls } from './steps.ts';

test('a download running when Firefox quits is done again once, under its own name, and the queue goes on', async ({
  ext,
  servers,
}) => {
  // 8 MB at 2 MB/s: still running when Firefox quits.
  const [big, next] = bulkFiles(2, 8_000_000, 92) as [BulkFile, BulkFile];
  const options = await saveKey(ext, KEYS.premium);
  await setSettings(options, { parallel: 1 });
  await options.close();
  const tokens = tokenCalls(servers.emulator);

  // Download 1 of this session finishes; download 2 (big) is running at the quit; `next` waits.
  const popup = await addLinks(ext, [FILES.small.link, big.link, next.link]);
  await expect
    .poll(() => digestOf(ext.downloadDir, FILES.small.name))
    .toBe(fileSha256(FILES.small.id, FILES.small.size));
  await expect.poll(async () => (await listItems(popup))[1] ?? '').toMatch(/Downloading .*[1-9][\d.]* MB of/);
  await popup.close();

  await ext.restart();
  // No page is opened until the end: only download events and the queue's own wake-ups move it.
  await expect
    .poll(async () => (await digestOf(ext.downloadDir, next.name)) === fileSha256(next.id, next.size), {
      timeout: 60_000,
    })
    .toBe(true);
  expect(await digestOf(ext.downloadDir, big.name)).toBe(fileSha256(big.id, big.size));
  // No `name(1).bin` beside the empty file the interrupted download left.
  expect(downloadedFiles(ext.downloadDir)).toEqual([FILES.small.name, big.name, next.name].toSorted());
  // small, big, big again after the restart, next.
  expect(tokenCalls(servers.emulator) - tokens).toBe(4);

  const after = await ext.page('popup');
  await expect
    .poll(() => listItems(after))
    .toEqual(
      [FILES.small.name, big.name, next.name].map((n) =>
        expect.stringMatching(
          new RegExp(`^${n.replaceAll('.', '\\.')} Completed .*Saved as ${n.replaceAll('.', '\\.')}( |$)`),
        ),
      ),
    );
});
