/**
 * A random token naming this document to the background (linkStatus, linkStates, ping): 18 random
 * bytes, base64url, 24 characters. It is not a secret from the page (which can read our DOM), only
 * a way to tell documents apart; the background answers nothing but link states to it.
 */
export function newPageToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}
