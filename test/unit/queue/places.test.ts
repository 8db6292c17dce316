import { describe, it, expect } from 'vitest';
import type { Job } from '../../../utils/queue/job.ts';
import {
  MAX_DEPTH,
  packageFolder,
  subfolders,
  targetPath,
  templateProblem,
  type TemplateProblem,
} from '../../../utils/queue/places.ts';

// Midday UTC: the same local date in every time zone from UTC-11 to UTC+11.
const CREATED = Date.UTC(2026, 10, 23, 12, 0, 0);
const PAGE = 'https://www.forum.example/t/123?p=4';
const PKG = { key: 'dir:WhipfPYG', link: 'https://1fichier.com/dir/WhipfPYG', name: 'Holiday photos' };

type Place = Pick<Job, 'name' | 'package' | 'pageUrl' | 'createdAt'>;
const single = (extra: Partial<Place> = {}): Place => ({ createdAt: CREATED, pageUrl: PAGE, ...extra });
const inPackage = (extra: Partial<Place> = {}): Place => single({ package: PKG, ...extra });

/** A path component Chromium and Firefox accept, checked loosely (filename-table.test.ts is strict). */
function unsafeComponent(part: string): boolean {
  return (
    part === '' ||
    part === '.' ||
    part === '..' ||
    part.startsWith('.') ||
    /[\s.]$/u.test(part) ||
    /["*/:<>?\\|%\p{Cc}\p{Cf}]/u.test(part)
  );
}

describe('templateProblem', () => {
  it.each<[string, TemplateProblem | undefined]>([
    ['', undefined],
    ['   ', undefined],
    ['1Fichier', undefined],
    ['1Fichier/{site}/{date}', undefined],
    ['{folder}', undefined],
    ['{site}{date}', undefined],
    ['a\\b\\{folder}', undefined],
    ['a//b', undefined],
    ['/abs', 'absolute'],
    ['\\abs', 'absolute'],
    ['\\\\server\\share', 'absolute'],
    ['C:\\x', 'absolute'],
    ['c:x', 'absolute'],
    ['  /abs', 'absolute'],
    ['../x', 'parent'],
    ['a/../b', 'parent'],
    ['a\\..\\b', 'parent'],
    ['a/./b', 'parent'],
    ['.', 'parent'],
    ['a/ .. /b', 'parent'],
    ['{nope}', 'unknownField'],
    ['{site}/{nope}', 'unknownField'],
    ['{}', 'unknownField'],
    ['{SITE}', 'unknownField'],
    ['{ site }', 'unknownField'],
    ['a/b/c/d/e/f/g/h', undefined],
    ['a/b/c/d/e/f/g/h/i', 'tooDeep'],
    ['a/b/c/d/e/f/g/h//', undefined],
  ])('%j → %s', (template, problem) => {
    expect(templateProblem(template)).toBe(problem);
  });

  it(`allows ${MAX_DEPTH} levels and no more`, () => {
    expect(MAX_DEPTH).toBe(8);
  });
});

describe('subfolders', () => {
  it.each<[string, Place, string[]]>([
    ['', single(), []],
    ['1Fichier', single(), ['1Fichier']],
    ['1Fichier/{site}/{date}', single(), ['1Fichier', 'forum.example', '2026-11-23']],
    ['{site}', single({ pageUrl: undefined }), ['1fichier.com']],
    ['{site}', single({ pageUrl: 'not a url' }), ['1fichier.com']],
    ['{site}{date}', single(), ['forum.example2026-11-23']],
    ['dl/{folder}', single(), ['dl']],
    ['{folder}', single(), []],
    ['a//b\\c', single(), ['a', 'b', 'c']],
    // A template with a problem is not used (the settings page refuses it; a stored one is ignored).
    ['../x', single(), []],
    ['/abs/{site}', inPackage(), ['Holiday photos']],
    // Packages: their folder after the template, unless the template places {folder} itself.
    ['', inPackage(), ['Holiday photos']],
    ['1Fichier/{site}', inPackage(), ['1Fichier', 'forum.example', 'Holiday photos']],
    ['dl/{folder}/x', inPackage(), ['dl', 'Holiday photos', 'x']],
    ['{date} {folder}', inPackage(), ['2026-11-23 Holiday photos']],
    ['', inPackage({ package: { key: PKG.key, link: PKG.link } }), ['WhipfPYG']],
  ])('template %j → %j', (template, job, expected) => {
    expect(subfolders(job, template)).toEqual(expected);
  });

  it('gives a full-depth template one more level for the package, and stops there', () => {
    const parts = subfolders(inPackage(), 'a/b/c/d/e/f/g/h');
    expect(parts).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'Holiday photos']);
  });

  it('names a package with an empty name by its id, whatever the template', () => {
    const job = inPackage({ package: { ...PKG, name: '' } });
    expect(subfolders(job, '')).toEqual(['WhipfPYG']);
    expect(subfolders(job, 'dl/{folder}')).toEqual(['dl', 'WhipfPYG']);
  });

  it.each([
    ['..', ['_']],
    ['.', ['_']],
    ['../../etc', undefined],
    ['/etc/passwd', undefined],
    ['C:\\Windows', undefined],
    ['a/b/c', undefined],
    ['CON', ['_CON']],
    ['.hidden', ['hidden']],
    ['trailing. . .', ['trailing']],
    ['\u202Eevil\u200B\n', ['evil']],
    ['x'.repeat(400), undefined],
  ])('keeps a hostile folder name %j to one safe component', (name, expected) => {
    for (const template of ['', 'dl/{folder}']) {
      const parts = subfolders(inPackage({ package: { ...PKG, name } }), template);
      const folder = parts.at(-1)!;
      expect(parts).toHaveLength(template === '' ? 1 : 2);
      expect(unsafeComponent(folder), folder).toBe(false);
      expect(new TextEncoder().encode(folder).length).toBeLessThanOrEqual(200);
      if (expected) expect([folder]).toEqual(expected);
    }
  });
});

