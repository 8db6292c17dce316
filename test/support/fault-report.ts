/**
 * What a fault-injection scenario ends with: one line
 * `fault <scenario>: queued N, completed N, duplicated N, lost N, bytes verified N`
 * and the list of problems behind the numbers.
 *
 * - queued: files queued (one job each).
 * - completed: files whose job is `completed`.
 * - duplicated: CDN transfers that delivered a file's last byte beyond the first (a second full
 *   download; not counted for files expected to fail), plus jobs beyond one for a file, plus
 *   finished files on disk that no job should have written (e.g. `name (1).bin`).
 * - lost: files that did not end as expected: for files that fit, a `completed` job AND the exact
 *   bytes on disk; for files expected to fail, a `failed` job with the expected error kind.
 * - bytes verified: bytes on disk whose sha256 matched the fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { API_HOST, type BulkFile, type Emulator } from '../emulator/index.ts';
import { sha256File } from './files.ts';
import type { JobViewLike } from './fault-rig.ts';

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
  /** File ids expected to end `failed`, with the error kind expected. */
  expectFailed?: ReadonlyMap<string, string>;
  /** API-log index from which calls are counted (e.g. after the key was saved). */
  apiFrom?: number;
}

const FILE_ID = /[?&]([a-z0-9]{5,20})(?:$|&)/i;

/** The 1Fichier file id of a job's link. */
export function jobFileId(job: JobViewLike): string | undefined {
  return FILE_ID.exec(job.link)?.[1]?.toLowerCase();
}

const describe = (j: JobViewLike | undefined): string =>
  j === undefined
    ? 'no job'
    : `${j.state}${j.error ? ` (${j.error.kind}${j.error.detail ? `: ${j.error.detail}` : ''})` : ''}`;

export async function faultReport(input: ReportInput): Promise<FaultReport> {
  const { files, jobs, emu, downloadDir } = input;
  const expectFailed = input.expectFailed ?? new Map<string, string>();
  const problems: string[] = [];
  const transfers = emu.transfers();
  const entries = fs.readdirSync(downloadDir);
  const partials = entries.filter((f) => f.endsWith('.crdownload'));
  const finished = new Set(entries.filter((f) => !f.endsWith('.crdownload')));
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
  const expectedOnDisk = new Set<string>();
  for (const file of files) {
    const list = byFile.get(file.id) ?? [];
    const job = list[0];
    if (list.length > 1) {
      duplicated += list.length - 1;
      problems.push(`${file.name}: ${list.length} jobs (${list.map(describe).join(', ')})`);
    }
    if (job?.state === 'completed') completed += 1;
    const failKind = expectFailed.get(file.id);
    // A file expected to fail may be sent in full again by a retry whose write then fails (a
    // full disk): the token count judges those retries, not this rule.
    const full = transfers.get(file.id)?.completions ?? 0;
    if (full > 1 && failKind === undefined) {
      duplicated += full - 1;
      problems.push(`${file.name}: delivered to completion ${full} times by the CDN`);
    }
    if (failKind !== undefined) {
      if (job?.state !== 'failed' || job.error?.kind !== failKind) {
        lost += 1;
        problems.push(`${file.name}: expected failed (${failKind}), got ${describe(job)}`);
      }
      continue;
    }
    expectedOnDisk.add(file.name);
    const onDisk = finished.has(file.name);
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
  for (const name of finished) {
    if (!expectedOnDisk.has(name)) {
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
    partials,
    tokens,
    apiCalls: api.length,
  };
}
