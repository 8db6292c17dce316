import type { AppErrorInfo, ErrorKind } from '../onefichier/errors';
import { parseLink } from '../onefichier/links';
import type { EnqueueResult, LinkState, LinkStatus } from '../messaging/protocol';
import type { Job } from '../queue/job';
import type { JobState } from '../queue/state';

/**
 * Reasons a page may see on its buttons: they are about the file, the folder or 1Fichier. Anything
 * about the user's account, key or vault (invalid key, free account, locked…) would tell the page
 * about its visitor, so it reads `seeExtension` there (the popup shows the real reason).
 */
const PAGE_SAFE: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'flood',
  'notFound',
  'passwordRequired',
  'passwordWrong',
  'notAllowed',
  'ownerLocked',
  'folderNotFound',
  'folderEmpty',
  'folderPasswordRequired',
  'folderPasswordWrong',
  'network',
  'timeout',
  'maintenance',
  'server',
  'badLink',
  'transferFailed',
]);

export function pageSafeError(error: AppErrorInfo): AppErrorInfo {
  if (!PAGE_SAFE.has(error.kind)) return { kind: 'seeExtension' };
  // `detail` may quote 1Fichier's answer; the kind and the retry time are enough for a button.
  return error.retryAt !== undefined ? { kind: error.kind, retryAt: error.retryAt } : { kind: error.kind };
}

/** An enqueue result as a page may see it (its problems' reasons made page-safe). */
export function pageSafeResult(result: EnqueueResult): EnqueueResult {
  return {
    ...result,
    problems: result.problems.map((p) => ({ link: p.link, error: pageSafeError(p.error) })),
  };
}

/** The origin of a page URL, or undefined (a job without a page, or an unparsable one). */
export function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/** The jobs indexed for link lookups: by file key, and by folder package key. */
export interface JobIndex {
  byFile: Map<string, Job>;
  byPackage: Map<string, Job[]>;
}

export function indexJobs(jobs: readonly Job[]): JobIndex {
  const byFile = new Map<string, Job>();
  const byPackage = new Map<string, Job[]>();
  for (const job of jobs) {
    byFile.set(job.fileKey, job);
    if (job.package) {
      const list = byPackage.get(job.package.key);
      if (list) list.push(job);
      else byPackage.set(job.package.key, [job]);
    }
  }
  return { byFile, byPackage };
}

function bytesOf(job: Job, progress: ReadonlyMap<string, number>): number {
  return progress.get(job.id) ?? job.bytesReceived ?? 0;
}

function percent(done: number, total: number): number {
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

function fileState(job: Job, progress: ReadonlyMap<string, number>): LinkState {
  const out: LinkState = { state: job.state };
  if (job.state === 'downloading' && job.size) out.percent = percent(bytesOf(job, progress), job.size);
  if (job.error && (job.state === 'failed' || job.state === 'waiting')) out.error = pageSafeError(job.error);
  return out;
}

/** A package's state: the most active of its files'; `completed` only when every file is. */
const PRECEDENCE: readonly JobState[] = [
  'downloading',
  'resolving',
  'queued',
  'waiting',
  'locked',
  'paused',
  'failed',
  'completed',
];

function packageState(jobs: readonly Job[], progress: ReadonlyMap<string, number>): LinkState {
  const states = new Set(jobs.map((j) => j.state));
  const state = PRECEDENCE.find((s) => states.has(s)) ?? 'queued';
  const done = jobs.filter((j) => j.state === 'completed').length;
  const out: LinkState = { state, files: { done, total: jobs.length } };
  if (state === 'downloading' && jobs.every((j) => j.size !== undefined)) {
    const total = jobs.reduce((n, j) => n + (j.size ?? 0), 0);
    const got = jobs.reduce(
      (n, j) => n + (j.state === 'completed' ? (j.size ?? 0) : bytesOf(j, progress)),
      0,
    );
    if (total > 0) out.percent = percent(got, total);
  }
  const failed = jobs.find((j) => j.state === 'failed' && j.error);
  if (state === 'failed' && failed?.error) out.error = pageSafeError(failed.error);
  return out;
}

/**
 * The states of a page's links. With `origin`, only jobs queued from a page of that origin count:
 * a page (which can read its buttons) must not learn what its visitor downloaded elsewhere.
 * Without it (our own pages), every job counts. Keys are the URLs as given.
 */
export function linkStates(
  urls: readonly string[],
  index: JobIndex,
  progress: ReadonlyMap<string, number>,
  origin?: string,
): LinkStatus {
  const visible = (job: Job) => origin === undefined || originOf(job.pageUrl) === origin;
  // A page must not learn that its visitor's key is locked: it sees a wait that needs the user.
  const shown = (state: LinkState): LinkState =>
    origin !== undefined && state.state === 'locked'
      ? { ...state, state: 'waiting', error: { kind: 'seeExtension' } }
      : state;
  const out: LinkStatus = {};
  for (const url of urls) {
    const link = parseLink(url);
    if (!link || link.kind === 'direct') continue;
    if (link.kind === 'file') {
      const job = index.byFile.get(link.key);
      if (job && visible(job)) out[url] = shown(fileState(job, progress));
    } else {
      const jobs = (index.byPackage.get(link.key) ?? []).filter(visible);
      if (jobs.length > 0) out[url] = shown(packageState(jobs, progress));
    }
  }
  return out;
}
