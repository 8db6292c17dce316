import { describe, it, expect } from 'vitest';
import { sanitizeFilename } from '../../../utils/filename.ts';
import { EXTRA_FILES, FILES, FOLDERS } from '../../emulator/index.ts';

/**
 * A table test of sanitizeFilename: every hostile name (the emulator's fixtures plus a list of
 * nasty cases) must come out as a name Chromium accepts, and sanitising twice must change nothing.
 *
 * The rules are a port of Chromium written here, independently of utils/filename.ts
 * (security-notes.md §4.2):
 * - net/base/filename_util.cc IsSafePortablePathComponent: not empty, its own base name, valid
 *   Unicode, IsFilenameLegal, not a shell-integrated extension, unchanged by
 *   SanitizeGeneratedFileName, not IsReservedNameOnWindows;
 * - base/i18n/file_util_icu.cc IsFilenameLegal: none of `"*\/:<>?\\|`, Cc, Cf or non-characters
 *   anywhere; no [:WSpace:], `.` or `~` as the first or last character;
 * - base/files/file_path.cc Extension(): the extension, double ones (`.tar.gz`) included;
 * plus ours: at most 200 UTF-8 bytes (FILE_NAME_TOO_LONG), and no `%` (Firefox replaces it).
 */

const bytes = (s: string) => new TextEncoder().encode(s).length;
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const DEVICES = ['con', 'prn', 'aux', 'nul', 'clock$'].concat(
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`com${i}`, `lpt${i}`]),
);
const MAGIC_NAMES = ['desktop.ini', 'thumbs.db'];
const DOUBLE_SUFFIXES = ['gz', 'xz', 'bz2', 'z', 'bz'];

/** FilePath::Extension() of a base name, with its dot ('' when none). */
function chromiumExtension(name: string): string {
  if (name === '.' || name === '..') return '';
  const last = name.lastIndexOf('.');
  if (last <= 0) return last === 0 ? name : '';
  const penultimate = name.lastIndexOf('.', last - 1);
  if (penultimate < 0) return name.slice(last);
  if (asciiLower(name.slice(penultimate + 1)) === 'user.js') return name.slice(penultimate);
  const gap = last - penultimate;
  if (DOUBLE_SUFFIXES.includes(asciiLower(name.slice(last + 1))) && gap > 1 && gap <= 5) {
    return name.slice(penultimate);
  }
  return name.slice(last);
}

/** IsShellIntegratedExtension, on the extension without its dot. */
function isShellIntegrated(ext: string): boolean {
  const lower = asciiLower(ext);
  return lower === 'lnk' || lower === 'local' || (lower.startsWith('{') && lower.endsWith('}'));
}

/** IsReservedNameOnWindows. */
function isReserved(name: string): boolean {
  const lower = asciiLower(name);
  return DEVICES.some((d) => lower === d || lower.startsWith(`${d}.`)) || MAGIC_NAMES.includes(lower);
}

/** SanitizeGeneratedFileName(name, replace_trailing = true). */
function sanitizeGenerated(name: string): string {
  if (name === '') return name;
  let s = name.replace(/[ .]+$/, '').replace(/\p{White_Space}+$/u, '');
  if (s === '') return s;
  s += '_'.repeat(name.length - s.length);
  s = s.replace(/^\.+|\.+$/g, '');
  return s.replaceAll('/', '_').replaceAll('\\', '_');
}

function isNonCharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

const AT_ENDS = /^[\p{White_Space}.~]|[\p{White_Space}.~]$/u;

