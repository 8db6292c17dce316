/**
 * Content-Disposition for direct links. The real encoding of non-ASCII names is unknown
 * (1fichier-api.md §6.5), so the emulator sends both forms clients must parse: an ASCII
 * `filename="…"` fallback and an RFC 5987/6266 `filename*=UTF-8''…`.
 */

// Characters replaced in the ASCII fallback: quotes/backslash would break the quoted-string, the
// rest are refused by browsers in file names; '%' avoids accidental percent-decoding by clients.
const UNSAFE_ASCII = new Set(['"', '\\', '/', ':', '*', '?', '<', '>', '|', '%', ';']);

/** ASCII-only fallback name: every non-printable, non-ASCII or unsafe code point becomes `_`. */
export function asciiFallback(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x20 && code < 0x7f && !UNSAFE_ASCII.has(ch) ? ch : '_';
  }
  return out;
}

/** RFC 5987 `value-chars`: percent-encodes UTF-8 except attr-char (ALPHA DIGIT !#$&+-.^_`|~). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The full header value; `inline` when the token was requested with `inline: 1` (§3.1). */
export function contentDisposition(name: string, inline: boolean): string {
  const type = inline ? 'inline' : 'attachment';
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
