import { sanitizeFilename } from '../filename';
import type { ExportFormat } from '../messaging/protocol';
import type { ErrorKind } from '../onefichier/errors';
import { parseLink } from '../onefichier/links';
import type { Job } from './job';

/**
 * The queue as a file (pure: the background gathers the jobs and the direct links, the page saves
 * the text). Three formats: plain links, a JSON export that imports back with full fidelity, and an
 * aria2 input file of direct links.
 */
export const EXPORT_FORMAT = 'downloader-for-1fichier/queue';
export const EXPORT_VERSION = 1;

/** Queue order: `order` first, then creation time (a stable copy; the input is not touched). */
export function inQueueOrder(jobs: readonly Job[]): Job[] {
  return jobs.toSorted((a, b) => a.order - b.order || a.createdAt - b.createdAt);
}

/** The canonical link a job stands for: its file link, or its folder link for a folder placeholder. */
function exportedLink(job: Job): string | undefined {
  const wanted = job.kind === 'folder' ? 'folder' : 'file';
  for (const raw of [job.link, job.kind === 'folder' ? job.package?.link : undefined]) {
    if (typeof raw !== 'string') continue;
    const link = parseLink(raw);
    if (link?.kind === wanted) return link.canonical;
  }
  return undefined;
}

/**
 * One canonical link per line, in queue order, each once. Folder placeholder jobs (a protected
 * folder waiting for its password) give their folder link. A job whose link does not parse (a
 * damaged record) is left out rather than written as something that is not a 1Fichier link.
 */
export function exportLinks(jobs: readonly Job[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const job of inQueueOrder(jobs)) {
    const link = exportedLink(job);
    if (link === undefined || seen.has(link)) continue;
    seen.add(link);
    lines.push(link);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** One job in a JSON export: what a re-import needs, nothing secret or transient. */
export interface ExportedJob {
  link: string;
  fileKey: string;
  state: Job['state'];
  order: number;
  createdAt: number;
  updatedAt: number;
  name?: string;
  size?: number;
  package?: { key: string; link: string; name?: string };
  kind?: 'folder';
  priority?: Job['priority'];
  error?: { kind: ErrorKind; detail?: string };
  finalPath?: string;
  completedAt?: number;
  pageUrl?: string;
  bytesReceived?: number;
  transfer?: Job['transfer'];
  viaAria2?: true;
}

/**
 * Picks fields one by one (never a spread): a field added to Job later stays out of exports until
 * someone decides it belongs here. Left out on purpose: `pendingUrl` and `tokenAt` (a live direct
 * link), `downloadId`, `gid`, `connections`, `aria2Path`, `progressAt`, `startedAt`, `resumes`, `attempts`, `nextAttemptAt`, `targetPath`, `ownFile`,
 * `passwordTries`, the error's `retryAt`, and the job id (a re-import makes new ones).
 */
function exportedJob(job: Job): ExportedJob {
  const out: ExportedJob = {
    link: job.link,
    fileKey: job.fileKey,
    state: job.state,
    order: job.order,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
  if (job.name !== undefined) out.name = job.name;
  if (job.size !== undefined) out.size = job.size;
  if (job.package) {
    out.package = { key: job.package.key, link: job.package.link };
    if (job.package.name !== undefined) out.package.name = job.package.name;
  }
  if (job.kind === 'folder') out.kind = 'folder';
  if (job.priority !== undefined) out.priority = job.priority;
  if (job.error) {
    out.error = { kind: job.error.kind };
    if (job.error.detail !== undefined) out.error.detail = job.error.detail;
  }
  if (job.finalPath !== undefined) out.finalPath = job.finalPath;
  if (job.completedAt !== undefined) out.completedAt = job.completedAt;
  if (job.pageUrl !== undefined) out.pageUrl = job.pageUrl;
  if (job.state === 'completed' && job.bytesReceived !== undefined) out.bytesReceived = job.bytesReceived;
  if (job.transfer !== undefined) out.transfer = job.transfer;
  if (job.state === 'completed' && job.viaAria2) out.viaAria2 = true;
  return out;
}

/** The whole queue as pretty-printed JSON, in queue order (import.ts `parseImport` reads it back). */
export function exportJson(jobs: readonly Job[], now: number): string {
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    jobs: inQueueOrder(jobs).map(exportedJob),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** One download for aria2: a direct link, and optionally the file name and the relative folder. */
export interface Aria2Entry {
  url: string;
  out?: string;
  dir?: string;
}

/** An http(s) URL in its serialised form (no white space, no control characters), or undefined. */
function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    // href percent-encodes spaces and drops tabs and newlines; the test is a last guard.
    return /[\s\p{Cc}\p{Cf}]/u.test(url.href) ? undefined : url.href;
  } catch {
    return undefined;
  }
}

/** A relative path of sanitised components ('.', '..' and empty parts dropped), or undefined. */
function safeDir(raw: string): string | undefined {
  const parts = raw
    .split(/[/\\]/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => sanitizeFilename(part, '_'));
  return parts.length > 0 ? parts.join('/') : undefined;
}

/**
 * An aria2 input file (aria2c manual, "Input File"): per download a URI line, then option lines
 * that start with white space. Every value is made single-line and safe here, so an uploader's file
 * name cannot add an option line (`\n  dir=/etc`) or a second URI: `out` is one sanitised file
 * name, `dir` a relative path of sanitised components, the URL the parser's serialisation. An
 * entry whose URL is not http(s) is left out.
 */
export function aria2Input(entries: readonly Aria2Entry[], now: number): string {
  const lines = [
    '# Downloader for 1Fichier: aria2 input file',
    `# Created at ${new Date(now).toISOString()}.`,
    '# These are direct 1Fichier download links: each is valid for about 5 minutes before its first use.',
    '# Run it from the folder to download into:',
    '#   aria2c -i FILE -j 3 --continue=true',
    '',
  ];
  for (const entry of entries) {
    const url = safeUrl(entry.url);
    if (url === undefined) continue;
    lines.push(url);
    if (entry.dir !== undefined) {
      const dir = safeDir(entry.dir);
      if (dir !== undefined) lines.push(`  dir=${dir}`);
    }
    if (entry.out !== undefined) lines.push(`  out=${sanitizeFilename(entry.out)}`);
  }
  return `${lines.join('\n')}\n`;
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

const SUFFIX: Readonly<Record<ExportFormat, string>> = {
  json: '.json',
  links: '.txt',
  aria2: '-aria2.txt',
};

/** `1fichier-queue-2026-11-23.json`, `….txt`, `…-aria2.txt` (the local date). */
export function exportFilename(format: ExportFormat, now: number): string {
  return `1fichier-queue-${localDay(now)}${SUFFIX[format]}`;
}
