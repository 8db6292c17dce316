/**
 * `api.1fichier.com`: POST /v1/<endpoint> with JSON in and out (1fichier-api.md §1.2, §1.3).
 * Order of checks: fault switches (they model infrastructure, so they win and are not counted),
 * method, per-IP flood counter, Bearer authentication, per-key flood counter, body, endpoint.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCOUNTS } from './fixtures.ts';
import type { FixtureAccount } from './fixtures.ts';
import { fileInfo, getToken, userInfo } from './api-endpoints.ts';
import type { ApiBody } from './api-endpoints.ts';
import { MSG } from './messages.ts';
import { JSON_TYPE, send, sendKo } from './respond.ts';
import type { EmulatorState } from './state.ts';

const MAX_BODY = 64 * 1024;

type Endpoint = (
  state: EmulatorState,
  res: ServerResponse,
  body: ApiBody,
  account: FixtureAccount,
  key: string,
) => void;

const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  ['/v1/download/get_token.cgi', getToken],
  ['/v1/file/info.cgi', fileInfo],
  ['/v1/user/info.cgi', userInfo],
]);

const ERROR_PAGE = (title: string): string =>
  `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`;

/** Answers according to the API fault switches; true if one applied. */
function applyFault(state: EmulatorState, res: ServerResponse): boolean {
  const f = state.faults;
  // `hang`: never answer; close() destroys the socket.
  if (f.has('hang')) return true;
  if (f.has('http500')) {
    send(res, 500, 'text/html; charset=utf-8', ERROR_PAGE('500 Internal Server Error'));
  } else if (f.has('html')) {
    // Maintenance-style page with HTTP 200 (§4.1): clients must not trust the status alone.
    send(
      res,
      200,
      'text/html; charset=utf-8',
      ERROR_PAGE('Our services are in maintenance. Please come back after'),
    );
  } else if (f.has('malformedJson')) {
    send(res, 200, JSON_TYPE, '{"status":"OK",');
  } else if (f.has('flood')) {
    sendKo(res, 403, MSG.ipLocked);
  } else {
    return false;
  }
  return true;
}

/** Reads the JSON object body; an empty body is `{}`. Undefined if malformed or too big. */
async function readBody(req: IncomingMessage): Promise<ApiBody | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed as ApiBody;
  } catch {
    return undefined;
  }
}

/** The Bearer key of the request, if any (§1.2). */
function bearerKey(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** Handles one request to the API host. */
export async function handleApi(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (applyFault(state, res)) return;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendKo(res, 405, `Method ${req.method ?? ''} not allowed, use POST #405`);
    return;
  }
  if (state.flood.hitIp(req.socket.remoteAddress ?? '')) {
    sendKo(res, 403, MSG.ipLocked);
    return;
  }
  const key = bearerKey(req);
  const account = key === undefined ? undefined : ACCOUNTS.get(key);
  if (key === undefined || account === undefined) {
    // §4.1: RGSX shows 401 for this message.
    sendKo(res, 401, MSG.notAuthenticated);
    return;
  }
  if (state.flood.hitKey(key)) {
    sendKo(res, 403, MSG.userLocked);
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    sendKo(res, 400, MSG.invalidBody);
    return;
  }
  const endpoint = ENDPOINTS.get(path);
  if (!endpoint) {
    sendKo(res, 404, MSG.unknownEndpoint);
    return;
  }
  endpoint(state, res, body, account, key);
}
