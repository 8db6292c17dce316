import { FILES, KEYS } from '../emulator/index.ts';
import { escapeHtml } from './web-server.ts';

function item(href: string, text: string, note: string): string {
  return `<li><a href="${escapeHtml(href)}">${escapeHtml(text)}</a> <small>${escapeHtml(note)}</small></li>`;
}

/**
 * A forum-like page full of 1Fichier links (the demo and the end-to-end tests use it). Each link's
 * text is the file name, so its button is named `Download with 1Fichier: <name>`.
 */
export function demoPageHtml(): string {
  const f = FILES;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo forum — 1Fichier links</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px}
code{background:#eef;padding:2px 4px;border-radius:4px}small{color:#666}.key{border:1px solid #ccd;padding:8px 12px;border-radius:8px}</style>
</head><body>
<h1>Demo forum: files shared on 1Fichier</h1>
<p class="key">Demo Premium API key for the emulator: <code id="demo-key">${KEYS.premium}</code><br>
Paste it in the extension's settings (<em>API key</em>, then <em>Save key</em>), then click the
<strong>⬇ 1Fichier</strong> button next to any link.</p>
<ul>
${item(f.small.link, f.small.name, 'small text file')}
${item(f.big.link + '&af=123456', f.big.name, '64 MiB, affiliate suffix')}
${item(f.unicode.link.replace('https://', 'http://www.'), f.unicode.name, 'unicode name, http + www.')}
${item(f.hostile.link, f.hostile.name, 'hostile name (HTML, forbidden characters, bidi override)')}
${item(f.protected.link, f.protected.name, 'password-protected (password: ' + (f.protected.password ?? '') + ')')}
${item(f.deleted.link, f.deleted.name, 'deleted file')}
</ul>
<p>Not 1Fichier (no button expected): <a href="https://example.org/?abcdefghij0123456789">example.org</a>,
<a href="https://1fichier.com.evil.example/?abcdefghij0123456789">look-alike domain</a>.</p>
</body></html>`;
}
