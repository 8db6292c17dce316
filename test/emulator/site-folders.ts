/**
 * Public folders on the website hosts (1fichier-api.md §7): `/dir/<ID>` and `/<lang>/dir/<ID>`.
 *
 * - `GET ?json=1` → JSON array of `{link, filename, size, password, acl}`; without `json=1` → an
 *   HTML page with the folder name after "Shared folder" ("Dossier partagé" for `fr`).
 * - Password-protected folder: the password comes in a `application/x-www-form-urlencoded` POST
 *   body `json=1&pass=…` (rclone); without it (GET, or POST without `pass`) and with a wrong one the
 *   answer is the 200 HTML page with the password form.
 * - Unknown folder (ids are case-sensitive) → 404 HTML, with or without `json=1`.
 * Not counted by the flood detector (no source says the website listing is rate limited).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findFolder } from './fixtures.ts';
import type { FixtureFile, FixtureFolder } from './fixtures.ts';
import { readRaw } from './request.ts';
import { JSON_TYPE, escapeHtml, htmlPage, send, sendHtml, sendText } from './respond.ts';

const MAX_FORM = 64 * 1024;

/** `/dir/<ID>`, `/<lang>/dir/<ID>` (optional trailing slash); groups: lang, id. */
export const DIR_PATH = /^\/(?:([a-z]{2})\/)?dir\/([A-Za-z0-9]+)\/?$/;

/** One element of the `?json=1` array (§7, JD field names). */
function jsonEntry(f: FixtureFile): Record<string, unknown> {
  return {
    link: f.link,
    filename: f.name,
    size: f.size,
    password: f.password === undefined ? 0 : 1,
    acl: f.acl ? 1 : 0,
  };
}

function folderPage(folder: FixtureFolder, french: boolean): string {
  const title = `${french ? 'Dossier partagé' : 'Shared folder'} ${escapeHtml(folder.name)}`;
  const rows = folder.files
    .map(
      (f) =>
        `<tr><td><a href="${escapeHtml(f.link)}">${escapeHtml(f.name)}</a></td>` +
        `<td class="size" data-bytes="${f.size}">${f.size}</td></tr>`,
    )
    .join('');
  return htmlPage(
    `1fichier.com: ${title}`,
    `<div class="folder-title">${title}</div><table class="premium">${rows}</table>`,
  );
}

function passwordPage(folder: FixtureFolder, wrong: boolean): string {
  return htmlPage(
    '1fichier.com: Protected folder',
    `<p>This folder is protected by a password.</p>` +
      (wrong ? '<p class="error">Invalid password</p>' : '') +
      `<form method="post" action="/dir/${folder.id}">` +
      '<input type="password" name="pass"><input type="submit" value="OK"></form>',
  );
}

/** Handles `/dir/<id>` (method already known to be GET, HEAD or POST). */
export async function handleDir(
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpExecArray,
  query: string,
): Promise<void> {
  const [, lang, id = ''] = match;
  const params = new URLSearchParams(query);
  let form = new URLSearchParams();
  if (req.method === 'POST') {
    const raw = await readRaw(req, MAX_FORM);
    if (raw === undefined) {
      sendText(res, 413, 'Request body too large\n');
      return;
    }
    form = new URLSearchParams(raw.toString('utf8'));
  }
  const folder = findFolder(id);
  if (folder === undefined) {
    sendHtml(res, 404, htmlPage('1fichier.com: Folder not found', '<h1>Folder not found</h1>'));
    return;
  }
  if (folder.password !== undefined) {
    const pass = form.get('pass');
    if (pass === null || pass !== folder.password) {
      sendHtml(res, 200, passwordPage(folder, pass !== null));
      return;
    }
  }
  const json = (form.get('json') ?? params.get('json')) === '1';
  if (json) {
    send(res, 200, JSON_TYPE, JSON.stringify(folder.files.map(jsonEntry)));
    return;
  }
  sendHtml(res, 200, folderPage(folder, (lang ?? params.get('lg')) === 'fr'));
}
