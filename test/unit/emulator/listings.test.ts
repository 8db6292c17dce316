import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_TREE, EXTRA_FILES, FILES, KEYS, startEmulator, walkTree } from '../../emulator/index.ts';
import type { Emulator, FixtureFile } from '../../emulator/index.ts';
import { api, fakeClock, token } from './helpers.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const start = async (opts: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> => {
  emu = await startEmulator({ floodMaxInWindow: 10_000, ...opts });
  return emu;
};

const item = (f: FixtureFile) => ({
  filename: f.name,
  cdn: 0,
  acl: f.acl ? 1 : 0,
  checksum: f.checksum,
  size: f.size,
  'content-type': f.contentType,
  pass: f.password === undefined ? 0 : 1,
  url: f.link,
  date: f.date,
});

const KO = (message: string) => ({ status: 'KO', message });
const DOCUMENTS = 1734021;
const ARCHIVES = 1734022;
const ETE = 1734023;
const VIDEOS = 1734030;

describe('account tree fixture', () => {
  it('has numeric ids, a folder nested two levels deep, a share password and no deleted files', () => {
    const all = walkTree(ACCOUNT_TREE);
    expect(all.map((e) => e.path)).toEqual([
      '',
      'Documents',
      'Documents/Archives',
      'Documents/Archives/Été 2024',
      'Videos',
      'Empty',
    ]);
    expect(new Set(all.map((e) => e.folder.id)).size).toBe(all.length);
    expect(all.find((e) => e.folder.id === VIDEOS)?.folder.sharePassword).toBe(true);
    const files = all.flatMap((e) => e.folder.files);
    expect(files.some((f) => f.deleted)).toBe(false);
    expect(files).toEqual(expect.arrayContaining([FILES.unicode, FILES.hostile, FILES.protected]));
  });
});

describe('folder/ls.cgi', () => {
  it('lists the root (default and folder_id 0) with sub_folders and no items', async () => {
    const e = await start();
    const r = await api(e, 'folder/ls.cgi', { folder_id: 0 }, KEYS.premium);
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({
      status: 'OK',
      folder_id: 0,
      name: '',
      create_date: ACCOUNT_TREE.createDate,
      pass: 0,
      sub_folders: [
        { id: DOCUMENTS, name: 'Documents', pass: 0, create_date: '2024-03-10 18:45:00' },
        { id: VIDEOS, name: 'Videos', pass: 1, create_date: '2024-05-20 21:00:00' },
        { id: 1734040, name: 'Empty', pass: 0, create_date: '2024-06-01 07:15:00' },
      ],
    });
    // No body = root too (counted as the same folder, so another key).
    const noBody = await api(e, 'folder/ls.cgi', undefined, KEYS.gold);
    expect(noBody.json.folder_id).toBe(0);
  });

  it('adds items with files:1 and accepts string ids', async () => {
    const e = await start();
    const r = await api(e, 'folder/ls.cgi', { folder_id: String(DOCUMENTS), files: 1 }, KEYS.premium);
    expect(r.json).toMatchObject({ status: 'OK', folder_id: DOCUMENTS, name: 'Documents', pass: 0 });
    expect(r.json.sub_folders).toEqual([
      { id: ARCHIVES, name: 'Archives', pass: 0, create_date: '2024-03-11 08:00:00' },
    ]);
    expect(r.json.items).toEqual([FILES.hostile, FILES.protected, EXTRA_FILES.punctuation].map(item));
    const deepest = await api(e, 'folder/ls.cgi', { folder_id: ETE, files: 1 }, KEYS.premium);
    expect(deepest.json).toMatchObject({
      name: 'Été 2024',
      sub_folders: [],
      items: [item(EXTRA_FILES.restricted)],
    });
  });

  it('answers 404 KO Folder not found for unknown, negative, malformed and other accounts’ ids', async () => {
    const e = await start();
    for (const [folder_id, key] of [
      [999, KEYS.premium],
      [-1, KEYS.premium],
      ['abc', KEYS.premium],
      [1.5, KEYS.premium],
      [DOCUMENTS, KEYS.access],
    ] as const) {
      const r = await api(e, 'folder/ls.cgi', { folder_id }, key);
      expect(r.status, String(folder_id)).toBe(404);
      expect(r.json).toEqual(KO('Folder not found #470'));
    }
  });

  it('gives access and free accounts an empty root', async () => {
    const e = await start();
    for (const key of [KEYS.free, KEYS.access]) {
      const r = await api(e, 'folder/ls.cgi', {}, key);
      expect(r.json).toMatchObject({ status: 'OK', folder_id: 0, sub_folders: [] });
      const files = await api(e, 'file/ls.cgi', { folder_id: -1 }, key);
      expect(files.json).toEqual({ count: 0, items: [], status: 'OK' });
    }
  });
});

