import { FILES, FOLDERS, type FixtureFile } from '../emulator/index.ts';
import { escapeHtml } from '../support/web-server.ts';

const item = (href: string, text: string, note: string) =>
  `<li><a href="${escapeHtml(href)}">${escapeHtml(text)}</a> <small>${escapeHtml(note)}</small></li>`;

const mib = (f: FixtureFile) => `${Math.round(f.size / 1024 / 1024)} MiB`;

/**
 * An ordinary forum thread sharing 1Fichier links (some of them already in the queue, so their
 * buttons show live states), light or dark as the reader prefers.
 */
export function threadPageHtml(large: readonly FixtureFile[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weekend uploads — forum</title>
<meta name="color-scheme" content="light dark">
<style>html { background: Canvas; color: CanvasText; }
body { font: 15px/1.6 system-ui, sans-serif; max-width: 760px; margin: 24px auto; padding: 0 16px; }
small { opacity: 0.75; } .post { border: 1px solid GrayText; border-radius: 8px; padding: 4px 16px; }</style>
</head><body><main><h1>Weekend uploads</h1>
<article class="post"><p><strong>alice</strong> wrote:</p>
<p>Here is everything from the trip, mirrored on 1Fichier:</p><ul>
${large.map((f) => item(f.link, f.name, mib(f))).join('\n')}
${item(FILES.big.link, FILES.big.name, mib(FILES.big))}
${item(FILES.small.link, FILES.small.name, 'notes')}
</ul>
<p>The whole pack as a folder: <a href="${escapeHtml(FOLDERS.public.link)}">${escapeHtml(FOLDERS.public.name)}</a></p>
<p>Old link (removed since): <a href="${escapeHtml(FILES.deleted.link)}">${escapeHtml(FILES.deleted.name)}</a></p>
</article></main></body></html>`;
}
