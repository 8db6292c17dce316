/**
 * Makes a 1Fichier file name safe for `downloads.download`, following Chromium's rules
 * (security-notes.md §4.2; base/i18n/file_util_icu.cc, net/base/filename_util.cc): Chrome rejects,
 * rather than fixes, a name that breaks them.
 */
const ILLEGAL = /["*/:<>?\\|%]/g;
// Control (Cc), format (Cf: bidi overrides, zero-width, BOM), non-characters on every plane and
// lone surrogates (Cs: not valid Unicode; the browser would store U+FFFD instead).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;
// Illegal at either end: white space, dots and tildes (`illegal_at_ends_`).
const ENDS = /^[\s.~]+|[\s.~]+$/gu;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9]|clock\$)(\..*)?$/i;
const RESERVED_FILES = new Set(['desktop.ini', 'thumbs.db']);
// Shell-integrated extensions: `.lnk`, `.local`, and any `.{…}` (IsShellIntegratedExtension).
const SHELL_EXT = /\.(lnk|local|\{.*\})$/i;
const MAX_BYTES = 200;

export function sanitizeFilename(name: string, fallback = 'download'): string {
  let out = name.normalize('NFC').replace(INVISIBLE, '').replace(ILLEGAL, '_').replace(/\s+/g, ' ');
  // Cut first, then check the ends and the special names, so the cut cannot re-create a bad name.
  out = truncateUtf8(out.replace(ENDS, ''), MAX_BYTES).replace(ENDS, '');
  if (RESERVED.test(out) || RESERVED_FILES.has(out.toLowerCase())) out = `_${out}`;
  if (SHELL_EXT.test(out)) out = `${out}_`;
  // The added `_` may push the name one byte over the cap: cut again and re-check.
  if (new TextEncoder().encode(out).length > MAX_BYTES) out = `${truncateUtf8(out, MAX_BYTES - 1)}_`;
  return out === '' ? fallback : out;
}

/** Cuts a name to at most `max` UTF-8 bytes, keeping the extension when it is short. */
function truncateUtf8(name: string, max: number): string {
  const enc = new TextEncoder();
  if (enc.encode(name).length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const chars = Array.from(ext ? name.slice(0, dot) : name);
  const budget = max - enc.encode(ext).length;
  let size = enc.encode(chars.join('')).length;
  while (size > budget) size -= enc.encode(chars.pop() ?? '').length;
  return chars.join('').replace(/[\s.~]+$/u, '') + ext;
}
