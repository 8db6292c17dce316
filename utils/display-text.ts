/**
 * Neutralising uploader- and page-controlled text before it is shown (security-notes.md §2.4):
 * file names from the API, anchor labels from web pages.
 *
 * Removed (invisible, and able to reorder or hide what the user reads):
 * - bidi controls: U+202A–202E (embeddings, overrides: `invoice\u202Etxt.exe` shows as
 *   `invoiceexe.txt`), U+2066–2069 (isolates), U+200E/U+200F (LRM/RLM), U+061C (ALM);
 * - zero-width and invisible format characters: U+200B–200D, U+2060–2064, U+FEFF, U+180E,
 *   U+00AD (soft hyphen), the deprecated format controls U+206A–206F, the interlinear annotation
 *   controls U+FFF9–FFFB and the tag characters U+E0000–E007F (invisible "ASCII smuggling").
 *
 * Replaced by a space: C0 controls (U+0000–001F, so newline and tab too), DEL and the C1 controls
 * (U+007F–009F). Then every run of white space (JavaScript's `\s`, which includes no-break and
 * other Unicode spaces) becomes one U+0020, and the ends are trimmed.
 *
 * Everything else is kept as written: Latin, Cyrillic, Arabic, Hebrew, CJK, emoji, combining
 * marks, variation selectors. No normalisation (NFC/NFKC) is applied: the name stays the one
 * 1Fichier stores, only invisible characters go.
 *
 * Trade-offs, decided for safety:
 * - U+200D (ZERO WIDTH JOINER) is removed everywhere, emoji included: `👨‍👩‍👧` shows as the three
 *   emoji `👨👩👧`, which still says what the name contains. Keeping it "only inside emoji" would
 *   need grapheme segmentation and judgement about which neighbours count as emoji, and a kept
 *   invisible character is exactly what makes two different names look the same. U+200C (ZWNJ,
 *   used in Persian orthography) and U+180E (Mongolian) go for the same reason; the text stays
 *   readable, only the joining of some letters changes.
 * - Tag characters also make up subdivision flags (England, Scotland, Wales): those show as a
 *   plain black flag.
 * - Lone surrogates are left alone (the browser draws a replacement box; they hide nothing).
 *
 * The result never contains any of these characters, is never longer than the input, and
 * `displayText(displayText(s)) === displayText(s)`. Never throws (non-strings give '').
 */

// Global regexes stay private (a shared `g` regex keeps `lastIndex` between `test()` calls).
/** Bidi controls: embeddings/overrides, isolates, marks. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/** Zero-width and other invisible format characters (see the module comment). */
const INVISIBLE_FORMAT =
  /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u00AD\u206A-\u206F\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu;

/** C0 controls, DEL and C1 controls. */
// oxlint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/gu;

/** Every character {@link displayText} removes or replaces, for tests and callers that check. */
export const UNSAFE_DISPLAY_CHARS = new RegExp(
  `${BIDI_CONTROLS.source}|${INVISIBLE_FORMAT.source}|${CONTROL_CHARS.source}`,
  'u',
);

/** Text safe to show: no bidi controls, no invisible characters, no controls, single-spaced, trimmed. */
export function displayText(s: string): string {
  if (typeof s !== 'string') return '';
  return s
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE_FORMAT, '')
    .replace(CONTROL_CHARS, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * At most `max` code points of `s`, the last one replaced by `…` when cut (never splits a
 * surrogate pair). `max` below 1 gives ''.
 */
export function truncateDisplay(s: string, max: number): string {
  const points = Array.from(s);
  if (points.length <= max) return s;
  if (max < 1) return '';
  return `${points.slice(0, max - 1).join('')}…`;
}
