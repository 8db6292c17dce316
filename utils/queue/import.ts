import { AppError, RETRY_POLICY, type AppErrorInfo, type ErrorKind } from '../onefichier/errors';
import { findLinksInText } from '../onefichier/find-in-text';
import { parseLink } from '../onefichier/links';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import type { JobPackage, JobPriority } from './job';
import type { NewJob } from './store';

/** The states an imported job may have: nothing is imported as running or waiting. */
export type ImportedState = 'queued' | 'paused' | 'completed' | 'failed';

/** What the store needs to recreate one job of a JSON export (every field checked here). */
export interface ImportedJob extends NewJob {
  state: ImportedState;
  /** The `order` the export gave (a hint: the list is already in this order). */
  order?: number;
  createdAt?: number;
  updatedAt?: number;
  /** Failed jobs only (always present there). */
  error?: AppErrorInfo;
  finalPath?: string;
  completedAt?: number;
  /** Completed jobs only. */
  bytesReceived?: number;
  priority?: JobPriority;
  kind?: 'folder';
}

export type ImportParse =
  { kind: 'json'; jobs: ImportedJob[]; invalid: number } | { kind: 'links'; links: string[] };

export const MAX_IMPORT_JOBS = 10_000;
const MAX_NAME = 1_024;
const MAX_PATH = 4_096;

type Entry = Record<string, unknown>;

function isObject(v: unknown): v is Entry {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A name as 1Fichier gave it (any characters: the pages show it through displayText). */
function text(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

/** A path or URL: no control characters. */
function plain(v: unknown, max: number): string | undefined {
  const s = text(v, max);
  return s !== undefined && !/\p{Cc}/u.test(s) ? s : undefined;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Sizes and byte counts: whole numbers. */
function wholeCount(v: unknown): number | undefined {
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined;
}

function httpUrl(v: unknown): string | undefined {
  const raw = plain(v, MAX_PATH);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function jobPackage(v: unknown): JobPackage | undefined {
  if (!isObject(v) || typeof v.link !== 'string') return undefined;
  const link = parseLink(v.link);
  if (link?.kind !== 'folder' || v.key !== link.key) return undefined;
  const out: JobPackage = { key: link.key, link: link.canonical };
  const name = text(v.name, MAX_NAME);
  if (name !== undefined) out.name = name;
  return out;
}

function importedState(v: unknown): ImportedState {
  return v === 'completed' || v === 'failed' || v === 'paused' ? v : 'queued';
}

function failure(v: unknown): AppErrorInfo {
  const kind = isObject(v) && typeof v.kind === 'string' && Object.hasOwn(RETRY_POLICY, v.kind);
  const out: AppErrorInfo = { kind: kind ? ((v as Entry).kind as ErrorKind) : 'transferFailed' };
  const detail = kind ? text((v as Entry).detail, MAX_NAME) : undefined;
  if (detail !== undefined) out.detail = detail;
  return out;
}

/** Sets `key` on `out` when `value` is defined (keeps absent fields absent). */
function put<K extends keyof ImportedJob>(out: ImportedJob, key: K, value: ImportedJob[K] | undefined): void {
  if (value !== undefined) out[key] = value;
}

/**
 * One entry of a JSON export, checked field by field; undefined when it is not a job (no object,
 * a link that is not a 1Fichier file link — or folder link for `kind: 'folder'` —, an unknown
 * kind). Other fields with a bad value are dropped, the job is kept. The link and the file key
 * come from parsing the link again, never from the file.
 */
function importedJob(v: unknown): ImportedJob | undefined {
  if (!isObject(v) || typeof v.link !== 'string') return undefined;
  if (v.kind !== undefined && v.kind !== 'folder') return undefined;
  const link = parseLink(v.link);
  if (link?.kind !== (v.kind === 'folder' ? 'folder' : 'file')) return undefined;
  const state = importedState(v.state);
  const out: ImportedJob = { fileKey: link.key, link: link.canonical, state };
  if (v.kind === 'folder') out.kind = 'folder';
  put(out, 'order', count(v.order));
  put(out, 'createdAt', count(v.createdAt));
  put(out, 'updatedAt', count(v.updatedAt));
  put(out, 'name', text(v.name, MAX_NAME));
  put(out, 'size', wholeCount(v.size));
  put(out, 'package', jobPackage(v.package));
  put(out, 'pageUrl', httpUrl(v.pageUrl));
  if (v.priority === 'high' || v.priority === 'low') out.priority = v.priority;
  if (v.transfer === 'browser' || v.transfer === 'aria2') out.transfer = v.transfer;
  if (state === 'failed') out.error = failure(v.error);
  if (state === 'completed') {
    put(out, 'finalPath', plain(v.finalPath, MAX_PATH));
    put(out, 'completedAt', count(v.completedAt));
    put(out, 'bytesReceived', wholeCount(v.bytesReceived));
    if (v.viaAria2 === true) out.viaAria2 = true;
  }
  return out;
}

/** Parses as JSON, or undefined (a paste of links is not JSON, and that is not an error). */
function tryJson(input: string): unknown {
  // Only an object can carry the marker; a byte order mark (some editors add one) is skipped.
  const body = input.replace(/^\uFEFF/, '');
  if (!/^\s*\{/.test(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function importJson(file: Entry): ImportParse {
  if (file.version !== EXPORT_VERSION) {
    throw new AppError('badImport', { detail: `unsupported version ${String(file.version).slice(0, 20)}` });
  }
  if (!Array.isArray(file.jobs)) throw new AppError('badImport', { detail: 'no job list' });
  const entries: unknown[] = file.jobs;
  let invalid = Math.max(0, entries.length - MAX_IMPORT_JOBS);
  const jobs: ImportedJob[] = [];
  for (const entry of entries.slice(0, MAX_IMPORT_JOBS)) {
    const job = importedJob(entry);
    if (job) jobs.push(job);
    else invalid += 1;
  }
  if (jobs.length === 0) throw new AppError('badImport', { detail: `no valid job (${invalid} invalid)` });
  // Queue order; entries without an order keep their place after the ordered ones (stable sort).
  // (Infinity - Infinity is NaN: `|| 0` keeps two unordered entries as they were.)
  jobs.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || 0);
  return { kind: 'json', jobs, invalid };
}

/**
 * Reads an import: a JSON export of this extension (`format` marker), or any text with 1Fichier
 * links (a paste, a links export, a forum post; JSON that is not ours counts as text too). Never
 * throws for a bad entry (it is counted in `invalid`). Throws `badImport` for an export of an
 * unsupported version, and when the text holds neither a valid job nor any 1Fichier link.
 */
export function parseImport(input: string): ImportParse {
  if (typeof input !== 'string') throw new AppError('badImport');
  const json = tryJson(input);
  if (isObject(json) && json.format === EXPORT_FORMAT) return importJson(json);
  const links = findLinksInText(input).map((found) => found.link.canonical);
  if (links.length === 0) throw new AppError('badImport', { detail: 'no 1Fichier link' });
  return { kind: 'links', links };
}
