import { describe, it, expect } from 'vitest';
// Namespace import: oxlint's no-named-as-default-member flags `fc.x` on the default export.
import * as fc from 'fast-check';
import { displayText, truncateDisplay, UNSAFE_DISPLAY_CHARS } from '../../utils/display-text.ts';

// Fixed seed: a failure prints its counterexample and reproduces on every run.
const SEED = 0xd15b;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The characters that must never be displayed, written out here independently of the module. */
const REMOVED = [
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  0x200e,
  0x200f,
  0x061c,
  ...range(0x200b, 0x200d),
  ...range(0x2060, 0x2064),
  0xfeff,
  0x180e,
  0x00ad,
  ...range(0x206a, 0x206f),
  ...range(0xfff9, 0xfffb),
  ...range(0xe0000, 0xe007f),
];
const CONTROLS = [...range(0x00, 0x1f), ...range(0x7f, 0x9f)];
const FORBIDDEN = new Set([...REMOVED, ...CONTROLS]);
const SPACES = ['\u0020', '\u00a0', '\u2000', '\u2009', '\u202f', '\u205f', '\u3000', '\u2028', '\u2029'];

const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

describe('displayText', () => {
  it.each([
    ['RLO extension spoof', 'invoice\u202Etxt.exe', 'invoicetxt.exe'],
    ['every embedding and override', '\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee', 'abcde'],
    ['isolates and marks', '\u2066x\u2069\u2067y\u2068z\u2069\u200Ea\u200Fb\u061Cc', 'xyzabc'],
    ['zero-width space inside a word', 'pay\u200Bpal.exe', 'paypal.exe'],
    ['BOM, word joiner, invisible operators', '\uFEFFre\u2060po\u2061rt\u2062.\u2063p\u2064df', 'report.pdf'],
    ['soft hyphen and Mongolian vowel separator', 'ex\u00ADe\u180E.bin', 'exe.bin'],
    ['deprecated format controls and annotations', 'a\u206Ab\u206Fc\uFFF9d\uFFFBe', 'abcde'],
    ['tag characters (ASCII smuggling)', 'cat.jpg\u{E0001}\u{E0069}\u{E0067}\u{E007F}', 'cat.jpg'],
    ['newline, tab, NUL, DEL, NEL, C1', 'a\nb\tc\u0000d\u007Fe\u0085f\u009Fg', 'a b c d e f g'],
    ['CRLF injection shape', 'name.txt\r\nContent-Type: x', 'name.txt Content-Type: x'],
    ['runs of white space of every kind', '  a \u00A0\u3000\t b\u2028c  ', 'a b c'],
    ['a space left by a removed character collapses', 'a \u200B b', 'a b'],
    ['only invisible characters', '\u200B\u202E\uFEFF\u2066', ''],
    ['empty', '', ''],
  ])('%s', (_title, input, expected) => {
    expect(displayText(input)).toBe(expected);
  });

  it.each([
    ['Arabic', 'تقرير مالي ٢٠٢٤.pdf'],
    ['Hebrew', 'דוח שנתי סופי.docx'],
    ['Persian without ZWNJ', 'گزارش سالانه.zip'],
    ['CJK', '日本語のファイル 第2版.zip'],
    ['Korean', '한국어 파일.hwp'],
    ['Cyrillic, Greek, Latin with diacritics', 'Żółć файл Ωμέγα.bin'],
    ['Devanagari with combining marks', 'हिन्दी फ़ाइल.txt'],
    ['decomposed accent (no normalisation)', 'Cafe\u0301.txt'],
    ['emoji with variation selector and skin tone', '❤\uFE0F 👍🏽 🎉 ✓.bin'],
    ['regional-indicator flag', '🇫🇷 vacances.jpg'],
    ['HTML stays text for the renderer to escape', '<img src=x onerror=alert(1)> "a:b"'],
  ])('keeps %s as written', (_title, text) => {
    expect(displayText(text)).toBe(text);
  });

  it('drops the ZWJ inside emoji sequences (safety over ligatures): the emoji themselves stay', () => {
    expect(displayText('👨\u200D👩\u200D👧 family.jpg')).toBe('👨👩👧 family.jpg');
    expect(displayText('🏳\uFE0F\u200D🌈')).toBe('🏳\uFE0F🌈');
  });

  it('never throws on non-strings from untyped callers', () => {
    for (const v of [undefined, null, 42, {}, ['a']]) {
      expect(displayText(v as unknown as string)).toBe('');
    }
  });

  it('UNSAFE_DISPLAY_CHARS matches every forbidden character and nothing safe', () => {
    for (const cp of FORBIDDEN)
      expect(UNSAFE_DISPLAY_CHARS.test(String.fromCodePoint(cp)), hex(cp)).toBe(true);
    for (const s of ['a', ' ', 'ا', '日', '🎉', '\uFE0F', '\u0301'])
      expect(UNSAFE_DISPLAY_CHARS.test(s)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over hostile mixes: forbidden characters, spaces of every kind, ordinary text of
// many scripts, emoji sequences, lone surrogates and any UTF-16 code unit.

const forbiddenChar = fc.constantFrom(...[...FORBIDDEN].map((cp) => String.fromCodePoint(cp)));
const spaceChar = fc.constantFrom(...SPACES, '\t', '\n', '\r');
const SAFE_WORDS = [
  'invoice',
  'txt.exe',
  'تقرير',
  'דוח',
  '日本語',
  'файл',
  '🎉',
  '👨',
  '❤\uFE0F',
  'e\u0301',
  '🇫🇷',
  '<b>',
];
const safeWord = fc.constantFrom(...SAFE_WORDS);
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((n) => String.fromCodePoint(n));
const hostile = fc.string({
  unit: fc.oneof(forbiddenChar, spaceChar, safeWord, anyCodeUnit, anyCodePoint),
  maxLength: 60,
});

describe('displayText properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const once = displayText(s);
        expect(displayText(once)).toBe(once);
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });

  it('outputs none of the listed characters, no doubled or edge white space, never longer than the input', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = displayText(s);
        const bad = codePoints(out).filter((cp) => FORBIDDEN.has(cp));
        expect(bad.map(hex)).toEqual([]);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s\s/u);
        expect(out).not.toMatch(/[^\S ]/u); // the only white space left is U+0020
        expect(out.length).toBeLessThanOrEqual(s.length);
      }),
      { seed: SEED + 1, numRuns: 20_000 },
    );
  });

  it('keeps ordinary text of every script unchanged', () => {
    fc.assert(
      fc.property(fc.array(safeWord, { minLength: 1, maxLength: 8 }), (words) => {
        const s = words.join(' ');
        expect(displayText(s)).toBe(s);
      }),
      { seed: SEED + 2, numRuns: 2_000 },
    );
  });

  it('only removes characters: the visible ones keep their order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(safeWord, forbiddenChar), { maxLength: 20 }), (parts) => {
        const visible = parts.filter((p) => SAFE_WORDS.includes(p)).join('');
        // Controls turn into spaces; take spaces out to compare the visible characters.
        expect(displayText(parts.join('')).replaceAll(' ', '')).toBe(visible.replaceAll(' ', ''));
      }),
      { seed: SEED + 3, numRuns: 5_000 },
    );
  });
});

describe('truncateDisplay', () => {
  it('leaves short text alone and cuts long text to max code points with an ellipsis', () => {
    expect(truncateDisplay('short', 80)).toBe('short');
    expect(truncateDisplay('x'.repeat(80), 80)).toBe('x'.repeat(80));
    expect(truncateDisplay('x'.repeat(81), 80)).toBe(`${'x'.repeat(79)}…`);
    expect(truncateDisplay('abc', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const out = truncateDisplay('🎉'.repeat(100), 80);
    expect(Array.from(out)).toHaveLength(80);
    expect(out).toBe(`${'🎉'.repeat(79)}…`);
    expect(out.isWellFormed()).toBe(true);
  });
});
