import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { findTransfer, pickJobsDownload } from '../../../utils/queue/find-transfer.ts';
import { conflictActionFor } from '../../../utils/queue/own-file.ts';
import type { DownloadItemLike } from '../../../utils/transfer/downloads-api.ts';
import { DEFAULT_SIZE } from '../../fakes/client.ts';
import { createFakeDownloads } from '../../fakes/downloads.ts';
import { createHarness, enqueueKeys, T0, type Harness } from './harness.ts';

/**
 * Firefox numbers downloads per browser session and forgets the last session's unfinished ones
 * (security-notes.md §4.7; seen in firefox-esr 153): the queue must find its downloads by link,
 * name and start time, never act on another download that inherited an old id, and start a
 * forgotten one again exactly once under its own name.
 */
describe('Firefox download ids across browser sessions', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    h = await createHarness();
  });
  afterEach(() => vi.restoreAllMocks());

  const enqueue = (...keys: string[]) => enqueueKeys(h, ...keys);
  const job = async (id: string) => (await h.job(id))!;

  it('a download the restarted browser forgot starts again once, and a finished job’s old id does not take its events', async () => {
    const [done, running] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb');
    const first = await job(done!);
    h.downloads.complete(first.downloadId!, { fileSize: DEFAULT_SIZE });
    await h.engine.onDownloadChanged({ id: first.downloadId!, state: { current: 'complete' } });
    await h.idle();
    const finished = await job(done!);
    expect(finished).toMatchObject({ state: 'completed', downloadId: 1 });
    expect((await job(running!)).downloadId).toBe(2);

    h.downloads.restartBrowser('forget');
    await h.engine.start();
    await h.idle();
    // The forgotten download is issued again (a fresh link), and this session calls it 1.
    const again = await job(running!);
    expect(again).toMatchObject({ state: 'downloading', downloadId: 1 });
    expect(h.client.callsOf('getToken')).toHaveLength(3);
    expect(h.downloads.calls).toHaveLength(3);

    h.downloads.complete(1, { fileSize: DEFAULT_SIZE });
    await h.engine.onDownloadChanged({ id: 1, state: { current: 'complete' } });
    await h.idle();
    expect(await job(running!)).toMatchObject({ state: 'completed' });
    // The finished job was left alone (a stale id 1 must not have claimed the new download's event).
    expect(await job(done!)).toEqual(finished);
    expect(h.downloads.calls).toHaveLength(3);
  });

  it('the new attempt overwrites the empty file its forgotten download left, instead of writing name(1)', async () => {
    const [id] = await enqueue('aaaaaaaaaa');
    const before = await job(id!);
    expect(h.downloads.calls[0]).toMatchObject({ conflictAction: 'uniquify' });
    expect(before.ownFile).toBe(h.downloads.item(before.downloadId!)!.filename);

    h.downloads.restartBrowser('forget');
    await h.engine.start();
    await h.idle();
    expect(h.downloads.calls).toHaveLength(2);
    expect(h.downloads.calls[1]).toMatchObject({
      filename: h.downloads.calls[0]!.filename,
      conflictAction: 'overwrite',
    });
  });

  it('a download that ends right after its file is read, before its id is stored, is still completed (no event needed)', async () => {
    // The browser reports the end while the job is not yet `downloading` (its event finds no job):
    // the catch-up after the write must read the download again, not reuse the earlier read.
    const search = h.downloads.search.bind(h.downloads);
    let reads = 0;
    vi.spyOn(h.downloads, 'search').mockImplementation(async (query) => {
      const found = await search(query);
      reads += 1;
      if (reads === 1 && query.id !== undefined) h.downloads.complete(query.id, { fileSize: DEFAULT_SIZE });
      return found;
    });
    const [id] = await enqueue('aaaaaaaaaa');
    expect(await job(id!)).toMatchObject({ state: 'completed' });
    expect(h.downloads.calls).toHaveLength(1);
  });

  it('downloads kept under new ids are found by their link: ids rewritten, no new link, no second download', async () => {
    const [a, b] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb');
    const jobA = await job(a!);
    const jobB = await job(b!);
    expect([jobA.downloadId, jobB.downloadId]).toEqual([1, 2]);

    // After the restart 1 names B's download and 2 names A's.
    h.downloads.restartBrowser('renumber');
    await h.engine.start();
    await h.idle();
    expect((await job(a!)).downloadId).toBe(2);
    expect((await job(b!)).downloadId).toBe(1);

    h.downloads.complete(2, { fileSize: DEFAULT_SIZE });
    await h.engine.onDownloadChanged({ id: 2, state: { current: 'complete' } });
    await h.idle();
    expect(await job(a!)).toMatchObject({ state: 'completed', finalPath: h.downloads.item(2)!.filename });
    expect((await job(b!)).state).toBe('downloading');
    expect(h.client.callsOf('getToken')).toHaveLength(2);
    expect(h.downloads.calls).toHaveLength(2);
    expect(h.downloads.cancels).toEqual([]);
  });

  it('a pause acts on the job’s own download after the ids moved', async () => {
    const [a, b] = await enqueue('aaaaaaaaaa', 'bbbbbbbbbb');
    h.downloads.restartBrowser('renumber');
    await h.engine.start();
    await h.idle();
    await h.engine.act(a!, 'pause');
    await h.idle();
    expect(h.downloads.pauses).toEqual([2]);
    expect(h.downloads.item(2)).toMatchObject({
      paused: true,
      url: (await job(a!)).pendingUrl ?? h.downloads.item(2)!.url,
    });
    expect(h.downloads.item(1)).toMatchObject({ paused: false });
    expect((await job(b!)).state).toBe('downloading');
  });
});

