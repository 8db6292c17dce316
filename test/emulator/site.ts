/**
 * Website hosts (`1fichier.com`, mirrors, `www.` variants; 1fichier-api.md §1.1, §9.2):
 * - `GET /?<id>`: a small file page, unknown or deleted ids a 404 page;
 * - `/dir/<ID>`, `/<lang>/dir/<ID>`: public folders (site-folders.ts, §7);
 * - `POST /check_links.pl`: mass link check (check-links.ts, §8).
 * Other paths answer 404, other methods 405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCheckLinks } from './check-links.ts';
import { findFile } from './fixtures.ts';
import { escapeHtml, htmlPage, sendHtml, sendText } from './respond.ts';
import { DIR_PATH, handleDir } from './site-folders.ts';
import type { EmulatorState } from './state.ts';

/** Human size the way file pages show it. */
function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(2)} ${units[unit]}`;
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendText(res, 405, 'Method Not Allowed\n');
}

/** `GET /?<id>`: the file page. */
function filePage(res: ServerResponse, query: string): void {
  // `/?<id>` possibly followed by `&af=…`, `&lg=…` (§9.3).
  const id = query.split('&')[0] ?? '';
  const file = /^[a-z0-9]{5,20}$/i.test(id) ? findFile(id) : undefined;
  if (file === undefined || file.deleted) {
    sendHtml(
      res,
      404,
      htmlPage(
        '1fichier.com: File not found',
        '<h1>File not found</h1><p>The requested file has been deleted or does not exist.</p>',
      ),
    );
    return;
  }
  const name = escapeHtml(file.name);
  const protectedNote =
    file.password !== undefined
      ? '<p class="protected">Access to this file is protected by a password.</p>'
      : file.acl
        ? '<p class="protected">This file is protected.</p>'
        : '';
  sendHtml(
    res,
    200,
    htmlPage(
      `1fichier.com: ${name}`,
      `<table class="premium"><tr><td>File name :</td><td class="filename">${name}</td></tr>` +
        `<tr><td>Size :</td><td class="size" data-bytes="${file.size}">${humanSize(file.size)}</td></tr>` +
        `<tr><td>Date :</td><td>${escapeHtml(file.date)}</td></tr></table>${protectedNote}`,
    ),
  );
}

/** Handles one request to a website host. */
export async function handleSite(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
  const method = req.method ?? '';
  if (path === '/check_links.pl') {
    if (method === 'POST') await handleCheckLinks(state, req, res);
    else notAllowed(res, 'POST');
    return;
  }
  const dir = DIR_PATH.exec(path);
  if (dir) {
    if (method === 'GET' || method === 'HEAD' || method === 'POST') await handleDir(req, res, dir, query);
    else notAllowed(res, 'GET, HEAD, POST');
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    notAllowed(res, 'GET, HEAD');
    return;
  }
  if (path !== '/') {
    sendHtml(res, 404, htmlPage('404 Not Found', '<h1>404 Not Found</h1>'));
    return;
  }
  filePage(res, query);
}
