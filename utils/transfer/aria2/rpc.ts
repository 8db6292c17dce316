import { AppError } from '../../onefichier/errors';
import { checkRpcUrl, isLoopbackHost } from './config';

/**
 * aria2's JSON-RPC over HTTP (POST `<address>`), with the secret as the first parameter
 * (`token:<secret>`). Every failure becomes a typed error the user can act on:
 *   nothing listening on loopback → aria2NotRunning; a remote host that does not answer →
 *   aria2Unreachable; the host permission missing → aria2Permission; "Unauthorized" →
 *   aria2Unauthorized; an answer that is not JSON-RPC → aria2NotAria2; any other refusal →
 *   aria2Refused with aria2's own words as the detail.
 * The API key is never part of any call: only the secret, the direct link and aria2 options are.
 */
export interface Aria2Endpoint {
  url: string;
  /** `--rpc-secret`; undefined or '' when aria2 runs without one. */
  secret?: string | undefined;
}

export interface RpcDeps {
  fetch?: typeof fetch;
  /** aria2 delays its answer to a wrong secret by about 2 s on purpose: the timeout leaves room. */
  timeoutMs?: number;
  /** Whether the extension holds the host permission for the address (asked only after a failure). */
  allowed?: (url: URL) => Promise<boolean>;
}

export const RPC_TIMEOUT_MS = 15_000;

let nextId = 0;

interface RpcAnswer {
  result?: unknown;
  error?: { code?: unknown; message?: unknown };
}

function isAnswer(v: unknown): v is RpcAnswer {
  if (typeof v !== 'object' || v === null) return false;
  return 'result' in v || ('error' in v && typeof (v as RpcAnswer).error === 'object');
}

/** Calls one aria2 method; resolves with its `result`. */
export async function rpcCall(
  endpoint: Aria2Endpoint,
  method: string,
  params: readonly unknown[],
  deps: RpcDeps = {},
): Promise<unknown> {
  const check = checkRpcUrl(endpoint.url);
  if (!check.ok) throw new AppError('aria2BadUrl', { detail: check.reason });
  const url = check.url;
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: `dl1f-${++nextId}`,
    method,
    params: endpoint.secret ? [`token:${endpoint.secret}`, ...params] : [...params],
  });
  const doFetch = deps.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url.href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(deps.timeoutMs ?? RPC_TIMEOUT_MS),
    });
  } catch (err) {
    if (deps.allowed && !(await deps.allowed(url).catch(() => true))) {
      throw new AppError('aria2Permission', { detail: url.host, cause: err });
    }
    const kind = isLoopbackHost(url.hostname) ? 'aria2NotRunning' : 'aria2Unreachable';
    throw new AppError(kind, { detail: url.host, cause: err });
  }
  let answer: unknown;
  try {
    answer = await res.json();
  } catch (err) {
    throw new AppError('aria2NotAria2', { detail: `HTTP ${res.status}`, cause: err });
  }
  if (!isAnswer(answer)) throw new AppError('aria2NotAria2', { detail: `HTTP ${res.status}` });
  if (answer.error) {
    const message = typeof answer.error.message === 'string' ? answer.error.message : 'error';
    if (/^unauthorized$/i.test(message)) throw new AppError('aria2Unauthorized');
    throw new AppError('aria2Refused', { detail: message.slice(0, 200) });
  }
  return answer.result;
}
