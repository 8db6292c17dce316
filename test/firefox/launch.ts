/**
 * Starts Debian's firefox-esr headless with a test profile and opens a WebDriver BiDi session
 * (platform-notes.md §8). Firefox runs in its own process group, so `kill()` also ends its content
 * processes; a profile can be reused by a second launch (a browser restart).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Bidi } from './bidi.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The moz-extension:// UUID the profile gives our add-on (so its pages have a fixed origin). */
export const EXTENSION_UUID = '7e1f1c4e-0d1f-4a55-9c1e-1f1c4e0d1f4a';
export const EXTENSION_ID = 'downloader-for-1fichier@extension';

export interface FirefoxOptions {
  profileDir: string;
  downloadDir: string;
  /** Extra prefs, e.g. `extensions.background.idle.timeout`. */
  prefs?: Record<string, string | number | boolean>;
}

export interface Firefox {
  bidi: Bidi;
  /** Ends the session and the browser gracefully (downloads are stopped as on a normal quit). */
  quit(): Promise<void>;
  /** Ends the browser at once (SIGKILL of its process group). */
  kill(): Promise<void>;
  /** Everything Firefox printed, for a failure message. */
  output(): string;
}

function prefLine(name: string, value: string | number | boolean): string {
  return `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`;
}

/** Writes user.js: downloads without asking into `downloadDir`, every host on 127.0.0.1, no chatter. */
export function writeProfile(options: FirefoxOptions): void {
  fs.mkdirSync(options.profileDir, { recursive: true });
  const prefs: Record<string, string | number | boolean> = {
    'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: EXTENSION_UUID }),
    // Unsigned add-ons may be installed permanently (firefox-esr honours it), so the add-on and
    // its IndexedDB survive a browser restart.
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'browser.download.dir': options.downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.panel.shown': true,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    // Every host name resolves to 127.0.0.1: https://api.1fichier.com/ reaches the emulator on 443.
    'network.dns.forceResolve': '127.0.0.1',
    'network.dns.disableIPv6': true,
    'network.proxy.type': 0,
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'browser.sessionstore.resume_from_crash': false,
    ...options.prefs,
  };
  const lines = Object.entries(prefs).map(([k, v]) => prefLine(k, v));
  fs.writeFileSync(`${options.profileDir}/user.js`, `${lines.join('\n')}\n`);
}

function waitForBidiUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      buffer += text;
      const match = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(buffer);
      if (match?.[1]) {
        child.stderr?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`firefox exited (${code ?? signal}) before BiDi was ready:\n${log.join('')}`)),
    );
  });
}

/** Starts Firefox on the profile (written first) and opens a BiDi session accepting the test certificate. */
export async function launchFirefox(options: FirefoxOptions): Promise<Firefox> {
  writeProfile(options);
  const log: string[] = [];
  const child = spawn(
    FIREFOX,
    [
      '--headless',
      '--no-remote',
      '--profile',
      options.profileDir,
      // 0: a free port, printed on stderr.
      '--remote-debugging-port=0',
      // Needed for BiDi to open moz-extension:// pages (platform-notes.md §8).
      '--remote-allow-system-access',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Without MOZ_REMOTE_SETTINGS_DEVTOOLS Firefox's own remote-settings traffic would reach the emulator.
      env: { ...process.env, MOZ_HEADLESS: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
    }
  };
  try {
    const url = await waitForBidiUrl(child, log);
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const bidi = await Bidi.connect(`${url}/session`);
    await bidi.send('session.new', {
      capabilities: { alwaysMatch: { acceptInsecureCerts: true, unhandledPromptBehavior: 'ignore' } },
    });
    return {
      bidi,
      async quit() {
        // browser.close ends the session and quits like the user closing the last window.
        await bidi.send('browser.close').catch(() => undefined);
        bidi.close();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        await kill();
      },
      async kill() {
        bidi.close();
        await kill();
      },
      output: () => log.join(''),
    };
  } catch (error) {
    await kill();
    throw error;
  }
}
