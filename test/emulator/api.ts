/**
 * `api.1fichier.com`: POST /v1/<endpoint> with JSON in and out (1fichier-api.md §1.2, §1.3).
 * Order of checks: the hold (holdApi), fault switches (they model infrastructure, so they win and
 * are not counted), the fault plan (injectApiFaults; not counted either), method, per-IP flood
 * lock and counter, Bearer authentication, per-key flood lock and counter, body, endpoint (which
 * applies its own interval rules: user/info.cgi, listings).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_FAULTS } from './api-fault-plan.ts';
import type { ApiFault } from './api-fault-plan.ts';
import { ACCOUNTS } from './fixtures.ts';
import { fileInfo, getToken, userInfo } from './api-endpoints.ts';
import type { ApiBody, ApiCall } from './api-endpoints.ts';
import { fileLs, folderLs } from './api-folders.ts';
import { annotateRequest } from './log.ts';
import { MSG, SITE_MSG } from './messages.ts';
import { clientIp, readRaw, resetConnection } from './request.ts';
import { JSON_TYPE, htmlPage, send, sendKo } from './respond.ts';
import type { EmulatorState } from './state.ts';

const MAX_BODY = 64 * 1024;

type Endpoint = (call: ApiCall) => void;

const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  ['/v1/download/get_token.cgi', getToken],
  ['/v1/file/info.cgi', fileInfo],
  ['/v1/user/info.cgi', userInfo],
  ['/v1/folder/ls.cgi', folderLs],
  ['/v1/file/ls.cgi', fileLs],
]);

const ERROR_PAGE = (title: string): string => htmlPage(title, `<h1>${title}</h1>`);

/** The switch that applies to every API call now, first match wins (index.ts). */
function switchedFault(state: EmulatorState): ApiFault | undefined {
  return API_FAULTS.find((f) => state.faults.has(f));
}

/**
 * Answers with `fault`. `retryAfterSec` is the `Retry-After` of `http503`/`http429`.
 */
function applyFault(
  fault: ApiFault,
  retryAfterSec: number | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  annotateRequest(res, { fault });
  if (fault === 'hang') {
    // Never answer; close() destroys the socket. The body is read so that no server-side timeout
    // about an incomplete request can ever fire (requestTimeout is disabled too, server.ts).
    req.resume();
  } else if (fault === 'reset') {
    // Read the whole request, then reset the connection without a single byte of answer.
    req.resume();
    req.once('end', () => resetConnection(req));
    req.once('error', () => resetConnection(req));
  } else if (fault === 'http503') {
    // JD's maintenance case (§4.1): 503 with an HTML page.
    send(res, 503, 'text/html; charset=utf-8', ERROR_PAGE(SITE_MSG.maintenance), undefined, {
      'Retry-After': String(retryAfterSec ?? 120),
    });
  } else if (fault === 'http429') {
    // The pre-2020 flood status (PR #4160), still in rclone's retry list.
    sendKo(res, 429, MSG.ipLocked, { 'Retry-After': String(retryAfterSec ?? 45) });
  } else if (fault === 'http500') {
    send(res, 500, 'text/html; charset=utf-8', ERROR_PAGE('500 Internal Server Error'));
  } else if (fault === 'html') {
    // Maintenance-style page with HTTP 200 (§4.1): clients must not trust the status alone.
    send(res, 200, 'text/html; charset=utf-8', ERROR_PAGE(SITE_MSG.maintenance));
  } else if (fault === 'malformedJson') {
    send(res, 200, JSON_TYPE, '{"status":"OK",');
  } else {
    sendKo(res, 403, MSG.ipLocked);
  }
}

/** Parses the JSON object body; an empty body is `{}`. Undefined if malformed or too big. */
async function readBody(req: IncomingMessage): Promise<ApiBody | undefined> {
  const raw = await readRaw(req, MAX_BODY);
  if (raw === undefined) return undefined;
  const text = raw.toString('utf8').trim();
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
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  state.events.emit('api', { path, at: state.settings.now() });
  if (state.apiHold) await state.apiHold.pass();
  // A switch wins over the plan; the plan is consumed only by calls no switch answered.
  const switched = switchedFault(state);
  if (switched !== undefined) {
    applyFault(switched, undefined, req, res);
    return;
  }
  const planned = state.apiPlan?.next(path, state.settings.now());
  if (planned !== undefined) {
    applyFault(planned.fault, planned.retryAfterSec, req, res);
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendKo(res, 405, `Method ${req.method ?? ''} not allowed, use POST #405`);
    return;
  }
  const ip = clientIp(req);
  if (state.flood.hitIp(ip)) {
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
  const body = await readBody(req).catch(() => 'aborted' as const);
  // The client went away while its request was held or read (a stopped worker, a closed browser).
  if (body === 'aborted') return;
  if (body === undefined) {
    sendKo(res, 400, MSG.invalidBody);
    return;
  }
  const endpoint = ENDPOINTS.get(path);
  if (!endpoint) {
    sendKo(res, 404, MSG.unknownEndpoint);
    return;
  }
  endpoint({ state, res, body, account, key, ip });
}