describe('file/ls.cgi', () => {
  it('lists one folder in the observed shape (count, items, status)', async () => {
    const e = await start();
    const r = await api(e, 'file/ls.cgi', { folder_id: 0 }, KEYS.premium);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ count: 2, items: [item(FILES.small), item(FILES.unicode)], status: 'OK' });
    expect(Object.keys(r.json)).toEqual(['count', 'items', 'status']);
    const empty = await api(e, 'file/ls.cgi', { folder_id: ARCHIVES }, KEYS.premium);
    expect(empty.json).toEqual({ count: 0, items: [], status: 'OK' });
  });

  it('lists every file of the account with folder_id -1, filtered by sent_before/sent_after', async () => {
    const e = await start();
    const all = walkTree(ACCOUNT_TREE).flatMap((x) => x.folder.files);
    const r = await api(e, 'file/ls.cgi', { folder_id: -1 }, KEYS.premium);
    expect(r.json).toEqual({ count: all.length, items: all.map(item), status: 'OK' });
    const r2 = await api(
      e,
      'file/ls.cgi',
      { folder_id: DOCUMENTS, sent_after: '2025-01-01 00:00:00', sent_before: '2025-06-01 00:00:00' },
      KEYS.premium,
    );
    expect(r2.json.items).toEqual([item(FILES.protected)]);
  });

  it('gives urls get_token.cgi accepts', async () => {
    const e = await start();
    const r = await api(e, 'file/ls.cgi', { folder_id: 0 }, KEYS.gold);
    const items = r.json.items as { url: string }[];
    for (const entry of items)
      expect(await token(e, KEYS.gold, { url: entry.url })).toMatch(/^https:\/\/a-\d+\./);
  });

  it('answers 404 KO for an unknown folder', async () => {
    const e = await start();
    const r = await api(e, 'file/ls.cgi', { folder_id: 4242 }, KEYS.premium);
    expect(r.status).toBe(404);
    expect(r.json).toEqual(KO('Folder not found #470'));
  });
});

describe('listing limits (injected clock)', () => {
  it('allows one listing per folder, key and endpoint per folderListMinIntervalMs, then locks the key', async () => {
    const clock = fakeClock();
    const e = await start({ now: clock.now, floodLockMs: 10_000 });
    // rclone lists every folder with both endpoints back to back: counted apart.
    expect((await api(e, 'file/ls.cgi', { folder_id: DOCUMENTS }, KEYS.premium)).status).toBe(200);
    expect((await api(e, 'folder/ls.cgi', { folder_id: DOCUMENTS }, KEYS.premium)).status).toBe(200);
    // Other folders and other keys are independent.
    expect((await api(e, 'folder/ls.cgi', { folder_id: 0 }, KEYS.premium)).status).toBe(200);
    expect((await api(e, 'folder/ls.cgi', { folder_id: DOCUMENTS }, KEYS.gold)).status).toBe(200);
    clock.advance(29_999);
    const again = await api(e, 'folder/ls.cgi', { folder_id: DOCUMENTS }, KEYS.premium);
    expect(again.status).toBe(403);
    expect(again.json).toEqual(KO('Flood detected: User Locked #223'));
    // The key is now locked for everything, for floodLockMs.
    expect((await api(e, 'file/info.cgi', { url: FILES.small.link }, KEYS.premium)).status).toBe(403);
    expect((await api(e, 'file/info.cgi', { url: FILES.small.link }, KEYS.gold)).status).toBe(200);
    clock.advance(10_000);
    expect((await api(e, 'folder/ls.cgi', { folder_id: DOCUMENTS }, KEYS.premium)).status).toBe(200);
    expect(e.requests.filter((x) => x.flood).length).toBe(2);
  });

  it('allows folder_id -1 once per allFilesMinIntervalMs; resetLimits forgets it', async () => {
    const clock = fakeClock();
    const e = await start({ now: clock.now, floodLockMs: 1000 });
    expect((await api(e, 'file/ls.cgi', { folder_id: -1 }, KEYS.premium)).status).toBe(200);
    clock.advance(3_599_000);
    expect((await api(e, 'file/ls.cgi', { folder_id: -1 }, KEYS.premium)).json.message).toBe(
      'Flood detected: User Locked #223',
    );
    clock.advance(1_000);
    // An hour after the last successful call.
    expect((await api(e, 'file/ls.cgi', { folder_id: -1 }, KEYS.premium)).status).toBe(200);
    e.resetLimits();
    expect((await api(e, 'file/ls.cgi', { folder_id: -1 }, KEYS.premium)).status).toBe(200);
  });

  it('takes both intervals from the options', async () => {
    const clock = fakeClock();
    const e = await start({ now: clock.now, folderListMinIntervalMs: 100, allFilesMinIntervalMs: 200 });
    for (let i = 0; i < 3; i++) {
      expect((await api(e, 'folder/ls.cgi', { folder_id: 0 }, KEYS.premium)).status).toBe(200);
      expect((await api(e, 'file/ls.cgi', { folder_id: -1 }, KEYS.premium)).status).toBe(200);
      clock.advance(200);
    }
  });

  it('does not count failed listings', async () => {
    const clock = fakeClock();
    const e = await start({ now: clock.now });
    expect((await api(e, 'folder/ls.cgi', { folder_id: 31337 }, KEYS.premium)).status).toBe(404);
    expect((await api(e, 'folder/ls.cgi', { folder_id: 31337 }, KEYS.premium)).status).toBe(404);
  });
});
