import { describe, expect, it } from 'vitest';
import {
  ARIA2_DEFAULT_URL,
  ARIA2_URL_MAX,
  checkRpcUrl,
  isInsecureRemote,
  isLoopbackHost,
  patternCovers,
  permissionPattern,
  socketUrl,
} from '../../../utils/transfer/aria2/config.ts';

function urlOf(text: string): URL {
  const check = checkRpcUrl(text);
  if (!check.ok) throw new Error(`not a valid aria2 address: ${text} (${check.reason})`);
  return check.url;
}

describe('checkRpcUrl', () => {
  it.each([
    ARIA2_DEFAULT_URL,
    'http://localhost:6800/jsonrpc',
    'https://nas.lan:6800/jsonrpc',
    'http://[::1]:6800/jsonrpc',
    '  http://192.168.1.20:6800/jsonrpc  ',
  ])('accepts %s', (text) => {
    const check = checkRpcUrl(text);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.url.href).toBe(new URL(text.trim()).href);
  });

  it('keeps the default address as aria2 serves it (loopback, port 6800, /jsonrpc)', () => {
    const url = urlOf(ARIA2_DEFAULT_URL);
    expect([url.protocol, url.hostname, url.port, url.pathname]).toEqual([
      'http:',
      '127.0.0.1',
      '6800',
      '/jsonrpc',
    ]);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['not a url', 'invalid'],
    ['nas.lan:6800/jsonrpc', 'scheme'],
    ['/jsonrpc', 'invalid'],
    ['ftp://nas.lan/jsonrpc', 'scheme'],
    ['ws://127.0.0.1:6800/jsonrpc', 'scheme'],
    ['wss://nas.lan:6800/jsonrpc', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['http://user:pass@nas.lan:6800/jsonrpc', 'invalid'],
    ['http://user@nas.lan:6800/jsonrpc', 'invalid'],
    [`http://nas.lan/${'a'.repeat(ARIA2_URL_MAX)}`, 'invalid'],
  ])('refuses %j as %s', (text, reason) => {
    expect(checkRpcUrl(text)).toEqual({ ok: false, reason });
  });

  it('accepts an address of exactly the maximum length and refuses one character more', () => {
    const base = 'http://nas.lan/';
    const fits = base + 'a'.repeat(ARIA2_URL_MAX - base.length);
    expect(fits).toHaveLength(ARIA2_URL_MAX);
    expect(checkRpcUrl(fits).ok).toBe(true);
    expect(checkRpcUrl(`${fits}a`)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.5.6.7', 'localhost', 'LOCALHOST', 'foo.localhost', '[::1]', '::1'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each([
    '10.0.0.2',
    '192.168.1.20',
    'nas.local',
    'nas.lan',
    '127.0.0.1.evil.com',
    'localhost.evil.com',
    '128.0.0.1',
    '[::2]',
    '',
  ])('%s is not loopback', (host) => expect(isLoopbackHost(host)).toBe(false));

  it('reads the hostname of a parsed IPv6 address ([::1])', () => {
    expect(isLoopbackHost(urlOf('http://[::1]:6800/jsonrpc').hostname)).toBe(true);
  });
});

describe('isInsecureRemote', () => {
  it.each([
    ['http://nas.lan:6800/jsonrpc', true],
    ['http://10.0.0.2:6800/jsonrpc', true],
    ['https://nas.lan:6800/jsonrpc', false],
    ['http://127.0.0.1:6800/jsonrpc', false],
    ['http://localhost:6800/jsonrpc', false],
    ['http://[::1]:6800/jsonrpc', false],
    ['https://localhost:6800/jsonrpc', false],
  ])('%s → %s', (text, insecure) => {
    expect(isInsecureRemote(urlOf(text))).toBe(insecure);
  });
});

describe('permissionPattern', () => {
  it.each([
    ['http://nas.lan:6800/jsonrpc', 'http://nas.lan/*'],
    ['https://nas.lan:6801/rpc/jsonrpc?x=1', 'https://nas.lan/*'],
    [ARIA2_DEFAULT_URL, 'http://127.0.0.1/*'],
    ['http://[::1]:6800/jsonrpc', 'http://[::1]/*'],
  ])('%s → %s (no port, no path)', (text, pattern) => {
    expect(permissionPattern(urlOf(text))).toBe(pattern);
  });
});

describe('socketUrl', () => {
  it.each([
    [ARIA2_DEFAULT_URL, 'ws://127.0.0.1:6800/jsonrpc'],
    ['http://nas.lan:6800/jsonrpc', 'ws://nas.lan:6800/jsonrpc'],
    ['https://nas.lan:6801/aria2/jsonrpc', 'wss://nas.lan:6801/aria2/jsonrpc'],
    ['https://nas.lan/jsonrpc', 'wss://nas.lan/jsonrpc'],
    ['http://[::1]:6800/jsonrpc', 'ws://[::1]:6800/jsonrpc'],
  ])('%s → %s (same port and path)', (text, ws) => {
    expect(socketUrl(urlOf(text))).toBe(ws);
  });

  it('leaves the URL it was given unchanged', () => {
    const url = urlOf('https://nas.lan:6801/jsonrpc');
    socketUrl(url);
    expect(url.href).toBe('https://nas.lan:6801/jsonrpc');
  });
});

describe('patternCovers', () => {
  it.each([
    ['http://*/*', 'http://127.0.0.1:6800/jsonrpc', true],
    ['http://*/*', 'https://127.0.0.1:6800/jsonrpc', false],
    ['https://*/*', 'https://nas.lan/jsonrpc', true],
    ['*://*/*', 'https://nas.lan/jsonrpc', true],
    ['<all_urls>', 'http://nas.lan:6800/jsonrpc', true],
    ['http://127.0.0.1/*', 'http://127.0.0.1:6800/jsonrpc', true],
    ['http://127.0.0.1/*', 'http://127.0.0.2:6800/jsonrpc', false],
    ['https://api.1fichier.com/*', 'https://1fichier.com/x', false],
    ['https://*.1fichier.com/*', 'https://1fichier.com/x', true],
    ['https://*.1fichier.com/*', 'https://a-1.1fichier.com/x', true],
    ['https://*.1fichier.com/*', 'https://evil1fichier.com/x', false],
    ['http://nas.lan:6800/*', 'http://nas.lan:6800/jsonrpc', true],
    ['not a pattern', 'http://nas.lan/jsonrpc', false],
  ])('%s covers %s: %s', (pattern, address, expected) => {
    expect(patternCovers(pattern, urlOf(address))).toBe(expected);
  });
});
