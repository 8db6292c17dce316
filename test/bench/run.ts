/**
 * `npm run bench`: performance figures as test/bench/results.json and test/bench/results.md.
 * Figures are ratios against a baseline measured in the same run, or absolute figures with the
 * machine noted. Goals are reported, never asserted (design.md, Performance).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/index.ts';
import { demoPageHtml } from '../support/demo-page.ts';
import { CHROMIUM, ROOT } from '../support/paths.ts';
import { startWebServer } from '../support/web-server.ts';
import { gzippedSize, pageScripts } from './sizes.ts';
import { floodRecovery, pacingRun } from './pacing.ts';
import { JOBS, queueFigures } from './queue.ts';
import { scanFigures } from './scan.ts';
import { uiFigureRows, uiFigures } from './ui.ts';
import { browserRuns, curlRun } from './throughput.ts';
import { aria2Bench, aria2FigureRows } from './aria2.ts';
import { unlockCostChromium, unlockCostNode } from './vault.ts';

interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const RUNS = 3;
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const zip = spawnSync('npm', ['run', '--silent', 'zip'], { cwd: ROOT, stdio: 'ignore' });
if (zip.status !== 0) throw new Error('npm run zip failed');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const zipSize = (kind: string) =>
  fs.statSync(path.join(ROOT, '.output', `${pkg.name}-${pkg.version}-${kind}.zip`)).size;
const figures: Figure[] = [
  { name: 'Chrome zip', value: round(zipSize('chrome') / 1024, 1), unit: 'KiB' },
  { name: 'Firefox zip', value: round(zipSize('firefox') / 1024, 1), unit: 'KiB' },
  { name: 'Sources zip', value: round(zipSize('sources') / 1024, 1), unit: 'KiB' },
  {
    name: 'Popup script, gzipped (entry + its chunks)',
    value: round(gzippedSize(pageScripts(path.join(ROOT, '.output', 'chrome-mv3'), 'popup.html')) / 1024, 1),
    unit: 'KiB',
    goal: '≤ 30 kB',
  },
];

const emulator = await startEmulator();
const web = await startWebServer();
const demoUrl = web.page('/', demoPageHtml());
try {
  const curl: number[] = [];
  for (let i = 0; i < RUNS; i += 1) curl.push(await curlRun(emulator));
  const browser = await browserRuns(emulator, web, demoUrl, RUNS);
  figures.push(
    { name: '64 MiB via curl (median of 3)', value: round(median(curl), 1), unit: 'MB/s' },
    {
      name: '64 MiB via the extension’s browser download (median of 3)',
      value: round(median(browser), 1),
      unit: 'MB/s',
    },
    {
      name: 'Browser download ÷ curl, same file, same run',
      value: round(median(browser) / median(curl)),
      unit: '×',
      goal: '≥ 0.9',
      note: `runs: curl ${curl.map((x) => round(x, 0)).join(', ')}; browser ${browser.map((x) => round(x, 0)).join(', ')} MB/s`,
    },
  );
} finally {
  await web.close();
  await emulator.close();
}

// aria2 on a CDN capped per connection: 4 connections ÷ 1, and the browser download under the same cap.
figures.push(...aria2FigureRows(await aria2Bench(RUNS)));

// API pacing at the product's default spacing (1 s) against 1Fichier's published limits.
const pacing = await pacingRun(200, 1_000);
figures.push({
  name: `${pacing.links} download links resolved: achieved ÷ configured API call rate`,
  value: round(pacing.achievedPerSecond / pacing.configuredPerSecond),
  unit: '×',
  goal: '≥ 0.9, zero flood answers',
  note: `${round(pacing.achievedPerSecond, 3)} calls/s for ${pacing.configuredPerSecond}/s configured (1 s spacing); flood answers: ${pacing.floodAnswers}`,
});
const recovery = await floodRecovery(10_000, 1_000);
figures.push({
  name: 'Injected flood lock (10 s) → first successful API call',
  value: round(recovery.seconds, 1),
  unit: 's',
  note: `the first lock of the extension's gate is 30 s; API calls that reached 1Fichier during the lock: ${recovery.apiCallsDuringLock}`,
});

// What a passphrase costs at each unlock (the growing wait comes on top only after wrong ones).
figures.push(
  {
    name: 'Unlock with a passphrase (PBKDF2-SHA-256, 600,000 iterations, + unwrap), Node WebCrypto, median of 5',
    value: round(await unlockCostNode(), 0),
    unit: 'ms',
  },
  {
    name: 'The same key derivation in the extension’s service worker (Chromium), median of 5',
    value: round(await unlockCostChromium(), 0),
    unit: 'ms',
  },
);

// The queue at scale: a worker woken with 10,000 stored jobs, one transition, the job cache's heap.
const queue = await queueFigures();
figures.push(
  {
    name: `Service-worker wake to ready with ${JOBS.toLocaleString('en')} stored jobs (median of 5)`,
    value: round(median(queue.wakeMs), 0),
    unit: 'ms',
    goal: '≤ 200 ms',
    note: `runs ${queue.wakeMs.map((x) => round(x, 0)).join(', ')} ms; from the worker's start to the store loaded, reconciled and pumped`,
  },
  {
    name: 'One job state transition (IndexedDB read + write, median of 200)',
    value: round(queue.transitionMs),
    unit: 'ms',
  },
  {
    name: `Heap of the in-memory copy of ${JOBS.toLocaleString('en')} jobs (Node)`,
    value: round(queue.heapBytes / 2 ** 20, 1),
    unit: 'MiB',
  },
);

// The content script's link scan on a 20,000-anchor page (Chromium, the product's own modules).
figures.push(...(await scanFigures()));

// The queue pages at scale: first render, one progress push with transfers running, scrolling.
figures.push(...uiFigureRows(await uiFigures()));

const chromiumVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    chromium: chromiumVersion,
  },
  figures,
};
const dir = path.join(ROOT, 'test', 'bench');
fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
const table = [
  `Measured ${result.date} on ${result.machine.cpus} cores (${result.machine.cpu}), Node ${result.machine.node}, ${chromiumVersion}.`,
  '',
  '| figure | value | goal | note |',
  '|---|---|---|---|',
  ...figures.map((f) => `| ${f.name} | ${f.value} ${f.unit} | ${f.goal ?? ''} | ${f.note ?? ''} |`),
  '',
].join('\n');
fs.writeFileSync(path.join(dir, 'results.md'), table);
console.log(table);
