/**
 * Local 1Fichier emulator for tests (ground truth: /work/shared/1fichier-api.md, §11 checklist;
 * where rclone 1.60 disagrees with it, rclone wins — README.md lists the cases).
 *
 * One port, HTTPS and plain HTTP, virtual hosts chosen by the Host header:
 * - `api.1fichier.com`: JSON API (api.ts): download/get_token.cgi, file/info.cgi, user/info.cgi
 *   (api-endpoints.ts), folder/ls.cgi and file/ls.cgi on the account's fixed tree (api-folders.ts)
 * - `a-N.1fichier.com` / `o-N.1fichier.com`: direct-download nodes (cdn.ts)
 * - `1fichier.com`, mirror domains, `www.` variants (site.ts): file pages `/?<id>`, public folders
 *   `/dir/<ID>[?json=1]` (site-folders.ts), `POST /check_links.pl` (check-links.ts)
 * - anything else: 421 Misdirected Request.
 *
 * Fixtures (fixtures.ts): `KEYS`, `FILES` (+ `EXTRA_FILES`), public folders `FOLDERS`, the premium
 * and gold accounts' folder tree `ACCOUNT_TREE`.
 *
 * Flood rules (flood.ts): sliding window per IP and per key (`floodMaxInWindow` calls per
 * `floodWindowMs`, lock `floodLockMs`); user/info.cgi at most once per `userInfoMinIntervalMs` per key
 * and once per `userInfoIpMinIntervalMs` per IP; the same folder listed at most once per
 * `folderListMinIntervalMs` per key and endpoint; `file/ls.cgi {folder_id:-1}` at most once per
 * `allFilesMinIntervalMs` per key. `lockFlood()` injects a lock.
 *
 * Fault switches (`setFault`, CLI `--fault`); API faults, first match wins in this order:
 * `hang` (read the request, never answer), `reset` (read the request, then TCP reset), `http503`
 * (503 HTML maintenance page, `Retry-After: 120`), `http429` (429 KO `Flood detected: IP Locked #374`,
 * `Retry-After: 45`), `http500` (500 HTML), `html` (200 HTML maintenance page), `malformedJson` (200
 * truncated JSON), `flood` (403 KO IP Locked; check_links.pl answers `IP Locked` too). Others:
 * `down` destroys every connection on every host; `cdnDrop` makes the CDN send half of the bytes then
 * kill the connection; `tokenExpired` makes every CDN link answer the 404 HTML page.
 *
 * Knobs for fault-injection runs: `bulkFiles(n, size, seed)` (bulk.ts) registers generated files;
 * `injectApiFaults(steps)` answers a number of upcoming API calls with faults, call by call
 * (api-fault-plan.ts, `scatterApiFaults` places them at seeded random calls); `holdApi()` makes API
 * calls wait until released; `setCdnDropRate(rate, seed)` cuts CDN answers at random offsets;
 * `transfers()` counts per file the CDN answers, full transfers, bytes, drops and aborts; `on()`
 * reports API arrivals and transfer starts/ends as they happen.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultPlan } from './api-fault-plan.ts';
import type { ApiFaultPlan, ApiFaultStep } from './api-fault-plan.ts';
import { HoldGate } from './api-hold.ts';
import type { ApiHold } from './api-hold.ts';
import { handleApi } from './api.ts';
import { handleCdn } from './cdn.ts';
import { FloodGuard } from './flood.ts';
import type { LockScope } from './flood.ts';
import { DOMAINS, classifyHost, normalizeHost } from './links.ts';
import { RequestLog } from './log.ts';
import type { RequestLogEntry } from './log.ts';
import { sendText } from './respond.ts';
import { createDualServer } from './server.ts';
import { handleSite } from './site.ts';
import type { EmulatorState, FaultName } from './state.ts';
import type { EmulatorEvents } from './events.ts';
import { DropRate, TransferBook } from './transfers.ts';
import type { DropOptions, TransferStats } from './transfers.ts';

export {
  KEYS,
  FILES,
  EXTRA_FILES,
  FOLDERS,
  ACCOUNT_TREE,
  EMPTY_TREE,
  walkTree,
  fileBytes,
  fileSha256,
  type AccountFolder,
  type FixtureFile,
  type FixtureFolder,
} from './fixtures.ts';
export { bulkFiles, whirlpool, type BulkFile } from './bulk.ts';
export {
  API_FAULTS,
  scatterApiFaults,
  type ApiFault,
  type ApiFaultPlan,
  type ApiFaultStep,
  type InjectedFault,
  type ScatterItem,
} from './api-fault-plan.ts';
export type { ApiHold } from './api-hold.ts';
export type { ApiArrival, EmulatorEvents, TransferEvent } from './events.ts';
export type { DropOptions, TransferStats } from './transfers.ts';
export { FAULT_NAMES } from './state.ts';
export type { FaultName } from './state.ts';
export type { LockScope } from './flood.ts';
export type { RequestLogEntry } from './log.ts';

/** The API host, as logged in {@link RequestLogEntry.host}. */
export const API_HOST = 'api.1fichier.com';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** 0 = random free port (default 0). */
  port?: number;
  /** Bind address, default '127.0.0.1'. */
  host?: string;
  /** If set, append one JSON line per request. */
  logFile?: string;
  /** Clock for token expiry, flood rules, dates and the log's `ts` (default Date.now). */
  now?: () => number;
  /** Default 300_000 (5 min, §6.2): a token must be FIRST used within this. */
  tokenTtlMs?: number;
  /** Default 1_000. */
  floodWindowMs?: number;
  /** Default 3 API calls per window per key and per IP (SWAG's "3 requests per second", §5.1); more = flood. */
  floodMaxInWindow?: number;
  /** Default 30_000: how long any broken flood rule locks the IP/key; while locked every API call answers flood. */
  floodLockMs?: number;
  /** Default 300_000: user/info.cgi more often per key = `User Locked` (JD "~5 min", SWAG "1/5min per user", §3.15). */
  userInfoMinIntervalMs?: number;
  /** Default 60_000: user/info.cgi more often per IP = `IP Locked` (SWAG "1/min per IP", §3.15). */
  userInfoIpMinIntervalMs?: number;
  /** Default 30_000: the same folder listed again sooner by the same key and endpoint = `User Locked` (§3.3). */
  folderListMinIntervalMs?: number;
  /** Default 3_600_000: file/ls.cgi `{folder_id:-1}` again sooner by the same key = `User Locked` (§3.3). */
  allFilesMinIntervalMs?: number;
  /** Optional per-connection speed cap for the CDN (default unlimited). */
  cdnBytesPerSecond?: number;
}

