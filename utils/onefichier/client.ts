import { AppError, classifyApiFailure } from './errors';
import type { Pacer } from './pacer';
import type { AccountInfo, AccountKind, FileInfo, TokenOptions } from './types';
import { parseAccountInfo, parseFileInfo, parseDirectUrl } from './parse';

/** The only host the API key is ever sent to. */
export const API_BASE = 'https://api.1fichier.com/v1/';

export interface ClientDeps {
  pacer: Pacer;
  fetch?: typeof fetch;
  /** Per-call timeout (default 20 s). */
  timeoutMs?: number;
}

export interface OneFichierClient {
  userInfo(key: string): Promise<AccountInfo>;
  fileInfo(key: string, url: string, pass?: string): Promise<FileInfo>;
  /** A fresh direct download URL; request it right before the transfer (tokens live ~5 min). */
  getToken(key: string, url: string, opts?: TokenOptions): Promise<string>;
}

export type { AccountInfo, AccountKind, FileInfo };

/** A typed 1Fichier API client: every call goes through the pacer, POST JSON, Bearer auth. */
export function createOneFichierClient(deps: ClientDeps): OneFichierClient {
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = deps.timeoutMs ?? 20_000;

  async function send(endpoint: string, key: string, body: object): Promise<Record<string, unknown>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(API_BASE + endpoint, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        signal: controller.signal,
      });
      text = await response.text();
    } catch (err) {
      throw new AppError(controller.signal.aborted ? 'timeout' : 'network', { cause: err });
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const kind = response.status >= 500 ? 'server' : 'badResponse';
      throw new AppError(kind, { detail: `HTTP ${response.status}` });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new AppError('badResponse', { detail: `HTTP ${response.status}` });
    }
    const record = json as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : undefined;
    if (!response.ok || record.status === 'KO') {
      throw new AppError(classifyApiFailure(response.status, message), {
        detail: message ?? `HTTP ${response.status}`,
      });
    }
    return record;
  }

  const call = (endpoint: string, key: string, body: object) =>
    deps.pacer.run(() => send(endpoint, key, body));

  return {
    async userInfo(key) {
      return parseAccountInfo(await call('user/info.cgi', key, {}));
    },
    async fileInfo(key, url, pass) {
      return parseFileInfo(await call('file/info.cgi', key, pass ? { url, pass } : { url }));
    },
    async getToken(key, url, opts = {}) {
      const body: Record<string, unknown> = { url, no_ssl: opts.noSsl ? 1 : 0 };
      if (opts.pass) body.pass = opts.pass;
      // No `single`: the browser may resume the transfer with Range on the same link (§6.3).
      return parseDirectUrl(await call('download/get_token.cgi', key, body));
    },
  };
}
