/**
 * The account's own folders: folder/ls.cgi (§3.4) and file/ls.cgi (§3.3), with the listing limits
 * of §3.3/§5.1 (see flood.ts). Every account has a fixed tree (fixtures.ts `ACCOUNT_TREE`).
 */
import type { AccountFolder, FixtureFile } from './fixtures.ts';
import { flag } from './api-endpoints.ts';
import type { ApiCall } from './api-endpoints.ts';
import { MSG } from './messages.ts';
import { sendJson, sendKo } from './respond.ts';

/** "List folders is limited to 5 000 results" (api.html, §3.3). */
const MAX_RESULTS = 5000;

/** `folder_id` of a request body: absent/null/'' = root; integers or integer strings; else NaN. */
function folderIdOf(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value);
  return Number.NaN;
}

/** The folder with this id in `root`'s tree. */
function findIn(root: AccountFolder, id: number): AccountFolder | undefined {
  if (root.id === id) return root;
  for (const sub of root.folders) {
    const hit = findIn(sub, id);
    if (hit) return hit;
  }
  return undefined;
}

/** Every file of a tree, folder by folder (depth first). */
function allFiles(root: AccountFolder): FixtureFile[] {
  return [...root.files, ...root.folders.flatMap(allFiles)];
}

/** One file of a listing (§3.3 observed order); `acl` here is a 0/1 flag, not the info.cgi object. */
export function fileItem(file: FixtureFile): Record<string, unknown> {
  return {
    filename: file.name,
    cdn: 0,
    acl: file.acl ? 1 : 0,
    checksum: file.checksum,
    size: file.size,
    'content-type': file.contentType,
    pass: file.password === undefined ? 0 : 1,
    url: file.link,
    date: file.date,
  };
}

/** Resolves `body.folder_id` in the caller's tree, or answers the KO and returns undefined. */
function folderOf(call: ApiCall, allowAll: boolean): { id: number; folder?: AccountFolder } | undefined {
  const id = folderIdOf(call.body.folder_id);
  if (allowAll && id === -1) return { id };
  const folder = Number.isNaN(id) ? undefined : findIn(call.account.tree, id);
  if (folder === undefined) {
    // Invented: no source shows the answer for a folder id that is not the caller's.
    sendKo(call.res, 404, MSG.folderNotFound);
    return undefined;
  }
  return { id, folder };
}

/**
 * `folder/ls.cgi` `{folder_id?, files?}` → `{status, folder_id, name, create_date, pass,
 * sub_folders[], items?}` (§3.4, §14). `sub_folders` is `[]` when there are none.
 */
export function folderLs(call: ApiCall): void {
  const { state, res, body, key } = call;
  const found = folderOf(call, false);
  if (!found?.folder) return;
  const { id, folder } = found;
  if (state.flood.listingTooSoon(key, 'folder/ls', id)) {
    sendKo(res, 403, MSG.userLocked);
    return;
  }
  sendJson(
    res,
    200,
    {
      status: 'OK',
      folder_id: folder.id,
      name: folder.name,
      create_date: folder.createDate,
      pass: folder.sharePassword ? 1 : 0,
      sub_folders: folder.folders.slice(0, MAX_RESULTS).map((f) => ({
        id: f.id,
        name: f.name,
        pass: f.sharePassword ? 1 : 0,
        create_date: f.createDate,
      })),
      ...(flag(body.files) ? { items: folder.files.slice(0, MAX_RESULTS).map(fileItem) } : {}),
    },
    flag(body.pretty),
  );
}

/** A `sent_before` / `sent_after` date (`YYYY-MM-DD HH:MM:SS`, compared as text). */
function dateBound(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(value)
    ? value
    : undefined;
}

/**
 * `file/ls.cgi` `{folder_id?, sent_before?, sent_after?}` → `{count, items[], status}` (§3.3, in
 * the order of the observed dump); `folder_id: -1` lists every file of the account.
 */
export function fileLs(call: ApiCall): void {
  const { state, res, body, key, account } = call;
  const found = folderOf(call, true);
  if (!found) return;
  const { id, folder } = found;
  if (state.flood.listingTooSoon(key, 'file/ls', id)) {
    sendKo(res, 403, MSG.userLocked);
    return;
  }
  const before = dateBound(body.sent_before);
  const after = dateBound(body.sent_after);
  const files = (folder ? folder.files : allFiles(account.tree))
    .filter((f) => (before === undefined || f.date < before) && (after === undefined || f.date > after))
    .slice(0, MAX_RESULTS);
  sendJson(res, 200, { count: files.length, items: files.map(fileItem), status: 'OK' }, flag(body.pretty));
}
