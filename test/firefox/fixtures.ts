/**
 * Playwright runner fixtures for the Firefox tests (no Playwright browser: Firefox is driven over
 * WebDriver BiDi). Worker-scoped: the emulator on 127.0.0.1:443 (Firefox resolves every host name
 * to 127.0.0.1 and keeps the URL's port) and the web server for pages. Per test: a new profile
 * and download folder, the Firefox zip installed permanently (so it survives a browser restart).
 */
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoServers, type Servers } from '../support/demo-servers.ts';
import { ROOT } from '../support/paths.ts';
import { EXTENSION_ID, EXTENSION_UUID, launchFirefox, type Firefox } from './launch.ts';
import { Tab } from './tab.ts';

/** The emulator's CDN speed per connection: a few MB take seconds, long enough to act mid-download. */
export const CDN_BYTES_PER_SECOND = 2_000_000;

export type FirefoxServers = Servers;

export interface FirefoxExtension {
  downloadDir: string;
  /** Opens one of the extension's pages in a new tab. */
  page(name: 'options' | 'popup' | 'manager'): Promise<Tab>;
  /** Opens a web page in a new tab. */
  open(url: string): Promise<Tab>;
  /** The event page's state as Firefox keeps it: `running`, `suspending`, `stopped`… */
  backgroundState(): Promise<string>;
  /** Quits Firefox as a user would and starts it again on the same profile. */
  restart(): Promise<void>;
}

function firefoxZip(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const zip = path.join(ROOT, '.output', `${pkg.name}-${pkg.version}-firefox.zip`);
  if (!fs.existsSync(zip)) throw new Error(`${zip} is missing; run "npm run zip" first.`);
  return zip;
}

async function chromeContext(firefox: Firefox): Promise<string> {
  const tree = await firefox.bidi.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {
    'moz:scope': 'chrome',
  });
  const top = tree.contexts[0];
  if (!top) throw new Error('no browser window');
  return top.context;
}

export const test = base.extend<
  { ext: FirefoxExtension; firefoxPrefs: Record<string, string | number | boolean> },
  { servers: FirefoxServers }
>({
  servers: [
    // oxlint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { close, ...servers } = await startDemoServers({
        port: 443,
        cdnBytesPerSecond: CDN_BYTES_PER_SECOND,
      });
      await use(servers);
      await close();
    },
    { scope: 'worker' },
  ],
  firefoxPrefs: [{}, { option: true }],
  ext: async ({ servers, firefoxPrefs }, use, testInfo) => {
    servers.emulator.resetLimits();
    servers.emulator.clearFaults();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-'));
    const options = {
      profileDir: path.join(root, 'profile'),
      downloadDir: path.join(root, 'downloads'),
      prefs: firefoxPrefs,
    };
    fs.mkdirSync(options.downloadDir);
    let firefox = await launchFirefox(options);
    try {
      await firefox.bidi.send('webExtension.install', {
        extensionData: { type: 'archivePath', path: firefoxZip() },
        'moz:permanent': true,
      });
      await use({
        downloadDir: options.downloadDir,
        page: (name) => Tab.open(firefox.bidi, `moz-extension://${EXTENSION_UUID}/${name}.html`),
        open: (url) => Tab.open(firefox.bidi, url),
        async backgroundState() {
          const result = await firefox.bidi.send<{ result?: { value?: unknown } }>('script.evaluate', {
            target: { context: await chromeContext(firefox) },
            expression: `WebExtensionPolicy.getByID(${JSON.stringify(EXTENSION_ID)})?.extension?.backgroundState ?? 'gone'`,
            awaitPromise: false,
          });
          return String(result.result?.value);
        },
        async restart() {
          await firefox.quit();
          firefox = await launchFirefox(options);
        },
      });
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('firefox output', { body: firefox.output(), contentType: 'text/plain' });
      }
      await firefox.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
});

export { expect };
