import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_HOST,
  FILES,
  KEYS,
  bulkFiles,
  fileSha256,
  scatterApiFaults,
  startEmulator,
  whirlpool,
} from '../../emulator/index.ts';
import type { Emulator, TransferEvent } from '../../emulator/index.ts';
import { registerFiles } from '../../emulator/fixtures.ts';
import { api, checkLinks, request, requestSha256, token } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ floodMaxInWindow: 10_000 });
});
afterAll(() => emu.close());
beforeEach(() => emu.clearFaults());

/** Downloads until the end or until the connection dies; reports what arrived. */
function download(
  e: Emulator,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: number; complete: boolean }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.get({
      host: '127.0.0.1',
      port: e.port,
      path: u.pathname,
      servername: u.hostname,
      headers: { Host: u.host, ...headers },
      rejectUnauthorized: false,
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let bytes = 0;
      let complete = false;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => (complete = true));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode ?? 0, bytes, complete }));
    });
  });
}

const fileInfo = (e: Emulator, link = FILES.small.link) =>
  api(e, 'file/info.cgi', { url: link }, KEYS.premium);

describe('bulkFiles', () => {
  it('gives n distinct deterministic files, sizes in range, with their sha256', () => {
    const a = bulkFiles(12, [1000, 5000], 7);
    const b = bulkFiles(12, [1000, 5000], 7);
    expect(b).toEqual(a);
    expect(new Set(a.map((f) => f.id)).size).toBe(12);
    expect(new Set(a.map((f) => f.name)).size).toBe(12);
    for (const f of a) {
      expect(f.id).toMatch(/^[a-z0-9]{20}$/);
      expect(f.size).toBeGreaterThanOrEqual(1000);
      expect(f.size).toBeLessThanOrEqual(5000);
      expect(f.link).toBe(`https://1fichier.com/?${f.id}`);
      expect(f.sha256).toBe(fileSha256(f.id, f.size));
    }
    expect(a[0]!.name).toBe('bulk-7-001.bin');
    // Another seed, other files; a fixed size is honoured.
    const c = bulkFiles(3, 4096, 8);
    expect(c.map((f) => f.size)).toEqual([4096, 4096, 4096]);
    expect(c.some((f) => a.some((g) => g.id === f.id))).toBe(false);
  });

  it('computes Whirlpool like the fixed fixtures were (openssl)', () => {
    expect(whirlpool(FILES.small.id, FILES.small.size)).toBe(FILES.small.checksum);
    expect(whirlpool(FILES.protected.id, FILES.protected.size)).toBe(FILES.protected.checksum);
  });

  it('are served like FILES: file/info, get_token, CDN bytes, file page, check_links', async () => {
    const [f] = bulkFiles(1, 300_000, 11);
    const info = await fileInfo(emu, f!.link);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ filename: f!.name, size: f!.size, checksum: f!.checksum });
    const url = await token(emu, KEYS.premium, { url: f!.link });
    expect(await requestSha256(emu, url)).toEqual({ status: 200, bytes: f!.size, sha256: f!.sha256 });
    expect((await request(emu, f!.link)).status).toBe(200);
    expect((await checkLinks(emu, [f!.link])).text.trim()).toBe(`${f!.link};${f!.name};${f!.size}`);
  });

  it('cannot replace a fixed fixture', () => {
    expect(() => registerFiles([{ ...FILES.small, name: 'other' }])).toThrow(/fixed fixture/);
  });
});

