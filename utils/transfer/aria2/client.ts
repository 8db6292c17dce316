import { AppError } from '../../onefichier/errors';
import { rpcCall, type Aria2Endpoint, type RpcDeps } from './rpc';

/** aria2's own states (`tellStatus` → `status`). */
export type Aria2State = 'active' | 'waiting' | 'paused' | 'error' | 'complete' | 'removed';

/** One aria2 download as the queue needs it (aria2 answers numbers as strings). */
export interface Aria2Status {
  gid: string;
  status: Aria2State;
  totalLength: number;
  completedLength: number;
  downloadSpeed: number;
  /** aria2's exit-status code of a failed download ("0" when none). */
  errorCode?: string;
  errorMessage?: string;
  /** The file's path on the aria2 machine, once aria2 chose it. */
  path?: string;
}

/** aria2 options are strings (`aria2.addUri` third parameter). */
export type Aria2Options = Record<string, string>;

const STATES: ReadonlySet<string> = new Set(['active', 'waiting', 'paused', 'error', 'complete', 'removed']);
const KEYS = [
  'gid',
  'status',
  'totalLength',
  'completedLength',
  'downloadSpeed',
  'errorCode',
  'errorMessage',
  'files',
];

/** aria2's answer when it does not know a GID (any more): the download is gone from it. */
export function isUnknownGid(err: unknown): boolean {
  return err instanceof AppError && err.kind === 'aria2Refused' && /is not found/i.test(err.detail ?? '');
}

/** A fresh GID: 16 hex digits, which aria2 accepts as the `gid` option of addUri. */
export function newGid(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b),
): string {
  const bytes = new Uint8Array(8);
  random(bytes);
  // aria2 refuses the all-zero GID.
  if (bytes.every((b) => b === 0)) bytes[7] = 1;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const num = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

function toStatus(gid: string, raw: unknown): Aria2Status {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const status = typeof r.status === 'string' && STATES.has(r.status) ? (r.status as Aria2State) : undefined;
  if (!status) throw new AppError('aria2NotAria2', { detail: 'tellStatus' });
  const out: Aria2Status = {
    gid,
    status,
    totalLength: num(r.totalLength),
    completedLength: num(r.completedLength),
    downloadSpeed: num(r.downloadSpeed),
  };
  if (typeof r.errorCode === 'string') out.errorCode = r.errorCode;
  if (typeof r.errorMessage === 'string' && r.errorMessage) out.errorMessage = r.errorMessage.slice(0, 200);
  const files = Array.isArray(r.files) ? (r.files as { path?: unknown }[]) : [];
  const path = files[0]?.path;
  if (typeof path === 'string' && path) out.path = path;
  return out;
}

/** The aria2 calls the queue makes, on one endpoint. */
export function createAria2Client(endpoint: Aria2Endpoint, deps: RpcDeps = {}) {
  const call = (method: string, ...params: unknown[]) => rpcCall(endpoint, method, params, deps);
  /** Calls whose download may already be gone: "not found" is not an error there. */
  const lenient = async (method: string, gid: string): Promise<void> => {
    try {
      await call(method, gid);
    } catch (err) {
      if (!isUnknownGid(err) && !(err instanceof AppError && err.kind === 'aria2Refused')) throw err;
    }
  };
  return {
    /** `aria2.getVersion` → e.g. "1.36.0" (also proves the address and the secret). */
    async version(): Promise<string> {
      const r = (await call('aria2.getVersion')) as { version?: unknown } | null;
      if (typeof r?.version !== 'string') throw new AppError('aria2NotAria2', { detail: 'getVersion' });
      return r.version;
    },
    /** Adds one download under our GID (options.gid); aria2 refuses a GID it already has. */
    async addUri(uri: string, options: Aria2Options): Promise<string> {
      const gid = await call('aria2.addUri', [uri], options);
      if (typeof gid !== 'string') throw new AppError('aria2NotAria2', { detail: 'addUri' });
      return gid;
    },
    /** The download's state, or undefined when aria2 does not know the GID (restarted, purged). */
    async status(gid: string): Promise<Aria2Status | undefined> {
      try {
        return toStatus(gid, await call('aria2.tellStatus', gid, KEYS));
      } catch (err) {
        if (isUnknownGid(err)) return undefined;
        throw err;
      }
    },
    pause: (gid: string) => lenient('aria2.forcePause', gid),
    /** Stops the download and forgets it in aria2 (its partial file and control file stay on disk). */
    async remove(gid: string): Promise<void> {
      await lenient('aria2.forceRemove', gid);
      await lenient('aria2.removeDownloadResult', gid);
    },
  };
}

export type Aria2Client = ReturnType<typeof createAria2Client>;
