import path from 'node:path';
import { FILES, KEYS } from '../emulator/index.ts';
import type { ExtensionBrowser } from '../support/chromium.ts';

/** The demo's unattended tour: save the key, download two files from the page, show the popup. */
export async function runTour(ext: ExtensionBrowser, demoUrl: string, outDir: string): Promise<string[]> {
  const shots: string[] = [];
  const shot = async (page: import('@playwright/test').Page, name: string) => {
    const file = path.join(outDir, name);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
  };

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByRole('textbox', { name: 'API key' }).fill(KEYS.premium);
  await options.getByRole('button', { name: 'Save key' }).click();
  await options.getByRole('status').filter({ hasText: 'Premium' }).waitFor();
  await shot(options, 'options.png');

  const page = await ext.context.newPage();
  await page.goto(demoUrl);
  for (const file of [FILES.small, FILES.unicode]) {
    await page.getByRole('button', { name: `Download with 1Fichier: ${file.name}` }).click();
  }
  // The state is shown beside the button, inside the same host element.
  await page
    .locator('dl1f-button')
    .filter({ has: page.getByRole('button', { name: `Download with 1Fichier: ${FILES.unicode.name}` }) })
    .filter({ hasText: /Queued|Downloading|Completed/ })
    .waitFor();
  await shot(page, 'demo-page.png');

  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 380, height: 420 });
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const list = popup.getByRole('list', { name: 'Downloads' });
  for (const file of [FILES.small, FILES.unicode]) {
    await list
      .getByRole('listitem')
      .filter({ hasText: file.name })
      .filter({ hasText: 'Completed' })
      .waitFor({ timeout: 30_000 });
  }
  await shot(popup, 'popup.png');
  return shots;
}
