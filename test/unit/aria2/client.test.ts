// @vitest-environment node
/**
 * The aria2 JSON-RPC client (utils/transfer/aria2) against Debian's real aria2c, which downloads
 * from the 1Fichier emulator under the real host names through the CONNECT proxy. aria2c missing
 * is a failure (CI installs it), never a skip.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors.ts';
import {
  createAria2Client,
  newGid,
  type Aria2Client,
  type Aria2Status,
} from '../../../utils/transfer/aria2/client.ts';
import { FILES, bulkFiles, fileSha256, type FixtureFile } from '../../emulator/index.ts';
import {
  ARIA2C,
  aria2Available,
  directLink,
  freePort,
  pollUntil,
  startAria2,
  startEmulatorWithProxy,
  type Aria2Process,
  type EmulatorWithProxy,
} from '../../support/aria2.ts';
import { sha256File } from '../../support/files.ts';

/** 6 MiB + 7: large enough for aria2 to open three 1 MiB+ segments. */
const [MULTI] = bulkFiles(1, 6 * 1024 * 1024 + 7, 81);
/** 1 MiB + 5 at 512 KiB/s per connection: about 2 s, long enough to act mid-transfer. */
const SLOW = FILES.unicode;
const CAP = 512 * 1024;
const NO_FLOOD = { floodMaxInWindow: 1_000 };

let fast: EmulatorWithProxy;
let capped: EmulatorWithProxy;
let aria2: Aria2Process;
let client: Aria2Client;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  fast = await startEmulatorWithProxy(NO_FLOOD);
  capped = await startEmulatorWithProxy({ ...NO_FLOOD, cdnBytesPerSecond: CAP });
  aria2 = await startAria2({ proxy: fast.proxy.url });
  client = createAria2Client({ url: aria2.url, secret: aria2.secret });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await aria2?.stop();
  await fast?.close();
  await capped?.close();
});

/** Polls status(gid) until `done` holds; returns that status. */
async function waitStatus(
  c: Aria2Client,
  gid: string,
  done: (s: Aria2Status | undefined) => boolean,
  what: string,
): Promise<Aria2Status | undefined> {
  let last: Aria2Status | undefined;
  await pollUntil(
    async () => done((last = await c.status(gid))),
    `${what} (last: ${JSON.stringify(last)})`,
    15_000,
  );
  return last;
}

const finished = (s: Aria2Status | undefined) => s?.status === 'complete' || s?.status === 'error';
const started = (s: Aria2Status | undefined) => s?.status === 'active' && s.completedLength > 0;

async function expectKind(promise: Promise<unknown>, kind: string): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).kind).toBe(kind);
  return err as AppError;
}

const sha = (file: string) => sha256File(file);
const expected = (f: FixtureFile) => fileSha256(f.id, f.size);

/**
 * Starts SLOW in a fresh aria2, stops aria2 with `signal` once `minDone` bytes are down, restarts
 * it, and adds the same file again the way the queue does (same folder and name, allow-overwrite).
 */
async function interruptAndAddAgain(signal: NodeJS.Signals, minDone: number) {
  const slow = await startAria2({ proxy: capped.proxy.url });
  cleanups.push(() => slow.stop());
  const c = createAria2Client({ url: slow.url, secret: slow.secret });
  const gid = newGid();
  await c.addUri(await directLink(capped.emulator, SLOW.link), { gid, out: 'k.bin' });
  const running = await waitStatus(
    c,
    gid,
    (s) => started(s) && s!.completedLength > minDone,
    'download running',
  );
  expect(running?.completedLength).toBeLessThan(SLOW.size);
  const oldPid = slow.pid;
  await slow.kill(signal);
  await slow.restart();
  expect(slow.pid).not.toBe(oldPid);
  // aria2 forgets every download on a restart (no session file).
  await expect(c.status(gid)).resolves.toBeUndefined();

  const servedBefore = capped.emulator.transfers().get(SLOW.id)?.bytesServed ?? 0;
  const again = newGid();
  await c.addUri(await directLink(capped.emulator, SLOW.link), {
    gid: again,
    dir: slow.dir,
    out: 'k.bin',
    'allow-overwrite': 'true',
  });
  const status = await waitStatus(c, again, finished, 'second download finished');
  expect(status).toMatchObject({ status: 'complete', completedLength: SLOW.size });
  expect(await sha(path.join(slow.dir, 'k.bin'))).toBe(expected(SLOW));
  // One file: no renamed second copy (k.1.bin), no control file left.
  expect(fs.readdirSync(slow.dir).toSorted()).toEqual(['k.bin']);
  return (capped.emulator.transfers().get(SLOW.id)?.bytesServed ?? 0) - servedBefore;
}

