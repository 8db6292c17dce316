/**
 * A real client validates the emulator: Debian's rclone (1.60), whose 1Fichier backend was written
 * against the live service with hard-coded hosts, talks to the emulator through the CONNECT proxy
 * (HTTPS_PROXY) and trusts the emulator's certificate (SSL_CERT_FILE). Every test gets a fresh
 * emulator with the DEFAULT limits and asserts that rclone never got a flood answer.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_TREE,
  API_HOST,
  EXTRA_FILES,
  FILES,
  FOLDERS,
  KEYS,
  fileSha256,
  startEmulator,
  walkTree,
} from '../../emulator/index.ts';
import type { Emulator, FixtureFile } from '../../emulator/index.ts';
import { startConnectProxy } from '../../support/connect-proxy.ts';
import type { ConnectProxy } from '../../support/connect-proxy.ts';

const CERT = new URL('../../emulator/certs/cert.pem', import.meta.url).pathname;
const COMMAND_TIMEOUT_MS = 45_000;
const TEST_TIMEOUT_MS = 60_000;

/** The rclone executable on PATH (or $RCLONE), undefined when missing. */
function findRclone(): string | undefined {
  const candidates = process.env.RCLONE
    ? [process.env.RCLONE]
    : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'rclone'));
  return candidates.find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const rclone = findRclone();
let emu: Emulator;
let proxy: ConnectProxy;
let work: string;

beforeEach(async () => {
  // In beforeEach (not beforeAll) so that every test is reported as failed, never as skipped.
  if (rclone === undefined) {
    throw new Error(
      'rclone is not installed (not on PATH): these tests need the Debian package `rclone`, which ' +
        '.ci/run installs (apt-get install rclone). They fail rather than skip on purpose.',
    );
  }
  emu = await startEmulator();
  proxy = await startConnectProxy({ targetPort: emu.port });
  work = mkdtempSync(join(tmpdir(), 'rclone-emu-'));
});

