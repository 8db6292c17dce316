import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FILES, KEYS, fileSha256, type Emulator } from '../emulator/index.ts';
import { directLink } from '../support/aria2.ts';
import { launchExtensionBrowser } from '../support/chromium.ts';
import { sha256File } from '../support/files.ts';
import type { WebServer } from '../support/web-server.ts';

const BIG = FILES.big;

/** curl writing the file to disk; returns MB/s (1 MB = 10^6 bytes). */
export async function curlRun(emulator: Emulator): Promise<number> {
  emulator.resetLimits();
  const url = new URL(await directLink(emulator, BIG.link));
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-curl-')), 'big.bin');
  // Asynchronous spawn: the emulator runs in this process and must keep serving meanwhile.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('curl', [
      '-sSk',
      '--connect-to',
      `${url.hostname}:443:127.0.0.1:${emulator.port}`,
      '-o',
      out,
      '-w',
      '%{time_total}',
      url.href,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const seconds = Number(run.stdout);
  const ok = run.status === 0 && (await sha256File(out)) === fileSha256(BIG.id, BIG.size);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  if (!ok || !(seconds > 0)) throw new Error(`curl run failed: ${run.stderr}`);
  return BIG.size / 1e6 / seconds;
}

/**
 * The 64 MiB file through the product path (button click → get_token → downloads.download); the
 * transfer time is the browser's own startTime → endTime of that download. Returns MB/s per run.
 */
export async function browserRuns(
  emulator: Emulator,
  web: WebServer,
  demoUrl: string,
  runs: number,
): Promise<number[]> {
  void web;
  const ext = await launchExtensionBrowser({ resolverRules: emulator.resolverRules() });
  const speeds: number[] = [];
  try {
    emulator.resetLimits();
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByRole('textbox', { name: 'API key' }).fill(KEYS.premium);
    await options.getByRole('button', { name: 'Save key' }).click();
    await options.getByRole('status').filter({ hasText: 'Premium' }).waitFor();
    const page = await ext.context.newPage();
    await page.goto(demoUrl);
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const item = popup
      .getByRole('list', { name: 'Downloads' })
      .getByRole('listitem')
      .filter({ hasText: BIG.name });
    for (let i = 0; i < runs; i += 1) {
      await page.getByRole('button', { name: `Download with 1Fichier: ${BIG.name}` }).click();
      await item.filter({ hasText: 'Completed' }).waitFor({ timeout: 120_000 });
      const sw = await ext.serviceWorker();
      const times = await sw.evaluate(async () => {
        const c = (
          globalThis as unknown as {
            chrome: {
              downloads: {
                search(q: object): Promise<{ startTime: string; endTime?: string; state: string }[]>;
              };
            };
          }
        ).chrome;
        const [d] = await c.downloads.search({ orderBy: ['-startTime'], limit: 1 });
        return d ? { start: Date.parse(d.startTime), end: Date.parse(d.endTime ?? '') } : undefined;
      });
      const file = path.join(ext.downloadDir, BIG.name);
      if (!times || !(times.end > times.start) || (await sha256File(file)) !== fileSha256(BIG.id, BIG.size)) {
        throw new Error('browser run did not produce the exact file');
      }
      speeds.push(BIG.size / 1e6 / ((times.end - times.start) / 1000));
      fs.rmSync(file);
      await item.getByRole('button', { name: 'Remove' }).click();
      await item.waitFor({ state: 'detached' });
      await page.reload();
    }
  } finally {
    await ext.close();
  }
  return speeds;
}
