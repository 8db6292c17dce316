import { displayText } from '../../utils/display-text.ts';
import { FILES, KEYS } from '../emulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { expect, openExtensionPage, test as base } from './fixtures.ts';

/**
 * The extension in a French browser: the same servers as every spec, the browser launched in
 * French. `locale` launches it with Playwright's `fr` locale (which adds `--lang=fr` and emulates the
 * locale in every page over CDP); `lang` with the `--lang=fr` switch alone, as a user would.
 *
 * Debian's Chromium ships only its en-US UI pack unless chromium-l10n is installed (and LANGUAGE=fr
 * does not change that): under `--lang=fr` alone `i18n.getMessage` reads the French catalogue but
 * `i18n.getUILanguage()` stays `en-US`. uiLang() reads the catalogue's own `uiLanguage` message, so
 * numbers and sizes follow the words either way; the `lang` run checks exactly that.
 */
const test = base.extend<{ launch: 'locale' | 'lang' }>({
  launch: ['locale', { option: true }],
  ext: async ({ servers, launch }, use) => {
    servers.emulator.resetLimits();
    servers.emulator.clearFaults();
    const ext = await launchExtensionBrowser({
      resolverRules: servers.emulator.resolverRules(),
      ...(launch === 'locale' ? { locale: 'fr' } : { extraArgs: ['--lang=fr'] }),
    });
    await use(ext);
    await ext.close();
  },
});

const ENGLISH_STATUS = /\b(Queued|Resolving|Downloading|Paused|Waiting|Locked|Completed|Failed)\b/;

async function frenchRun(ext: ExtensionBrowser): Promise<void> {
  const sw = await ext.serviceWorker();
  const catalogue = await sw.evaluate(() => {
    const i18n = (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }).chrome
      .i18n;
    return { lang: i18n.getMessage('uiLanguage'), save: i18n.getMessage('saveKey') };
  });
  expect(catalogue).toEqual({ lang: 'fr', save: 'Enregistrer la clé' });

  const options = await openExtensionPage(ext, 'options');
  await options.getByRole('textbox', { name: 'Clé API' }).fill(KEYS.premium);
  await options.getByRole('button', { name: 'Enregistrer la clé' }).click();
  await expect(options.getByRole('status')).not.toHaveText(/Vérification/);
  await expect(options.getByRole('status')).toContainText('Premium');
  await expect(options.getByRole('button', { name: 'Exporter la file' })).toBeVisible();
  await expect(options.getByRole('button', { name: 'Importer', exact: true })).toBeVisible();

  const popup = await openExtensionPage(ext, 'popup');
  await popup.getByRole('textbox', { name: 'Ajouter des liens' }).fill(FILES.unicode.link);
  await popup.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(popup.getByText('1 lien trouvé : 1 ajouté.')).toBeVisible();

  // The lead translates the list's name: either is accepted for now.
  const list = popup.getByRole('list', { name: /^(Downloads|Téléchargements)$/ });
  const item = list.getByRole('listitem').filter({ hasText: displayText(FILES.unicode.name) });
  await expect(item).toContainText('Terminé');
  // 1,048,581 bytes: decimal comma and French unit.
  await expect(item).toContainText(/1,05\s+Mo/);
  await expect(item).not.toContainText(/\bMB\b|1\.05/);
  await expect(list).not.toContainText(ENGLISH_STATUS);

  for (const name of ['Tout mettre en pause', 'Tout reprendre', 'Réessayer les échecs', 'Exporter la file']) {
    await expect(popup.getByRole('button', { name })).toBeVisible();
  }
  await popup.getByRole('button', { name: 'Effacer les terminés' }).click();
  await expect(popup.getByRole('status')).toHaveText('1 téléchargement terminé effacé.');
  await expect(item).toHaveCount(0);
}

test('in French (Playwright locale fr): key saved, a link added, the popup says Terminé with French sizes and buttons', async ({
  ext,
}) => {
  await frenchRun(ext);
});

test.describe('with --lang=fr alone (getUILanguage() may still say en-US)', () => {
  test.use({ launch: 'lang' });

  test('the same French popup: the words and the numbers both French', async ({ ext }) => {
    await frenchRun(ext);
  });
});