afterEach(async () => {
  await proxy?.close();
  await emu?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * Runs rclone asynchronously (the emulator lives on this event loop) with a clean environment:
 * no config file, the proxy, the emulator's certificate as the only trusted root, the premium key
 * from the environment (kept out of argv). Killed after `COMMAND_TIMEOUT_MS`.
 */
function run(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(rclone ?? 'rclone', [...args, '--retries', '1', '--low-level-retries', '2'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: work,
        RCLONE_CONFIG: '/dev/null',
        RCLONE_CACHE_DIR: join(work, 'cache'),
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        SSL_CERT_FILE: CERT,
        RCLONE_FICHIER_API_KEY: KEYS.premium,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rclone ${args.join(' ')} timed out after ${COMMAND_TIMEOUT_MS} ms\n${stderr}`));
    }, COMMAND_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs rclone and expects exit code 0. */
async function ok(args: string[]): Promise<string> {
  const r = await run(args);
  expect(r.code, `rclone ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

interface LsEntry {
  Path: string;
  Name: string;
  Size: number;
  IsDir: boolean;
  MimeType: string;
}

const byPath = (a: { Path: string }, b: { Path: string }): number => (a.Path < b.Path ? -1 : 1);

/** No request of this test was answered as flood, and every API call succeeded. */
function expectNoFlood(): void {
  expect(emu.requests.filter((e) => e.flood)).toEqual([]);
  const api = emu.requests.filter((e) => e.host === API_HOST);
  expect(api.filter((e) => e.status !== 200)).toEqual([]);
  expect(proxy.connects.filter((c) => !c.allowed)).toEqual([]);
}

const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The local copy of each fixture file is byte-exact. */
function expectCopies(dir: string, files: FixtureFile[]): void {
  expect(readdirSync(dir).toSorted()).toEqual(files.map((f) => f.name).toSorted());
  for (const f of files) expect(sha256File(join(dir, f.name)), f.name).toBe(fileSha256(f.id, f.size));
}

describe('rclone 1Fichier backend against the emulator', () => {
  it(
    'lsjson -R lists the premium account tree (names, sizes, directories)',
    async () => {
      const listing = (JSON.parse(await ok(['lsjson', '-R', ':fichier:'])) as LsEntry[]).toSorted(byPath);
      const expected = walkTree(ACCOUNT_TREE)
        .flatMap(({ path, folder }) => [
          ...(path === '' ? [] : [{ Path: path, Name: folder.name, Size: -1, IsDir: true }]),
          ...folder.files.map((f) => ({
            Path: path === '' ? f.name : `${path}/${f.name}`,
            Name: f.name,
            Size: f.size,
            IsDir: false,
          })),
        ])
        .toSorted(byPath);
      expect(listing.map(({ Path, Name, Size, IsDir }) => ({ Path, Name, Size, IsDir }))).toEqual(expected);
      expect(listing.find((e) => e.Name === FILES.small.name)?.MimeType).toBe(FILES.small.contentType);
      expectNoFlood();
      // rclone lists each folder once with file/ls.cgi and once with folder/ls.cgi.
      const paths = emu.requests.map((e) => e.path).toSorted();
      const folders = walkTree(ACCOUNT_TREE).length;
      expect(paths).toEqual([
        ...Array<string>(folders).fill('/v1/file/ls.cgi'),
        ...Array<string>(folders).fill('/v1/folder/ls.cgi'),
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'copies the root files byte-exact (unicode name included); its Whirlpool check passes',
    async () => {
      const dest = join(work, 'root');
      await ok(['copy', ':fichier:', dest, '--max-depth', '1']);
      expectCopies(dest, [FILES.small, FILES.unicode]);
      // rclone compares the listing's `checksum` with the Whirlpool it computes itself.
      const sums = await ok(['hashsum', 'whirlpool', dest]);
      for (const f of [FILES.small, FILES.unicode]) expect(sums).toContain(`${f.checksum}  ${f.name}`);
      expectNoFlood();
      expect(emu.requests.filter((e) => e.path === '/v1/download/get_token.cgi')).toHaveLength(2);
      expect(emu.requests.filter((e) => /^a-\d+\.1fichier\.com$/.test(e.host))).toHaveLength(2);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'copies a sub-folder with hostile names and a password-protected file (--fichier-file-password)',
    async () => {
      const dest = join(work, 'docs');
      await ok([
        'copy',
        ':fichier:Documents',
        dest,
        '--max-depth',
        '1',
        '--fichier-file-password',
        'secret6',
      ]);
      expectCopies(dest, [FILES.hostile, FILES.protected, EXTRA_FILES.punctuation]);
      expectNoFlood();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lists the public folder with --fichier-shared-folder (website JSON, no API call)',
    async () => {
      const listing = JSON.parse(
        await ok(['lsjson', ':fichier:', '--fichier-shared-folder', FOLDERS.public.id]),
      ) as LsEntry[];
      expect(listing.map(({ Path, Size, IsDir }) => ({ Path, Size, IsDir })).toSorted(byPath)).toEqual(
        FOLDERS.public.files.map((f) => ({ Path: f.name, Size: f.size, IsDir: false })).toSorted(byPath),
      );
      expect(emu.requests.map((e) => `${e.method} ${e.host}${e.path}`)).toEqual([
        `GET 1fichier.com/dir/${FOLDERS.public.id}?json=1`,
      ]);
      expectNoFlood();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lists the protected folder with the right --fichier-folder-password, fails without or with a wrong one',
    async () => {
      // rclone 1.60 sends this option verbatim (it never reveals an obscured value), so the plain
      // password goes on the command line.
      const right = JSON.parse(
        await ok([
          'lsjson',
          ':fichier:',
          '--fichier-shared-folder',
          FOLDERS.protected.id,
          '--fichier-folder-password',
          'folderpass6',
        ]),
      ) as LsEntry[];
      expect(right.map((e) => [e.Path, e.Size]).toSorted()).toEqual(
        FOLDERS.protected.files.map((f) => [f.name, f.size]).toSorted(),
      );
      for (const extra of [['--fichier-folder-password', 'folderpass7'], []]) {
        const r = await run([
          'lsjson',
          ':fichier:',
          '--fichier-shared-folder',
          FOLDERS.protected.id,
          ...extra,
        ]);
        expect(r.code, extra.join(' ')).not.toBe(0);
        // The HTML password form is not JSON.
        expect(r.stderr).toContain("invalid character '<'");
      }
      expect(emu.requests.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
        `POST /dir/${FOLDERS.protected.id} 200`,
        `POST /dir/${FOLDERS.protected.id} 200`,
        `GET /dir/${FOLDERS.protected.id}?json=1 200`,
      ]);
      expectNoFlood();
    },
    TEST_TIMEOUT_MS,
  );
});