const at = (ms: number) => new Date(T0 + ms).toISOString();

describe('findTransfer and pickJobsDownload', () => {
  const url = 'https://a-1.1fichier.com/p123';
  const dl = (o: Partial<DownloadItemLike> & { id: number }): DownloadItemLike => ({
    state: 'in_progress',
    bytesReceived: 0,
    totalBytes: 0,
    filename: '/dl/x.bin',
    url,
    startTime: at(0),
    ...o,
  });
  const job = { pendingUrl: url, targetPath: 'x.bin', startedAt: T0 };

  it('skips downloads of another link', () => {
    expect(pickJobsDownload(job, [dl({ id: 1, url: 'https://a-2.1fichier.com/p999' })])).toBeUndefined();
  });

  it('prefers the asked name, then the closest start time', () => {
    const renamed = dl({ id: 1, filename: '/dl/x(1).bin', startTime: at(0) });
    const named = dl({ id: 2, startTime: at(9_000) });
    expect(pickJobsDownload(job, [renamed, named])?.id).toBe(2);
    const late = dl({ id: 3, startTime: at(60_000) });
    const close = dl({ id: 4, startTime: at(-500) });
    expect(pickJobsDownload(job, [late, close])?.id).toBe(4);
    expect(pickJobsDownload(job, [close, late])?.id).toBe(4);
  });

  it('trusts the stored id only when its download is the job’s own', async () => {
    const downloads = createFakeDownloads();
    const other = downloads.seed({ url: 'https://a-9.1fichier.com/p9' });
    const mine = downloads.seed({ url, filename: '/dl/x.bin', startTime: at(100) });
    expect((await findTransfer({ ...job, downloadId: other }, downloads))?.id).toBe(mine);
    expect((await findTransfer({ ...job, downloadId: mine }, downloads))?.id).toBe(mine);
    expect(
      await findTransfer({ ...job, pendingUrl: 'https://a-3.1fichier.com/p0', downloadId: other }, downloads),
    ).toBeUndefined();
    // A job stored without its link is taken at its id's word.
    expect((await findTransfer({ downloadId: other }, downloads))?.id).toBe(other);
  });
});

describe('conflictActionFor', () => {
  it('overwrites only the file the job’s own last attempt created at that very path', () => {
    expect(conflictActionFor({ ownFile: '/dl/Films/x.bin' }, 'Films/x.bin', 'uniquify')).toBe('overwrite');
    expect(conflictActionFor({ ownFile: 'C:\\dl\\Films\\x.bin' }, 'Films/x.bin', 'uniquify')).toBe(
      'overwrite',
    );
    // The last attempt was renamed: the file at x.bin is the user's.
    expect(conflictActionFor({ ownFile: '/dl/x(1).bin' }, 'x.bin', 'uniquify')).toBe('uniquify');
    expect(conflictActionFor({ ownFile: '/dl/ax.bin' }, 'x.bin', 'uniquify')).toBe('uniquify');
    expect(conflictActionFor({}, 'x.bin', 'uniquify')).toBe('uniquify');
    expect(conflictActionFor({ ownFile: '/dl/x.bin' }, undefined, 'uniquify')).toBe('uniquify');
    expect(conflictActionFor({}, 'x.bin', 'overwrite')).toBe('overwrite');
  });
});