describe('injectApiFaults', () => {
  it('consumes the plan call by call, then the API answers normally again', async () => {
    const plan = emu.injectApiFaults([
      { fault: 'http500', count: 2, skip: 1 },
      { fault: 'http503', retryAfterSec: 7 },
      { fault: 'flood' },
      { fault: 'http429', skip: 1 },
    ]);
    expect(plan.total).toBe(5);
    const statuses: number[] = [];
    const retryAfter: (string | undefined)[] = [];
    for (let i = 0; i < 8; i += 1) {
      const r = await request(emu, `https://${API_HOST}/v1/file/info.cgi`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.premium}` },
        body: JSON.stringify({ url: FILES.small.link }),
      });
      statuses.push(r.status);
      retryAfter.push(r.headers['retry-after']);
    }
    expect(statuses).toEqual([200, 500, 500, 503, 403, 200, 429, 200]);
    expect(retryAfter[3]).toBe('7');
    expect(retryAfter[6]).toBe('45');
    expect(plan.pending()).toBe(0);
    expect(plan.injected.map((i) => i.fault)).toEqual(['http500', 'http500', 'http503', 'flood', 'http429']);
    expect(plan.injected.every((i) => i.path === '/v1/file/info.cgi')).toBe(true);
    // The log says which fault answered, and which file the good calls were about.
    const last = emu.requests.slice(-8);
    expect(last.map((e) => e.fault)).toEqual([
      undefined,
      'http500',
      'http500',
      'http503',
      'flood',
      undefined,
      'http429',
      undefined,
    ]);
    expect(last[0]!.fileId).toBe(FILES.small.id);
    expect(last[4]!.flood).toBe(true);
  });

  it('a switch wins and does not consume the plan; clearFaults drops the plan', async () => {
    const plan = emu.injectApiFaults([{ fault: 'http500' }]);
    emu.setFault('html', true);
    expect((await fileInfo(emu).catch(() => undefined))?.status).toBeUndefined(); // HTML, not JSON
    expect(plan.pending()).toBe(1);
    emu.setFault('html', false);
    const r = await request(emu, `https://${API_HOST}/v1/user/info.cgi`, { method: 'POST' });
    expect(r.status).toBe(500);
    expect(plan.pending()).toBe(0);
    emu.injectApiFaults([{ fault: 'http500' }]);
    emu.clearFaults();
    expect((await fileInfo(emu)).status).toBe(200);
  });

  it('hang: the planned call is never answered (logged with status 0 once the emulator closes)', async () => {
    const e = await startEmulator();
    const plan = e.injectApiFaults([{ fault: 'hang' }]);
    const pending = fileInfo(e).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise<void>((resolve) => {
      const off = e.on('api', () => {
        off();
        resolve();
      });
    });
    await expect.poll(() => plan.pending()).toBe(0);
    await e.close();
    expect(await pending).toBe('failed');
    expect(e.requests.at(-1)).toMatchObject({ status: 0, fault: 'hang' });
  });

  it('rejects bad steps', () => {
    expect(() => emu.injectApiFaults([{ fault: 'http500', count: 0 }])).toThrow(RangeError);
    expect(() => emu.injectApiFaults([{ fault: 'nope' as 'http500' }])).toThrow(/unknown API fault/);
  });
});

describe('scatterApiFaults', () => {
  it('places every fault at a distinct seeded call within the spread', () => {
    const items = [
      { fault: 'http500' as const, count: 3 },
      { fault: 'hang' as const },
      { fault: 'flood' as const },
    ];
    const a = scatterApiFaults(items, 42, 20);
    expect(scatterApiFaults(items, 42, 20)).toEqual(a);
    expect(scatterApiFaults(items, 43, 20)).not.toEqual(a);
    expect(a).toHaveLength(5);
    expect(a.filter((s) => s.fault === 'http500')).toHaveLength(3);
    // Positions: skips + one call per fault, all inside the spread.
    const lastPosition = a.reduce((pos, s) => pos + (s.skip ?? 0) + 1, -1);
    expect(lastPosition).toBeLessThan(20);
    expect(() => scatterApiFaults(items, 1, 4)).toThrow(RangeError);
  });
});

describe('holdApi', () => {
  it('keeps API calls unanswered until released', async () => {
    const hold = emu.holdApi();
    let answered = false;
    const call = fileInfo(emu).then((r) => {
      answered = true;
      return r;
    });
    await hold.arrived;
    expect(hold.held()).toBe(1);
    expect(answered).toBe(false);
    hold.release();
    expect((await call).status).toBe(200);
    // Released: later calls pass at once.
    expect((await fileInfo(emu)).status).toBe(200);
    expect(hold.held()).toBe(1);
  });
});

describe('setCdnDropRate and transfer accounting', () => {
  it('rate 1 cuts every GET inside the body and counts the drops; a Range resume completes it', async () => {
    const [f] = bulkFiles(1, 200_000, 21);
    const e = await startEmulator();
    try {
      const events: TransferEvent[] = [];
      e.on('transfer', (ev) => events.push(ev));
      const url = await token(e, KEYS.premium, { url: f!.link });
      e.setCdnDropRate(1, 5);
      const cut = await download(e, url);
      expect(cut.status).toBe(200);
      expect(cut.complete).toBe(false);
      expect(cut.bytes).toBeLessThan(f!.size);
      e.setCdnDropRate(0);
      const rest = await download(e, url, { Range: `bytes=${cut.bytes}-` });
      expect(rest).toEqual({ status: 206, bytes: f!.size - cut.bytes, complete: true });
      await expect.poll(() => e.transfers().get(f!.id)?.completions).toBe(1);
      // HEAD is not a transfer.
      await request(e, url, { method: 'HEAD' });
      expect(e.transfers().get(f!.id)).toEqual({
        requests: 2,
        completions: 1,
        bytesServed: f!.size,
        drops: 1,
        aborts: 0,
      });
      expect(events.map((ev) => [ev.kind, ev.full])).toEqual([
        ['start', false],
        ['drop', false],
        ['start', false],
        ['complete', true],
      ]);
      expect(events[1]!.bytes).toBe(cut.bytes);
    } finally {
      await e.close();
    }
  });

  it('the same seed gives the same drops; a full download counts one completion', async () => {
    const files = bulkFiles(1, 100_000, 22);
    const run = async (seed: number) => {
      const e = await startEmulator({ floodMaxInWindow: 10_000 });
      try {
        e.setCdnDropRate(0.5, seed);
        const out: number[] = [];
        for (let i = 0; i < 12; i += 1) {
          const url = await token(e, KEYS.premium, { url: files[0]!.link });
          const r = await download(e, url);
          out.push(r.complete ? -1 : r.bytes);
        }
        // A client may read the last byte before the emulator counts the answer as complete.
        await expect
          .poll(() => e.transfers().get(files[0]!.id)!.completions)
          .toBe(out.filter((b) => b === -1).length);
        return { out, stats: e.transfers().get(files[0]!.id)! };
      } finally {
        await e.close();
      }
    };
    const a = await run(99);
    expect((await run(99)).out).toEqual(a.out);
    const dropped = a.out.filter((b) => b >= 0).length;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(12);
    expect(a.stats.drops).toBe(dropped);
    expect(a.stats.completions).toBe(12 - dropped);
    expect(a.stats.requests).toBe(12);
  });

  it('expireLinks: a cut link is dead afterwards (no resume), a fresh token works', async () => {
    const [f] = bulkFiles(1, 50_000, 23);
    const e = await startEmulator();
    try {
      e.setCdnDropRate(1, 3, { expireLinks: true });
      const url = await token(e, KEYS.premium, { url: f!.link });
      const cut = await download(e, url);
      expect(cut.complete).toBe(false);
      e.setCdnDropRate(0);
      const resume = await request(e, url, { headers: { Range: `bytes=${cut.bytes}-` } });
      expect(resume.status).toBe(404);
      expect(resume.text).toContain('NOT FOUND');
      const fresh = await token(e, KEYS.premium, { url: f!.link });
      expect(await requestSha256(e, fresh)).toEqual({ status: 200, bytes: f!.size, sha256: f!.sha256 });
    } finally {
      await e.close();
    }
  });

  it('maxDrops: cuts stop after that many', async () => {
    const [f] = bulkFiles(1, 20_000, 24);
    const e = await startEmulator({ floodMaxInWindow: 10_000 });
    try {
      e.setCdnDropRate(1, 9, { maxDrops: 2 });
      const url = await token(e, KEYS.premium, { url: f!.link });
      const results = [];
      for (let i = 0; i < 4; i += 1) results.push((await download(e, url)).complete);
      expect(results).toEqual([false, false, true, true]);
    } finally {
      await e.close();
    }
  });

  it('the cdnDrop switch is counted as a drop too; clearFaults turns the rate off', async () => {
    const url = await token(emu, KEYS.premium, { url: FILES.unicode.link });
    const before = emu.transfers().get(FILES.unicode.id)?.drops ?? 0;
    emu.setFault('cdnDrop', true);
    await download(emu, url);
    expect(emu.transfers().get(FILES.unicode.id)?.drops).toBe(before + 1);
    emu.setCdnDropRate(1, 1);
    emu.clearFaults();
    expect((await download(emu, url)).complete).toBe(true);
  });
});
