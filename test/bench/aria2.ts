/**
 * aria2 with 4 connections ÷ aria2 with 1 connection on the emulator's CDN with a per-connection
 * speed cap (what makes several connections worth it on 1Fichier), and the extension's browser
 * download of the same file under the same cap, in one run. Wall time of aria2 = addUri → status
 * `complete`, every file checked byte for byte (sha256).
 *
 * Alone: `npx node --import ./test/support/resolve-ts.ts test/bench/aria2.ts` (the browser figure
 * needs the built extension, `npx wxt build`; without it that figure is left out).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAria2Client, newGid } from '../../utils/transfer/aria2/client.ts';
import { FILES, fileSha256, type Emulator } from '../emulator/index.ts';
import {
  directLink,
  pollUntil,
  startAria2,
  startEmulatorWithProxy,
  type Aria2Process,
} from '../support/aria2.ts';
import { demoPageHtml } from '../support/demo-page.ts';
import { sha256File } from '../support/files.ts';
import { CHROME_EXT_DIR } from '../support/paths.ts';
import { startWebServer } from '../support/web-server.ts';
import { browserRuns } from './throughput.ts';

/** Per-connection cap of the CDN: 1 connection ≈ 8 s for the 64 MiB file. */
export const CAP_BYTES_PER_SECOND = 8 * 1024 * 1024;
const BIG = FILES.big;

export interface Aria2BenchFigures {
  /** Wall seconds per run, 1 connection. */
  one: number[];
  /** Wall seconds per run, 4 connections. */
  four: number[];
  /** The extension's browser download, MB/s per run; undefined when not measured. */
  browser?: number[];
}

export interface Aria2Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const mbps = (seconds: number) => BIG.size / 1e6 / seconds;

/** One aria2 download of the big file with `connections` connections; returns wall seconds. */
async function aria2Run(emulator: Emulator, aria2: Aria2Process, connections: number): Promise<number> {
  emulator.resetLimits();
  const client = createAria2Client({ url: aria2.url, secret: aria2.secret });
  const link = await directLink(emulator, BIG.link);
  const gid = newGid();
  const out = `big-${connections}.bin`;
  const n = String(connections);
  const start = performance.now();
  await client.addUri(link, { gid, out, split: n, 'max-connection-per-server': n, 'min-split-size': '1M' });
  let state = '';
  await pollUntil(
    async () => {
      state = (await client.status(gid))?.status ?? 'unknown';
      return state === 'complete' || state === 'error' || state === 'unknown';
    },
    `aria2 download with ${n} connection(s)`,
    120_000,
    20,
  );
  const seconds = (performance.now() - start) / 1000;
  const file = path.join(aria2.dir, out);
  if (state !== 'complete' || (await sha256File(file)) !== fileSha256(BIG.id, BIG.size)) {
    throw new Error(`aria2 run with ${n} connection(s) ended ${state} without the exact file`);
  }
  fs.rmSync(file);
  await client.remove(gid);
  return seconds;
}

/** Runs the three measurements (`runs` each) on one capped emulator. */
export async function aria2Bench(runs = 3, browser = true): Promise<Aria2BenchFigures> {
  const rig = await startEmulatorWithProxy({ cdnBytesPerSecond: CAP_BYTES_PER_SECOND });
  const aria2 = await startAria2({ proxy: rig.proxy.url });
  const figures: Aria2BenchFigures = { one: [], four: [] };
  try {
    // Interleaved so a slow moment of the shared machine does not weigh on one side only.
    for (let i = 0; i < runs; i += 1) {
      figures.one.push(await aria2Run(rig.emulator, aria2, 1));
      figures.four.push(await aria2Run(rig.emulator, aria2, 4));
    }
    if (browser) {
      const web = await startWebServer();
      try {
        figures.browser = await browserRuns(rig.emulator, web, web.page('/', demoPageHtml()), runs);
      } finally {
        await web.close();
      }
    }
  } finally {
    await aria2.stop();
    await rig.close();
  }
  return figures;
}

/** The rows of results.md. */
export function aria2FigureRows(f: Aria2BenchFigures): Aria2Figure[] {
  const cap = `CDN capped at ${CAP_BYTES_PER_SECOND / 2 ** 20} MiB/s per connection`;
  const one = median(f.one);
  const four = median(f.four);
  const runs = (xs: number[]) => xs.map((x) => round(x, 1)).join(', ');
  const rows: Aria2Figure[] = [
    {
      name: `64 MiB via aria2, 1 connection (${cap}, median of ${f.one.length})`,
      value: round(one, 1),
      unit: 's',
      note: `${round(mbps(one), 1)} MB/s; runs ${runs(f.one)} s`,
    },
    {
      name: `64 MiB via aria2, 4 connections (same cap, median of ${f.four.length})`,
      value: round(four, 1),
      unit: 's',
      note: `${round(mbps(four), 1)} MB/s; runs ${runs(f.four)} s`,
    },
    {
      name: 'aria2 throughput, 4 connections ÷ 1 connection, same file, same run',
      value: round(one / four),
      unit: '×',
      goal: '≥ 3',
    },
  ];
  if (f.browser) {
    const b = median(f.browser);
    rows.push({
      name: `64 MiB via the extension’s browser download (same cap, median of ${f.browser.length})`,
      value: round(b, 1),
      unit: 'MB/s',
      note: `aria2 with 4 connections ÷ browser: ${round(mbps(four) / b)}×; runs ${f.browser.map((x) => round(x, 1)).join(', ')} MB/s`,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const browser = fs.existsSync(path.join(CHROME_EXT_DIR, 'manifest.json'));
  if (!browser) console.log(`(no ${CHROME_EXT_DIR}: run npx wxt build for the browser figure)`);
  for (const f of aria2FigureRows(await aria2Bench(3, browser))) {
    console.log(
      `${f.name}: ${f.value} ${f.unit}${f.goal ? ` (goal ${f.goal})` : ''}${f.note ? ` — ${f.note}` : ''}`,
    );
  }
}
