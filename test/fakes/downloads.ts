import type { DownloadItemLike, DownloadsApi } from '../../utils/transfer/downloads-api';

/** The options one `download()` call received. */
export type DownloadOptions = Parameters<DownloadsApi['download']>[0];

export interface FakeDownloads extends DownloadsApi {
  /** Every `download()` call, in order (failed ones included). */
  readonly calls: DownloadOptions[];
  /** Every `cancel()` call, in order. */
  readonly cancels: number[];
  /** Every `erase()` call's id, in order. */
  readonly erased: number[];
  /** Every `pause()` and `resume()` call, in order. */
  readonly pauses: number[];
  readonly resumes: number[];
  /** The live item (a copy), or undefined once vanished. */
  item(id: number): DownloadItemLike | undefined;
  /** All items still known to the browser. */
  items(): DownloadItemLike[];
  /** Makes `resume()` a silent no-op, as Chromium does once its auto-resumes are spent. */
  ignoreResumes(on: boolean): void;
  /** Makes the next `download()` calls reject with this error (undefined clears it). */
  failNext(error: Error | undefined, times?: number): void;
  setBytes(id: number, bytesReceived: number, totalBytes?: number): void;
  /** The item finishes; `fileSize` defaults to the bytes received (or `totalBytes`). */
  complete(id: number, opts?: { fileSize?: number; filename?: string }): void;
  /** The item stops with `error`; `canResume` defaults to true for network and crash reasons. */
  interrupt(id: number, error?: string, canResume?: boolean): void;
  /** The item disappears from the browser's list (erased by the user, history cleared…). */
  vanish(id: number): void;
  /** Adds an item as if another worker life had started it. */
  seed(item: Partial<DownloadItemLike> & { url: string }): number;
  /**
   * A browser restart as Firefox does it (ids are per session): `forget` drops every item and
   * numbers from 1 again (what firefox-esr 153 showed the extension after a restart); `renumber`
   * keeps the items under new ids, in reverse order, so an old id names another download.
   */
  restartBrowser(mode: 'forget' | 'renumber'): void;
}

function matches(item: DownloadItemLike, query: { id?: number; url?: string }): boolean {
  if (query.id !== undefined && item.id !== query.id) return false;
  if (query.url !== undefined && item.url !== query.url) return false;
  return true;
}

/**
 * In-memory `downloads` API for unit tests: WXT's fake browser has none. `download()` returns a
 * new id and creates an `in_progress` item; tests move items along with the helpers.
 */
export function createFakeDownloads(opts: { downloadDir?: string; firstId?: number } = {}): FakeDownloads {
  const dir = opts.downloadDir ?? '/home/user/Downloads';
  const items = new Map<number, DownloadItemLike>();
  const calls: DownloadOptions[] = [];
  const cancels: number[] = [];
  const pauses: number[] = [];
  const erased: number[] = [];
  const resumes: number[] = [];
  let nextId = opts.firstId ?? 1;
  let failure: { error: Error; times: number } | undefined;
  let ignoringResumes = false;

  function must(id: number): DownloadItemLike {
    const item = items.get(id);
    if (!item) throw new Error(`fake downloads: no item ${id}`);
    return item;
  }

  return {
    calls,
    cancels,
    pauses,
    resumes,
    erased,
    async erase(query) {
      erased.push(query.id);
      return items.delete(query.id) ? [query.id] : [];
    },
    async download(options) {
      calls.push({ ...options });
      if (failure) {
        const { error } = failure;
        failure.times -= 1;
        if (failure.times <= 0) failure = undefined;
        throw error;
      }
      const id = nextId++;
      items.set(id, {
        id,
        state: 'in_progress',
        bytesReceived: 0,
        totalBytes: 0,
        filename: `${dir}/${options.filename ?? `download-${id}`}`,
        url: options.url,
        paused: false,
        canResume: false,
        startTime: new Date().toISOString(),
      });
      return id;
    },
    async search(query) {
      return [...items.values()].filter((item) => matches(item, query)).map((item) => ({ ...item }));
    },
    async cancel(id) {
      cancels.push(id);
      const item = items.get(id);
      if (item && item.state !== 'complete') {
        item.state = 'interrupted';
        item.error = 'USER_CANCELED';
        item.paused = false;
        item.canResume = false;
      }
    },
    async pause(id) {
      pauses.push(id);
      const item = must(id);
      if (item.state !== 'in_progress') throw new Error('Download must be in progress');
      item.paused = true;
      item.canResume = true;
    },
    async resume(id) {
      resumes.push(id);
      const item = must(id);
      if (ignoringResumes) return;
      if (!item.canResume) throw new Error('DownloadItem.canResume must be true');
      item.state = 'in_progress';
      item.paused = false;
      item.canResume = false;
      delete item.error;
    },
    item(id) {
      const item = items.get(id);
      return item ? { ...item } : undefined;
    },
    items() {
      return [...items.values()].map((item) => ({ ...item }));
    },
    ignoreResumes(on) {
      ignoringResumes = on;
    },
    failNext(error, times = 1) {
      failure = error ? { error, times } : undefined;
    },
    setBytes(id, bytesReceived, totalBytes) {
      const item = must(id);
      item.bytesReceived = bytesReceived;
      if (totalBytes !== undefined) item.totalBytes = totalBytes;
    },
    complete(id, o = {}) {
      const item = must(id);
      item.state = 'complete';
      const size = o.fileSize ?? (item.totalBytes || item.bytesReceived);
      item.fileSize = size;
      item.bytesReceived = size;
      item.totalBytes = size;
      if (o.filename !== undefined) item.filename = o.filename;
    },
    interrupt(id, error = 'NETWORK_FAILED', canResume) {
      const item = must(id);
      item.state = 'interrupted';
      item.error = error;
      item.paused = false;
      item.canResume = canResume ?? /^(NETWORK_|SERVER_FAILED|CRASH)/.test(error);
    },
    vanish(id) {
      must(id);
      items.delete(id);
    },
    restartBrowser(mode) {
      const kept = mode === 'renumber' ? [...items.values()].toReversed() : [];
      items.clear();
      nextId = 1;
      for (const item of kept) {
        const id = nextId++;
        items.set(id, { ...item, id });
      }
    },
    seed(partial) {
      const id = partial.id ?? nextId++;
      if (id >= nextId) nextId = id + 1;
      items.set(id, {
        state: 'in_progress',
        bytesReceived: 0,
        totalBytes: 0,
        filename: `${dir}/seeded-${id}`,
        ...partial,
        id,
      });
      return id;
    },
  };
}
