import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, type Locator, type Page } from '@playwright/test';
import { displayText } from '../../utils/display-text.ts';
import { FILES, type Emulator, type FixtureFile } from '../emulator/index.ts';
import {
  buildRunningFirstQueue,
  downloadsList,
  fileItem,
  saveKey,
  setParallel,
  uiText,
  type Lang,
} from '../support/busy-queue.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { CHROME_EXT_DIR } from '../support/paths.ts';

const expect = baseExpect.configure({ timeout: 30_000 });

export interface CaptureOptions {
  emulator: Emulator;
  /** The forum page with 1Fichier links (some of them in the queue). */
  pageUrl: string;
  /** Large files queued first (the first paused, the others running): Parallel downloads = their count. */
  first: readonly FixtureFile[];
  /** Large files queued last: the first takes the last slot, the others stay Queued. */
  later: readonly FixtureFile[];
  outDir: string;
  lang: Lang;
}

type Size = { width: number; height: number };
interface Shot {
  name: 'popup' | 'manager' | 'options' | 'page';
  page: Page;
  /** What must be on screen before the picture is taken. */
  ready: () => Promise<void>;
  fullPage?: boolean;
}

const SCHEMES = ['light', 'dark'] as const;
/** Every running download at least this far (percent) before the pictures. */
const MIDWAY = 15;

async function open(ext: ExtensionBrowser, url: string, size: Size): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize(size);
  await page.goto(url);
  return page;
}

/** Waits until `count` items are downloading, each at least MIDWAY percent along its progress bar. */
async function midway(page: Page, lang: Lang, count: number): Promise<void> {
  const bars = downloadsList(page)
    .getByRole('listitem')
    .filter({ hasText: uiText(lang)('statusDownloading') })
    .getByRole('progressbar');
  await expect
    .poll(
      async () => {
        const values = await bars.evaluateAll((els) => els.map((e) => (e as HTMLProgressElement).value));
        return values.length === count && values.every((v) => v >= MIDWAY);
      },
      { timeout: 120_000 },
    )
    .toBe(true);
}

/** A downloading item with its progress bar, speed and time left is visible. */
async function downloading(page: Page, lang: Lang): Promise<void> {
  const m = uiText(lang);
  const item: Locator = downloadsList(page)
    .getByRole('listitem')
    .filter({ hasText: m('statusDownloading') });
  await expect(item.first().getByRole('progressbar')).toBeVisible();
  // Its speed is known (two byte counts apart): the row shows speed and time left, as in real use.
  await expect(item.first()).toContainText(/\/s · /);
}

/**
 * One browser in `lang`: the key saved, the busy queue built through the popup, then popup, manager
 * (when this build has one), options and the forum page in light and dark. Returns the files written.
 */
export async function captureLocale(opts: CaptureOptions): Promise<string[]> {
  const { lang } = opts;
  const m = uiText(lang);
  opts.emulator.resetLimits();
  const ext = await launchExtensionBrowser({ resolverRules: opts.emulator.resolverRules(), locale: lang });
  const written: string[] = [];
  try {
    const options = await saveKey(ext, lang);
    await options.setViewportSize({ width: 1280, height: 900 });
    const base = `chrome-extension://${ext.extensionId}`;
    const popup = await open(ext, `${base}/popup.html`, { width: 420, height: 600 });
    await setParallel(options, lang, opts.first.length);
    await buildRunningFirstQueue(popup, lang, opts.first, opts.later);
    await midway(popup, lang, opts.first.length);
    await popup.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();

    const shots: Shot[] = [{ name: 'popup', page: popup, ready: () => downloading(popup, lang) }];
    if (fs.existsSync(path.join(CHROME_EXT_DIR, 'manager.html'))) {
      const manager = await open(ext, `${base}/manager.html`, { width: 1280, height: 800 });
      shots.push({
        name: 'manager',
        page: manager,
        ready: async () => {
          await expect(fileItem(manager, FILES.big)).toContainText(m('statusPaused'));
          await downloading(manager, lang);
        },
      });
    } else {
      console.warn('manager.html is not in this build: no manager screenshots');
    }
    shots.push({
      name: 'options',
      page: options,
      fullPage: true,
      ready: () => expect(options.getByRole('status')).toContainText('Premium'),
    });
    const page = await open(ext, opts.pageUrl, { width: 1280, height: 800 });
    // A click on the small file's button (already in the queue, from the folder): the button tells.
    // Its accessible name ends with the file name in every language.
    const small = page.getByRole('button', { name: new RegExp(`${displayText(FILES.small.name)}$`) });
    await small.click();
    shots.push({
      name: 'page',
      page,
      ready: () => expect(small).toHaveAttribute('data-state', /^(?!ready$|busy$)/),
    });

    for (const shot of shots) {
      await shot.page.bringToFront();
      for (const scheme of SCHEMES) {
        await shot.page.emulateMedia({ colorScheme: scheme });
        await shot.ready();
        const file = path.join(opts.outDir, `${shot.name}-${scheme}-${lang}.png`);
        await shot.page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
        written.push(file);
      }
    }
  } finally {
    await ext.close();
  }
  return written;
}
