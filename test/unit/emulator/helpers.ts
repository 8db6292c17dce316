/**
 * HTTP(S) client helpers for the emulator tests: real requests to 127.0.0.1:<port> with the
 * virtual host chosen by SNI + Host header, as Chromium does with --host-resolver-rules.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Emulator } from '../../emulator/index.ts';

/** A buffered response. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** Request options. */
export interface ReqInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Source address, e.g. '127.0.0.2' to look like a second client IP. */
  localAddress?: string;
}

function open(emu: Emulator, url: string, init: ReqInit): http.ClientRequest {
  const u = new URL(url);
  const common = {
    host: '127.0.0.1',
    port: emu.port,
    method: init.method ?? 'GET',
    path: `${u.pathname}${u.search}`,
    headers: { Host: u.host, ...init.headers },
    agent: false as const,
    localAddress: init.localAddress,
  };
  return u.protocol === 'http:'
    ? http.request(common)
    : https.request({ ...common, servername: u.hostname, rejectUnauthorized: false });
}

/** Sends a request and buffers the whole answer. */
export function request(emu: Emulator, url: string, init: ReqInit = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = open(emu, url, init);
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
    });
    req.end(init.body);
  });
}

/** Streams a response into sha256 without buffering it (for the 64 MiB file). */
export function requestSha256(
  emu: Emulator,
  url: string,
  init: ReqInit = {},
): Promise<{ status: number; bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const req = open(emu, url, init);
    req.on('error', reject);
    req.on('response', (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        hash.update(c);
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest('hex') }));
    });
    req.end(init.body);
  });
}

/** Parsed JSON answer of an API call. */
export interface ApiReply {
  status: number;
  contentType: string | undefined;
  json: Record<string, unknown>;
}

/** POSTs `body` as JSON to `https://api.1fichier.com/v1/<endpoint>`; `key: null` sends no Authorization. */
export async function api(
  emu: Emulator,
  endpoint: string,
  body: object | undefined,
  key: string | null,
  localAddress?: string,
): Promise<ApiReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const r = await request(emu, `https://api.1fichier.com/v1/${endpoint}`, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    localAddress,
  });
  return {
    status: r.status,
    contentType: r.headers['content-type'],
    json: JSON.parse(r.text) as Record<string, unknown>,
  };
}

/** Gets a direct link via get_token.cgi and returns its URL (asserting success). */
export async function token(emu: Emulator, key: string, body: object): Promise<string> {
  const r = await api(emu, 'download/get_token.cgi', body, key);
  if (r.status !== 200 || r.json.status !== 'OK' || typeof r.json.url !== 'string') {
    throw new Error(`get_token failed: ${r.status} ${JSON.stringify(r.json)}`);
  }
  return r.json.url;
}

/** sha256 hex of a buffer. */
export const sha256 = (buf: Buffer): string => createHash('sha256').update(buf).digest('hex');

/** Decodes the `filename*=UTF-8''…` parameter of a Content-Disposition header. */
export function dispositionFilenameStar(header: string | undefined): string | undefined {
  const m = /filename\*=UTF-8''([^;\s]+)/i.exec(header ?? '');
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
}

/** A controllable clock for expiry tests. */
export function fakeClock(start = 1_800_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** POSTs an `application/x-www-form-urlencoded` body (website forms: /dir/<ID>, check_links.pl). */
export function postForm(
  emu: Emulator,
  url: string,
  fields: [string, string][],
  localAddress?: string,
): Promise<Reply> {
  return request(emu, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    localAddress,
  });
}

/** check_links.pl with these links; resolves the text answer. */
export function checkLinks(emu: Emulator, links: string[], localAddress?: string): Promise<Reply> {
  return postForm(
    emu,
    'https://1fichier.com/check_links.pl',
    links.map((l): [string, string] => ['links[]', l]),
    localAddress,
  );
}
