/**
 * The real client and pacer against the emulator, over real HTTPS: every call, every key type,
 * every fault. Hosts stay the real 1Fichier ones; emulatorFetch routes them to the emulator.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOneFichierClient, type OneFichierClient } from '../../../utils/onefichier/client';
import type { ErrorKind } from '../../../utils/onefichier/errors';
import { parseFolderLink } from '../../../utils/onefichier/links.ts';
import { createPacer, type BreakerState } from '../../../utils/onefichier/pacer';
import {
  ACCOUNT_TREE,
  EXTRA_FILES,
  FILES,
  FOLDERS,
  KEYS,
  fileSha256,
  startEmulator,
  walkTree,
  type Emulator,
  type FaultName,
} from '../../emulator/index.ts';
import { emulatorFetch, type EmulatorFetchLog } from '../../support/emulator-fetch.ts';
import { failure, kindOf } from './failure';

let emu: Emulator;
let gate: BreakerState | undefined;
let log: EmulatorFetchLog[];
let client: OneFichierClient;
let testStart = 0;
/**
 * Emulator log entries of requests that arrived during the current test (an abandoned request of an
 * earlier test may be logged late, when its socket closes).
 */
const seen = () => emu.requests.filter((r) => Date.parse(r.ts) >= testStart);
const apiCount = () => seen().filter((r) => r.host === 'api.1fichier.com').length;

function makeClient(timeoutMs = 5_000): OneFichierClient {
  const pacer = createPacer({
    store: { load: async () => gate, save: async (s) => void (gate = s) },
    // The flood rules are relaxed below; these tests look at answers, not at pacing.
    minSpacingMs: 0,
    backoffBaseMs: 5,
  });
  return createOneFichierClient({ pacer, fetch: emulatorFetch(emu.port, log), timeoutMs });
}

