import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { validateEnvelope } from '../../../utils/messaging/validate.ts';
import { AppError } from '../../../utils/onefichier/errors.ts';
import { currentSettings, DEFAULT_SETTINGS, settingsItem, type Settings } from '../../../utils/settings.ts';
import {
  ARIA2_DEFAULT_CONNECTIONS,
  ARIA2_DEFAULT_URL,
  ARIA2_DIR_MAX,
  ARIA2_URL_MAX,
} from '../../../utils/transfer/aria2/config.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

/** Stores raw values as another version, a bug or a hand-edited profile could leave them. */
async function stored(values: Record<string, unknown>): Promise<Settings> {
  await settingsItem.setValue(values as Partial<Settings>);
  return currentSettings();
}

describe('currentSettings: aria2', () => {
  it('defaults: browser downloads, aria2 off on loopback port 6800 with 3 connections', async () => {
    const s = await currentSettings();
    expect(s).toMatchObject({
      aria2Enabled: false,
      transfer: 'browser',
      aria2Url: ARIA2_DEFAULT_URL,
      aria2Dir: '',
      aria2Connections: ARIA2_DEFAULT_CONNECTIONS,
      aria2Fallback: false,
    });
    expect(ARIA2_DEFAULT_CONNECTIONS).toBe(3);
  });

  it('keeps valid values', async () => {
    const values = {
      aria2Enabled: true,
      transfer: 'aria2',
      aria2Url: 'https://nas.lan:6801/jsonrpc',
      aria2Dir: '/srv/downloads/1fichier',
      aria2Connections: 16,
      aria2Fallback: true,
    };
    expect(await stored(values)).toMatchObject(values);
    expect(await stored({ aria2Connections: 1, aria2Dir: 'x'.repeat(ARIA2_DIR_MAX) })).toMatchObject({
      aria2Connections: 1,
      aria2Dir: 'x'.repeat(ARIA2_DIR_MAX),
    });
  });

  it.each([
    '',
    'not a url',
    'ftp://nas.lan/jsonrpc',
    'ws://127.0.0.1:6800/jsonrpc',
    'http://user:pass@nas.lan:6800/jsonrpc',
    `http://nas.lan/${'a'.repeat(ARIA2_URL_MAX)}`,
    42,
    null,
    { href: 'http://nas.lan:6800/jsonrpc' },
  ])('an invalid aria2Url (%j) falls back to the default', async (aria2Url) => {
    expect((await stored({ aria2Url })).aria2Url).toBe(ARIA2_DEFAULT_URL);
  });

  it.each([
    [0, 1],
    [-4, 1],
    [17, 16],
    [1000, 16],
    [2.5, ARIA2_DEFAULT_CONNECTIONS],
    ['4', ARIA2_DEFAULT_CONNECTIONS],
    [null, ARIA2_DEFAULT_CONNECTIONS],
    [true, ARIA2_DEFAULT_CONNECTIONS],
  ])('aria2Connections %j → %d (integers clamped to 1–16)', async (aria2Connections, expected) => {
    expect((await stored({ aria2Connections })).aria2Connections).toBe(expected);
  });

  it.each(['ftp', 'ARIA2', 'Browser', '', 1, null, ['aria2']])(
    'an unknown transfer (%j) falls back to browser',
    async (transfer) => {
      expect((await stored({ transfer, aria2Enabled: true })).transfer).toBe('browser');
    },
  );

  it.each(['x'.repeat(ARIA2_DIR_MAX + 1), 7, null, ['/data']])(
    'a too-long or non-text aria2Dir falls back to none',
    async (aria2Dir) => {
      expect((await stored({ aria2Dir })).aria2Dir).toBe('');
    },
  );

  it.each(['true', 1, null, 'yes', {}])('non-boolean flags (%j) fall back to off', async (flag) => {
    const s = await stored({ aria2Enabled: flag, aria2Fallback: flag });
    expect([s.aria2Enabled, s.aria2Fallback]).toEqual([false, false]);
  });

  it('an invalid aria2 value leaves the others alone', async () => {
    const s = await stored({ aria2Connections: 99, aria2Url: 'nope', transfer: 'aria2', parallel: 5 });
    expect(s).toMatchObject({
      aria2Connections: 16,
      aria2Url: ARIA2_DEFAULT_URL,
      transfer: 'aria2',
      parallel: 5,
    });
    expect(s.aria2Dir).toBe(DEFAULT_SETTINGS.aria2Dir);
  });
});

