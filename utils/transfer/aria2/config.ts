/**
 * aria2's connection settings: the JSON-RPC address, and what follows from it (the host permission
 * to ask for, the WebSocket address, whether the secret would cross a network in clear).
 */

/** aria2's own default: RPC on loopback, port 6800 (aria2c manual, `--rpc-listen-port`). */
export const ARIA2_DEFAULT_URL = 'http://127.0.0.1:6800/jsonrpc';

/** 1Fichier's premium guidance is 3 connections per file (1fichier-api.md §5.3, JDownloader's default). */
export const ARIA2_DEFAULT_CONNECTIONS = 3;

/** aria2 refuses `max-connection-per-server` above 16. */
export const ARIA2_MAX_CONNECTIONS = 16;

export const ARIA2_DIR_MAX = 500;
export const ARIA2_URL_MAX = 500;

export type RpcUrlCheck = { ok: true; url: URL } | { ok: false; reason: 'empty' | 'invalid' | 'scheme' };

/** An aria2 address must be an absolute http(s) URL with a host; no user:password in it (the secret is separate). */
export function checkRpcUrl(text: string): RpcUrlCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  if (trimmed.length > ARIA2_URL_MAX) return { ok: false, reason: 'invalid' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (!url.hostname || url.username || url.password) return { ok: false, reason: 'invalid' };
  return { ok: true, url };
}

/** 127.0.0.0/8, ::1 and localhost: the RPC never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** The secret and the download links would cross a network unencrypted (remote host over http). */
export function isInsecureRemote(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** The optional host permission aria2 needs (any port of that host: match patterns carry no port). */
export function permissionPattern(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}

/** The WebSocket address aria2 serves beside its HTTP endpoint (same port and path). */
export function socketUrl(url: URL): string {
  const ws = new URL(url.href);
  ws.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return ws.href;
}

/**
 * Whether a host-permission match pattern (`<scheme>://<host>/<path>`, `*://…`, `*.domain`,
 * `<all_urls>`) covers the URL's origin. Used against permissions.getAll(): in Chromium the content
 * script's `http://*\/*` matches count as host access, so an address can be reachable without the
 * permission asked for aria2.
 */
export function patternCovers(pattern: string, url: URL): boolean {
  if (pattern === '<all_urls>') return url.protocol === 'http:' || url.protocol === 'https:';
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::\d+|:\*)?\//.exec(pattern);
  if (!m) return false;
  const scheme = m[1]!;
  const host = m[2]!.toLowerCase();
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  if (scheme === '*' && url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const h = url.hostname.toLowerCase();
  if (host === '*') return true;
  if (host.startsWith('*.')) return h === host.slice(2) || h.endsWith(host.slice(1));
  return h === host;
}
