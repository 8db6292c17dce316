/**
 * Website hosts (`1fichier.com`, mirrors, `www.` variants; 1fichier-api.md §1.1, §9.2):
 * `GET /?<id>` answers a small file page, unknown or deleted ids a 404 page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findFile } from './fixtures.ts';
import { escapeHtml, sendHtml, sendText } from './respond.ts';

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

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>\n`;

/** Handles one request to a website host. */
export function handleSite(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method Not Allowed\n');
    return;
  }
  const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
  // `/?<id>` possibly followed by `&af=…`, `&lg=…` (§9.3).
  const id = query.split('&')[0] ?? '';
  if (path !== '/' || !/^[a-z0-9]{5,20}$/i.test(id)) {
    sendHtml(res, 404, page('404 Not Found', '<h1>404 Not Found</h1>'));
    return;
  }
  const file = findFile(id);
  if (file === undefined || file.deleted) {
    sendHtml(
      res,
      404,
      page(
        '1fichier.com: File not found',
        '<h1>File not found</h1><p>The requested file has been deleted or does not exist.</p>',
      ),
    );
    return;
  }
  const name = escapeHtml(file.name);
  const protectedNote =
    file.password === undefined
      ? ''
      : '<p class="protected">Access to this file is protected by a password.</p>';
  sendHtml(
    res,
    200,
    page(
      `1fichier.com: ${name}`,
      `<table class="premium"><tr><td>File name :</td><td class="filename">${name}</td></tr>` +
        `<tr><td>Size :</td><td class="size" data-bytes="${file.size}">${humanSize(file.size)}</td></tr>` +
        `<tr><td>Date :</td><td>${escapeHtml(file.date)}</td></tr></table>${protectedNote}`,
    ),
  );
}
