import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FILES, KEYS, fileSha256 } from '../emulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { finishedFiles, sha256File } from '../support/files.ts';
import { dumpExtensionStorage } from '../support/storage-dump.ts';
import {
  buttonState,
  downloadButton,
  expect,
  jobItem,
  openExtensionPage,
  saveKey,
  test,
} from './fixtures.ts';

const PASS = 'correct horse battery staple';
const NEW_PASS = 'a different long passphrase';

/** The passphrase form of the options page (ui-contract.md names, exact so "Confirm …" is not matched). */
async function setPassphrase(options: Page, passphrase: string): Promise<void> {
  await options.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
  await options.getByRole('textbox', { name: 'Confirm passphrase' }).fill(passphrase);
  await options.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(options.getByText('Passphrase set.')).toBeVisible();
}

async function unlock(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
  // The button is disabled during the wait after a wrong passphrase; click() waits until it is enabled.
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test.describe('passphrase mode', () => {
  test('after a browser restart nothing mints a token until unlock, then the queue finishes; the key is stored nowhere in clear', async ({
    servers,
  }) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-profile-'));
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-downloads-'));
    const launch = () =>
      launchExtensionBrowser({
        resolverRules: servers.emulator.resolverRules(),
        userDataDir: profile,
        downloadDir: downloads,
      });
    servers.emulator.resetLimits();
    servers.emulator.clearFaults();
    let ext: ExtensionBrowser | undefined;
    try {
      ext = await launch();
      const options = await saveKey(ext, KEYS.premium);
      await expect(options.getByRole('status')).toContainText('Premium');
      await setPassphrase(options, PASS);
      await expect(options.getByRole('button', { name: 'Lock' })).toBeVisible();

      const dump = await dumpExtensionStorage(await ext.serviceWorker());
      expect(dump).toContain('passphrase');
      expect(dump).toContain('PBKDF2');
      expect(dump).not.toContain('wrapKey');
      expect(dump).not.toContain(KEYS.premium);
      expect(dump).not.toContain(PASS);
      await ext.close();

      // The same profile, a new browser: storage.session is gone, so the vault is locked.
      ext = await launch();
      const mark = servers.emulator.requests.length;
      const page = await ext.context.newPage();
      await page.goto(servers.demoUrl);
      await downloadButton(page, FILES.small).click();
      await downloadButton(page, FILES.unicode).click();
      await expect(buttonState(page, FILES.unicode)).toHaveText(/Queued/);

      const popup = await openExtensionPage(ext, 'popup');
      await expect(popup.getByText('Locked: enter your passphrase to continue.')).toBeVisible();
      for (const file of [FILES.small, FILES.unicode]) {
        await expect(jobItem(popup, file.link)).toContainText('Locked');
      }
      const afterRestart = () => servers.emulator.requests.slice(mark);
      expect(afterRestart().filter((r) => r.auth)).toEqual([]);
      expect((await dumpExtensionStorage(await ext.serviceWorker())).includes(KEYS.premium)).toBe(false);

      // A wrong passphrase: a clear message, nothing runs.
      await unlock(popup, 'not my passphrase');
      await expect(popup.getByText(/Wrong passphrase\. You can try again in/)).toBeVisible();
      await expect(jobItem(popup, FILES.small.link)).toContainText('Locked');
      expect(afterRestart().filter((r) => r.auth)).toEqual([]);

      await unlock(popup, PASS);
      await expect(popup.getByRole('button', { name: 'Lock' })).toBeVisible();
      await expect(popup.getByText('Locked: enter your passphrase to continue.')).toHaveCount(0);
      for (const file of [FILES.small, FILES.unicode]) {
        await expect(jobItem(popup, file.name)).toContainText('Completed');
      }
      for (const file of [FILES.small, FILES.unicode]) {
        const onDisk = finishedFiles(downloads).find((f) => path.basename(f) === file.name);
        expect(onDisk, file.name).toBeDefined();
        expect(await sha256File(onDisk!)).toBe(fileSha256(file.id, file.size));
      }
      // Tokens were asked only after the unlock, once per file.
      expect(afterRestart().filter((r) => r.path.includes('get_token'))).toHaveLength(2);
      expect(
        new Set(
          afterRestart()
            .filter((r) => r.auth)
            .map((r) => r.host),
        ),
      ).toEqual(new Set(['api.1fichier.com']));
    } finally {
      await ext?.close();
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(downloads, { recursive: true, force: true });
    }
  });

  test('the options page and the popup: set, lock, unlock, change, auto-lock, remove', async ({ ext }) => {
    const options = await saveKey(ext, KEYS.gold);
    await expect(options.getByText(/It is not protected by a password/)).toBeVisible();
    // Two different passphrases: refused with a clear message, nothing set.
    await options.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(PASS);
    await options.getByRole('textbox', { name: 'Confirm passphrase' }).fill(`${PASS}!`);
    await options.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(options.getByText('The two passphrases differ.')).toBeVisible();
    await options.getByRole('textbox', { name: 'Passphrase', exact: true }).fill('short');
    await options.getByRole('textbox', { name: 'Confirm passphrase' }).fill('short');
    await options.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(options.getByText('Choose a passphrase of at least 8 characters.')).toBeVisible();

    await setPassphrase(options, PASS);
    await expect(options.getByText(/encrypted with a key derived from your passphrase/)).toBeVisible();

    // Lock from the popup; the options page sees it when it comes back into view.
    const popup = await openExtensionPage(ext, 'popup');
    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect(popup.getByRole('button', { name: 'Unlock' })).toBeVisible();
    await options.bringToFront();
    await options.reload();
    await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();
    await unlock(options, PASS);
    await expect(options.getByRole('button', { name: 'Lock' })).toBeVisible();

    // Change: the current passphrase is required.
    await options.getByRole('textbox', { name: 'Current passphrase' }).fill('wrong current one');
    await options.getByRole('textbox', { name: 'New passphrase' }).fill(NEW_PASS);
    await options.getByRole('textbox', { name: 'Confirm passphrase' }).fill(NEW_PASS);
    await options.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(options.getByText(/Wrong passphrase/)).toBeVisible();
    await options.getByRole('textbox', { name: 'Current passphrase' }).fill(PASS);
    // The wait after the wrong attempt: retry until the background accepts (it says when).
    await expect(async () => {
      await options.getByRole('button', { name: 'Change passphrase' }).click();
      await expect(options.getByText('Passphrase changed.')).toBeVisible({ timeout: 1_000 });
    }).toPass();

    await options
      .getByRole('combobox', { name: 'Lock automatically' })
      .selectOption({ label: 'After 5 minutes without use' });
    await expect(options.getByText('Auto-lock saved.')).toBeVisible();
    await options.reload();
    await expect(options.getByRole('combobox', { name: 'Lock automatically' })).toHaveValue('5');

    await options.getByRole('button', { name: 'Lock' }).click();
    await unlock(options, NEW_PASS);
    await expect(options.getByRole('button', { name: 'Lock' })).toBeVisible();

    await options.getByRole('textbox', { name: 'Current passphrase' }).fill(NEW_PASS);
    await options.getByRole('button', { name: 'Remove passphrase' }).click();
    await expect(options.getByText(/Passphrase removed/)).toBeVisible();
    await expect(options.getByRole('button', { name: 'Set passphrase' })).toBeVisible();
    await expect(options.getByRole('status')).toContainText('GOLD');
    const dump = await dumpExtensionStorage(await ext.serviceWorker());
    expect(dump).toContain('[CryptoKey extractable=false]');
    expect(dump).not.toContain(KEYS.gold);
    expect(dump).not.toContain(NEW_PASS);
  });
});

