/**
 * Local 1Fichier emulator for tests (ground truth: /work/shared/1fichier-api.md, §11 checklist).
 *
 * One port, HTTPS and plain HTTP, virtual hosts chosen by the Host header:
 * - `api.1fichier.com`: JSON API (api.ts)
 * - `a-N.1fichier.com` / `o-N.1fichier.com`: direct-download nodes (cdn.ts)
 * - `1fichier.com`, mirror domains, `www.` variants: file pages (site.ts)
 * - anything else: 421 Misdirected Request.
 *
 * Fault switches: `down` destroys every connection; `html` / `malformedJson` / `http500` / `hang` /
 * `flood` replace every API answer (200 HTML page, 200 truncated JSON, 500 HTML, no answer at all,
 * 403 flood KO); `cdnDrop` makes the CDN send half of the bytes then kill the connection;
 * `tokenExpired` makes every CDN link answer the 404 HTML page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi } from './api.ts';
import { handleCdn } from './cdn.ts';
import { FloodGuard } from './flood.ts';
import { DOMAINS, classifyHost, normalizeHost } from './links.ts';
import { RequestLog } from './log.ts';
import type { RequestLogEntry } from './log.ts';
import { sendText } from './respond.ts';
import { createDualServer } from './server.ts';
import { handleSite } from './site.ts';
import type { EmulatorState, FaultName } from './state.ts';

export { KEYS, FILES, fileBytes, fileSha256, type FixtureFile } from './fixtures.ts';
export { FAULT_NAMES } from './state.ts';
export type { FaultName } from './state.ts';
export type { RequestLogEntry } from './log.ts';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** 0 = random free port (default 0). */
  port?: number;
  /** Bind address, default '127.0.0.1'. */
  host?: string;
  /** If set, append one JSON line per request. */
  logFile?: string;
  /** Clock for token expiry / flood (default Date.now). */
  now?: () => number;
  /** Default 300_000 (5 min, §6.2): a token must be FIRST used within this. */
  tokenTtlMs?: number;
  /** Default 1_000. */
  floodWindowMs?: number;
  /** Default 3 API calls per window per key and per IP (SWAG's "3 requests per second", §5.1); more = flood. */
  floodMaxInWindow?: number;
  /** Default 30_000; while locked every API call answers flood. */
  floodLockMs?: number;
  /** Default 300_000: user/info.cgi more often per key = flood (JD: once per ~5 min, §3.15). */
  userInfoMinIntervalMs?: number;
  /** Optional per-connection speed cap for the CDN (default unlimited). */
  cdnBytesPerSecond?: number;
}

/** A running emulator. */
export interface Emulator {
  port: number;
  /** For Chromium's --host-resolver-rules: maps api/CDN/site hosts of 1fichier and its mirrors to the emulator. */
  resolverRules(): string;
  /** In-memory copy of the request log. */
  requests: RequestLogEntry[];
  setFault(name: FaultName, on: boolean): void;
  clearFaults(): void;
  /** Clears flood counters, locks and the user/info timers. */
  resetLimits(): void;
  /** Closes the server and destroys every open socket (never hangs). */
  close(): Promise<void>;
}

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  const state: EmulatorState = {
    settings: { now, tokenTtlMs: opts.tokenTtlMs ?? 300_000, cdnBytesPerSecond: opts.cdnBytesPerSecond },
    faults: new Set<FaultName>(),
    tokens: new Map(),
    flood: new FloodGuard({
      now,
      windowMs: opts.floodWindowMs ?? 1_000,
      maxInWindow: opts.floodMaxInWindow ?? 3,
      lockMs: opts.floodLockMs ?? 30_000,
      userInfoMinIntervalMs: opts.userInfoMinIntervalMs ?? 300_000,
    }),
  };
  const log = new RequestLog(opts.logFile, now);

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (state.faults.has('down')) {
      req.socket.destroy();
      return;
    }
    const host = normalizeHost(req.headers.host);
    const kind = classifyHost(host);
    log.track(req, res, host, kind !== 'api');
    const fail = (err: unknown): void => {
      // A handler bug must not kill the test process; answer 500 if still possible.
      console.error('[1fichier emulator]', err);
      if (!res.headersSent) sendText(res, 500, 'emulator error\n');
      else res.destroy();
    };
    try {
      if (kind === 'api') handleApi(state, req, res).catch(fail);
      else if (kind === 'cdn') handleCdn(state, host, req, res).catch(fail);
      else if (kind === 'site') handleSite(req, res);
      else sendText(res, 421, `Misdirected Request: no such virtual host '${host}'\n`);
    } catch (err) {
      fail(err);
    }
  };

  const server = createDualServer(handler, () => state.faults.has('down'));
  const port = await server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');

  return {
    port,
    resolverRules: () => {
      const target = `127.0.0.1:${port}`;
      // `*.x` does not match the bare `x` in Chromium's rules, so bare domains are listed too.
      const rules = [
        'api.1fichier.com',
        '*.1fichier.com',
        ...DOMAINS,
        ...DOMAINS.filter((d) => d !== '1fichier.com').map((d) => `*.${d}`),
      ];
      return rules.map((r) => `MAP ${r} ${target}`).join(', ');
    },
    requests: log.entries,
    setFault: (name, on) => {
      if (on) state.faults.add(name);
      else state.faults.delete(name);
      // A service that goes down also drops the keep-alive connections clients hold.
      if (name === 'down' && on) server.destroyAll();
    },
    clearFaults: () => state.faults.clear(),
    resetLimits: () => state.flood.reset(),
    close: () => server.close(),
  };
}
