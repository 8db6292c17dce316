import { describe, it, expect } from 'vitest';
import { sanitizeFilename } from '../../utils/filename';
import { mulberry32 } from '../support/prng';

const HOSTILE = '<img src=x onerror=alert(1)> "a:b*c?d|e\\f" \u202Egpj.exe';
const bytes = (s: string) => new TextEncoder().encode(s).length;

const RESERVED_DEVICES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9]|clock\$)(\.|$)/i;

/**
 * Chromium's rules for one path component (security-notes.md §4.2), written independently of the
 * product code: returns the first rule the name breaks, or undefined when Chrome would accept it.
 */
function chromiumProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'empty or dot';
  if (/["*/:<>?\\|]/.test(name)) return 'illegal character';
  if (name.includes('%')) return 'percent (Firefox)';
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return 'control or format character';
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe)
      return `non-character U+${cp.toString(16)}`;
    if (cp >= 0xd800 && cp <= 0xdfff) return 'lone surrogate';
  }
  if (name.startsWith('.')) return 'leading dot';
  if (/^\s|\s$/u.test(name)) return 'leading or trailing white space';
  // base/i18n/file_util_icu.cc: illegal_at_ends_ = [[:WSpace:][.~]].
  if (name.startsWith('~') || name.endsWith('~')) return 'tilde at an end';
  if (name.endsWith('.')) return 'trailing dot';
  if (RESERVED_DEVICES.test(name)) return 'reserved device name';
  if (['desktop.ini', 'thumbs.db'].includes(name.toLowerCase())) return 'reserved file name';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (ext === 'lnk' || ext === 'local' || (ext.startsWith('{') && ext.endsWith('}')))
    return 'shell-integrated extension';
  if (bytes(name) > 200) return 'longer than 200 UTF-8 bytes';
  return undefined;
}

