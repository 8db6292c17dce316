import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { CHROME_EXT_DIR, CHROMIUM } from './paths.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (re-read after a restart of the worker). */
  serviceWorker(): Promise<Worker>;
  downloadDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** `MAP api.1fichier.com 127.0.0.1:PORT, …` from the emulator. */
  resolverRules: string;
  headless?: boolean;
  downloadDir?: string;
  extDir?: string;
  /**
   * An existing profile to reuse (a browser restart): it is kept on close, the caller removes it.
   * Without it every launch gets a new profile, removed on close.
   */
  userDataDir?: string;
  /** Extra command-line switches. */
  extraArgs?: string[];
  /**
   * The browser's UI language (e.g. `fr`): both Chromium's `--lang` and Playwright's locale. In
   * Debian's Chromium without chromium-l10n, `--lang` switches the extension's catalogue
   * (`i18n.getMessage`) but not `i18n.getUILanguage()` (en-US: no fr.pak; LANGUAGE=fr does not help);
   * Playwright's locale emulation makes pages report `fr`. See test/e2e/locale-fr.spec.ts.
   */
  locale?: string;
}

/**
 * Debian Chromium with the built extension loaded, every 1Fichier host resolved to the emulator and
 * everything else except loopback failing fast (platform-notes.md §6–7). Production code keeps the
 * real hosts; only name resolution changes.
 */
export async function launchExtensionBrowser(opts: LaunchOptions): Promise<ExtensionBrowser> {
  const extDir = opts.extDir ?? CHROME_EXT_DIR;
  if (!fs.existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extDir}: run "npm run build" first.`);
  }
  const ownsProfile = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-profile-'));
  const downloadDir = opts.downloadDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-downloads-'));
  const ownsDownloadDir = opts.downloadDir === undefined;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1100, height: 760 },
    ...(opts.locale ? { locale: opts.locale } : {}),
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No quotes inside the value: they would silently break the rules (platform-notes.md §7).
      `--host-resolver-rules=${opts.resolverRules}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
      '--ignore-certificate-errors',
      ...(opts.locale ? [`--lang=${opts.locale}`] : []),
      ...(opts.extraArgs ?? []),
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Playwright sends downloads to its own temp folder; this puts them where the test looks.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir });
    const serviceWorker = async (): Promise<Worker> =>
      context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().endsWith('/background.js') }));
    const extensionId = new URL((await serviceWorker()).url()).host;
    return {
      context,
      extensionId,
      serviceWorker,
      downloadDir,
      async close() {
        await context.close().catch(() => undefined);
        if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
        if (ownsDownloadDir) fs.rmSync(downloadDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close().catch(() => undefined);
    if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}
