/**
 * The main flow in Firefox (event page, no onDeterminingFilename): the key saved in the options,
 * a trusted click on a page's button, the right bytes under the right name, `Completed` in the popup.
 */
import { FILES, KEYS, fileSha256 } from '../emulator/index.ts';
import { displayText } from '../../utils/display-text.ts';
import { sanitizeFilename } from '../../utils/filename.ts';
import { expect, test } from './fixtures.ts';
import { digestOf, downloadedFiles, listItems, saveKey, setSettings, tokenCalls } from './steps.ts';

test('save the key, click a page button: the right bytes, and Completed in the popup', async ({
  ext,
  servers,
}) => {
  const options = await saveKey(ext, KEYS.premium);
  await expect.poll(() => options.text()).toContain('premium@emulator.test');
  await options.close();
  const tokens = tokenCalls(servers.emulator);

  const page = await ext.open(servers.demoUrl);
  // Only a trusted click queues (the content script checks event.isTrusted): BiDi's input actions are real input.
  await page.click({ role: 'button', name: `Download with 1Fichier: ${FILES.small.name}` });
  await expect
    .poll(() => digestOf(ext.downloadDir, FILES.small.name))
    .toBe(fileSha256(FILES.small.id, FILES.small.size));
  expect(downloadedFiles(ext.downloadDir)).toEqual([FILES.small.name]);
  expect(tokenCalls(servers.emulator) - tokens).toBe(1);

  const popup = await ext.page('popup');
  await expect
    .poll(() => listItems(popup))
    .toEqual([
      expect.stringMatching(
        new RegExp(
          `^${FILES.small.name.replaceAll('.', '\\.')} Completed .*Saved as ${FILES.small.name.replaceAll('.', '\\.')}`,
        ),
      ),
    ]);
});

test('names come from downloads.download (Firefox has no onDeterminingFilename): unicode, hostile characters, subfolders', async ({
  ext,
  servers,
}) => {
  const options = await saveKey(ext, KEYS.premium);
  await setSettings(options, { subfolderTemplate: '{site}' });
  await options.close();
  const page = await ext.open(servers.demoUrl);
  for (const file of [FILES.unicode, FILES.hostile]) {
    await page.click({ role: 'button', name: `Download with 1Fichier: ${displayText(file.name)}` });
  }
  const unicode = `127.0.0.1/${sanitizeFilename(FILES.unicode.name)}`;
  const hostile = `127.0.0.1/${sanitizeFilename(FILES.hostile.name)}`;
  await expect
    .poll(() => digestOf(ext.downloadDir, unicode))
    .toBe(fileSha256(FILES.unicode.id, FILES.unicode.size));
  await expect
    .poll(() => digestOf(ext.downloadDir, hostile))
    .toBe(fileSha256(FILES.hostile.id, FILES.hostile.size));
  expect(downloadedFiles(ext.downloadDir)).toEqual([unicode, hostile].toSorted());
});