test('the security controls in French', async ({ servers }) => {
  servers.emulator.resetLimits();
  const ext = await launchExtensionBrowser({
    resolverRules: servers.emulator.resolverRules(),
    locale: 'fr',
  });
  try {
    const options = await openExtensionPage(ext, 'options');
    await options.getByRole('textbox', { name: 'Clé API' }).fill(KEYS.premium);
    await options.getByRole('button', { name: 'Enregistrer la clé' }).click();
    await expect(options.getByRole('status')).toContainText('Premium');
    await expect(options.getByText(/n’est pas protégée par un mot de passe/)).toBeVisible();
    await options.getByRole('textbox', { name: 'Phrase secrète', exact: true }).fill(PASS);
    await options.getByRole('textbox', { name: 'Confirmer la phrase secrète' }).fill(PASS);
    await options.getByRole('button', { name: 'Définir la phrase secrète' }).click();
    await expect(options.getByText('Phrase secrète définie.', { exact: false })).toBeVisible();
    await expect(options.getByRole('combobox', { name: 'Verrouiller automatiquement' })).toBeVisible();

    const popup = await openExtensionPage(ext, 'popup');
    await popup.getByRole('button', { name: 'Verrouiller' }).click();
    await expect(popup.getByText(/Verrouillé : saisissez votre phrase secrète/)).toBeVisible();
    await popup.getByRole('textbox', { name: 'Phrase secrète', exact: true }).fill('mauvaise phrase');
    await popup.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(popup.getByText(/Phrase secrète incorrecte\. Vous pourrez réessayer dans/)).toBeVisible();
    await popup.getByRole('textbox', { name: 'Phrase secrète', exact: true }).fill(PASS);
    await popup.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(popup.getByRole('button', { name: 'Verrouiller' })).toBeVisible();
    await expect(popup.getByText(/Verrouillé : saisissez/)).toHaveCount(0);
  } finally {
    await ext.close();
  }
});
