import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, KEYS, startEmulator } from '../../emulator/index.ts';
import type { Emulator, RequestLogEntry } from '../../emulator/index.ts';
import { api, request, token } from './helpers.ts';

let emu: Emulator;
let dir: string;
let logFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emu-log-'));
  logFile = join(dir, 'requests.jsonl');
  emu = await startEmulator({ floodMaxInWindow: 10_000, logFile });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const hash16 = (key: string): string =>
  createHash('sha256').update(`Bearer ${key}`).digest('hex').slice(0, 16);

describe('request log', () => {
  it('records auth flag and hash but never keys, query secrets or body passwords', async () => {
    const url = await token(emu, KEYS.premium, { url: FILES.protected.link, pass: 'secret6' });
    await api(emu, 'file/info.cgi', { url: FILES.small.link }, KEYS.invalid);
    await api(emu, 'user/info.cgi', {}, null);
    await request(emu, `https://api.1fichier.com/v1/file/info.cgi?apikey=${KEYS.gold}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEYS.gold}` },
      body: JSON.stringify({ url: FILES.small.link }),
    });
    await request(emu, `${url}?inline=1`, { method: 'HEAD' });

    const text = readFileSync(logFile, 'utf8');
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    expect(text).not.toContain('secret6');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RequestLogEntry);
    expect(lines).toEqual(emu.requests);
    expect(lines).toHaveLength(5);
    const [tok, invalid, anon, query, cdn] = lines;
    expect(tok).toMatchObject({
      host: 'api.1fichier.com',
      method: 'POST',
      path: '/v1/download/get_token.cgi',
      auth: true,
      authHash: hash16(KEYS.premium),
      status: 200,
    });
    expect(tok?.message).toBeUndefined();
    expect(invalid).toMatchObject({
      auth: true,
      authHash: hash16(KEYS.invalid),
      status: 401,
      message: 'Not authenticated #247',
    });
    expect(anon).toMatchObject({ auth: false, status: 401 });
    expect(anon).not.toHaveProperty('authHash');
    expect(query?.path).toBe('/v1/file/info.cgi');
    expect(cdn).toMatchObject({
      method: 'HEAD',
      path: `${new URL(url).pathname}?inline=1`,
      auth: false,
      status: 200,
    });
    expect(cdn?.host).toMatch(/^a-\d+\.1fichier\.com$/);
    expect(Number.isNaN(Date.parse(cdn?.ts ?? ''))).toBe(false);
  });
});

describe('website and virtual hosts', () => {
  it('serves an escaped file page on 1fichier.com and mirrors, 404 for deleted/unknown ids', async () => {
    const page = await request(emu, `https://www.pjointe.com/?${FILES.hostile.id}&lg=en`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&#60;img src=x onerror=alert(1)&#62;');
    const small = await request(emu, `https://1fichier.com/?${FILES.small.id}`);
    expect(small.text).toContain(FILES.small.name);
    for (const id of [FILES.deleted.id, 'zzzzzzzzzzzzzzzzzzzz']) {
      expect((await request(emu, `https://1fichier.com/?${id}`)).status).toBe(404);
    }
  });

  it('answers 421 for unknown hosts', async () => {
    for (const host of ['example.com', 'img.1fichier.com']) {
      const r = await request(emu, `https://${host}/`);
      expect(r.status).toBe(421);
    }
  });

  it('serves plain HTTP on the same port (API over http too)', async () => {
    const r = await request(emu, 'http://api.1fichier.com/v1/file/info.cgi', {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEYS.premium}` },
      body: JSON.stringify({ url: FILES.small.link }),
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ filename: FILES.small.name });
  });

  it('gives Chromium resolver rules for the API, CDN and site hosts', () => {
    const rules = emu.resolverRules();
    const target = `127.0.0.1:${emu.port}`;
    expect(rules.startsWith(`MAP api.1fichier.com ${target}, MAP *.1fichier.com ${target}`)).toBe(true);
    expect(rules).toContain(`MAP 1fichier.com ${target}`);
    expect(rules).toContain(`MAP *.alterupload.com ${target}`);
  });
});
