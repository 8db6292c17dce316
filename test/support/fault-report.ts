/**
 * What a fault-injection scenario ends with: one line
 * `fault <scenario>: queued N, completed N, duplicated N, lost N, bytes verified N`
 * and the list of problems behind the numbers.
 *
 * - queued: files queued (one job each).
 * - completed: files whose job is `completed`.
 * - duplicated: per file, the largest of these excesses over one: jobs for it; downloads of it
 *   the browser completed (its download history, which survives relaunches); finished files of
 *   its name on disk (`name.bin`, `name (1).bin`…); and, unless the scenario closes browsers,
 *   CDN answers that delivered its last byte. Plus finished files on disk no queued file explains.
 *   (A browser closed while the CDN sends the last bytes leaves a complete CDN answer that the
 *   browser never wrote: with relaunches the CDN count is only shown, the browser's is counted.)
 * - lost: files that did not end as expected: for files that fit, a `completed` job AND the exact
 *   bytes on disk; for files expected to fail, a `failed` job with the expected error kind.
 * - bytes verified: bytes on disk whose sha256 matched the fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { API_HOST, type BulkFile, type Emulator } from '../emulator/index.ts';
import { sha256File } from './files.ts';
import type { BrowserDownload, JobViewLike } from './fault-rig.ts';

export interface FaultReport {
  scenario: string;
  queued: number;
  completed: number;
  duplicated: number;
  lost: number;
  bytesVerified: number;
  /** The one-line summary. */
  line: string;
  /** Why anything was counted as duplicated or lost (empty when all is well). */
  problems: string[];
  /** Facts worth knowing that are not failures (e.g. CDN completions the browser never wrote). */
  notes: string[];
  /** `.crdownload` files still in the download folder. */
  partials: string[];
  /** get_token.cgi calls per file id. */
  tokens: Map<string, number>;
  /** API calls in all (every endpoint, every answer). */
  apiCalls: number;
}

export interface ReportInput {
  scenario: string;
  files: readonly BulkFile[];
  jobs: readonly JobViewLike[];
  emu: Emulator;
  downloadDir: string;
  /** The browser's download history (every item, every session). */
  history: readonly BrowserDownload[];
  /** False when browsers were closed mid-transfer (see the module comment). Default true. */
  cdnCompletionsAreDownloads?: boolean;
  /** File ids expected to end `failed`, with the error kind expected. */
  expectFailed?: ReadonlyMap<string, string>;
  /** API-log index from which calls are counted (e.g. after the key was saved). */
  apiFrom?: number;
}

const FILE_ID = /[?&]([a-z0-9]{5,20})(?:$|&)/i;
/** `name (3).bin` → `name.bin`, the name Chrome's `uniquify` started from. */
const UNIQUIFIED = /^(.*) \(\d+\)(\.[^.]*)?$/;

/** The 1Fichier file id of a job's link. */
export function jobFileId(job: JobViewLike): string | undefined {
  return FILE_ID.exec(job.link)?.[1]?.toLowerCase();
}

/** The name a (possibly uniquified) file name was made from. */
export function baseName(name: string): string {
  const m = UNIQUIFIED.exec(name);
  return m ? `${m[1]}${m[2] ?? ''}` : name;
}

const describe = (j: JobViewLike | undefined): string =>
  j === undefined
    ? 'no job'
    : `${j.state}${j.error ? ` (${j.error.kind}${j.error.detail ? `: ${j.error.detail}` : ''})` : ''}`;

const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
};

