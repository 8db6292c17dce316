import { describe, it, expect, vi, beforeEach } from 'vitest';
import { openAppDb, type AppDatabase } from '../../../utils/db';
import { createQueueStore, type QueueStore } from '../../../utils/queue/store';
import { item, T0 } from './harness';

describe('queue store', () => {
  let db: AppDatabase;
  let store: QueueStore;
  let n: number;

  beforeEach(async () => {
    db = await openAppDb();
    n = 0;
    store = createQueueStore(db, () => `id-${++n}`);
  });

  it('adds queued jobs with ascending order, attempts 0 and the page URL', async () => {
    const result = await store.add([item('aaaaaaaaaa', 'https://forum.example/t/1'), item('bbbbbbbbbb')], T0);
    expect(result.duplicates).toBe(0);
    expect(result.added).toEqual([
      {
        id: 'id-1',
        fileKey: 'aaaaaaaaaa',
        link: 'https://1fichier.com/?aaaaaaaaaa',
        state: 'queued',
        order: 1,
        createdAt: T0,
        updatedAt: T0,
        attempts: 0,
        pageUrl: 'https://forum.example/t/1',
      },
      {
        id: 'id-2',
        fileKey: 'bbbbbbbbbb',
        link: 'https://1fichier.com/?bbbbbbbbbb',
        state: 'queued',
        order: 2,
        createdAt: T0,
        updatedAt: T0,
        attempts: 0,
      },
    ]);
    const stored = (await store.all()).toSorted((a, b) => a.order - b.order);
    expect(stored).toEqual(result.added);
  });

  it('later additions come after earlier ones', async () => {
    await store.add([item('aaaaaaaaaa')], T0);
    await store.add([item('bbbbbbbbbb')], T0 + 1);
    const [a, b] = (await store.all()).toSorted((x, y) => x.order - y.order);
    expect(a!.fileKey).toBe('aaaaaaaaaa');
    expect(b!.fileKey).toBe('bbbbbbbbbb');
  });

  it('a later add comes after every job of an earlier large batch', async () => {
    // Regression test (was a bug): store.ts gives a batch the orders now*1000, now*1000+1, …; a batch of more than
    // 1,000 links (messages allow 10,000) overlaps the orders of an add made a millisecond later,
    // so the later job is scheduled before part of the earlier batch.
    const batch = Array.from({ length: 1_500 }, (_, i) => item(`batch${String(i).padStart(5, '0')}`));
    await store.add(batch, T0);
    const { added } = await store.add([item('laterjob01')], T0 + 1);
    const earlier = (await store.all()).filter((j) => j.fileKey !== 'laterjob01');
    expect(added[0]!.order).toBeGreaterThan(Math.max(...earlier.map((j) => j.order)));
  });

  it('two adds in the same millisecond keep their order', async () => {
    // Regression test (was a bug): both adds start at order now*1000, so their jobs tie (same order, same
    // createdAt) and the scheduler falls back to the random id order.
    const first = await store.add([item('firstjob01')], T0);
    const second = await store.add([item('secondjob1')], T0);
    expect(second.added[0]!.order).toBeGreaterThan(first.added[0]!.order);
  });

  it('de-duplicates within one call', async () => {
    const result = await store.add(
      [item('aaaaaaaaaa'), item('AAAAAAAAAA'), item('aaaaaaaaaa'), item('bbbbbbbbbb')],
      T0,
    );
    expect(result.added.map((j) => j.fileKey)).toEqual(['aaaaaaaaaa', 'bbbbbbbbbb']);
    expect(result.duplicates).toBe(2);
    expect(await store.all()).toHaveLength(2);
  });

  it('de-duplicates against existing jobs, whatever their state', async () => {
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb')], T0);
    await store.update('id-1', (j) => ({ ...j, state: 'completed' }));
    const result = await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc')], T0 + 5);
    expect(result.added.map((j) => j.fileKey)).toEqual(['cccccccccc']);
    expect(result.duplicates).toBe(2);
    expect(await store.all()).toHaveLength(3);
  });

  it('two concurrent adds of the same link make one job', async () => {
    const [a, b] = await Promise.all([
      store.add([item('aaaaaaaaaa')], T0),
      store.add([item('aaaaaaaaaa')], T0),
    ]);
    expect(a.added.length + b.added.length).toBe(1);
    expect(a.duplicates + b.duplicates).toBe(1);
    expect(await store.all()).toHaveLength(1);
  });

  it('adds a whole batch in one readwrite transaction (check and writes together)', async () => {
    await store.add([item('aaaaaaaaaa')], T0);
    const spy = vi.spyOn(db, 'transaction');
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc'), item('bbbbbbbbbb')], T0 + 1);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]!.slice(0, 2)).toEqual(['jobs', 'readwrite']);
    spy.mockRestore();
    expect(await store.all()).toHaveLength(3);
  });

  it('finds a job by id and by download id', async () => {
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb')], T0);
    await store.update('id-2', (j) => ({ ...j, state: 'downloading', downloadId: 42 }));
    expect((await store.get('id-1'))?.fileKey).toBe('aaaaaaaaaa');
    expect((await store.byDownloadId(42))?.id).toBe('id-2');
    expect(await store.byDownloadId(43)).toBeUndefined();
    expect(await store.get('nope')).toBeUndefined();
  });

  it('finds by download id only a job whose download may still run (Firefox reuses ids in a new session)', async () => {
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb')], T0);
    // id-1 finished last session as download 1; this session's download 1 is id-2's.
    await store.update('id-1', (j) => ({ ...j, state: 'completed', downloadId: 1 }));
    await store.update('id-2', (j) => ({ ...j, state: 'downloading', downloadId: 1 }));
    expect((await store.byDownloadId(1))?.id).toBe('id-2');
    await store.update('id-2', (j) => ({ ...j, state: 'paused' }));
    expect((await store.byDownloadId(1))?.id).toBe('id-2');
    await store.update('id-2', (j) => ({ ...j, state: 'failed' }));
    expect(await store.byDownloadId(1)).toBeUndefined();
  });

  it('update writes the changed job, or nothing when the change declines or the job is gone', async () => {
    await store.add([item('aaaaaaaaaa')], T0);
    const next = await store.update('id-1', (j) => ({ ...j, state: 'resolving', attempts: j.attempts + 1 }));
    expect(next).toMatchObject({ state: 'resolving', attempts: 1 });
    expect(await store.get('id-1')).toEqual(next);
    expect(await store.update('id-1', () => undefined)).toBeUndefined();
    expect((await store.get('id-1'))?.state).toBe('resolving');
    let called = false;
    expect(
      await store.update('missing', (j) => {
        called = true;
        return j;
      }),
    ).toBeUndefined();
    expect(called).toBe(false);
  });

  it('remove deletes the job and frees its file key', async () => {
    await store.add([item('aaaaaaaaaa')], T0);
    await store.remove(['id-1']);
    expect(await store.all()).toEqual([]);
    const again = await store.add([item('aaaaaaaaaa')], T0 + 1);
    expect(again.added).toHaveLength(1);
  });
});