describe('sanitizeFilename', () => {
  it.each(['"', '*', '/', ':', '<', '>', '?', '\\', '|', '%'])('replaces %s with _', (ch) => {
    expect(sanitizeFilename(`a${ch}b.txt`)).toBe('a_b.txt');
  });

  it('replaces every illegal character of a hostile name and keeps it readable', () => {
    const out = sanitizeFilename(HOSTILE);
    expect(out).toBe('_img src=x onerror=alert(1)_ _a_b_c_d_e_f_ gpj.exe');
    expect(chromiumProblem(out)).toBeUndefined();
  });

  it.each([
    ['U+202E right-to-left override', 'a\u202Eb.txt'],
    ['U+200B zero-width space', 'a\u200Bb.txt'],
    ['U+FEFF byte order mark', '\uFEFFa\uFEFFb.txt'],
    ['U+200E left-to-right mark', 'a\u200Eb.txt'],
    ['U+2066 isolate', 'a\u2066b.txt'],
    ['U+00AD soft hyphen', 'a\u00ADb.txt'],
    ['NUL', 'a\u0000b.txt'],
    ['tab and new line', 'a\tb\n.txt'],
    ['DEL', 'a\u007Fb.txt'],
    ['C1 control U+0085', 'a\u0085b.txt'],
    ['U+FDD0 non-character', 'a\uFDD0b.txt'],
    ['U+FFFE non-character', 'a\uFFFEb.txt'],
    ['U+FFFF non-character', 'a\uFFFFb.txt'],
  ])('removes %s', (_what, name) => {
    expect(sanitizeFilename(name)).toBe('ab.txt');
  });

  it('removes non-characters outside the Basic Multilingual Plane (U+1FFFE, U+10FFFF)', () => {
    // Regression test (was a bug): utils/filename.ts INVISIBLE only lists U+FFFE/U+FFFF of plane 0.
    expect(sanitizeFilename('a\u{1FFFE}b\u{10FFFF}.txt')).toBe('ab.txt');
  });

  it.each([
    ['.hidden', 'hidden'],
    ['...hidden.txt', 'hidden.txt'],
    ['. .x', 'x'],
    ['name.', 'name'],
    ['name. . .', 'name'],
    ['name   ', 'name'],
    ['  name.txt  ', 'name.txt'],
    ['\u3000name\u00A0', 'name'],
    ['a   b', 'a b'],
  ])('trims dots and spaces: %j → %j', (name, expected) => {
    expect(sanitizeFilename(name)).toBe(expected);
  });

  it.each([
    ['con', '_con'],
    ['CON', '_CON'],
    ['NUL.txt', '_NUL.txt'],
    ['com1.zip', '_com1.zip'],
    ['lpt9.tar.gz', '_lpt9.tar.gz'],
    ['aux', '_aux'],
    ['prn.', '_prn'],
    ['clock$', '_clock$'],
    ['desktop.ini', '_desktop.ini'],
    ['Thumbs.db', '_Thumbs.db'],
  ])('prefixes the reserved name %s', (name, expected) => {
    expect(sanitizeFilename(name)).toBe(expected);
  });

  it.each(['console.txt', 'com10', 'com0.txt', 'conx', 'nullable.bin', 'my desktop.ini', 'lpt.txt'])(
    'leaves the ordinary name %s alone',
    (name) => {
      expect(sanitizeFilename(name)).toBe(name);
    },
  );

  it.each([
    'link.lnk',
    'LINK.LNK',
    'x.local',
    'x.Local',
    'folder.{20D04FE0-3AEA-1069-A2D8-08002B30309D}',
    'a.{x}',
  ])('neutralises the shell-integrated extension of %s', (name) => {
    const out = sanitizeFilename(name);
    expect(chromiumProblem(out), out).toBeUndefined();
    expect(out.startsWith(name)).toBe(true);
  });

  it('removes a tilde at either end of the name', () => {
    // Regression test (was a bug): Chromium's IsFilenameLegal refuses `~` as the first or last character
    // (base/i18n/file_util_icu.cc, illegal_at_ends_ = [[:WSpace:][.~]]); utils/filename.ts only
    // trims dots and spaces, so downloads.download() fails with "Invalid filename".
    for (const name of ['~$report.docx', 'notes.txt~', '~draft~']) {
      const out = sanitizeFilename(name);
      expect(chromiumProblem(out), out).toBeUndefined();
    }
  });

  it('neutralises a CLSID-like extension that contains another brace', () => {
    // Regression test (was a bug): utils/filename.ts SHELL_EXT matches `\.\{[^}]*\}$`, but Chromium rejects any
    // extension that starts with `{` and ends with `}` (IsShellIntegratedExtension).
    for (const name of ['x.{a}}', 'x.{a}b}', 'x.{{20D04FE0-3AEA-1069-A2D8-08002B30309D}}']) {
      const out = sanitizeFilename(name);
      expect(chromiumProblem(out), out).toBeUndefined();
    }
  });

  it.each([[''], ['   '], ['...'], ['\u202E\u200B'], ['. . .']])('falls back for %j', (name) => {
    expect(sanitizeFilename(name)).toBe('download');
    expect(sanitizeFilename(name, 'file-abcdefghij')).toBe('file-abcdefghij');
  });

  describe('200-byte cap', () => {
    it('cuts a long ASCII name to 200 bytes, keeping the extension', () => {
      const out = sanitizeFilename(`${'x'.repeat(250)}.mkv`);
      expect(bytes(out)).toBe(200);
      expect(out).toBe(`${'x'.repeat(196)}.mkv`);
    });

    it('counts UTF-8 bytes, not characters, and never splits a character', () => {
      for (const unit of ['é', '字', '😀']) {
        const out = sanitizeFilename(`${unit.repeat(150)}.part1.rar`);
        expect(bytes(out), unit).toBeLessThanOrEqual(200);
        expect(bytes(out), unit).toBeGreaterThan(190);
        expect(out.endsWith('.rar'), unit).toBe(true);
        expect(chromiumProblem(out), unit).toBeUndefined();
        expect(
          Array.from(out.slice(0, -'.part1.rar'.length)).every(
            (c) => c === unit || c === '.' || /[a-z0-9]/.test(c),
          ),
        ).toBe(true);
      }
    });

    it('drops an over-long "extension" rather than keeping it whole', () => {
      const out = sanitizeFilename(`name.${'e'.repeat(300)}`);
      expect(bytes(out)).toBeLessThanOrEqual(200);
      expect(out.startsWith('name.')).toBe(true);
    });

    it('leaves names of exactly 200 bytes alone', () => {
      const name = `${'y'.repeat(196)}.iso`;
      expect(sanitizeFilename(name)).toBe(name);
    });

    it('does not end in a dot or space after the cut', () => {
      const out = sanitizeFilename(`${'z'.repeat(199)} .${'q'.repeat(40)}`);
      expect(chromiumProblem(out), out).toBeUndefined();
    });

    it('never ends with a shell-integrated extension after the cut', () => {
      // Regression test (was a bug): utils/filename.ts checks SHELL_EXT before truncateUtf8, and the cut can create
      // or restore one: the extension is not kept when longer than 16 chars, so the stem is cut
      // right after ".lnk", or the added "_" is cut off again behind ".{clsid}".
      const clsid = '.{20D04FE0-3AEA-1069-A2D8-08002B30309D}';
      const cases = [`${'a'.repeat(196)}.lnk${'b'.repeat(30)}`, `${'a'.repeat(200 - clsid.length)}${clsid}`];
      for (const name of cases) {
        const out = sanitizeFilename(name);
        expect(chromiumProblem(out), out.slice(-50)).toBeUndefined();
        expect(sanitizeFilename(out)).toBe(out);
      }
    });
  });

  describe('generated names', () => {
    const random = mulberry32(4242);
    const atoms = [
      'a',
      'Z',
      '0',
      ' ',
      '  ',
      '.',
      '..',
      '"',
      '*',
      '/',
      ':',
      '<',
      '>',
      '?',
      '\\',
      '|',
      '%',
      '-',
      '$',
      '(',
      ')',
      '\u0000',
      '\t',
      '\n',
      '\u007f',
      '\u202e',
      '\u200b',
      '\ufeff',
      '\u00a0',
      '\u3000',
      '\ufdd0',
      '\uffff',
      'é',
      'e\u0301',
      '字',
      '😀',
      'con',
      'NUL',
      'com1',
      'lpt9',
      'clock$',
      'desktop.ini',
      'thumbs.db',
      '.lnk',
      '.LOCAL',
      '.{20D04FE0-3AEA-1069-A2D8-08002B30309D}',
      '.txt',
      '.exe',
      '.mkv',
      'x'.repeat(60),
      '<img src=x onerror=alert(1)>',
      '<script>',
      '&amp;',
    ];
    // Lone braces and tildes are left out here: a name ending in `.{…}…}` and a tilde at either end
    // are known bugs with their own tests above.
    const names: string[] = [HOSTILE, '', '.', '..', 'con', 'a.lnk', `${'x'.repeat(300)}.mkv`];
    for (let i = 0; i < 3_000; i++) {
      let s = '';
      const n = Math.floor(random() * 12);
      for (let k = 0; k < n; k++) s += atoms[Math.floor(random() * atoms.length)];
      names.push(s);
    }

    it('is idempotent: sanitize(sanitize(x)) === sanitize(x)', () => {
      for (const name of names) {
        const once = sanitizeFilename(name);
        expect(sanitizeFilename(once), JSON.stringify(name)).toBe(once);
      }
    });

    it('always produces a name Chromium accepts', () => {
      for (const name of names) {
        const out = sanitizeFilename(name);
        expect(chromiumProblem(out), `${JSON.stringify(name)} → ${JSON.stringify(out)}`).toBeUndefined();
      }
    });

    it('leaves already-safe names unchanged', () => {
      for (const name of [
        'movie.mkv',
        'Archive part 1.rar',
        'été 2024 (1).zip',
        '字幕.srt',
        'a_b-c+d=e,f;g!h~i.tar.gz',
      ]) {
        expect(sanitizeFilename(name)).toBe(name);
      }
    });
  });
});