describe('targetPath', () => {
  it('is undefined while the name is unknown (the browser then names the file)', () => {
    expect(targetPath(single(), '1Fichier/{site}')).toBeUndefined();
    expect(targetPath(inPackage(), '')).toBeUndefined();
  });

  it.each<[string, Place, string]>([
    ['', single({ name: 'movie.mkv' }), 'movie.mkv'],
    ['1Fichier/{site}', single({ name: 'movie.mkv' }), '1Fichier/forum.example/movie.mkv'],
    ['', inPackage({ name: 'movie.mkv' }), 'Holiday photos/movie.mkv'],
    ['{date}/{folder}', inPackage({ name: 'a.txt' }), '2026-11-23/Holiday photos/a.txt'],
    ['{date}', inPackage({ name: 'a.txt' }), '2026-11-23/Holiday photos/a.txt'],
    ['', single({ name: '../../.bashrc' }), '_.._.bashrc'],
    ['', single({ name: 'C:\\x.exe' }), 'C__x.exe'],
    ['', single({ name: '' }), 'download'],
    ['', inPackage({ name: 'CON', package: { ...PKG, name: '..' } }), '_/_CON'],
  ])('template %j, job %j → %j', (template, job, expected) => {
    expect(targetPath(job, template)).toBe(expected);
  });

  it('is a relative path of safe components for hostile names everywhere', () => {
    const path = targetPath(
      inPackage({
        name: '\u202Egpj.exe\r\n../x',
        package: { ...PKG, name: '../..' },
        pageUrl: 'https://evil..example/',
      }),
      '{site}/{folder}/{date}',
    )!;
    expect(path.startsWith('/')).toBe(false);
    for (const part of path.split('/')) expect(unsafeComponent(part), part).toBe(false);
  });
});

describe('packageFolder', () => {
  it('is the package name, else its id, and undefined for single files', () => {
    expect(packageFolder({ package: PKG })).toBe('Holiday photos');
    expect(packageFolder({ package: { key: 'dir:AbCd1234', link: 'x' } })).toBe('AbCd1234');
    expect(packageFolder({})).toBeUndefined();
  });
});