/** Whether validateEnvelope takes `{ type, payload }`; anything else must be a typed badMessage. */
function accepts(type: string, payload: unknown): boolean {
  try {
    expect(validateEnvelope({ type, payload })).toEqual({ type, payload });
    return true;
  } catch (err) {
    if (!(err instanceof AppError) || err.kind !== 'badMessage') throw err;
    return false;
  }
}

const URL_OK = 'http://127.0.0.1:6800/jsonrpc';

describe('validateEnvelope: aria2 messages', () => {
  it('testAria2: an address up to 500 characters, the secret optional', () => {
    expect(accepts('testAria2', { url: URL_OK })).toBe(true);
    expect(accepts('testAria2', { url: URL_OK, secret: 's3cret' })).toBe(true);
    expect(accepts('testAria2', { url: 'x'.repeat(ARIA2_URL_MAX) })).toBe(true);
    expect(accepts('testAria2', { url: 'x'.repeat(ARIA2_URL_MAX + 1) })).toBe(false);
    expect(accepts('testAria2', {})).toBe(false);
    expect(accepts('testAria2', { url: 42 })).toBe(false);
    expect(accepts('testAria2', { url: URL_OK, secret: 42 })).toBe(false);
    expect(accepts('testAria2', { url: URL_OK, secret: 'a\nb' })).toBe(false);
    expect(accepts('testAria2', { url: URL_OK, key: 'api key' })).toBe(false);
  });

  it.each(['', 's3cret', 'pass phrase with spaces é ✓', 'x'.repeat(1024)])(
    'setAria2Secret takes %j',
    (secret) => expect(accepts('setAria2Secret', { secret })).toBe(true),
  );

  it.each([
    ['a line break', 'abc\ndef'],
    ['a carriage return', 'abc\r'],
    ['a tab', '\tabc'],
    ['a NUL', 'abc\u0000'],
    ['a DEL', 'abc\u007f'],
    ['1,025 characters', 'x'.repeat(1025)],
    ['a number', 1234],
    ['null', null],
  ])('setAria2Secret refuses %s', (_name, secret) => {
    expect(accepts('setAria2Secret', { secret })).toBe(false);
  });

  it('setAria2Secret refuses a missing secret and extra fields', () => {
    expect(accepts('setAria2Secret', {})).toBe(false);
    expect(accepts('setAria2Secret', { secret: 'a', url: URL_OK })).toBe(false);
  });

  it('getAria2Info takes only an empty payload', () => {
    expect(accepts('getAria2Info', {})).toBe(true);
    expect(accepts('getAria2Info', { secret: 'a' })).toBe(false);
    expect(accepts('getAria2Info', [])).toBe(false);
  });

  it.each(['browser', 'aria2'])('setJobTransfer takes ids and %s', (transfer) => {
    expect(accepts('setJobTransfer', { ids: ['j1', 'j2'], transfer })).toBe(true);
  });

  it.each([
    ['an unknown transfer', { ids: ['j1'], transfer: 'ftp' }],
    ['no transfer', { ids: ['j1'] }],
    ['an empty id list', { ids: [], transfer: 'aria2' }],
    ['ids that are not a list', { ids: 'j1', transfer: 'aria2' }],
    ['a numeric id', { ids: [1], transfer: 'aria2' }],
    ['an extra field', { ids: ['j1'], transfer: 'aria2', gid: '0123456789abcdef' }],
  ])('setJobTransfer refuses %s', (_name, payload) => {
    expect(accepts('setJobTransfer', payload)).toBe(false);
  });
});