const byId = (jobs: { id: string }[]) => jobs.toSorted((a, b) => a.id.localeCompare(b.id));

describe('queue store: the in-memory copy follows IndexedDB', () => {
  it('a new store on the same database (a new worker life) reads what the first one wrote', async () => {
    const db = await openAppDb('store-cache-test');
    const first = createQueueStore(
      db,
      (() => {
        let n = 0;
        return () => `c-${++n}`;
      })(),
    );
    await first.add([item('aaaaaaaaaa'), item('bbbbbbbbbb'), item('cccccccccc')], T0);
    await first.update('c-2', (j) => ({ ...j, state: 'paused' }));
    await first.reorder(new Map([['c-3', -5]]), T0 + 1);
    await first.remove(['c-1']);
    const second = createQueueStore(db);
    expect(await second.load()).toBe(2);
    expect((await second.ordered()).map((j) => [j.id, j.state])).toEqual([
      ['c-3', 'queued'],
      ['c-2', 'paused'],
    ]);
    expect(byId(await second.all())).toEqual(byId(await first.all()));
    db.close();
  });

  it('reports every committed write to its listeners, and nothing for a refused change', async () => {
    const db = await openAppDb('store-listen-test');
    const store = createQueueStore(db, () => 'w-1');
    const events: [string | undefined, string | undefined][] = [];
    store.onWrite((before, after) => events.push([before?.state, after?.state]));
    await store.add([item('aaaaaaaaaa')], T0);
    await store.update('w-1', (j) => ({ ...j, state: 'resolving' }));
    await store.update('w-1', () => undefined);
    await store.remove(['w-1']);
    expect(events).toEqual([
      [undefined, 'queued'],
      ['queued', 'resolving'],
      ['resolving', undefined],
    ]);
    db.close();
  });

  it('adds jobs between two orders (a protected folder replaced by its files keeps its place)', async () => {
    const db = await openAppDb('store-between-test');
    let n = 0;
    const store = createQueueStore(db, () => `b-${++n}`);
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb')], T0);
    await store.add([item('xxxxxxxxxx'), item('yyyyyyyyyy')], T0, { after: 1, before: 2 });
    expect((await store.ordered()).map((j) => j.fileKey)).toEqual([
      'aaaaaaaaaa',
      'xxxxxxxxxx',
      'yyyyyyyyyy',
      'bbbbbbbbbb',
    ]);
    db.close();
  });
});
