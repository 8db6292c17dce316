import { describe, it, expect } from 'vitest';
import { aria2Input, exportFilename, exportJson, exportLinks } from '../../../utils/queue/export.ts';
import type { Job } from '../../../utils/queue/job.ts';
import type { JobState } from '../../../utils/queue/state.ts';

// Midday UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const FOLDER = { key: 'dir:WhipfPYG', link: 'https://1fichier.com/dir/WhipfPYG', name: 'Shared ✓' };

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

/** Every field a Job can carry, secrets and transient ones included. */
function fullJob(state: JobState): Job {
  return job(state, {
    name: 'movie.mkv',
    size: 1234,
    attempts: 3,
    nextAttemptAt: 99,
    error: { kind: 'passwordRequired', retryAt: 12_345, detail: 'needs a password' },
    pendingUrl: 'https://a-6.1fichier.com/p1058755667',
    downloadId: 42,
    bytesReceived: 1234,
    finalPath: '/home/u/Downloads/movie.mkv',
    pageUrl: 'https://forum.example/t/1',
    package: FOLDER,
    priority: 'high',
    tokenAt: 777,
    resumes: 2,
    passwordTries: 1,
    targetPath: 'Shared/movie.mkv',
    startedAt: 555,
    completedAt: 3_000,
    transfer: 'aria2',
    gid: '0123456789abcdef',
    connections: 3,
    aria2Path: '/srv/aria2/movie.mkv',
    viaAria2: true,
    progressAt: 444,
  });
}

describe('exportLinks', () => {
  it('writes canonical links one per line in queue order, each once', () => {
    const a = job('queued', { order: 3 });
    const b = job('completed', { order: 1 });
    const c = job('failed', { order: 2, link: 'https://1fichier.com/?ZZZZZ12345&af=99' });
    const dup = job('queued', { order: 4, link: a.link });
    expect(exportLinks([a, b, c, dup])).toBe(`${b.link}\nhttps://1fichier.com/?ZZZZZ12345\n${a.link}\n`);
  });

  it('gives a folder placeholder its folder link', () => {
    const folder = job('paused', {
      kind: 'folder',
      fileKey: 'dir:817pG9uB',
      link: 'https://1fichier.com/dir/817pG9uB',
    });
    expect(exportLinks([folder])).toBe('https://1fichier.com/dir/817pG9uB\n');
  });

  it('falls back on the package link for a folder placeholder without a folder link', () => {
    const folder = job('paused', { kind: 'folder', package: FOLDER });
    expect(exportLinks([folder])).toBe(`${FOLDER.link}\n`);
  });

  it('leaves out a damaged record whose link is not a 1Fichier file link', () => {
    const bad = job('queued', { link: 'https://evil.example/?abcdef\nrm -rf' });
    const good = job('queued');
    expect(exportLinks([bad, good])).toBe(`${good.link}\n`);
  });

  it('is empty for an empty queue', () => {
    expect(exportLinks([])).toBe('');
  });
});

describe('exportJson', () => {
  it('has the format marker, the version, the export time, pretty-printed with 2 spaces', () => {
    const text = exportJson([job('queued')], NOW);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file.format).toBe('downloader-for-1fichier/queue');
    expect(file.version).toBe(1);
    expect(file.exportedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(text).toContain('\n  "format": ');
    expect(text).toContain('\n  "jobs": [\n    {\n      "link": ');
  });

  it('keeps every field a re-import needs, in queue order', () => {
    const first = fullJob('completed');
    const second = job('queued', { order: 0 });
    const { jobs } = JSON.parse(exportJson([first, second], NOW)) as { jobs: Record<string, unknown>[] };
    expect(jobs.map((j) => j.link)).toEqual([second.link, first.link]);
    expect(jobs[1]).toEqual({
      link: first.link,
      fileKey: first.fileKey,
      state: 'completed',
      order: first.order,
      createdAt: first.createdAt,
      updatedAt: first.updatedAt,
      name: 'movie.mkv',
      size: 1234,
      package: FOLDER,
      priority: 'high',
      error: { kind: 'passwordRequired', detail: 'needs a password' },
      finalPath: '/home/u/Downloads/movie.mkv',
      completedAt: 3_000,
      pageUrl: 'https://forum.example/t/1',
      bytesReceived: 1234,
      transfer: 'aria2',
      viaAria2: true,
    });
  });

  it.each<JobState>([
    'queued',
    'resolving',
    'downloading',
    'waiting',
    'paused',
    'locked',
    'failed',
    'completed',
  ])('writes nothing secret or transient for a %s job', (state) => {
    // A field Job may gain later (here a password) must not slip through either.
    const withSecret = { ...fullJob(state), password: 'secret6' } as Job;
    const text = exportJson([withSecret], NOW);
    const keys = new Set<string>();
    JSON.parse(text, (key, value: unknown) => (keys.add(key), value));
    for (const field of [
      'id',
      'pendingUrl',
      'downloadId',
      'tokenAt',
      'resumes',
      'passwordTries',
      'targetPath',
      'startedAt',
      'nextAttemptAt',
      'attempts',
      'retryAt',
      'password',
    ]) {
      expect(keys.has(field), field).toBe(false);
    }
    expect(text).not.toContain('a-6.1fichier.com');
    expect(text).not.toContain('secret6');
  });

  it('writes bytesReceived for completed jobs only', () => {
    const text = exportJson([fullJob('downloading')], NOW);
    expect(text).not.toContain('bytesReceived');
  });

  it('marks folder placeholders with kind "folder" and leaves kind out for files', () => {
    const { jobs } = JSON.parse(
      exportJson([job('paused', { kind: 'folder', link: FOLDER.link }), job('queued')], NOW),
    ) as { jobs: Record<string, unknown>[] };
    expect(jobs[0]!.kind).toBe('folder');
    expect('kind' in jobs[1]!).toBe(false);
  });
});

