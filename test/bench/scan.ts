/**
 * The content script's link scan in Debian Chromium (headless), with the product's own modules
 * (utils/page/*) bundled by rolldown into an IIFE for this page only; `wxt/browser` is a stub (no
 * extension here: the scan never sends a message). Everything runs in the page's main world, where
 * a content script has its own isolated world: DOM costs are the same, JS wrappers are per world.
 *
 * The page: 20,000 anchors (posts of a forum-like page), 1,800 of them 1Fichier file and folder
 * links in every form (`/?id`, `&af=`, `&lg=`, old `<id>.1fichier.com`, mirror domains, http,
 * folders `/dir/ID` and `/fr/dir/ID`), 200 of those in hidden posts (display:none), plus 200 URLs
 * written as plain text. Every measurement starts from a freshly parsed body (no JS wrapper exists
 * yet, as for a content script arriving at document_idle) whose style and layout are up to date.
 *
 * Run alone: `npx node --import ./test/support/resolve-ts.ts test/bench/scan.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { rolldown } from 'rolldown';
import { CHROMIUM, ROOT } from '../support/paths.ts';

const ANCHORS = 20_000;
const LINK_ANCHORS = 1_800;
const TEXT_LINKS = 200;
const BATCHES = 50;
const BATCH_NODES = 100;

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A 1Fichier file id / folder id for link `i` (alphanumerics, within the parser's lengths). */
const fileId = (i: number) => `f${i.toString(36).padStart(7, '0')}`;
const folderId = (i: number) => `D${i.toString(36).padStart(7, '0')}`;

/** Link `i` in one of the forms people write. */
function onefichierHref(i: number): string {
  const forms = [
    () => `https://1fichier.com/?${fileId(i)}`,
    () => `https://1fichier.com/?${fileId(i)}&af=123456`,
    () => `http://${fileId(i)}.1fichier.com/`,
    () => `https://www.alterupload.com/?${fileId(i)}`,
    () => `https://megadl.fr/?${fileId(i)}&lg=en`,
    () => `http://desfichiers.com/?${fileId(i)}`,
    () => `https://1fichier.com/dir/${folderId(i)}`,
    () => `https://1fichier.com/fr/dir/${folderId(i)}`,
    () => `https://dl4free.com/?${fileId(i)}#files`,
  ];
  return forms[i % forms.length]!();
}

function otherHref(i: number): string {
  const forms = [
    () => `https://forum.example/thread/${i}`,
    () => `/post/${i}#reply`,
    () => `https://example.org/search?q=file${i}`,
    () => `https://cdn.example.net/img/${i}.png`,
    () => `#comment-${i}`,
  ];
  return forms[i % forms.length]!();
}

/** The bench page's body: 2,000 posts of 10 anchors each, some with text URLs or the word 1fichier. */
export function scanPageBody(): string {
  const posts: string[] = [];
  const perPost = ANCHORS / 2_000;
  const linkEvery = ANCHORS / LINK_ANCHORS;
  let link = 0;
  let text = 0;
  for (let p = 0; p < 2_000; p += 1) {
    const items: string[] = [];
    for (let k = 0; k < perPost; k += 1) {
      const i = p * perPost + k;
      const isLink = link < LINK_ANCHORS && Math.floor((i + 1) / linkEvery) > link;
      const href = isLink ? onefichierHref(link) : otherHref(i);
      if (isLink) link += 1;
      items.push(`<li><a href="${href}">file-${i}.part${k}.rar</a> <small>(${i % 97} MB)</small></li>`);
    }
    const hidden = p % 10 === 9;
    const words =
      p % 10 === 0 && text < TEXT_LINKS
        ? `Mirror: https://1fichier.com/?${fileId(100_000 + text++)} (same archive)`
        : p % 20 === 5
          ? 'Reupload on 1fichier soon, the old host is gone.'
          : 'Thanks for sharing, works fine here. Password is the usual one.';
    const list = `<ul${hidden ? ' style="display:none"' : ''}>${items.join('')}</ul>`;
    posts.push(`<article><h3>Post ${p}</h3><p>${words}</p>${list}</article>`);
  }
  return `<main>${posts.join('\n')}</main><div id="more"></div>`;
}

const STUB = `export const browser = {
  i18n: { getMessage: (key, subs) => key + (subs ? ' ' + [].concat(subs).join(' ') : ''), getUILanguage: () => 'en' },
  runtime: { id: 'bench', sendMessage: async () => ({ ok: true, value: {} }), onMessage: { addListener() {}, removeListener() {} } },
};`;

/** The bench's entry: the product's read pass, and the full scanner with buttons. */
const pageModule = (p: string) => JSON.stringify(path.join(ROOT, 'utils', 'page', p));

