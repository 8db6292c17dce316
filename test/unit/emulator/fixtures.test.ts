import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseParisDate, formatParisDate } from '../../emulator/dates.ts';
import { asciiFallback, contentDisposition } from '../../emulator/disposition.ts';
import {
  EXTRA_FILES,
  FILES,
  KEYS,
  fileBytes,
  fileSha256,
  findFile,
  writeFileRange,
} from '../../emulator/fixtures.ts';
import { canonicalLink, classifyHost, parseFileLink } from '../../emulator/links.ts';
import { ifRangeMatches, parseRange } from '../../emulator/range.ts';
import { PassThrough } from 'node:stream';
import { dispositionFilenameStar, sha256 } from './helpers.ts';

describe('fixtures', () => {
  it('keys are 32 well-formed, distinct characters', () => {
    const keys = Object.values(KEYS);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9\-_=]{32}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('files have distinct 20-char ids, canonical links and the specified shapes', () => {
    const files = Object.values(FILES);
    for (const f of files) {
      expect(f.id).toMatch(/^[a-z0-9]{20}$/);
      expect(f.link).toBe(`https://1fichier.com/?${f.id}`);
      expect(f.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(new Set(files.map((f) => f.id)).size).toBe(files.length);
    expect(FILES.big.size).toBe(64 * 1024 * 1024);
    expect(FILES.small.size).toBeGreaterThan(290 * 1024);
    expect(FILES.small.size).toBeLessThan(310 * 1024);
    expect(FILES.protected.password).toBe('secret6');
    expect(FILES.deleted.deleted).toBe(true);
    expect(FILES.unicode.name).toMatch(/Żółć/);
    expect(FILES.unicode.name).toMatch(/日本語/);
    expect(FILES.unicode.name).toMatch(/файл/);
    expect(FILES.hostile.name).toContain('<img');
    expect(FILES.hostile.name).toContain('\u202E');
    for (const c of ['"', ':', '*', '?', '|', '\\']) expect(FILES.hostile.name).toContain(c);
  });

  it('extra files are distinct from FILES, found by findFile, and every checksum is 128 hex', () => {
    const all = [...Object.values(FILES), ...Object.values(EXTRA_FILES)];
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    for (const f of all) {
      expect(f.checksum).toMatch(/^[0-9a-f]{128}$/);
      expect(findFile(f.id.toUpperCase())).toBe(f);
    }
    expect(Object.keys(FILES)).toHaveLength(6); // the demo page and e2e tests count them
    expect(EXTRA_FILES.restricted.acl).toBe(true);
    for (const c of ['&', '<', '>', '"', "'", ';']) expect(EXTRA_FILES.punctuation.name).toContain(c);
  });

  it('fileBytes is deterministic, id-dependent and range-consistent', () => {
    const { id, size } = FILES.small;
    const all = fileBytes(id, size);
    expect(all.length).toBe(size);
    expect(fileBytes(id, size).equals(all)).toBe(true);
    expect(fileBytes(FILES.hostile.id, size, 0, 99).equals(all.subarray(0, 100))).toBe(false);
    for (const [a, b] of [
      [0, 0],
      [1, 15],
      [15, 16],
      [17, 4000],
      [size - 33, size - 1],
      [100_000, 200_001],
    ] as const) {
      expect(fileBytes(id, size, a, b).equals(all.subarray(a, b + 1))).toBe(true);
    }
    expect(() => fileBytes(id, size, 0, size)).toThrow(RangeError);
  });

  it('fileSha256 equals the sha256 of fileBytes', () => {
    const { id, size } = FILES.unicode;
    expect(fileSha256(id, size)).toBe(createHash('sha256').update(fileBytes(id, size)).digest('hex'));
  });

  it('writeFileRange streams exactly the requested bytes', async () => {
    const { id, size } = FILES.unicode;
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const ok = await writeFileRange(sink, id, 70_000, size - 1);
    expect(ok).toBe(true);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(fileBytes(id, size, 70_000)));
  });
});

describe('link parsing (§9.3-9.5)', () => {
  const id = FILES.small.id;
  it.each([
    [`https://1fichier.com/?${id}`, '1fichier.com'],
    [`http://www.1fichier.com/?${id}`, '1fichier.com'],
    [`https://1fichier.com?${id}`, '1fichier.com'],
    [`https://alterupload.com/?${id}&af=3601079`, 'alterupload.com'],
    [`https://www.desfichiers.net/?${id.toUpperCase()}&lg=en`, 'desfichiers.net'],
    [`https://dl4free.com/?${id}&inline=1#x`, 'dl4free.com'],
  ])('accepts %s', (url, domain) => {
    const link = parseFileLink(url);
    expect(link).toEqual({ domain, id });
    expect(canonicalLink(link!)).toBe(`https://${domain}/?${id}`);
  });

  it.each([
    'https://1fichier.com/?af=3186111',
    `https://example.com/?${id}`,
    `https://1fichier.com/?${id}abcdefgh`,
    'https://1fichier.com/dir/l4nVnLVA',
  ])('rejects %s', (url) => expect(parseFileLink(url)).toBeUndefined());

  it('classifies virtual hosts', () => {
    expect(classifyHost('api.1fichier.com')).toBe('api');
    expect(classifyHost('a-37.1fichier.com')).toBe('cdn');
    expect(classifyHost('o-5.1fichier.com')).toBe('cdn');
    expect(classifyHost('www.megadl.fr')).toBe('site');
    expect(classifyHost('1fichier.com')).toBe('site');
    expect(classifyHost('img.1fichier.com')).toBe('other');
    expect(classifyHost('example.com')).toBe('other');
  });
});

describe('headers helpers', () => {
  it('Content-Disposition has an ASCII fallback and an exact filename*', () => {
    const cd = contentDisposition(FILES.hostile.name, false);
    expect(cd.startsWith('attachment; filename="')).toBe(true);
    expect(dispositionFilenameStar(cd)).toBe(FILES.hostile.name);
    const fallback = /filename="([^"]*)"/.exec(cd)?.[1];
    expect(fallback).toBe(asciiFallback(FILES.hostile.name));
    expect(fallback).toMatch(/^[\x20-\x7e]+$/);
    expect(fallback).not.toMatch(/["\\:*?<>|]/);
    expect(contentDisposition('a.txt', true)).toBe(`inline; filename="a.txt"; filename*=UTF-8''a.txt`);
  });

  it('parses byte ranges', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ kind: 'partial', start: 95, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'full' });
    expect(ifRangeMatches(undefined, '"a"', 'x')).toBe(true);
    expect(ifRangeMatches('"a"', '"a"', 'x')).toBe(true);
    expect(ifRangeMatches('"b"', '"a"', 'x')).toBe(false);
    expect(ifRangeMatches('x', '"a"', 'x')).toBe(true);
  });

  it('converts Europe/Paris dates both ways (CET and CEST)', () => {
    expect(new Date(parseParisDate('2025-01-15 10:20:30')).toISOString()).toBe('2025-01-15T09:20:30.000Z');
    expect(new Date(parseParisDate('2025-07-14 22:15:00')).toISOString()).toBe('2025-07-14T20:15:00.000Z');
    expect(formatParisDate(Date.parse('2025-07-14T20:15:00Z'))).toBe('2025-07-14 22:15:00');
  });
});
