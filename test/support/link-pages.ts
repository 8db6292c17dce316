import { EXTRA_FILES, FILES, FOLDERS } from '../emulator/index.ts';
import { escapeHtml } from './web-server.ts';

/**
 * The fixture pages of the one-click tests: 1Fichier links in every place a forum or blog puts
 * them (a list, a table, plain text, a mirror domain with decorations, the old sub-domain form, a
 * folder), next to links that must get no button, and a cross-origin iframe.
 */
export const TOP_LINKS = {
  small: { href: FILES.small.link, text: FILES.small.name },
  hostile: { href: `https://megadl.fr/?${FILES.hostile.id.toUpperCase()}&af=3601079`, text: 'mirror copy' },
  big: { href: `http://${FILES.big.id}.1fichier.com/`, text: FILES.big.name },
  deleted: { href: `https://www.1fichier.com/?${FILES.deleted.id}&lg=en`, text: FILES.deleted.name },
  folder: { href: FOLDERS.public.link, text: 'the whole pack' },
} as const;

/** Written as plain text (not a link): it gets a button too, labelled with the URL. */
export const TEXT_URL = `https://alterupload.com/?${EXTRA_FILES.punctuation.id}`;

/** Buttons the top document shows: five anchors and one text URL. */
export const TOP_BUTTONS = Object.keys(TOP_LINKS).length + 1;

const anchor = (l: { href: string; text: string }) =>
  `<a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a>`;

export function linksPageHtml(iframeSrc: string): string {
  const L = TOP_LINKS;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Links page</title>
<style>body { font: 15px sans-serif; } td { border: 1px solid #999; padding: 2px 6px; }</style></head><body>
<h1>Release thread</h1>
<main id="main">
  <ul><li>${anchor(L.small)}</li><li>${anchor(L.hostile)}</li></ul>
  <table><tr><td>${anchor(L.big)}</td><td>64 MB</td></tr><tr><td>${anchor(L.deleted)}</td><td>gone</td></tr></table>
  <p>Mirror (copy and paste): ${escapeHtml(TEXT_URL)} — thanks!</p>
  <p>Everything: ${anchor(L.folder)}</p>
  <p>Not for us: <a href="https://example.com/?abcdefghij">example</a>,
    <a href="https://1fichier.com.evil.example/?abcdefghij">look-alike</a>,
    <a href="https://a-1.1fichier.com/p123456">direct</a>.</p>
</main>
<section id="spa"></section>
<iframe id="frame" src="${escapeHtml(iframeSrc)}" width="500" height="120"></iframe>
</body></html>`;
}

/** The iframe's document (another origin): one link. */
export const FRAME_FILE = FILES.unicode;

export function framePageHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>
<p>Embedded: <a href="${escapeHtml(FRAME_FILE.link)}">${escapeHtml(FRAME_FILE.name)}</a></p></body></html>`;
}
