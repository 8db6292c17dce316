import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import { EXTRA_FILES, FILES, FOLDERS, startEmulator, type Emulator } from '../emulator/index.ts';
import {
  addLinks,
  buildBusyQueue,
  downloadsList,
  fileItem,
  largeFiles,
  saveKey,
} from '../support/busy-queue.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { escapeHtml, startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * The accessibility gate (issue 7): axe-core (WCAG 2.0/2.1 A and AA) on the popup, the manager, the
 * options page and a web page with injected buttons, each in the light and the dark colour scheme.
 * A serious or critical violation fails the test, and the failure lists each one (rule, impact,
 * elements, help); minor and moderate ones are attached as annotations.
 */
const test = base.extend<{ ext: ExtensionBrowser }, { servers: { emulator: Emulator; web: WebServer } }>({
  servers: [
    // oxlint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // Capped CDN: the large file is still downloading while the pages are checked.
      const emulator = await startEmulator({ cdnBytesPerSecond: 1024 * 1024 });
      const web = await startWebServer();
      await use({ emulator, web });
      await web.close();
      await emulator.close();
    },
    { scope: 'worker' },
  ],
  ext: async ({ servers }, use) => {
    servers.emulator.resetLimits();
    const ext = await launchExtensionBrowser({ resolverRules: servers.emulator.resolverRules() });
    await use(ext);
    await ext.close();
  },
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
const SCHEMES = ['light', 'dark'] as const;

const target = (n: NodeResult) => n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' | ');

/** One violation, readably: what, where (every element, with axe's summary of what is wrong), how to fix. */
function describe(v: Result): string {
  const nodes = v.nodes.map((n) => {
    const why = (n.failureSummary ?? '').split('\n').slice(1, 3).join(' ').trim();
    return `    - ${target(n)}${why ? `\n      ${why}` : ''}`;
  });
  return [`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`, ...nodes].join('\n');
}

/** Runs axe on `page` in both colour schemes; soft-fails on serious/critical violations. */
async function audit(page: Page, where: string): Promise<AxeResults[]> {
  const all: AxeResults[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    all.push(results);
    const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
    for (const v of results.violations.filter((x) => !BLOCKING.has(x.impact ?? ''))) {
      test.info().annotations.push({ type: `a11y ${where} (${scheme})`, description: describe(v) });
    }
    // The diff lists each violation as text: rule, impact, help link, every element and what is wrong.
    expect.soft(blocking.map(describe), `${where} (${scheme}): serious/critical violations`).toEqual([]);
  }
  return all;
}

async function extensionPage(ext: ExtensionBrowser, name: string, size?: { width: number; height: number }) {
  const page = await ext.context.newPage();
  if (size) await page.setViewportSize(size);
  await page.goto(`chrome-extension://${ext.extensionId}/${name}.html`);
  return page;
}

const POPUP = { width: 420, height: 600 };

test('no key: the popup (onboarding) and the options page', async ({ ext }) => {
  const popup = await extensionPage(ext, 'popup', POPUP);
  await expect(popup.getByRole('textbox', { name: 'Add links' })).toBeVisible();
  await expect(popup.getByText(/API key/).first()).toBeVisible();
  await audit(popup, 'popup, no key');
  const options = await extensionPage(ext, 'options');
  await expect(options.getByRole('button', { name: 'Save key' })).toBeVisible();
  await audit(options, 'options, no key');
});

