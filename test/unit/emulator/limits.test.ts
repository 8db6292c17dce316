import { afterEach, describe, expect, it } from 'vitest';
import { FILES, KEYS, startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { api, fakeClock, request, token } from './helpers.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const info = (e: Emulator, key: string, localAddress?: string) =>
  api(e, 'file/info.cgi', { url: FILES.small.link }, key, localAddress);

describe('token expiry (injected clock)', () => {
  it('refuses a token first used after tokenTtlMs, keeps a started one working', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, tokenTtlMs: 1000 });
    const stale = await token(emu, KEYS.premium, { url: FILES.small.link });
    const started = await token(emu, KEYS.premium, { url: FILES.small.link });
    clock.advance(999);
    expect((await request(emu, started, { headers: { Range: 'bytes=0-0' } })).status).toBe(206);
    clock.advance(2);
    const r = await request(emu, stale);
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('NOT FOUND');
    clock.advance(3_600_000);
    expect((await request(emu, started, { headers: { Range: 'bytes=0-0' } })).status).toBe(206);
  });
});

describe('flood detector', () => {
  it('locks an IP after more than floodMaxInWindow calls; the lock expires and is not extended', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, floodWindowMs: 1000, floodMaxInWindow: 3, floodLockMs: 200 });
    for (let i = 0; i < 3; i++) expect((await info(emu, KEYS.premium)).status).toBe(200);
    const flooded = await info(emu, KEYS.gold);
    expect(flooded.status).toBe(403);
    expect(flooded.json).toEqual({ status: 'KO', message: 'Flood detected: IP Locked #374' });
    // Calls during the lock (even unauthenticated ones) answer flood and do not extend it.
    clock.advance(150);
    expect((await info(emu, KEYS.access)).status).toBe(403);
    expect((await api(emu, 'user/info.cgi', {}, null)).status).toBe(403);
    clock.advance(51);
    expect((await info(emu, KEYS.access)).status).toBe(200);
  });

  it('counts calls in a sliding window: spaced calls never flood', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, floodWindowMs: 1000, floodMaxInWindow: 3 });
    for (let i = 0; i < 10; i++) {
      expect((await info(emu, KEYS.premium)).status).toBe(200);
      clock.advance(334);
    }
  });

  it('locks a key used from several IPs with User Locked, other keys still work', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, floodMaxInWindow: 3, floodLockMs: 500 });
    expect((await info(emu, KEYS.premium, '127.0.0.1')).status).toBe(200);
    expect((await info(emu, KEYS.premium, '127.0.0.1')).status).toBe(200);
    expect((await info(emu, KEYS.premium, '127.0.0.2')).status).toBe(200);
    const flooded = await info(emu, KEYS.premium, '127.0.0.2');
    expect(flooded.status).toBe(403);
    expect(flooded.json.message).toBe('Flood detected: User Locked #223');
    expect((await info(emu, KEYS.gold, '127.0.0.3')).status).toBe(200);
    emu.resetLimits();
    expect((await info(emu, KEYS.premium, '127.0.0.3')).status).toBe(200);
  });

  it('applies userInfoMinIntervalMs per key with the injected clock', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, userInfoMinIntervalMs: 60_000, floodLockMs: 1000 });
    expect((await api(emu, 'user/info.cgi', {}, KEYS.gold)).status).toBe(200);
    clock.advance(59_999);
    expect((await api(emu, 'user/info.cgi', {}, KEYS.gold)).json.message).toBe(
      'Flood detected: User Locked #223',
    );
    clock.advance(1_001); // lock over, and 60 s since the last successful call
    expect((await api(emu, 'user/info.cgi', {}, KEYS.gold)).status).toBe(200);
  });
});