/** An injected flood lock, in emulator-clock milliseconds: [from, until). */
export interface FloodLock {
  scope: LockScope;
  from: number;
  until: number;
}

/** A running emulator. */
export interface Emulator {
  port: number;
  /** For Chromium's --host-resolver-rules: maps api/CDN/site hosts of 1fichier and its mirrors to the emulator. */
  resolverRules(): string;
  /** In-memory copy of the request log (one entry per answered or abandoned request). */
  requests: RequestLogEntry[];
  setFault(name: FaultName, on: boolean): void;
  /** Every switch off, the fault plan dropped, the CDN drop rate off, a hold released. */
  clearFaults(): void;
  /**
   * Answers upcoming API calls with faults, step by step (each step lets `skip` calls through,
   * then faults `count` calls); afterwards the API answers normally. Replaces any previous plan.
   * Switches win over the plan, and a call a switch answered does not consume it.
   */
  injectApiFaults(steps: readonly ApiFaultStep[]): ApiFaultPlan;
  /** Every API request from now on waits (unanswered) until `release()`. Replaces (releases) a previous hold. */
  holdApi(): ApiHold;
  /**
   * Each CDN GET with a body is cut with probability `rate` at a random byte offset inside the
   * body (seeded: the same seed gives the same decisions for the same sequence of requests), then
   * the connection is destroyed (a premature close). 0 turns it off. `expireLinks`: a cut also
   * kills the direct link, so the client cannot resume it and needs a fresh token; `maxDrops`:
   * no more cuts after that many.
   */
  setCdnDropRate(rate: number, seed?: number, opts?: DropOptions): void;
  /** Per file id, a copy of its CDN transfer counters (files never requested are absent). */
  transfers(): Map<string, TransferStats>;
  /** Listens to emulator events; returns the function that removes the listener. */
  on<E extends keyof EmulatorEvents>(event: E, listener: (...args: EmulatorEvents[E]) => void): () => void;
  /** Clears flood counters, every lock (injected ones too) and every interval timer. */
  resetLimits(): void;
  /**
   * Locks for `ms` from now every API call from any client address (`'ip'`, answered 403 `Flood
   * detected: IP Locked #374`; check_links.pl answers `IP Locked`) or with any key (`'key'`, 403
   * `Flood detected: User Locked #223`). `target` narrows it to one address (e.g. '127.0.0.2') or one key.
   */
  lockFlood(ms: number, scope?: LockScope, target?: string): FloodLock;
  /** API-host log entries whose arrival time `ts` is in [from, to) (emulator-clock ms). */
  apiCallsBetween(from: number, to: number): RequestLogEntry[];
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
      userInfoIpMinIntervalMs: opts.userInfoIpMinIntervalMs ?? 60_000,
      folderListMinIntervalMs: opts.folderListMinIntervalMs ?? 30_000,
      allFilesMinIntervalMs: opts.allFilesMinIntervalMs ?? 3_600_000,
    }),
    transfers: new TransferBook(),
    events: new EventEmitter<EmulatorEvents>(),
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
      else if (kind === 'site') handleSite(state, req, res).catch(fail);
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
    clearFaults: () => {
      state.faults.clear();
      state.apiPlan = undefined;
      state.cdnDrops = undefined;
      state.apiHold?.release();
      state.apiHold = undefined;
    },
    injectApiFaults: (steps) => {
      state.apiPlan = new FaultPlan(steps);
      return state.apiPlan;
    },
    holdApi: () => {
      state.apiHold?.release();
      const hold = new HoldGate();
      state.apiHold = hold;
      return hold;
    },
    setCdnDropRate: (rate, seed = 1, dropOpts = {}) => {
      state.cdnDrops = rate === 0 ? undefined : new DropRate(rate, seed, dropOpts);
    },
    transfers: () => state.transfers.snapshot(),
    on: (event, listener) => {
      // EventEmitter's generic signature does not narrow through a generic `E`; the public
      // signature above keeps callers typed.
      const emitter = state.events as unknown as EventEmitter;
      const fn = listener as (...args: unknown[]) => void;
      emitter.on(event, fn);
      return () => {
        emitter.off(event, fn);
      };
    },
    resetLimits: () => state.flood.reset(),
    lockFlood: (ms, scope = 'ip', target) => {
      const from = now();
      return { scope, from, until: state.flood.inject(scope, ms, target) };
    },
    apiCallsBetween: (from, to) =>
      log.entries.filter((e) => {
        const t = Date.parse(e.ts);
        return e.host === API_HOST && t >= from && t < to;
      }),
    close: () => server.close(),
  };
}
