import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, KEYS, fileBytes, fileSha256, startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { dispositionFilenameStar, request, requestSha256, sha256, token } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ floodMaxInWindow: 10_000 });
});
afterAll(() => emu.close());

const small = FILES.small;

describe('get_token.cgi + CDN download', () => {
  it('issues an https a-N link whose full GET has the fixture content and headers', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link });
    expect(url).toMatch(/^https:\/\/a-([1-9]|[12]\d|3[0-7])\.1fichier\.com\/p\d+$/);
    const r = await request(emu, url);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(small.contentType);
    expect(r.headers['content-length']).toBe(String(small.size));
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers.etag).toBe(`"${small.id}-${small.size}"`);
    expect(r.headers['last-modified']).toBe('Wed, 15 Jan 2025 09:20:30 GMT');
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="${small.name}"; filename*=UTF-8''${small.name}`,
    );
    expect(sha256(r.body)).toBe(fileSha256(small.id, small.size));
  });

  it('streams the 64 MiB file intact (hashed once, streaming)', async () => {
    const url = await token(emu, KEYS.gold, { url: FILES.big.link });
    const r = await requestSha256(emu, url);
    expect(r.status).toBe(200);
    expect(r.bytes).toBe(FILES.big.size);
    expect(r.sha256).toBe(fileSha256(FILES.big.id, FILES.big.size));
  });

  it('answers ranges with 206, exact bytes and Content-Range; the token stays reusable', async () => {
    const url = await token(emu, KEYS.access, { url: small.link });
    const cases: [string, number, number][] = [
      ['bytes=1000-1999', 1000, 1999],
      ['bytes=300000-', 300000, small.size - 1],
      ['bytes=-100', small.size - 100, small.size - 1],
      ['bytes=7-7', 7, 7],
    ];
    for (const [range, a, b] of cases) {
      const r = await request(emu, url, { headers: { Range: range } });
      expect(r.status).toBe(206);
      expect(r.headers['content-range']).toBe(`bytes ${a}-${b}/${small.size}`);
      expect(r.headers['content-length']).toBe(String(b - a + 1));
      expect(r.body.equals(fileBytes(small.id, small.size, a, b))).toBe(true);
    }
  });

  it('answers 416 with bytes */size for an unsatisfiable range', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link });
    const r = await request(emu, url, { headers: { Range: `bytes=${small.size}-` } });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${small.size}`);
    expect(r.body.length).toBe(0);
  });

  it('honours If-Range: a matching ETag gets 206, a stale one the full 200', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link });
    const match = await request(emu, url, {
      headers: { Range: 'bytes=0-9', 'If-Range': `"${small.id}-${small.size}"` },
    });
    expect(match.status).toBe(206);
    const stale = await request(emu, url, {
      headers: { Range: 'bytes=0-9', 'If-Range': '"something-else"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(small.size);
    expect(stale.headers['content-range']).toBeUndefined();
  });

  it('answers HEAD with the headers and no body', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link });
    const r = await request(emu, url, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(small.size));
    expect(r.headers['content-disposition']).toContain('attachment;');
    expect(r.body.length).toBe(0);
  });

  it('serves a single:1 token exactly once, then the 404 HTML page', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link, single: 1 });
    expect((await request(emu, url, { headers: { Range: 'bytes=0-0' } })).status).toBe(206);
    const second = await request(emu, url);
    expect(second.status).toBe(404);
    expect(second.headers['content-type']).toMatch(/^text\/html/);
    expect(second.text).toContain('NOT FOUND');
  });

  it('refuses unknown tokens and tokens used on another node', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link });
    const other = url.replace(/a-(\d+)\./, (_m, n: string) => `a-${(Number(n) % 37) + 1}.`);
    expect((await request(emu, other)).status).toBe(404);
    const unknown = await request(emu, 'https://a-1.1fichier.com/p123');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('NOT FOUND');
  });

  it('gives an http:// link with no_ssl:1, served as plain HTTP on the same port', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link, no_ssl: 1 });
    expect(url.startsWith('http://a-')).toBe(true);
    const r = await request(emu, url, { headers: { Range: 'bytes=0-99' } });
    expect(r.status).toBe(206);
    expect(r.body.equals(fileBytes(small.id, small.size, 0, 99))).toBe(true);
  });

  it('sends inline disposition for inline:1', async () => {
    const url = await token(emu, KEYS.premium, { url: small.link, inline: 1 });
    const r = await request(emu, url, { method: 'HEAD' });
    expect(r.headers['content-disposition']).toMatch(/^inline; filename="hello-1fichier\.txt"/);
  });

  it.each(['unicode', 'hostile'] as const)(
    'round-trips the %s name through Content-Disposition',
    async (which) => {
      const f = FILES[which];
      const url = await token(emu, KEYS.premium, { url: f.link });
      const r = await request(emu, url);
      const cd = r.headers['content-disposition'];
      expect(dispositionFilenameStar(cd)).toBe(f.name);
      expect(/filename="([^"]*)"/.exec(cd ?? '')?.[1]).toMatch(/^[\x20-\x7e]+$/);
      expect(sha256(r.body)).toBe(fileSha256(f.id, f.size));
    },
  );

  it('needs the password for a protected file and then serves it', async () => {
    const url = await token(emu, KEYS.premium, { url: FILES.protected.link, pass: 'secret6' });
    const r = await request(emu, url);
    expect(r.status).toBe(200);
    expect(sha256(r.body)).toBe(fileSha256(FILES.protected.id, FILES.protected.size));
  });
});

describe('CDN speed cap', () => {
  it('paces a download to cdnBytesPerSecond', async () => {
    const slow = await startEmulator({ cdnBytesPerSecond: 400_000 });
    try {
      const url = await token(slow, KEYS.premium, { url: small.link });
      const t0 = Date.now();
      const r = await request(slow, url, { headers: { Range: 'bytes=0-199999' } });
      const elapsed = Date.now() - t0;
      expect(r.body.length).toBe(200_000);
      // 200 kB at 400 kB/s ≈ 500 ms; unthrottled it takes a few ms.
      expect(elapsed).toBeGreaterThanOrEqual(400);
      expect(elapsed).toBeLessThan(3000);
    } finally {
      await slow.close();
    }
  });
});