describe('user/info.cgi per-IP interval', () => {
  it('allows one call per userInfoIpMinIntervalMs per IP (IP Locked), whatever the key', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, floodLockMs: 5_000 });
    expect((await api(emu, 'user/info.cgi', {}, KEYS.premium)).status).toBe(200);
    clock.advance(59_999);
    const second = await api(emu, 'user/info.cgi', {}, KEYS.gold);
    expect(second.status).toBe(403);
    expect(second.json).toEqual({ status: 'KO', message: 'Flood detected: IP Locked #374' });
    // The IP is locked for every endpoint; another IP is not, and gold was not used up.
    expect((await info(emu, KEYS.access)).status).toBe(403);
    expect((await api(emu, 'user/info.cgi', {}, KEYS.gold, '127.0.0.2')).status).toBe(200);
    clock.advance(5_000);
    expect((await api(emu, 'user/info.cgi', {}, KEYS.access)).status).toBe(200);
  });

  it('checks the per-key rule first (User Locked), and takes both intervals from the options', async () => {
    const clock = fakeClock();
    emu = await startEmulator({
      now: clock.now,
      userInfoMinIntervalMs: 1_000,
      userInfoIpMinIntervalMs: 500,
      floodLockMs: 1,
    });
    expect((await api(emu, 'user/info.cgi', {}, KEYS.premium)).status).toBe(200);
    expect((await api(emu, 'user/info.cgi', {}, KEYS.premium)).json.message).toBe(
      'Flood detected: User Locked #223',
    );
    clock.advance(500);
    expect((await api(emu, 'user/info.cgi', {}, KEYS.gold)).status).toBe(200);
    clock.advance(500);
    expect((await api(emu, 'user/info.cgi', {}, KEYS.premium)).status).toBe(200);
  });
});

describe('lockFlood and apiCallsBetween', () => {
  it("'ip' locks every API call (IP Locked) for ms, then service resumes", async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now });
    const lock = emu.lockFlood(60_000);
    expect(lock).toEqual({ scope: 'ip', from: clock.now(), until: clock.now() + 60_000 });
    for (const [key, addr] of [
      [KEYS.premium, '127.0.0.1'],
      [KEYS.gold, '127.0.0.2'],
    ] as const) {
      const r = await info(emu, key, addr);
      expect(r.status).toBe(403);
      expect(r.json.message).toBe('Flood detected: IP Locked #374');
    }
    // Even without a key (the IP check comes first).
    expect((await api(emu, 'user/info.cgi', {}, null)).json.message).toBe('Flood detected: IP Locked #374');
    clock.advance(59_999);
    expect((await info(emu, KEYS.premium)).status).toBe(403);
    clock.advance(1);
    expect((await info(emu, KEYS.premium)).status).toBe(200);
  });

  it("'key' locks every key (User Locked); a target narrows a lock to one IP or key", async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now });
    emu.lockFlood(1_000, 'key');
    const r = await info(emu, KEYS.gold);
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('Flood detected: User Locked #223');
    expect((await api(emu, 'user/info.cgi', {}, null)).status).toBe(401);
    clock.advance(1_000);
    emu.lockFlood(1_000, 'key', KEYS.premium);
    emu.lockFlood(1_000, 'ip', '127.0.0.2');
    expect((await info(emu, KEYS.premium)).json.message).toBe('Flood detected: User Locked #223');
    expect((await info(emu, KEYS.gold)).status).toBe(200);
    expect((await info(emu, KEYS.gold, '127.0.0.2')).json.message).toBe('Flood detected: IP Locked #374');
  });

  it('resetLimits lifts injected locks', async () => {
    emu = await startEmulator();
    emu.lockFlood(3_600_000, 'ip');
    emu.lockFlood(3_600_000, 'key');
    expect((await info(emu, KEYS.premium)).status).toBe(403);
    emu.resetLimits();
    expect((await info(emu, KEYS.premium)).status).toBe(200);
  });

  it('logs arrival time and flood flag so "no API call during the lock" can be asserted', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now });
    await info(emu, KEYS.premium); // before
    clock.advance(10);
    const lock = emu.lockFlood(30_000);
    expect(emu.apiCallsBetween(lock.from, lock.until)).toEqual([]);
    clock.advance(1_000);
    await info(emu, KEYS.premium); // during: answered as flood
    await request(emu, `https://1fichier.com/?${FILES.small.id}`); // not an API call
    clock.advance(29_000);
    await info(emu, KEYS.premium); // after (at `until`, excluded)
    const during = emu.apiCallsBetween(lock.from, lock.until);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ path: '/v1/file/info.cgi', status: 403, flood: true });
    expect(Date.parse(during[0]?.ts ?? '')).toBe(lock.from + 1_000);
    const all = emu.apiCallsBetween(0, Number.MAX_SAFE_INTEGER);
    expect(all.map((e) => [e.status, e.flood])).toEqual([
      [200, false],
      [403, true],
      [200, false],
    ]);
  });
});

describe('single-use tokens', () => {
  it('a HEAD consumes a single:1 token (strict choice)', async () => {
    emu = await startEmulator();
    const url = await token(emu, KEYS.premium, { url: FILES.small.link, single: 1 });
    expect((await request(emu, url, { method: 'HEAD' })).status).toBe(200);
    expect((await request(emu, url)).status).toBe(404);
  });
});
