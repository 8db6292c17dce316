/**
 * How long an object URL stays valid after its download started. Revoking it at once can cancel
 * the download in Firefox; FileSaver.js waits 40 s for the same reason. A popup that closes
 * earlier takes its object URLs with it.
 */
export const REVOKE_AFTER_MS = 40_000;

/**
 * Saves text as a file through the browser's download flow (an `<a download>` on a Blob object
 * URL), from an extension page. The anchor is put in the document for the click (Firefox needs
 * that), then taken out again.
 */
export function saveTextFile(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
