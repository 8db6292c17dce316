import type { Page, Worker } from '@playwright/test';
import { launchExtensionBrowser } from '../support/chromium.ts';
import { FILES, KEYS, type FixtureFile, type RequestLogEntry } from '../emulator/index.ts';
import {
  clickDownloads,
  expect,
  jobItem,
  openExtensionPage,
  saveKey,
  test,
  type Servers,
} from './fixtures.ts';

/**
 * The options page's 1Fichier group: each setting applies to the next API call without a reload
 * (the emulator logs the `no_ssl` and `cdn` flags of every get_token.cgi), a refused spacing is
 * never stored, and the group works from the keyboard alone.
 */

interface StorageChrome {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

/** The settings as stored (storage.local `settings`), read in the service worker. */
async function storedSettings(sw: Worker): Promise<Record<string, unknown> | undefined> {
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: StorageChrome }).chrome;
    return (await c.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
  });
}

/** The group's polite live region ("Saved.", "Not saved. …"). */
const groupRegion = (options: Page, name = '1Fichier') =>
  options.getByRole('region', { name }).locator('[aria-live="polite"]');

/** The get_token.cgi calls made for a fixture file since `from` (the log is shared by the worker's tests). */
function tokenCalls(servers: Servers, file: FixtureFile, from: number): RequestLogEntry[] {
  return servers.emulator.requests
    .slice(from)
    .filter((r) => r.path === '/v1/download/get_token.cgi' && r.fileId === file.id && r.status === 200);
}

/** Queues a file from the demo page and waits for its direct link to be asked for; returns that call. */
async function queueAndGetToken(
  ext: Parameters<typeof clickDownloads>[0],
  servers: Servers,
  file: FixtureFile,
): Promise<RequestLogEntry> {
  const from = servers.emulator.requests.length;
  const page = await clickDownloads(ext, servers, file);
  await expect.poll(() => tokenCalls(servers, file, from).length).toBe(1);
  await page.close();
  return tokenCalls(servers, file, from)[0]!;
}

test('Download links and CDN credits apply to the next token without a reload', async ({ ext, servers }) => {
  const options = await saveKey(ext, KEYS.gold);
  await expect(options.getByRole('status')).toContainText('GOLD');

  // Defaults: HTTPS links, no CDN credits.
  const first = await queueAndGetToken(ext, servers, FILES.small);
  expect({ noSsl: first.noSsl, cdn: first.cdn }).toEqual({ noSsl: false, cdn: false });

  // HTTP links, chosen in the page that stays open; the next token asks for one.
  const http = options.getByRole('radio', { name: 'HTTP', exact: true });
  await http.check();
  await expect(groupRegion(options)).toHaveText('Saved.');
  const second = await queueAndGetToken(ext, servers, FILES.unicode);
  expect({ noSsl: second.noSsl, cdn: second.cdn }).toEqual({ noSsl: true, cdn: false });

  // CDN credits on, HTTPS back: the next token follows both.
  await options.getByRole('checkbox', { name: 'Use CDN credits' }).check();
  await options.getByRole('radio', { name: 'HTTPS (encrypted, recommended)' }).check();
  await expect
    .poll(async () => storedSettings(await ext.serviceWorker()))
    .toMatchObject({
      useCdnCredits: true,
      noSsl: false,
    });
  const third = await queueAndGetToken(ext, servers, FILES.hostile);
  expect({ noSsl: third.noSsl, cdn: third.cdn }).toEqual({ noSsl: false, cdn: true });

  // The http:// link was a working link: that file is on disk like the others.
  const popup = await openExtensionPage(ext, 'popup');
  await expect(jobItem(popup, FILES.unicode.name)).toContainText('Completed');
  await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');
});

test('a spacing out of range is refused with the reason and never stored; "1,5" is 1.5 s', async ({
  ext,
}) => {
  const options = await openExtensionPage(ext, 'options');
  const sw = await ext.serviceWorker();
  const spacing = options.getByRole('textbox', { name: 'Seconds between API calls' });
  await expect(spacing).toHaveValue('1');
  await options.getByRole('spinbutton', { name: 'Parallel downloads' }).fill('4');
  await options.getByRole('spinbutton', { name: 'Parallel downloads' }).press('Tab');
  await expect.poll(() => storedSettings(sw)).toEqual({ parallel: 4 });

  const reason = 'Seconds between API calls: choose a number from 0.5 to 30 (for example 1.5).';
  await spacing.fill('0,2');
  await spacing.press('Tab');
  await expect(groupRegion(options)).toHaveText(`Not saved. ${reason}`);
  await expect(spacing).toHaveValue('0,2');
  await expect(spacing).toHaveAttribute('aria-invalid', 'true');
  await expect(spacing).toHaveAccessibleDescription(new RegExp(reason.replace(/[.()]/g, '\\$&')));
  expect(await storedSettings(sw)).toEqual({ parallel: 4 });

  await spacing.fill('1,5');
  await spacing.press('Enter');
  await expect(groupRegion(options)).toHaveText('Saved.');
  await expect(spacing).toHaveAttribute('aria-invalid', 'false');
  expect(await storedSettings(sw)).toEqual({ parallel: 4, apiSpacingMs: 1_500 });
  // Another page opened now shows what is stored.
  const again = await openExtensionPage(ext, 'options');
  await expect(again.getByRole('textbox', { name: 'Seconds between API calls' })).toHaveValue('1.5');
  // Exactly one status on the page (the key form's).
  await expect(options.getByRole('status')).toHaveCount(1);
});