describe('aria2 client against the real aria2c', () => {
  it('has Debian’s aria2c installed', () => {
    expect(aria2Available(), `${ARIA2C} is missing: apt-get install aria2`).toBe(true);
  });

  it('reads aria2’s version', async () => {
    await expect(client.version()).resolves.toBe('1.36.0');
  });

  it('reports a wrong secret as aria2Unauthorized', async () => {
    const wrong = createAria2Client({ url: aria2.url, secret: `${aria2.secret}x` });
    await expectKind(wrong.version(), 'aria2Unauthorized');
  });

  it('reports nothing listening on loopback as aria2NotRunning', async () => {
    const port = await freePort();
    const none = createAria2Client({ url: `http://127.0.0.1:${port}/jsonrpc`, secret: 'x' });
    await expectKind(none.version(), 'aria2NotRunning');
  });

  it('reports an HTTP server that is not aria2 as aria2NotAria2', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>NAS admin</title><h1>Welcome</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const html = createAria2Client({ url: `http://127.0.0.1:${port}/jsonrpc`, secret: 'x' });
    await expectKind(html.version(), 'aria2NotAria2');
  });

  it('downloads a fresh direct link over three connections with the exact bytes', async () => {
    const file = MULTI!;
    const gid = newGid();
    const before = fast.proxy.connects.length;
    const link = await directLink(fast.emulator, file.link);
    await expect(
      client.addUri(link, {
        gid,
        out: 'x.bin',
        split: '3',
        'max-connection-per-server': '3',
        'min-split-size': '1M',
      }),
    ).resolves.toBe(gid);
    const status = await waitStatus(client, gid, finished, 'download finished');
    expect(status).toMatchObject({ status: 'complete', totalLength: file.size, completedLength: file.size });
    expect(status?.path).toBe(path.join(aria2.dir, 'x.bin'));
    expect(await sha(path.join(aria2.dir, 'x.bin'))).toBe(expected(file));
    // Three tunnels to the CDN node, so three connections really ran.
    const tunnels = fast.proxy.connects.slice(before).filter((c) => c.host === new URL(link).hostname);
    expect(tunnels.length).toBeGreaterThanOrEqual(3);
  });

  it('answers undefined for a GID aria2 does not know', async () => {
    await expect(client.status(newGid())).resolves.toBeUndefined();
  });

  it('refuses a second download with the same GID', async () => {
    const gid = newGid();
    await client.addUri(await directLink(fast.emulator, FILES.small.link), { gid, out: 'same-1.bin' });
    const err = await expectKind(
      client.addUri(await directLink(fast.emulator, FILES.small.link), { gid, out: 'same-2.bin' }),
      'aria2Refused',
    );
    expect(err.detail).toBeTruthy();
    await waitStatus(client, gid, finished, 'first download finished');
    expect(fs.existsSync(path.join(aria2.dir, 'same-2.bin'))).toBe(false);
  });

  it('removes a running download', async () => {
    const slow = await startAria2({ proxy: capped.proxy.url });
    cleanups.push(() => slow.stop());
    const c = createAria2Client({ url: slow.url, secret: slow.secret });
    const gid = newGid();
    await c.addUri(await directLink(capped.emulator, SLOW.link), { gid, out: 'removed.bin' });
    await waitStatus(c, gid, started, 'download running');
    await c.remove(gid);
    const after = await c.status(gid);
    expect(after === undefined || after.status === 'removed').toBe(true);
  });

  it('fails a download whose folder aria2 cannot create with errorCode 18', async () => {
    const gid = newGid();
    await client.addUri(await directLink(fast.emulator, FILES.small.link), {
      gid,
      dir: '/proc/forbidden',
      out: 'x.bin',
    });
    const status = await waitStatus(client, gid, finished, 'download failed');
    // aria2 1.36: 18 = "aria2 could not create directory".
    expect(status).toMatchObject({ status: 'error', errorCode: '18', completedLength: 0 });
  });

  it('loses a download when killed mid-transfer; a new addUri after the restart completes it once', async () => {
    await interruptAndAddAgain('SIGKILL', 0);
  });

  it('continues the partial file after a normal stop (the control file was saved)', async () => {
    const served = await interruptAndAddAgain('SIGTERM', SLOW.size / 2);
    // More than half was already on disk: a download started over would be served the whole file.
    expect(served).toBeLessThan(SLOW.size);
  });
});
