import { AppError, type ErrorKind } from '../onefichier/errors';
import { sanitizeFilename } from '../filename';
import type { Settings } from '../settings';
import type { Aria2Client, Aria2Options } from '../transfer/aria2/client';
import { newGid } from '../transfer/aria2/client';
import { ARIA2_MAX_CONNECTIONS } from '../transfer/aria2/config';
import type { EngineDeps } from './engine-deps';
import type { Job } from './job';

type Aria2Settings = Pick<
  Settings,
  'aria2Enabled' | 'transfer' | 'aria2Dir' | 'aria2Connections' | 'aria2Fallback' | 'conflictAction'
>;

/** aria2 cannot be reached at all: the only failures the optional browser fallback answers. */
const FALLBACK_KINDS: ReadonlySet<ErrorKind> = new Set(['aria2NotRunning', 'aria2Unreachable']);

/** The job goes to aria2: its own choice, else the setting; never while aria2 is turned off. */
export function wantsAria2(job: Pick<Job, 'transfer'>, options: Pick<Settings, 'aria2Enabled' | 'transfer'>) {
  return options.aria2Enabled && (job.transfer ?? options.transfer) === 'aria2';
}

/** Connections a job's aria2 download uses, within aria2's own limit. */
export function aria2Connections(options: Pick<Settings, 'aria2Connections'>): number {
  return Math.min(Math.max(1, Math.trunc(options.aria2Connections)), ARIA2_MAX_CONNECTIONS);
}

/**
 * Before the token is asked for: aria2 answers with this address and secret (aria2.getVersion), so a
 * stopped aria2 or a wrong secret costs no token. Undefined: aria2 is unreachable and the user chose
 * the browser fallback for that case.
 */
export async function reachAria2(deps: EngineDeps, options: Aria2Settings): Promise<Aria2Client | undefined> {
  if (!deps.aria2) throw new AppError('aria2NotRunning', { detail: 'no aria2 access' });
  const client = await deps.aria2.client();
  try {
    await client.version();
    return client;
  } catch (err) {
    if (options.aria2Fallback && err instanceof AppError && FALLBACK_KINDS.has(err.kind)) return undefined;
    throw err;
  }
}

/** Splits an aria2 path into its folder and file name ('/' or '\\' separators). */
function splitPath(path: string): { dir: string; out: string } | undefined {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (at <= 0 || at === path.length - 1) return undefined;
  return { dir: path.slice(0, at), out: path.slice(at + 1) };
}

/**
 * aria2.addUri options for one attempt. A job that already has a file in aria2 (an earlier attempt
 * reported it) asks for that same file with `allow-overwrite`: aria2 continues it from its control
 * file, or starts it over when there is none, rather than writing a renamed second copy.
 */
export function aria2Options(
  job: Job,
  options: Aria2Settings,
  gid: string,
  connections: number,
  path: string | undefined,
): Aria2Options {
  const out: Aria2Options = {
    gid,
    split: String(connections),
    'max-connection-per-server': String(connections),
    // aria2's default (20 MiB) would leave files under 40 MiB on one connection.
    'min-split-size': '1M',
  };
  const previous = job.aria2Path ? splitPath(job.aria2Path) : undefined;
  if (previous) {
    out.dir = previous.dir;
    out.out = previous.out;
    out['allow-overwrite'] = 'true';
    return out;
  }
  if (options.aria2Dir) out.dir = options.aria2Dir;
  const name = path ?? (job.name !== undefined ? sanitizeFilename(job.name) : undefined);
  if (name) out.out = name;
  if (options.conflictAction === 'overwrite') out['allow-overwrite'] = 'true';
  return out;
}

/**
 * The token's direct link handed to aria2 under a GID chosen here. The GID and the link are
 * written BEFORE aria2.addUri (a worker that dies in between finds the download by its GID, and
 * aria2 refuses the same GID twice); every write is conditional on the job still being `resolving`.
 */
export async function startInAria2(
  deps: EngineDeps,
  job: Job,
  client: Aria2Client,
  url: string,
  options: Aria2Settings,
  path: string | undefined,
): Promise<Job | undefined> {
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const gid = newGid();
  const connections = aria2Connections(options);
  const t = now();
  const claimed = await store.update(job.id, (cur) => {
    if (cur.state !== 'resolving') return undefined;
    const next: Job = { ...cur, pendingUrl: url, tokenAt: t, startedAt: t, gid, connections, viaAria2: true };
    next.updatedAt = t;
    delete next.downloadId;
    if (path !== undefined) next.targetPath = path;
    else delete next.targetPath;
    return next;
  });
  if (!claimed) return undefined;
  try {
    await client.addUri(url, aria2Options(claimed, options, gid, connections, path));
  } catch (err) {
    // The answer may have been lost after aria2 took it: never leave an orphan running there.
    await client.remove(gid).catch(() => undefined);
    throw err;
  }
  const started = await store.update(job.id, (cur) =>
    cur.state === 'resolving' && cur.gid === gid
      ? { ...cur, state: 'downloading', bytesReceived: 0, progressAt: now(), updatedAt: now() }
      : undefined,
  );
  if (!started) await client.remove(gid).catch(() => undefined);
  return started;
}
