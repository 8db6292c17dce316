import { test as base, type Page } from '@playwright/test';
import { displayText } from '../../utils/display-text.ts';
import { startEmulator, type Emulator, type FixtureFile } from '../emulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';

/**
 * The fixtures of the specs that drive the queue from the popup and the manager: one emulator per
 * worker with its CDN capped at `bytesPerSecond` (so a big file is still running while the test
 * acts on it), a fresh browser for every test.
 */
export function cappedCdnTest(bytesPerSecond: number) {
  return base.extend<{ ext: ExtensionBrowser }, { emulator: Emulator }>({
    emulator: [
      // oxlint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const emulator = await startEmulator({ cdnBytesPerSecond: bytesPerSecond });
        await use(emulator);
        await emulator.close();
      },
      { scope: 'worker' },
    ],
    ext: async ({ emulator }, use) => {
      emulator.resetLimits();
      const ext = await launchExtensionBrowser({ resolverRules: emulator.resolverRules() });
      await use(ext);
      await ext.close();
    },
  });
}

/** The `Downloads` list of the popup or the manager. */
export const queueList = (page: Page) => page.getByRole('list', { name: 'Downloads' });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A file's item: its name once known, its link (with the file id) before. */
export const queueItem = (page: Page, file: FixtureFile) =>
  queueList(page)
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`${escapeRe(displayText(file.name))}|${file.id}`) });

/** Pastes links into `Add links` and presses `Add`. */
export async function addLinks(page: Page, ...links: string[]): Promise<void> {
  await page.getByRole('textbox', { name: 'Add links' }).fill(links.join('\n'));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}
