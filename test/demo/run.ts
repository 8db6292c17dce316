/**
 * `npm run demo`: builds the extension, starts the 1Fichier emulator and a demo page full of
 * 1Fichier links, and opens Chromium with the extension, every 1Fichier host resolved to the
 * emulator. `npm run demo -- --headless` (or no display) runs the same tour unattended and writes
 * screenshots of the options page, the demo page with its buttons, and the popup.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { KEYS, startEmulator } from '../emulator/index.ts';
import { launchExtensionBrowser } from '../support/chromium.ts';
import { demoPageHtml } from '../support/demo-page.ts';
import { ROOT } from '../support/paths.ts';
import { startWebServer } from '../support/web-server.ts';
import { runTour } from './tour.ts';

const wantHeadless = process.argv.includes('--headless');
const headless = wantHeadless || !process.env.DISPLAY;
if (!wantHeadless && headless)
  console.log('No display found (DISPLAY is unset): running the headless tour instead.');

const build = spawnSync('wxt', ['build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const outDir = path.join(ROOT, '.output', 'demo');
fs.rmSync(outDir, { recursive: true, force: true });
const downloadDir = path.join(outDir, 'downloads');
fs.mkdirSync(downloadDir, { recursive: true });

const emulator = await startEmulator({ logFile: path.join(outDir, 'emulator-requests.jsonl') });
const web = await startWebServer();
const demoUrl = web.page('/', demoPageHtml());
const ext = await launchExtensionBrowser({ resolverRules: emulator.resolverRules(), headless, downloadDir });

async function shutdown(code: number): Promise<never> {
  await ext.close();
  await web.close();
  await emulator.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

console.log(`\nEmulator on 127.0.0.1:${emulator.port}; demo page ${demoUrl}`);
console.log(`Demo Premium key: ${KEYS.premium}`);
console.log(`Downloads go to ${downloadDir}`);

if (headless) {
  try {
    const shots = await runTour(ext, demoUrl, outDir);
    console.log('\nScreenshots:');
    for (const shot of shots) console.log(`  ${shot}`);
    await shutdown(0);
  } catch (err) {
    console.error(`Demo tour failed: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
} else {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(demoUrl);
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  console.log('\nChromium is open: paste the demo key in Settings, then click ⬇ 1Fichier on the demo page.');
  console.log('The popup is at the puzzle icon in the toolbar. Close the browser or press Ctrl+C to stop.');
  ext.context.on('close', () => void shutdown(0));
}
