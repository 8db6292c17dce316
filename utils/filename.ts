/**
 * Makes a 1Fichier file name safe for `downloads.download`, following Chromium's rules
 * (security-notes.md §4.2): Chrome rejects, rather than fixes, a name that breaks them.
 */
const ILLEGAL = /["*/:<>?\\|%]/g;
// Control (Cc), format (Cf: bidi overrides, zero-width, BOM) and non-characters.
const INVISIBLE = /[\p{Cc}\p{Cf}\uFDD0-\uFDEF\uFFFE\uFFFF]/gu;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9]|clock\$)(\..*)?$/i;
const RESERVED_FILES = new Set(['desktop.ini', 'thumbs.db']);
const SHELL_EXT = /\.(lnk|local|\{[^}]*\})$/i;
const MAX_BYTES = 200;

export function sanitizeFilename(name: string, fallback = 'download'): string {
  let out = name.normalize('NFC').replace(INVISIBLE, '').replace(ILLEGAL, '_');
  out = out.replace(/\s+/g, ' ').trim();
  // No leading dot (hidden / special), no trailing dots or spaces.
  out = out.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (RESERVED.test(out) || RESERVED_FILES.has(out.toLowerCase())) out = `_${out}`;
  if (SHELL_EXT.test(out)) out = `${out}_`;
  out = truncateUtf8(out, MAX_BYTES).replace(/[.\s]+$/, '');
  return out === '' ? fallback : out;
}

/** Cuts a name to at most `max` UTF-8 bytes, keeping the extension when it is short. */
function truncateUtf8(name: string, max: number): string {
  const enc = new TextEncoder();
  if (enc.encode(name).length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = ext ? name.slice(0, dot) : name;
  const budget = max - enc.encode(ext).length;
  while (enc.encode(stem).length > budget) stem = Array.from(stem).slice(0, -1).join('');
  return stem + ext;
}
