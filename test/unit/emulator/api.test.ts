import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRA_FILES, FILES, KEYS, startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { api, request } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ floodMaxInWindow: 10_000 });
});
afterAll(() => emu.close());
beforeEach(() => emu.resetLimits());

const KO = (message: string): object => ({ status: 'KO', message });

describe('authentication and routing', () => {
  it('answers 401 Not authenticated for a missing or unknown key', async () => {
    for (const key of [null, KEYS.invalid]) {
      const r = await api(emu, 'download/get_token.cgi', { url: FILES.small.link }, key);
      expect(r.status).toBe(401);
      expect(r.json).toEqual(KO('Not authenticated #247'));
      expect(r.contentType).toBe('application/json; charset=utf-8');
    }
  });

  it('answers 405 for non-POST and 404 for unknown endpoints, both as KO JSON', async () => {
    const get = await request(emu, 'https://api.1fichier.com/v1/user/info.cgi', {
      headers: { Authorization: `Bearer ${KEYS.premium}` },
    });
    expect(get.status).toBe(405);
    expect(JSON.parse(get.text)).toMatchObject({ status: 'KO' });
    const unknown = await api(emu, 'file/nope.cgi', {}, KEYS.premium);
    expect(unknown.status).toBe(404);
    expect(unknown.json.status).toBe('KO');
    expect(String(unknown.json.message)).toMatch(/ #\d+$/);
  });

  it('rejects a malformed JSON body with 400 KO', async () => {
    const r = await request(emu, 'https://api.1fichier.com/v1/file/info.cgi', {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEYS.premium}`, 'Content-Type': 'application/json' },
      body: '{"url":',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ status: 'KO' });
  });
});

describe('download/get_token.cgi', () => {
  it('refuses a free account with 403 Must be a customer', async () => {
    const r = await api(emu, 'download/get_token.cgi', { url: FILES.small.link }, KEYS.free);
    expect(r.status).toBe(403);
    expect(r.json).toEqual(KO('Must be a customer (Premium, Access) #236'));
  });

  it('answers 404 Resource not found for deleted and unknown files', async () => {
    for (const url of [FILES.deleted.link, 'https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa']) {
      const r = await api(emu, 'download/get_token.cgi', { url }, KEYS.premium);
      expect(r.status).toBe(404);
      expect(r.json).toEqual(KO('Resource not found #469'));
    }
  });

  it('distinguishes missing, wrong and right passwords', async () => {
    const url = FILES.protected.link;
    const none = await api(emu, 'download/get_token.cgi', { url }, KEYS.premium);
    expect(none.status).toBe(403);
    expect(none.json).toEqual(KO('Password not provided. Resource not allowed #630'));
    const wrong = await api(emu, 'download/get_token.cgi', { url, pass: 'nope' }, KEYS.premium);
    expect(wrong.status).toBe(403);
    expect(wrong.json).toEqual(KO('Invalid password. Resource not allowed #632'));
    const right = await api(emu, 'download/get_token.cgi', { url, pass: 'secret6' }, KEYS.access);
    expect(right.status).toBe(200);
    expect(right.json.status).toBe('OK');
  });

  it('accepts every link form of §9.3 and rejects a malformed url', async () => {
    const id = FILES.small.id;
    for (const url of [
      `https://www.alterupload.com/?${id}&af=3601079`,
      `http://1fichier.com?${id}&lg=en`,
      `https://tenvoi.com/?${id}&inline=1`,
    ]) {
      const r = await api(emu, 'download/get_token.cgi', { url, no_ssl: 0 }, KEYS.gold);
      expect(r.json.status, url).toBe('OK');
    }
    const bad = await api(
      emu,
      'download/get_token.cgi',
      { url: 'https://1fichier.com/?af=3186111' },
      KEYS.gold,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.status).toBe('KO');
  });
});