/** Every rule `name` breaks (empty when Chromium would accept it as one path component). */
function chromiumProblems(name: string): string[] {
  const out: string[] = [];
  if (name === '') return ['empty'];
  if (name === '.' || name === '..') out.push('dot or dot-dot');
  if (!name.isWellFormed()) out.push('lone surrogate (not valid Unicode)');
  if (/["*/:<>?\\|]/.test(name)) out.push('illegal character');
  if (/[\p{Cc}\p{Cf}]/u.test(name)) out.push('control or format character');
  if (Array.from(name).some((ch) => isNonCharacter(ch.codePointAt(0)!))) out.push('non-character');
  if (AT_ENDS.test(name)) out.push('white space, dot or tilde at an end');
  if (sanitizeGenerated(name) !== name) out.push('changed by SanitizeGeneratedFileName');
  if (isShellIntegrated(chromiumExtension(name).slice(1))) out.push('shell-integrated extension');
  if (isReserved(name)) out.push('reserved name on Windows');
  if (bytes(name) > 200) out.push('longer than 200 UTF-8 bytes');
  if (name.includes('%')) out.push('percent (Firefox)');
  return out;
}

describe('the Chromium rules port (checked first, so a pass below means something)', () => {
  it.each([
    ['', 'empty'],
    ['..', 'dot or dot-dot'],
    ['a\uD800b', 'lone surrogate (not valid Unicode)'],
    ['a:b', 'illegal character'],
    ['a/b', 'illegal character'],
    ['a\u202Eb', 'control or format character'],
    ['a\u0000b', 'control or format character'],
    ['a\uFDD0b', 'non-character'],
    ['a\u{10FFFF}b', 'non-character'],
    ['.hidden', 'white space, dot or tilde at an end'],
    ['name.', 'white space, dot or tilde at an end'],
    ['name ', 'white space, dot or tilde at an end'],
    ['~name', 'white space, dot or tilde at an end'],
    ['name\u3000', 'white space, dot or tilde at an end'],
    ['name.', 'changed by SanitizeGeneratedFileName'],
    ['a.lnk', 'shell-integrated extension'],
    ['a.LOCAL', 'shell-integrated extension'],
    ['x.{21EC2020-3AEA-1069-A2DD-08002B30309D}', 'shell-integrated extension'],
    ['CON', 'reserved name on Windows'],
    ['nul.zip', 'reserved name on Windows'],
    ['Desktop.ini', 'reserved name on Windows'],
    ['x'.repeat(201), 'longer than 200 UTF-8 bytes'],
    ['é'.repeat(101), 'longer than 200 UTF-8 bytes'],
    ['%41', 'percent (Firefox)'],
  ])('flags %j: %s', (name, rule) => {
    expect(chromiumProblems(name)).toContain(rule);
  });

  it.each([
    'movie.mkv',
    'a~b.txt',
    'x.lnk.gz',
    'x.{a}.gz',
    'console.txt',
    'com10',
    'Żółć 日本語 ✓ 🎉.bin',
    'x'.repeat(200),
  ])('accepts %j', (name) => {
    expect(chromiumProblems(name)).toEqual([]);
  });

  it('reads extensions the way FilePath::Extension does', () => {
    expect(chromiumExtension('a.tar.gz')).toBe('.tar.gz');
    expect(chromiumExtension('a.lnk.gz')).toBe('.lnk.gz');
    expect(chromiumExtension('a.longer.gz')).toBe('.gz');
    expect(chromiumExtension('script.user.js')).toBe('.user.js');
    expect(chromiumExtension('.lnk')).toBe('.lnk');
    expect(chromiumExtension('noext')).toBe('');
  });
});

const FIXTURE_NAMES: [string, string][] = [
  ...Object.entries({ ...FILES, ...EXTRA_FILES }).map(([k, f]): [string, string] => [`file ${k}`, f.name]),
  ...Object.entries(FOLDERS).map(([k, f]): [string, string] => [`folder ${k}`, f.name]),
];

const NASTY: [string, string][] = [
  ['bidi override', '\u202Egpj.exe'],
  ['bidi override in the middle', 'invoice\u202Etxt.exe'],
  ['bidi isolates and marks', '\u2066a\u2069\u200Eb\u200F\u061C.txt'],
  ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd\u2060.txt'],
  ['byte order mark', '\uFEFFbom.txt\uFEFF'],
  ['tag characters', 'a\u{E0041}\u{E007F}b.txt'],
  ['soft hyphen', 'a\u00ADb.txt'],
  ['NUL', 'a\u0000b.txt'],
  ['new lines', 'line\r\nbreak\n.txt'],
  ['tab', 'tab\there.txt'],
  ['escape sequence', '\u001b[31mred\u001b[0m.txt'],
  ['DEL and C1', 'a\u007Fb\u0085c\u009Fd.txt'],
  ['line and paragraph separators', 'a\u2028b\u2029c.txt'],
  ['non-characters', 'a\uFDD0b\uFFFEc\uFFFFd\u{1FFFE}e\u{10FFFF}.txt'],
  ['CON', 'CON'],
  ['con lower case', 'con'],
  ['nul.zip', 'nul.zip'],
  ['COM1 with an extension', 'COM1.tar.gz'],
  ['LPT9', 'lpt9'],
  ['clock$', 'CLOCK$.txt'],
  ['AUX with a trailing dot', 'AUX.'],
  ['PRN with a trailing space', 'PRN '],
  ['reserved behind a leading dot', '.con'],
  ['reserved behind spaces', '  nul.txt'],
  ['desktop.ini', 'desktop.ini'],
  ['Thumbs.db', 'Thumbs.db'],
  ['a.lnk', 'a.lnk'],
  ['a.LNK upper case', 'a.LNK'],
  ['a.local', 'a.local'],
  ['lnk behind a trailing dot', 'a.lnk.'],
  ['lnk behind a trailing space', 'a.lnk '],
  ['lnk behind a zero-width space', 'a.lnk\u200B'],
  ['only an extension', '.lnk'],
  ['CLSID extension', 'x.{21EC2020-3AEA-1069-A2DD-08002B30309D}'],
  ['CLSID after a bidi override', 'x.{21EC2020-3AEA\u202E-1069-A2DD-08002B30309D}'],
  ['nested braces', 'x.{{a}}'],
  ['leading dots', '...hidden.txt'],
  ['leading spaces', '   spaces.txt'],
  ['leading tildes', '~~~$report.docx'],
  ['leading mix', ' .~ .~mixed.txt'],
  ['trailing dots', 'trailing...'],
  ['trailing spaces', 'trailing.txt   '],
  ['trailing tilde', 'notes.txt~'],
  ['trailing mix', 'x. ~ . ~'],
  ['Unicode spaces at the ends', '\u3000\u00A0name\u2003.txt\u205F'],
  ['300 bytes of é with an extension', `${'é'.repeat(150)}.zip`],
  ['300 bytes of CJK with an extension', `${'日本語'.repeat(34)}.mkv`],
  ['300 bytes of emoji with an extension', `${'🎉'.repeat(75)}.bin`],
  ['300 bytes of emoji ZWJ sequences', `${'👨‍👩‍👧'.repeat(20)}.jpg`],
  ['300 bytes, long extension', `${'a'.repeat(250)}.${'b'.repeat(30)}`],
  ['300 bytes, reserved start', `nul.${'x'.repeat(300)}`],
  ['300 bytes, lnk extension', `${'a'.repeat(300)}.lnk`],
  ['300 bytes, CLSID extension', `${'a'.repeat(300)}.{21EC2020-3AEA-1069-A2DD-08002B30309D}`],
  ['300 bytes, spaces where the cut falls', `${'a'.repeat(190)}${' '.repeat(20)}${'b'.repeat(90)}.txt`],
  ['300 bytes, dots where the cut falls', `${'a'.repeat(193)}${'.'.repeat(20)}b.txt`],
  ['300 bytes of combining marks', `a${'\u0301'.repeat(150)}.txt`],
  ['decomposed accents (NFD)', `${'e\u0301'.repeat(120)}.txt`],
  ['Hangul jamo', `${'\u1100\u1161\u11A8'.repeat(30)}.txt`],
  ['empty', ''],
  ['dot', '.'],
  ['dot dot', '..'],
  ['three dots', '...'],
  ['spaces only', '   '],
  ['invisible only', '\u202E\u200B\uFEFF'],
  ['percent-encoded', '%41'],
  ['percent-encoded path', '..%2F..%2Fetc%2Fpasswd'],
  ['path traversal', '../../etc/passwd'],
  ['Windows path', 'C:\\Windows\\System32\\x.exe'],
  ['UNC path', '\\\\server\\share\\x'],
  ['every illegal character', 'a"b*c/d:e<f>g?h\\i|j.txt'],
  ['HTML', '<img src=x onerror=alert(1)>.html'],
  ['emoji', '🎉 party 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿.mp4'],
  ['flag sequence', '🇫🇷.txt'],
  ['aria2 option line', 'a.txt\n  dir=/etc'],
];

/** Lone surrogates: not valid Unicode, so they are removed like invisible characters. */
const SURROGATES: [string, string][] = [
  ['lone high surrogate', 'a\uD800b.txt'],
  ['lone low surrogate', '\uDC00x.txt'],
];

function checkName(name: string): void {
  const out = sanitizeFilename(name);
  expect(chromiumProblems(out), JSON.stringify(out)).toEqual([]);
  expect(sanitizeFilename(out), 'sanitising twice changes nothing').toBe(out);
}

describe('sanitizeFilename against the Chromium rules', () => {
  it.each([...FIXTURE_NAMES, ...NASTY])('%s', (_label, name) => checkName(name));

  it.each(SURROGATES)('%s', (_label, name) => checkName(name));

  it('drops the lone surrogates and keeps the rest of the name', () => {
    expect(SURROGATES.map(([, name]) => sanitizeFilename(name))).toEqual(['ab.txt', 'x.txt']);
  });

  it('keeps readable names readable (a fixture and an ordinary name pass unchanged)', () => {
    expect(sanitizeFilename(FILES.small.name)).toBe(FILES.small.name);
    expect(sanitizeFilename(FILES.unicode.name)).toBe(FILES.unicode.name);
  });
});