const URL1 = 'https://a-6.1fichier.com/p1058755667';

/** The aria2 input file as option lines per URI line (the way aria2 reads it). */
function aria2Read(text: string): { uri: string; options: string[] }[] {
  const out: { uri: string; options: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (/^[ \t]/.test(line)) out.at(-1)!.options.push(line.trim());
    else out.push({ uri: line, options: [] });
  }
  return out;
}

describe('aria2Input', () => {
  it('writes a header comment with the time, the 5-minute validity and how to run it', () => {
    const text = aria2Input([{ url: URL1 }], NOW);
    const header = text.split('\n').filter((l) => l.startsWith('#'));
    expect(header.join('\n')).toContain('2026-11-23T12:00:00.000Z');
    expect(header.join('\n')).toMatch(/about 5 minutes/);
    expect(header.join('\n')).toContain('aria2c -i FILE -j 3 --continue=true');
  });

  it('writes a URI line then indented out= and dir= lines', () => {
    const text = aria2Input(
      [{ url: URL1, out: 'movie.mkv', dir: 'Shared/Part 1' }, { url: `${URL1}0` }],
      NOW,
    );
    expect(text).toContain(`\n${URL1}\n  dir=Shared/Part 1\n  out=movie.mkv\n${URL1}0\n`);
    expect(aria2Read(text)).toEqual([
      { uri: URL1, options: ['dir=Shared/Part 1', 'out=movie.mkv'] },
      { uri: `${URL1}0`, options: [] },
    ]);
  });

  it.each([
    ['newline option injection', 'a.txt\n  dir=/etc'],
    ['carriage return', 'a.txt\r  dir=/etc'],
    ['line separator', 'a.txt\u2028 dir=/etc'],
    ['next line (C1)', 'a.txt\u0085 dir=/etc'],
    ['NUL and controls', 'a\u0000b\u0007c\u001b[31m.txt'],
    ['out= trick', 'x\nout=../../.bashrc'],
    ['path in the name', '../../.ssh/authorized_keys'],
    ['absolute path', '/etc/passwd'],
    ['bidi override', 'invoice\u202Etxt.exe'],
    ['tab (a second URI on the line)', 'a\thttp://evil.example/x'],
  ])('keeps a hostile name on one safe line: %s', (_label, out) => {
    const text = aria2Input([{ url: URL1, out }], NOW);
    const entries = aria2Read(text);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.uri).toBe(URL1);
    expect(entries[0]!.options).toHaveLength(1);
    const value = entries[0]!.options[0]!.replace(/^out=/, '');
    expect(value).not.toMatch(/[/\\\p{Cc}\p{Cf}\u2028\u2029]/u);
    expect(value).not.toMatch(/^[.\s]/u);
    expect(text).not.toMatch(/^\s+dir=/m);
  });

  it.each([
    ['../../etc', 'etc'],
    ['/abs/olute', 'abs/olute'],
    ['C:\\Windows\\System32', 'C_/Windows/System32'],
    ['a/./b/../c', 'a/b/c'],
    ['Shared\n  out=evil', 'Shared out=evil'],
    ['.hidden/..dots../ x ', 'hidden/dots/x'],
    ['CON/nul.zip', '_CON/_nul.zip'],
  ])('makes dir %j a relative path of safe parts', (dir, expected) => {
    const entries = aria2Read(aria2Input([{ url: URL1, dir }], NOW));
    expect(entries[0]!.options).toEqual([`dir=${expected}`]);
  });

  it('leaves out dir when nothing of it remains', () => {
    expect(aria2Read(aria2Input([{ url: URL1, dir: '../..//./' }], NOW))[0]!.options).toEqual([]);
  });

  it.each([
    ['a newline in the URL', `${URL1}\n  dir=/etc`],
    ['a space in the URL', `${URL1} http://evil.example/`],
  ])('never lets the URL add a line or a second URI: %s', (_label, url) => {
    const entries = aria2Read(aria2Input([{ url }], NOW));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.options).toEqual([]);
    expect(entries[0]!.uri).not.toMatch(/\s/);
  });

  it('leaves out an entry whose URL is not http(s)', () => {
    const entries = aria2Read(
      aria2Input([{ url: 'file:///etc/passwd' }, { url: 'not a url' }, { url: URL1 }], NOW),
    );
    expect(entries.map((e) => e.uri)).toEqual([URL1]);
  });
});

describe('exportFilename', () => {
  it.each([
    ['json', '1fichier-queue-2026-11-23.json'],
    ['links', '1fichier-queue-2026-11-23.txt'],
    ['aria2', '1fichier-queue-2026-11-23-aria2.txt'],
  ] as const)('names a %s export %s', (format, name) => {
    expect(exportFilename(format, NOW)).toBe(name);
  });
});