describe('file/info.cgi', () => {
  it('returns the §3.2 fields with the original domain and no status', async () => {
    const f = FILES.unicode;
    const r = await api(emu, 'file/info.cgi', { url: `https://www.cjoint.net/?${f.id}&af=1` }, KEYS.premium);
    expect(r.status).toBe(200);
    expect(r.json).not.toHaveProperty('status');
    expect(r.json).toMatchObject({
      url: `https://cjoint.net/?${f.id}`,
      filename: f.name,
      size: f.size,
      date: f.date,
      'content-type': f.contentType,
      pass: 0,
      description: '',
      cdn: 0,
      inline: 0,
      no_ssl: 0,
      acl: { ip: [], country: [], email: [], premium: 0 },
    });
    expect(r.json.checksum).toMatch(/^[0-9a-f]{128}$/);
    expect(r.json.checksum).toBe(f.checksum);
  });

  it('refuses an ACL-restricted file with 403 #631 on info and get_token, whatever the key', async () => {
    for (const endpoint of ['file/info.cgi', 'download/get_token.cgi']) {
      const r = await api(emu, endpoint, { url: EXTRA_FILES.restricted.link }, KEYS.gold);
      expect(r.status, endpoint).toBe(403);
      expect(r.json).toEqual(KO('Resource not allowed #631'));
    }
  });

  it('may be called with a free key', async () => {
    const r = await api(emu, 'file/info.cgi', { url: FILES.small.link }, KEYS.free);
    expect(r.status).toBe(200);
    expect(r.json.filename).toBe(FILES.small.name);
  });

  it('answers 404 for deleted files and 403 #631 for protected ones without the right pass', async () => {
    const del = await api(emu, 'file/info.cgi', { url: FILES.deleted.link }, KEYS.premium);
    expect(del.status).toBe(404);
    expect(del.json).toEqual(KO('Resource not found #469'));
    for (const body of [{ url: FILES.protected.link }, { url: FILES.protected.link, pass: 'secret7' }]) {
      const r = await api(emu, 'file/info.cgi', body, KEYS.premium);
      expect(r.status).toBe(403);
      expect(r.json).toEqual(KO('Resource not allowed #631'));
    }
    const ok = await api(emu, 'file/info.cgi', { url: FILES.protected.link, pass: 'secret6' }, KEYS.premium);
    expect(ok.status).toBe(200);
    expect(ok.json.pass).toBe(1);
  });
});

describe('user/info.cgi', () => {
  const STRING_FIELDS = [
    'email',
    'offer',
    'cdn',
    'use_cdn',
    '2fa',
    'mail_rm',
    'upload_forbidden',
    'default_port',
    'ftp_mode',
  ];
  it.each([
    ['premium', '1', true],
    ['gold', '3', true],
    ['access', '2', true],
    ['free', '0', false],
  ] as const)('describes the %s account with string scalars', async (name, offer, paid) => {
    const r = await api(emu, 'user/info.cgi', undefined, KEYS[name]);
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('OK');
    expect(r.json.offer).toBe(offer);
    for (const field of STRING_FIELDS) expect(typeof r.json[field], field).toBe('string');
    expect(typeof r.json.cold_storage).toBe('number');
    if (paid) {
      expect(r.json.subscription_end).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const end = Date.parse(String(r.json.subscription_end).replace(' ', 'T'));
      expect(end - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
    } else {
      expect(r.json.subscription_end ?? '').toBe('');
    }
  });

  it('floods a second call within the interval and locks only that key', async () => {
    expect((await api(emu, 'user/info.cgi', {}, KEYS.premium)).status).toBe(200);
    const again = await api(emu, 'user/info.cgi', {}, KEYS.premium);
    expect(again.status).toBe(403);
    expect(again.json).toEqual(KO('Flood detected: User Locked #223'));
    // The key is locked for every endpoint, other keys are not.
    expect((await api(emu, 'file/info.cgi', { url: FILES.small.link }, KEYS.premium)).status).toBe(403);
    expect((await api(emu, 'file/info.cgi', { url: FILES.small.link }, KEYS.gold)).status).toBe(200);
    emu.resetLimits();
    expect((await api(emu, 'user/info.cgi', {}, KEYS.premium)).status).toBe(200);
  });
});
