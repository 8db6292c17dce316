import { describe, it, expect } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors.ts';
import { exportJson, exportLinks } from '../../../utils/queue/export.ts';
import { MAX_IMPORT_JOBS, parseImport, type ImportedJob } from '../../../utils/queue/import.ts';
import type { Job } from '../../../utils/queue/job.ts';
import type { JobState } from '../../../utils/queue/state.ts';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const FOLDER = { key: 'dir:WhipfPYG', link: 'https://1fichier.com/dir/WhipfPYG', name: 'Shared ✓' };
const FILE_LINK = 'https://1fichier.com/?uyubj5yuu5vpgxdqh57k';

let n = 0;
function job(state: JobState, extra: Partial<Job> = {}): Job {
  n += 1;
  const id = `abcde${String(n).padStart(5, '0')}`;
  return {
    id: `j${n}`,
    fileKey: id,
    link: `https://1fichier.com/?${id}`,
    state,
    order: n,
    createdAt: 1_000 + n,
    updatedAt: 2_000 + n,
    attempts: 0,
    ...extra,
  };
}

/** A JSON export written by hand (the way a hostile or damaged file would be). */
function file(jobs: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'downloader-for-1fichier/queue', version: 1, jobs, ...extra });
}

function jsonJobs(text: string): { jobs: ImportedJob[]; invalid: number } {
  const parsed = parseImport(text);
  if (parsed.kind !== 'json') throw new Error(`expected json, got ${parsed.kind}`);
  return parsed;
}