test('keyboard only: the navigation leads to the 1Fichier group and Tab reaches each of its controls in order', async ({
  ext,
}) => {
  const options = await openExtensionPage(ext, 'options');
  const sw = await ext.serviceWorker();
  const nav = options.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav.getByRole('link')).toHaveText([
    'Account and key',
    'Security',
    'Downloads',
    '1Fichier',
    'Transfer',
    'Pages',
    'Queue',
  ]);
  await nav.getByRole('link', { name: '1Fichier' }).focus();
  await options.keyboard.press('Enter');
  await expect(options).toHaveURL(/#onefichier$/);

  const cdn = options.getByRole('checkbox', { name: 'Use CDN credits' });
  const spacing = options.getByRole('textbox', { name: 'Seconds between API calls' });
  const https = options.getByRole('radio', { name: 'HTTPS (encrypted, recommended)' });
  const http = options.getByRole('radio', { name: 'HTTP', exact: true });
  await options.keyboard.press('Tab');
  await expect(cdn).toBeFocused();
  await options.keyboard.press('Space');
  await expect(cdn).toBeChecked();
  await options.keyboard.press('Tab');
  await expect(spacing).toBeFocused();
  await options.keyboard.press('Tab');
  await expect(https).toBeFocused();
  await options.keyboard.press('ArrowDown');
  await expect(http).toBeFocused();
  await expect(http).toBeChecked();
  await expect
    .poll(() => storedSettings(sw))
    .toEqual({
      useCdnCredits: true,
      noSsl: true,
    });
  // The choice is one stop: the next Tab leaves the group for the Transfer group.
  await options.keyboard.press('Tab');
  await expect(options.getByRole('checkbox', { name: 'Use aria2', exact: true })).toBeFocused();
  // Focus is visible: the focused control draws an outline.
  await options.keyboard.press('Shift+Tab');
  await expect(http).toBeFocused();
  const outline = await http.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('in French: the page language, the groups, the onboarding, the 1Fichier group and its decimal comma', async ({
  servers,
}) => {
  servers.emulator.resetLimits();
  const ext = await launchExtensionBrowser({ resolverRules: servers.emulator.resolverRules(), locale: 'fr' });
  try {
    const options = await openExtensionPage(ext, 'options');
    await expect(options.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(options).toHaveTitle('Downloader for 1Fichier — Paramètres');
    const nav = options.getByRole('navigation', { name: 'Sections des paramètres' });
    await expect(nav.getByRole('link').first()).toHaveText('Compte et clé');
    await expect(options.getByText(/Où la trouver : connectez-vous sur 1fichier\.com/)).toBeVisible();
    await options.getByRole('textbox', { name: 'Clé API' }).fill(KEYS.gold);
    await options.getByRole('button', { name: 'Enregistrer la clé' }).click();
    await expect(options.getByRole('status')).toContainText('Premium GOLD · jusqu’au');
    const summary = options.getByRole('definition').filter({ hasText: 'jours restants' });
    await expect(summary).toHaveCount(1);
    await expect(options.getByRole('checkbox', { name: 'Utiliser les crédits CDN' })).not.toBeChecked();
    await expect(
      options.getByText('Votre solde : 12,5\u00a0Go (lors de la dernière vérification de la clé).'),
    ).toBeVisible();
    const spacing = options.getByRole('textbox', { name: 'Secondes entre deux appels à l’API' });
    await expect(spacing).toHaveValue('1');
    await spacing.fill('2,5');
    await spacing.press('Tab');
    await expect(groupRegion(options, '1Fichier')).toHaveText('Enregistré.');
    await expect.poll(async () => storedSettings(await ext.serviceWorker())).toEqual({ apiSpacingMs: 2_500 });
    await options.getByRole('radio', { name: 'HTTP', exact: true }).check();
    await expect
      .poll(async () => storedSettings(await ext.serviceWorker()))
      .toEqual({ apiSpacingMs: 2_500, noSsl: true });
  } finally {
    await ext.close();
  }
});