beforeAll(async () => {
  emu = await startEmulator({ floodMaxInWindow: 1_000 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  // Log times are in ms: start this test in a later millisecond than anything logged so far.
  const last = Math.max(0, ...emu.requests.map((r) => Date.parse(r.ts)));
  while (Date.now() <= last) await new Promise((r) => setImmediate(r));
  emu.clearFaults();
  emu.resetLimits();
  gate = undefined;
  log = [];
  client = makeClient();
  testStart = Date.now();
});

describe('accounts', () => {
  it.each([
    ['premium', KEYS.premium, { kind: 'premium', email: 'premium@emulator.test' }],
    ['gold', KEYS.gold, { kind: 'gold', cdnGb: 12.5 }],
    ['access', KEYS.access, { kind: 'access' }],
    ['free', KEYS.free, { kind: 'free' }],
  ])('user/info: %s', async (_name, key, expected) => {
    expect(await client.userInfo(key)).toMatchObject(expected);
  });

  it('an invalid key is refused on every call, never retried', async () => {
    expect(await kindOf(client.userInfo(KEYS.invalid))).toBe('invalidKey');
    expect(await kindOf(client.getToken(KEYS.invalid, FILES.small.link))).toBe('invalidKey');
    expect(seen().filter((r) => r.host === 'api.1fichier.com')).toHaveLength(2);
  });

  it('a free key cannot get a download link', async () => {
    expect(await kindOf(client.getToken(KEYS.free, FILES.small.link))).toBe('freeAccount');
  });

  it('user/info twice within a minute from one address is a flood; the pacer then holds every call', async () => {
    await client.userInfo(KEYS.premium);
    const err = await failure(client.userInfo(KEYS.gold));
    expect(err.kind).toBe('flood');
    expect(gate?.until).toBeGreaterThan(Date.now());
    const before = seen().length;
    expect(await kindOf(client.getToken(KEYS.premium, FILES.small.link))).toBe('flood');
    expect(seen().length).toBe(before);
  });
});

describe('files and download links', () => {
  it('file/info of a live file', async () => {
    expect(await client.fileInfo(KEYS.premium, FILES.unicode.link)).toMatchObject({
      name: FILES.unicode.name,
      size: FILES.unicode.size,
      passwordProtected: false,
    });
  });

  it('a deleted file is not found, on both calls', async () => {
    expect(await kindOf(client.fileInfo(KEYS.premium, FILES.deleted.link))).toBe('notFound');
    expect(await kindOf(client.getToken(KEYS.premium, FILES.deleted.link))).toBe('notFound');
  });

  it('a password-protected file: not allowed without the password, then missing / wrong / right', async () => {
    const link = FILES.protected.link;
    expect(await kindOf(client.fileInfo(KEYS.premium, link))).toBe('notAllowed');
    expect(await client.fileInfo(KEYS.premium, link, FILES.protected.password)).toMatchObject({
      passwordProtected: true,
    });
    expect(await kindOf(client.getToken(KEYS.premium, link))).toBe('passwordRequired');
    expect(await kindOf(client.getToken(KEYS.premium, link, { pass: 'nope' }))).toBe('passwordWrong');
    const url = await client.getToken(KEYS.premium, link, { pass: FILES.protected.password });
    expect(url).toMatch(/^https:\/\/a-\d+\.1fichier\.com\/p\d+$/);
  });

  it('a restricted file is not allowed', async () => {
    expect(await kindOf(client.getToken(KEYS.premium, EXTRA_FILES.restricted.link))).toBe('notAllowed');
  });

  it('the direct link serves the exact bytes, without the key', async () => {
    const url = await client.getToken(KEYS.premium, FILES.unicode.link);
    const response = await emulatorFetch(emu.port, log)(url);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      fileSha256(FILES.unicode.id, FILES.unicode.size),
    );
    const apiCalls = log.filter((l) => l.url.startsWith('https://api.1fichier.com/'));
    expect(apiCalls.every((l) => l.headers.authorization === `Bearer ${KEYS.premium}`)).toBe(true);
    const others = log.filter((l) => !l.url.startsWith('https://api.1fichier.com/'));
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((l) => 'authorization' in l.headers)).toBe(false);
  });

  it('no_ssl gives an http:// link; cdn is accepted by the GOLD account', async () => {
    expect(await client.getToken(KEYS.premium, FILES.small.link, { noSsl: true })).toMatch(/^http:\/\//);
    expect(await client.getToken(KEYS.gold, FILES.small.link, { cdn: true })).toMatch(/^https:\/\//);
  });

  it('a mirror-domain link works the same', async () => {
    const url = await client.getToken(KEYS.premium, `https://www.megadl.fr/?${FILES.small.id}&af=123`);
    expect(url).toMatch(/1fichier\.com\/p\d+$/);
  });
});

describe('the account’s own folders', () => {
  it('folder/ls of the root with files, and every sub-folder', async () => {
    const root = await client.listFolder(KEYS.premium, 0, { files: true });
    expect(root.subFolders.map((f) => f.name)).toEqual(ACCOUNT_TREE.folders.map((f) => f.name));
    expect(root.files?.map((f) => f.name)).toEqual(ACCOUNT_TREE.files.map((f) => f.name));
    expect(root.subFolders.find((f) => f.name === 'Videos')?.passwordProtected).toBe(true);
    for (const { folder } of walkTree(ACCOUNT_TREE).slice(1)) {
      const listed = await client.listFolder(KEYS.premium, folder.id, { files: true });
      expect(listed.name).toBe(folder.name);
      expect(listed.files?.map((f) => [f.name, f.size])).toEqual(folder.files.map((f) => [f.name, f.size]));
      expect(listed.skipped).toBe(0);
    }
  });

  it('file/ls -1: every file of the account, once', async () => {
    const all = walkTree(ACCOUNT_TREE).flatMap(({ folder }) => folder.files);
    const list = await client.listFiles(KEYS.premium, -1);
    expect(list.files.map((f) => f.key).toSorted()).toEqual(all.map((f) => f.id).toSorted());
    // A second ask within the hour is answered from the cache, so 1Fichier's limit is never hit.
    await client.listFiles(KEYS.premium, -1);
    expect(seen().filter((r) => r.path === '/v1/file/ls.cgi')).toHaveLength(1);
  });

  it('an unknown folder id', async () => {
    expect(await kindOf(client.listFolder(KEYS.premium, 999_999))).toBe('folderNotFound');
  });
});

describe('public folders', () => {
  it('lists the shared files, names exactly as uploaded', async () => {
    const folder = await client.publicFolder({ domain: '1fichier.com', id: FOLDERS.public.id });
    expect(folder.skipped).toBe(0);
    expect(folder.entries.map((e) => [e.key, e.name, e.size])).toEqual(
      FOLDERS.public.files.map((f) => [f.id, f.name, f.size]),
    );
    expect(folder.entries.find((e) => e.key === FILES.protected.id)?.passwordProtected).toBe(true);
    expect(log.every((l) => !('authorization' in l.headers))).toBe(true);
  });

  it('a folder link on a mirror domain is read from 1fichier.com (the host we have permission for)', async () => {
    const link = parseFolderLink(`https://www.alterupload.com/en/dir/${FOLDERS.public.id}?lg=en`);
    expect(link).toMatchObject({ domain: 'alterupload.com', id: FOLDERS.public.id });
    const folder = await client.publicFolder(link!);
    expect(folder.entries.map((e) => e.key)).toEqual(FOLDERS.public.files.map((f) => f.id));
    expect(log.map((l) => l.url)).toEqual([`https://1fichier.com/dir/${FOLDERS.public.id}?json=1`]);
    expect(seen().map((r) => r.host)).toEqual(['1fichier.com']);
  });

  it('a protected folder: asks for the password, refuses a wrong one, lists with the right one', async () => {
    const id = { domain: '1fichier.com', id: FOLDERS.protected.id };
    expect(await kindOf(client.publicFolder(id))).toBe('folderPasswordRequired');
    expect(await kindOf(client.publicFolder(id, 'wrong'))).toBe('folderPasswordWrong');
    const folder = await client.publicFolder(id, FOLDERS.protected.password);
    expect(folder.entries.map((e) => e.name)).toEqual(FOLDERS.protected.files.map((f) => f.name));
  });

  it('empty, unknown and wrong-case ids', async () => {
    expect((await client.publicFolder({ domain: '1fichier.com', id: FOLDERS.empty.id })).entries).toEqual([]);
    expect(await kindOf(client.publicFolder({ domain: '1fichier.com', id: 'Zz9Zz9Zz' }))).toBe(
      'folderNotFound',
    );
    const lower = FOLDERS.public.id.toLowerCase();
    expect(await kindOf(client.publicFolder({ domain: '1fichier.com', id: lower }))).toBe('folderNotFound');
  });
});

describe('check_links.pl', () => {
  it('name, size and state of every kind of link, names decoded', async () => {
    const files = [...Object.values(FILES), ...Object.values(EXTRA_FILES)];
    const result = await client.checkLinks([
      ...files.map((f) => f.link),
      'https://1fichier.com/?zz0zz0zz0zz0zz0zz0zz',
    ]);
    for (const f of files) {
      const check = result.get(f.id);
      if (f.deleted) expect(check, f.name).toEqual({ state: 'notFound' });
      else if (f.password !== undefined || f === EXTRA_FILES.restricted)
        expect(check, f.name).toEqual({ state: 'private' });
      else expect(check, f.name).toEqual({ state: 'online', name: f.name, size: f.size });
    }
    expect(result.get('zz0zz0zz0zz0zz0zz0zz')?.state).toMatch(/notFound|badLink/);
  });

  it('250 links: three requests of at most 100', async () => {
    const links = Array.from(
      { length: 250 },
      (_, i) => `https://1fichier.com/?x${String(i).padStart(19, '0')}`,
    );
    const result = await client.checkLinks(links);
    expect(result.size).toBe(250);
    expect(seen().filter((r) => r.path.startsWith('/check_links.pl'))).toHaveLength(3);
  });

  it('an IP lock answers "IP Locked": a flood for the pacer', async () => {
    emu.lockFlood(60_000, 'ip');
    expect(await kindOf(client.checkLinks([FILES.small.link]))).toBe('flood');
    expect(gate?.kind).toBe('flood');
  });
});

describe('faults', () => {
  it.each<[FaultName, ErrorKind, number]>([
    // Transient failures get two more attempts from the pacer (3 requests); final ones only one.
    ['http500', 'server', 3],
    ['malformedJson', 'malformedResponse', 3],
    ['reset', 'network', 3],
    ['html', 'maintenance', 1],
    ['flood', 'flood', 1],
  ])('%s → %s after %i request(s)', async (fault, kind, requests) => {
    emu.setFault(fault, true);
    expect(await kindOf(client.getToken(KEYS.premium, FILES.small.link))).toBe(kind);
    expect(apiCount()).toBe(requests);
  });

  it('down: a network error, three attempts, nothing logged by the emulator', async () => {
    emu.setFault('down', true);
    expect(await kindOf(client.userInfo(KEYS.premium))).toBe('network');
    expect(log.filter((l) => l.url.includes('user/info'))).toHaveLength(3);
  });

  it('hang: the client gives up at its timeout, once', async () => {
    emu.setFault('hang', true);
    client = makeClient(300);
    expect(await kindOf(client.getToken(KEYS.premium, FILES.small.link))).toBe('timeout');
    expect(log).toHaveLength(1);
  });

  it.each<[FaultName, ErrorKind, number]>([
    ['http503', 'maintenance', 120_000],
    ['http429', 'flood', 45_000],
  ])(
    '%s: Retry-After closes the gate for that long, and nothing is sent meanwhile',
    async (fault, kind, ms) => {
      emu.setFault(fault, true);
      const t = Date.now();
      const err = await failure(client.getToken(KEYS.premium, FILES.small.link));
      expect(err.kind).toBe(kind);
      expect(err.retryAt).toBeGreaterThanOrEqual(t + ms);
      expect(err.retryAt).toBeLessThan(t + ms + 5_000);
      emu.clearFaults();
      expect(await kindOf(client.userInfo(KEYS.premium))).toBe(kind);
      expect(apiCount()).toBe(1);
    },
  );

  it('an injected flood lock: one flood answer, then no API call until the gate opens', async () => {
    const lock = emu.lockFlood(60_000, 'ip');
    expect(await kindOf(client.getToken(KEYS.premium, FILES.small.link))).toBe('flood');
    for (let i = 0; i < 5; i++)
      expect(await kindOf(client.fileInfo(KEYS.premium, FILES.small.link))).toBe('flood');
    const during = emu.apiCallsBetween(lock.from, lock.until);
    expect(during).toHaveLength(1);
    expect(during[0]!.flood).toBe(true);
    expect(gate).toMatchObject({ kind: 'flood', lockMs: 30_000 });
  });
});
