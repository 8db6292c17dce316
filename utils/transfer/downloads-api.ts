/**
 * The subset of the `downloads` API the queue uses. The background passes `browser.downloads`;
 * unit tests pass test/fakes/downloads.ts (WXT's fake browser has no downloads API).
 */
export type DownloadState = 'in_progress' | 'interrupted' | 'complete';

export interface DownloadItemLike {
  id: number;
  state: DownloadState;
  error?: string;
  bytesReceived: number;
  totalBytes: number;
  fileSize?: number;
  /** Absolute path on disk. */
  filename: string;
  url?: string;
  /** The URL after redirects (what a resume asks for). */
  finalUrl?: string;
  /** Paused by pause() (Chrome keeps the partial file and the connection state). */
  paused?: boolean;
  /** Whether resume() can continue it (needs the partial file and strong validators). */
  canResume?: boolean;
  /** ISO time the download started. */
  startTime?: string;
  /** False once the browser noticed the file was deleted (checked lazily). */
  exists?: boolean;
}

export interface DownloadDeltaLike {
  id: number;
  state?: { current?: string };
  error?: { current?: string };
  filename?: { current?: string };
}

export interface DownloadsApi {
  download(options: {
    url: string;
    filename?: string;
    conflictAction?: 'uniquify' | 'overwrite' | 'prompt';
    saveAs?: boolean;
  }): Promise<number>;
  search(query: { id?: number; url?: string }): Promise<DownloadItemLike[]>;
  cancel(id: number): Promise<void>;
  pause(id: number): Promise<void>;
  resume(id: number): Promise<void>;
  /** Removes items from the history; an unfinished item's partial file is deleted with it. */
  erase(query: { id: number }): Promise<number[]>;
}

/**
 * Lets go of a download the queue no longer wants: cancelled, then erased. Chromium ignores a
 * cancel on an interrupted download whose resumes are spent, and keeps its partial file; erasing
 * it (DownloadItem::Remove) discards that partial state. A finished download is never touched.
 */
export async function abandonDownload(downloads: DownloadsApi, id: number): Promise<void> {
  await downloads.cancel(id).catch(() => undefined);
  const [item] = await downloads.search({ id }).catch(() => []);
  if (item && item.state !== 'complete') await downloads.erase({ id }).catch(() => undefined);
}