function entrySource(): string {
  const mod = pageModule;
  return `import { readPass, startScanner } from ${mod('scanner.ts')};
import { createRegistry } from ${mod('registry.ts')};
import { isRendered } from ${mod('rendered.ts')};
const nothingYet = { entryOf: () => undefined, doneText: new WeakSet() };
globalThis.dl1fBench.scanner = {
  find(checkRendered) {
    const r = readPass([document], nothingYet, 5000, checkRendered ? isRendered : () => true);
    return r.anchors.length + r.texts.length;
  },
  start() {
    const registry = createRegistry({ doc: document, max: 5000, enqueue: async () => ({ found: 0, added: 0, duplicates: 0, problems: [] }) });
    let added = 0;
    const scanner = startScanner({ doc: document, registry, onAdded: (e) => { added += e.length; } });
    return { added: () => added, stop() { scanner.stop(); registry.clear(); } };
  },
};`;
}

export async function bundleScanner(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-bench-'));
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, entrySource());
  try {
    const bundle = await rolldown({
      input: entry,
      logLevel: 'silent',
      plugins: [
        {
          name: 'stub-wxt-browser',
          resolveId: (id) => (id === 'wxt/browser' ? '\0stub-browser' : undefined),
          load: (id) => (id === '\0stub-browser' ? STUB : undefined),
        },
      ],
    });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    return output[0].code;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Timers and MutationObserver callbacks timed in the page (the scanner's only way to run later). */
const INSTRUMENT = `(() => {
  const bench = window.dl1fBench;
  const now = () => performance.now();
  const realTimeout = window.setTimeout.bind(window);
  window.setTimeout = (fn, ms, ...args) => realTimeout(() => { const t = now(); try { fn(...args); } finally { bench.cpu += now() - t; } }, ms);
  const MO = window.MutationObserver;
  window.MutationObserver = class extends MO {
    constructor(cb) { super((records, o) => { const t = now(); try { cb(records, o); } finally { bench.cpu += now() - t; } }); }
  };
})();`;

export interface ScanFigures {
  /** Medians, ms. */
  walk: number;
  walkByTag: number;
  find: number;
  findNoVisibility: number;
  scanInject: number;
  scanInjectLayout: number;
  found: number;
  buttons: number;
  /** Scanner cost per added node (µs): first 5 and last 5 batches. */
  perNodeFirst: number;
  perNodeLast: number;
  batchButtons: number;
  /** V8 heap growth after GC (bytes). */
  heapWalk: number;
  heapScan: number;
  runs: number;
}

/** What the bench keeps on the page's `window.dl1fBench`. */
interface PageBench {
  html: string;
  cpu: number;
  keep?: unknown;
  reset(): Promise<void>;
  scanner: { find(checkRendered: boolean): number; start(): RunningScan };
  scan?: RunningScan;
}

interface RunningScan {
  added(): number;
  stop(): void;
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/** Runs the measurements; `runs` measured runs of each (after 2 warm-up runs), medians reported. */
export async function scanBench(runs = 9): Promise<ScanFigures> {
  const code = await bundleScanner();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>`,
    );
    await page.evaluate(`window.dl1fBench = { html: ${JSON.stringify(scanPageBody())}, cpu: 0 };
      window.dl1fBench.reset = async () => {
        document.body.innerHTML = window.dl1fBench.html;
        window.gc();
        document.body.getBoundingClientRect();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      };`);
    await page.addScriptTag({ content: INSTRUMENT });
    await page.addScriptTag({ content: code });
    const measure = (what: string) =>
      page.evaluate(async (w) => {
        const g = (globalThis as unknown as { dl1fBench: PageBench }).dl1fBench;
        await g.reset();
        const t0 = performance.now();
        let n = 0;
        let extra = 0;
        if (w === 'walk') {
          for (const a of document.querySelectorAll('a')) n += a.href.length;
        } else if (w === 'walkByTag') {
          const all = document.getElementsByTagName('a');
          for (let i = 0; i < all.length; i += 1) n += all[i]!.href.length;
        } else if (w === 'find') {
          n = g.scanner.find(true);
        } else if (w === 'findNoVisibility') {
          n = g.scanner.find(false);
        } else {
          const s = g.scanner.start();
          const t1 = performance.now();
          document.body.getBoundingClientRect();
          extra = performance.now() - t0;
          n = s.added();
          s.stop();
          return { ms: t1 - t0, n, extra };
        }
        return { ms: performance.now() - t0, n, extra };
      }, what);
    const kinds = ['walk', 'walkByTag', 'find', 'findNoVisibility', 'scanInject'] as const;
    const times: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
    const layout: number[] = [];
    let found = 0;
    let buttons = 0;
    for (let r = 0; r < runs + 2; r += 1) {
      // Rotated so no kind always runs first or last.
      for (let k = 0; k < kinds.length; k += 1) {
        const kind = kinds[(k + r) % kinds.length]!;
        const { ms, n, extra } = await measure(kind);
        if (r < 2) continue;
        times[kind]!.push(ms);
        if (kind === 'find') found = n;
        if (kind === 'scanInject') {
          buttons = n;
          layout.push(extra);
        }
      }
    }

    // Heap: a bare walk, then the full scan with its buttons (after GC each time).
    await page.evaluate('dl1fBench.reset()');
    const h0 = await heapUsed(page);
    await page.evaluate(`dl1fBench.keep = Array.from(document.querySelectorAll('a'), (a) => a.href.length)`);
    const h1 = await heapUsed(page);
    await page.evaluate('dl1fBench.keep = undefined; dl1fBench.reset()');
    const h2 = await heapUsed(page);
    await page.evaluate('dl1fBench.scan = dl1fBench.scanner.start()');
    const h3 = await heapUsed(page);

    // Added nodes: 50 batches of 100 list items, one in ten a 1Fichier link, each batch its own task.
    const batches = await page.evaluate(
      async ({ batches: nb, size }) => {
        const g = (globalThis as unknown as { dl1fBench: PageBench }).dl1fBench;
        const scan = g.scan!;
        const more = document.getElementById('more')!;
        const costs: number[] = [];
        const before = scan.added();
        for (let b = 0; b < nb; b += 1) {
          const ul = document.createElement('ul');
          more.append(ul);
          await Promise.resolve();
          await new Promise((r) => setTimeout(r, 0));
          g.cpu = 0;
          for (let i = 0; i < size; i += 1) {
            const li = document.createElement('li');
            const n = b * size + i;
            const href =
              i % 10 === 0
                ? `https://1fichier.com/?added${n.toString(36).padStart(6, '0')}`
                : `https://forum.example/p/${n}`;
            li.innerHTML = `<a href="${href}">added ${n}</a> <small>reply text ${n}</small>`;
            ul.append(li);
          }
          await Promise.resolve();
          await new Promise((r) => setTimeout(r, 0));
          await new Promise((r) => setTimeout(r, 0));
          costs.push(g.cpu);
        }
        return { costs, buttons: scan.added() - before };
      },
      { batches: BATCHES, size: BATCH_NODES },
    );
    const perNode = (xs: number[]) => (mean(xs) / BATCH_NODES) * 1000;
    return {
      walk: median(times.walk!),
      walkByTag: median(times.walkByTag!),
      find: median(times.find!),
      findNoVisibility: median(times.findNoVisibility!),
      scanInject: median(times.scanInject!),
      scanInjectLayout: median(layout),
      found,
      buttons,
      perNodeFirst: perNode(batches.costs.slice(0, 5)),
      perNodeLast: perNode(batches.costs.slice(-5)),
      batchButtons: batches.buttons,
      heapWalk: h1 - h0,
      heapScan: h3 - h2,
      runs,
    };
  } finally {
    await browser.close();
  }
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The figures for test/bench/run.ts. */
export async function scanFigures(): Promise<Figure[]> {
  const f = await scanBench();
  const baseline = Math.min(f.walk, f.walkByTag);
  const base = `20,000 anchors, 2,000 1Fichier links; bare walk ${round(f.walk)} ms (querySelectorAll) / ${round(f.walkByTag)} ms (getElementsByTagName), medians of ${f.runs}`;
  return [
    {
      name: 'Link scan (find + classify, hidden links skipped) ÷ bare anchor walk reading href',
      value: round(f.find / baseline),
      unit: '×',
      goal: '≤ 1.5',
      note: `${round(f.find)} ms, ${f.found} links get a button (1,600 anchors + 200 text URLs; the 200 hidden ones are skipped); ${base}`,
    },
    {
      name: 'The same without the rendered check (checkVisibility on candidates)',
      value: round(f.findNoVisibility / baseline),
      unit: '×',
      note: `${round(f.findNoVisibility)} ms`,
    },
    {
      name: 'Full scan + injecting the buttons ÷ bare anchor walk',
      value: round(f.scanInject / baseline),
      unit: '×',
      note: `${round(f.scanInject)} ms for ${f.buttons} buttons; ${round(f.scanInjectLayout)} ms with the browser's next style and layout`,
    },
    {
      name: 'Added nodes: scanner cost per node, first 5 batches → last 5 of 50 × 100',
      value: round(f.perNodeLast / f.perNodeFirst),
      unit: '× (last ÷ first)',
      note: `${round(f.perNodeFirst, 1)} µs → ${round(f.perNodeLast, 1)} µs per added node; ${f.batchButtons} buttons added`,
    },
    {
      name: 'JS heap growth of the full scan with its buttons (after GC)',
      value: round(f.heapScan / 2 ** 20, 2),
      unit: 'MiB',
      note: `a bare walk keeping nothing grows it by ${round(f.heapWalk / 2 ** 20, 2)} MiB (anchor wrappers)`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await scanFigures();
  for (const f of figures)
    console.log(`${f.name}: ${f.value} ${f.unit}${f.goal ? ` (goal ${f.goal})` : ''} — ${f.note ?? ''}`);
}
