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