test('a busy queue: the popup, the options page with a key and the manager', async ({ ext }) => {
  test.setTimeout(180_000);
  const [running] = largeFiles(1, 96 * 1024 * 1024);
  const options = await saveKey(ext, 'en');
  const popup = await extensionPage(ext, 'popup', POPUP);
  await buildBusyQueue(popup, 'en', [FILES.big, running!]);
  await expect(fileItem(popup, running!)).toContainText('Downloading');
  await expect(fileItem(popup, running!).getByRole('progressbar')).toBeVisible();
  await expect(fileItem(popup, FILES.deleted)).toContainText('Failed');
  await expect(fileItem(popup, EXTRA_FILES.restricted)).toContainText('Failed');
  await expect(fileItem(popup, FILES.small)).toContainText('Completed');
  await audit(popup, 'popup, busy queue');

  await options.reload();
  await expect(options.getByRole('button', { name: 'Forget key' })).toBeVisible();
  await audit(options, 'options, with a key');

  const manager = await extensionPage(ext, 'manager', { width: 1280, height: 800 });
  await expect(fileItem(manager, FILES.big)).toContainText('Paused');
  await expect(fileItem(manager, FILES.deleted)).toContainText('Failed');
  await audit(manager, 'manager, busy queue');
});

test('a locked vault: the popup (a Locked item, a wrong passphrase) and the options page', async ({
  ext,
}) => {
  const options = await saveKey(ext, 'en');
  const pass = 'a long enough passphrase';
  await options.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(pass);
  await options.getByRole('textbox', { name: 'Confirm passphrase' }).fill(pass);
  await options.getByRole('button', { name: 'Set passphrase' }).click();
  await options.getByRole('button', { name: 'Lock' }).click();
  await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();

  const popup = await extensionPage(ext, 'popup', POPUP);
  await addLinks(popup, 'en', [FILES.small.link]);
  await expect(fileItem(popup, FILES.small)).toContainText('Locked');
  await popup.getByRole('textbox', { name: 'Passphrase', exact: true }).fill('not my passphrase');
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByText(/Wrong passphrase/)).toBeVisible();
  await audit(popup, 'popup, locked');
  await options.reload();
  await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await audit(options, 'options, locked');
});

const BUTTON = /^Download with 1Fichier/;

const a = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** A well-formed page (dark when the reader prefers it) with file and folder links and a plain-text URL. */
function linksPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Release thread</title>
<meta name="color-scheme" content="light dark">
<style>html { background: Canvas; color: CanvasText; }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 760px; margin: 24px auto; padding: 0 16px; }</style>
</head><body><main><h1>Release thread</h1>
<ul><li>${a(FILES.small.link, FILES.small.name)}</li><li>${a(FILES.big.link, FILES.big.name)}</li>
<li>${a(FILES.deleted.link, FILES.deleted.name)}</li><li>${a(FOLDERS.public.link, 'the whole pack')}</li></ul>
<p>Mirror: ${escapeHtml(EXTRA_FILES.punctuation.link)}</p>
</main></body></html>`;
}

test('a web page with injected buttons (in open shadow roots) and link checks, one button clicked', async ({
  ext,
  servers,
}) => {
  const options = await saveKey(ext, 'en');
  // The optional link check adds a line after each file link: its colours are checked too.
  const check = options.getByRole('checkbox', { name: 'Check links (name, size, availability)' });
  await check.check();
  await expect(check).toBeChecked();
  const page = await ext.context.newPage();
  await page.goto(servers.web.page('/a11y-links.html', linksPage()));
  const buttons = page.getByRole('button', { name: BUTTON });
  // Four links and the plain-text URL, each button inside its own open shadow root.
  await expect(buttons).toHaveCount(5);
  await expect(page.getByText('File not found')).toBeVisible();
  await page.getByRole('button', { name: `Download with 1Fichier: ${FILES.small.name}` }).click();
  await expect(
    page.getByRole('button', { name: `Download with 1Fichier: ${FILES.small.name}` }),
  ).toHaveAttribute('data-state', 'completed');
  const popup = await extensionPage(ext, 'popup', POPUP);
  await expect(downloadsList(popup).getByRole('listitem')).toHaveCount(1);
  await popup.close();
  for (const results of await audit(page, 'web page with buttons')) {
    // axe really looked inside the shadow roots: every button was checked for a name.
    const named = [...results.passes, ...results.violations]
      .filter((r) => r.id === 'button-name')
      .flatMap((r) => r.nodes)
      .filter((n) => n.target.some((t) => Array.isArray(t)));
    expect(named).toHaveLength(5);
  }
});