function badImport(text: string): AppError {
  try {
    parseImport(text);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('parseImport did not throw');
}

describe('parseImport: round trip of exportJson', () => {
  it('gives back the same jobs, without the fields an import drops', () => {
    const completed = job('completed', {
      name: 'movie.mkv',
      size: 1234,
      bytesReceived: 1234,
      finalPath: '/home/u/Downloads/Shared/movie.mkv',
      completedAt: 3_000,
      pageUrl: 'https://forum.example/t/1',
      package: FOLDER,
      downloadId: 7,
      pendingUrl: 'https://a-6.1fichier.com/p1',
      viaAria2: true,
      gid: '0123456789abcdef',
    });
    const failed = job('failed', {
      error: { kind: 'passwordWrong', detail: 'x', retryAt: 5 },
      priority: 'low',
    });
    const paused = job('paused', { priority: 'high', name: 'Żółć 日本語 ✓ 🎉.bin', transfer: 'aria2' });
    const queued = job('queued', { package: { key: FOLDER.key, link: FOLDER.link } });
    const folder = job('paused', {
      kind: 'folder',
      fileKey: 'dir:817pG9uB',
      link: 'https://1fichier.com/dir/817pG9uB',
    });
    const { jobs, invalid } = jsonJobs(exportJson([completed, failed, paused, queued, folder], NOW));
    expect(invalid).toBe(0);
    expect(jobs).toEqual([
      {
        fileKey: completed.fileKey,
        link: completed.link,
        state: 'completed',
        order: completed.order,
        createdAt: completed.createdAt,
        updatedAt: completed.updatedAt,
        name: 'movie.mkv',
        size: 1234,
        package: FOLDER,
        pageUrl: 'https://forum.example/t/1',
        finalPath: '/home/u/Downloads/Shared/movie.mkv',
        completedAt: 3_000,
        bytesReceived: 1234,
        viaAria2: true,
      },
      {
        fileKey: failed.fileKey,
        link: failed.link,
        state: 'failed',
        order: failed.order,
        createdAt: failed.createdAt,
        updatedAt: failed.updatedAt,
        priority: 'low',
        error: { kind: 'passwordWrong', detail: 'x' },
      },
      {
        fileKey: paused.fileKey,
        link: paused.link,
        state: 'paused',
        order: paused.order,
        createdAt: paused.createdAt,
        updatedAt: paused.updatedAt,
        priority: 'high',
        name: 'Żółć 日本語 ✓ 🎉.bin',
        transfer: 'aria2',
      },
      {
        fileKey: queued.fileKey,
        link: queued.link,
        state: 'queued',
        order: queued.order,
        createdAt: queued.createdAt,
        updatedAt: queued.updatedAt,
        package: { key: FOLDER.key, link: FOLDER.link },
      },
      {
        fileKey: 'dir:817pG9uB',
        link: 'https://1fichier.com/dir/817pG9uB',
        kind: 'folder',
        state: 'paused',
        order: folder.order,
        createdAt: folder.createdAt,
        updatedAt: folder.updatedAt,
      },
    ]);
  });

  it.each<JobState>(['resolving', 'downloading', 'waiting', 'locked', 'queued'])(
    'imports a %s job as queued',
    (state) => {
      const [imported] = jsonJobs(exportJson([job(state, { error: { kind: 'network' } })], NOW)).jobs;
      expect(imported!.state).toBe('queued');
      expect(imported!.error).toBeUndefined();
    },
  );

  it('returns the jobs in their queue order', () => {
    const text = file([
      { link: 'https://1fichier.com/?ccccc00003', order: 30 },
      { link: 'https://1fichier.com/?nnnnn00000' },
      { link: 'https://1fichier.com/?aaaaa00001', order: 10 },
      { link: 'https://1fichier.com/?bbbbb00002', order: 20 },
    ]);
    expect(jsonJobs(text).jobs.map((j) => j.fileKey)).toEqual([
      'aaaaa00001',
      'bbbbb00002',
      'ccccc00003',
      'nnnnn00000',
    ]);
  });

  it('reads an export that starts with a byte order mark', () => {
    expect(jsonJobs(`\uFEFF${exportJson([job('queued')], NOW)}`).jobs).toHaveLength(1);
  });
});

describe('parseImport: hostile and invalid entries', () => {
  it('takes the link and the file key from parsing the link, never from the file', () => {
    const { jobs } = jsonJobs(
      file([
        { link: 'http://www.1fichier.com/?UyUbJ5yuu5&af=123#x', fileKey: 'somebody-else', state: 'queued' },
      ]),
    );
    expect(jobs).toEqual([
      { fileKey: 'uyubj5yuu5', link: 'https://1fichier.com/?UyUbJ5yuu5', state: 'queued' },
    ]);
  });

  it.each([
    ['not an object', 'https://1fichier.com/?abcdef'],
    ['null', null],
    ['an array', [FILE_LINK]],
    ['no link', { state: 'queued' }],
    ['a link that is not a string', { link: 42 }],
    ['another host', { link: 'https://evil.example/?abcdef' }],
    ['a look-alike host', { link: 'https://1fichier.com.evil.example/?abcdef' }],
    ['credentials in the link', { link: 'https://user:pw@1fichier.com/?abcdef' }],
    ['a javascript: link', { link: 'javascript:alert(1)//1fichier.com/?abcdef' }],
    ['a direct link', { link: 'https://a-6.1fichier.com/p1058755667' }],
    ['a folder link without kind folder', { link: FOLDER.link }],
    ['kind folder with a file link', { link: FILE_LINK, kind: 'folder' }],
    ['an unknown kind', { link: FILE_LINK, kind: 'file' }],
  ])('counts an entry as invalid and skips it: %s', (_label, entry) => {
    const { jobs, invalid } = jsonJobs(file([entry, { link: FILE_LINK }]));
    expect(invalid).toBe(1);
    expect(jobs.map((j) => j.link)).toEqual([FILE_LINK]);
  });

  it.each([
    ['name too long', { name: 'x'.repeat(1_025) }, 'name'],
    ['name not a string', { name: { toString: 'x' } }, 'name'],
    ['size negative', { size: -1 }, 'size'],
    ['size fractional', { size: 1.5 }, 'size'],
    ['size a string', { size: '100' }, 'size'],
    ['order not finite', { order: 'Infinity' }, 'order'],
    ['createdAt negative', { createdAt: -5 }, 'createdAt'],
    ['updatedAt a string', { updatedAt: '2026' }, 'updatedAt'],
    ['priority unknown', { priority: 'urgent' }, 'priority'],
    ['transfer unknown', { transfer: 'ftp' }, 'transfer'],
    ['viaAria2 on an unfinished job', { viaAria2: true }, 'viaAria2'],
    ['pageUrl not http', { pageUrl: 'javascript:alert(1)' }, 'pageUrl'],
    ['pageUrl too long', { pageUrl: `https://a.example/${'x'.repeat(4_100)}` }, 'pageUrl'],
    ['package key not matching its link', { package: { key: 'dir:OTHER123', link: FOLDER.link } }, 'package'],
    ['package link not a folder', { package: { key: 'dir:WhipfPYG', link: FILE_LINK } }, 'package'],
    ['package not an object', { package: 'dir:WhipfPYG' }, 'package'],
    [
      'unknown field',
      { downloadId: 5, pendingUrl: 'https://a-6.1fichier.com/p1', __proto__x: 1 },
      'downloadId',
    ],
  ])('keeps the job but drops a bad field: %s', (_label, extra, field) => {
    const { jobs, invalid } = jsonJobs(file([{ link: FILE_LINK, state: 'queued', ...extra }]));
    expect(invalid).toBe(0);
    expect(jobs).toHaveLength(1);
    expect(field in jobs[0]!).toBe(false);
    expect(Object.keys(jobs[0]!).toSorted()).toEqual(['fileKey', 'link', 'state']);
  });

  it('keeps a valid package and drops a bad package name only', () => {
    const { jobs } = jsonJobs(
      file([
        { link: FILE_LINK, package: { key: FOLDER.key, link: `${FOLDER.link}/`, name: 'y'.repeat(2_000) } },
      ]),
    );
    expect(jobs[0]!.package).toEqual({ key: FOLDER.key, link: FOLDER.link });
  });

  it('keeps the state of completed, failed and paused jobs; every other state becomes queued', () => {
    const states = [
      'completed',
      'failed',
      'paused',
      'downloading',
      'resolving',
      'locked',
      'bogus',
      42,
      undefined,
    ];
    const { jobs } = jsonJobs(
      file(states.map((state, i) => ({ link: `https://1fichier.com/?state${i}0000`, state }))),
    );
    expect(jobs.map((j) => j.state)).toEqual([
      'completed',
      'failed',
      'paused',
      'queued',
      'queued',
      'queued',
      'queued',
      'queued',
      'queued',
    ]);
  });

  it.each([
    [
      { kind: 'passwordRequired', detail: 'd' },
      { kind: 'passwordRequired', detail: 'd' },
    ],
    [{ kind: 'cancelled' }, { kind: 'cancelled' }],
    [{ kind: 'noSuchKind', detail: 'd' }, { kind: 'transferFailed' }],
    [{ kind: 'toString' }, { kind: 'transferFailed' }],
    [{ kind: '__proto__' }, { kind: 'transferFailed' }],
    ['flood', { kind: 'transferFailed' }],
    [undefined, { kind: 'transferFailed' }],
    [{ kind: 'notFound', retryAt: 99, detail: 7 }, { kind: 'notFound' }],
  ])('gives a failed job a known error kind only: %j', (error, expected) => {
    const { jobs } = jsonJobs(file([{ link: FILE_LINK, state: 'failed', error }]));
    expect(jobs[0]!.error).toEqual(expected);
  });

  it('keeps finalPath, completedAt and bytesReceived for completed jobs only, when valid', () => {
    const fields = { finalPath: '/d/a.bin', completedAt: 9, bytesReceived: 10 };
    const { jobs } = jsonJobs(
      file([
        { link: 'https://1fichier.com/?aaaaa00001', state: 'completed', ...fields },
        { link: 'https://1fichier.com/?aaaaa00002', state: 'queued', ...fields },
        {
          link: 'https://1fichier.com/?aaaaa00003',
          state: 'completed',
          finalPath: '/d/a\n.bin',
          completedAt: Number.NaN,
          bytesReceived: -1,
        },
        { link: 'https://1fichier.com/?aaaaa00004', state: 'completed', finalPath: `/${'p'.repeat(4_096)}` },
      ]),
    );
    expect(jobs[0]).toMatchObject(fields);
    for (const j of jobs.slice(1)) {
      expect(j).not.toHaveProperty('finalPath');
      expect(j).not.toHaveProperty('completedAt');
      expect(j).not.toHaveProperty('bytesReceived');
    }
  });

  it('does not let __proto__ in an entry reach the result', () => {
    const text = `{"format":"downloader-for-1fichier/queue","version":1,"jobs":[{"link":"${FILE_LINK}","__proto__":{"state":"completed","polluted":1}}]}`;
    const { jobs } = jsonJobs(text);
    expect(jobs[0]!.state).toBe('queued');
    expect((jobs[0] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`takes at most ${MAX_IMPORT_JOBS} entries and counts the rest as invalid`, () => {
    const entries = Array.from({ length: MAX_IMPORT_JOBS + 5 }, (_, i) => ({
      link: `https://1fichier.com/?file${String(i).padStart(6, '0')}`,
    }));
    entries[3] = { link: 'https://evil.example/?abcdef' };
    const { jobs, invalid } = jsonJobs(file(entries));
    expect(jobs).toHaveLength(MAX_IMPORT_JOBS - 1);
    expect(invalid).toBe(6);
    expect(jobs.at(-1)!.fileKey).toBe(`file${String(MAX_IMPORT_JOBS - 1).padStart(6, '0')}`);
  });
});

describe('parseImport: plain text', () => {
  it('finds every 1Fichier file and folder link in any text, canonical, each once', () => {
    const text = [
      'Part 1: https://1fichier.com/?UyUbJ5yuu5&af=1',
      'mirror https://alterupload.com/?uyubj5yuu5 (same file)',
      '<a href="https://1fichier.com/dir/WhipfPYG">folder</a>',
      'not ours: https://evil.example/?abcdef and https://a-6.1fichier.com/p1058755667',
    ].join('\n');
    expect(parseImport(text)).toEqual({
      kind: 'links',
      links: ['https://1fichier.com/?UyUbJ5yuu5', 'https://1fichier.com/dir/WhipfPYG'],
    });
  });

  it('reads a links export back', () => {
    const jobs = [job('queued'), job('completed')];
    expect(parseImport(exportLinks(jobs))).toEqual({ kind: 'links', links: jobs.map((j) => j.link) });
  });

  it.each([
    ['a JSON array of links', JSON.stringify([FILE_LINK])],
    ['a JSON string', JSON.stringify(FILE_LINK)],
    [
      'JSON of another format',
      JSON.stringify({ format: 'other/queue', version: 1, jobs: [{ link: 'x' }], url: FILE_LINK }),
    ],
    ['JSON without a marker', JSON.stringify({ links: [FILE_LINK] })],
    ['a truncated export', file([{ link: FILE_LINK }]).slice(0, -3)],
  ])('treats %s as plain text', (_label, text) => {
    expect(parseImport(text)).toEqual({ kind: 'links', links: [FILE_LINK] });
  });
});

describe('parseImport: badImport', () => {
  it.each([
    ['version 2', file([{ link: FILE_LINK }], { version: 2 })],
    ['version "1"', file([{ link: FILE_LINK }], { version: '1' })],
    ['no version', JSON.stringify({ format: 'downloader-for-1fichier/queue', jobs: [{ link: FILE_LINK }] })],
  ])('refuses an export of an unsupported version: %s', (_label, text) => {
    const err = badImport(text);
    expect(err.kind).toBe('badImport');
    expect(err.detail).toMatch(/version/);
  });

  it.each([
    ['empty text', ''],
    ['text without links', 'hello world, see https://example.com/?abcdef'],
    ['a JSON number', '42'],
    ['JSON that is not ours, without links', '{"a":1}'],
    [
      'an export whose job list is missing',
      JSON.stringify({ format: 'downloader-for-1fichier/queue', version: 1 }),
    ],
    ['an export with no valid job', file([{ link: 'https://evil.example/?abcdef' }, 7])],
    ['an empty export', file([])],
  ])('refuses %s', (_label, text) => {
    expect(badImport(text).kind).toBe('badImport');
  });

  it('says how many entries were invalid when none was valid', () => {
    expect(badImport(file([{ link: 'x' }, { link: 'y' }])).detail).toMatch(/2 invalid/);
  });

  it('refuses a value that is not a string (untyped callers)', () => {
    expect(() => parseImport(undefined as unknown as string)).toThrow(AppError);
  });
});
