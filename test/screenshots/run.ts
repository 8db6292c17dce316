/**
 * `npm run screenshots`: builds the Chrome extension, starts the emulator (CDN capped so large
 * files stay mid-way) and a page server, and renders the real pages with a busy queue — popup,
 * manager, options and a forum page with buttons; light and dark; English and French — into
 * docs/screenshots/, with docs/screenshots/README.md indexing them. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FILES, startEmulator } from '../emulator/index.ts';
import { largeFiles } from '../support/busy-queue.ts';
import { ROOT } from '../support/paths.ts';
import { startWebServer } from '../support/web-server.ts';
import { captureLocale } from './capture.ts';
import { indexMarkdown } from './index-page.ts';
import { threadPageHtml } from './page.ts';

const MIB = 1024 * 1024;
const OUT = path.join(ROOT, 'docs', 'screenshots');

const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) throw new Error('wxt build failed');
fs.mkdirSync(OUT, { recursive: true });

// 2 MiB/s per download: the 160 MiB files take over a minute, long enough for every picture.
const emulator = await startEmulator({ cdnBytesPerSecond: 2 * MIB });
const web = await startWebServer();
const large = largeFiles(5, 160 * MIB);
const pageUrl = web.page('/thread.html', threadPageHtml(large));
const written: string[] = [];
try {
  for (const lang of ['en', 'fr'] as const) {
    written.push(
      ...(await captureLocale({
        emulator,
        pageUrl,
        first: [FILES.big, ...large.slice(0, 3)],
        later: large.slice(3),
        outDir: OUT,
        lang,
      })),
    );
  }
} finally {
  await web.close();
  await emulator.close();
}
const names = written.map((f) => path.basename(f));
fs.writeFileSync(path.join(OUT, 'README.md'), indexMarkdown(names));
for (const f of written)
  console.log(`wrote ${path.relative(ROOT, f)} (${(fs.statSync(f).size / 1024).toFixed(0)} KiB)`);
console.log(`wrote ${path.relative(ROOT, path.join(OUT, 'README.md'))}`);