export async function faultReport(input: ReportInput): Promise<FaultReport> {
  const { files, jobs, emu, downloadDir } = input;
  const expectFailed = input.expectFailed ?? new Map<string, string>();
  const trustCdn = input.cdnCompletionsAreDownloads ?? true;
  const problems: string[] = [];
  const notes: string[] = [];
  const transfers = emu.transfers();
  const entries = fs.readdirSync(downloadDir);
  const partials = entries.filter((f) => f.endsWith('.crdownload'));
  const finished = entries.filter((f) => !f.endsWith('.crdownload'));
  const onDiskByName = countBy(finished, baseName);
  const completeInBrowser = countBy(
    input.history.filter((d) => d.state === 'complete'),
    (d) => baseName(path.basename(d.filename)),
  );
  const byFile = new Map<string, JobViewLike[]>();
  for (const job of jobs) {
    const id = jobFileId(job) ?? `?${job.link}`;
    byFile.set(id, [...(byFile.get(id) ?? []), job]);
  }
  const known = new Set(files.map((f) => f.id));
  for (const [id, list] of byFile) {
    if (!known.has(id)) problems.push(`job for a file never queued: ${list.map((j) => j.link).join(', ')}`);
  }
  const tokens = new Map<string, number>();
  const api = input.emu.requests.slice(input.apiFrom ?? 0).filter((e) => e.host === API_HOST);
  for (const e of api) {
    if (e.path.endsWith('/get_token.cgi') && e.fileId) tokens.set(e.fileId, (tokens.get(e.fileId) ?? 0) + 1);
  }

  let completed = 0;
  let duplicated = 0;
  let lost = 0;
  let bytesVerified = 0;
  for (const file of files) {
    const list = byFile.get(file.id) ?? [];
    const job = list[0];
    if (job?.state === 'completed') completed += 1;
    const failKind = expectFailed.get(file.id);
    const cdn = transfers.get(file.id)?.completions ?? 0;
    const copies = {
      jobs: list.length,
      browserCompleted: completeInBrowser.get(file.name) ?? 0,
      onDisk: onDiskByName.get(file.name) ?? 0,
      // A file expected to fail may be sent in full again by a retry whose write then fails (a
      // full disk): the token count judges those retries, not this rule.
      cdnCompleted: trustCdn && failKind === undefined ? cdn : 0,
    };
    const extra = Math.max(0, ...Object.values(copies).map((n) => n - 1));
    if (extra > 0) {
      duplicated += extra;
      problems.push(`${file.name}: duplicated ${extra}× ${JSON.stringify(copies)}`);
    } else if (cdn > 1 && failKind === undefined) {
      notes.push(`${file.name}: the CDN completed it ${cdn}×, the browser ${copies.browserCompleted}×`);
    }
    if (failKind !== undefined) {
      if (job?.state !== 'failed' || job.error?.kind !== failKind) {
        lost += 1;
        problems.push(`${file.name}: expected failed (${failKind}), got ${describe(job)}`);
      }
      continue;
    }
    const onDisk = finished.includes(file.name);
    const exact = onDisk && (await sha256File(path.join(downloadDir, file.name))) === file.sha256;
    if (exact) bytesVerified += file.size;
    if (job?.state !== 'completed' || !exact) {
      lost += 1;
      problems.push(
        `${file.name}: ${describe(job)}, ${onDisk ? (exact ? 'exact bytes' : 'WRONG bytes') : 'not'} on disk` +
          ` (CDN: ${JSON.stringify(transfers.get(file.id) ?? {})}, tokens: ${tokens.get(file.id) ?? 0})`,
      );
    }
  }
  const names = new Set(files.filter((f) => !expectFailed.has(f.id)).map((f) => f.name));
  for (const name of finished) {
    if (!names.has(baseName(name))) {
      duplicated += 1;
      problems.push(`extra file on disk: ${name}`);
    }
  }
  const line =
    `fault ${input.scenario}: queued ${files.length}, completed ${completed}, ` +
    `duplicated ${duplicated}, lost ${lost}, bytes verified ${bytesVerified}`;
  return {
    scenario: input.scenario,
    queued: files.length,
    completed,
    duplicated,
    lost,
    bytesVerified,
    line,
    problems,
    notes,
    partials,
    tokens,
    apiCalls: api.length,
  };
}
