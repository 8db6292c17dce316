import { describe, it, expect, beforeEach } from 'vitest';
import { openAppDb } from '../../../utils/db.ts';
import { AppError } from '../../../utils/onefichier/errors.ts';
import { createQueueExchange, ARIA2_MAX_LINKS } from '../../../utils/queue/exchange.ts';
import { createQueueStore, type NewJob, type QueueStore } from '../../../utils/queue/store.ts';
import { DEFAULT_SETTINGS } from '../../../utils/settings.ts';
import { createFakeClient, type FakeClient } from '../../fakes/client.ts';
import { item, KEY, T0 } from './harness.ts';

describe('queue export and import', () => {
  let store: QueueStore;
  let client: FakeClient;
  let key: string | undefined;
  const passwords = new Map<string, string>();
  let queued: string[][];

  function exchange() {
    return createQueueExchange({
      store,
      client,
      getKey: async () => key,
      getOptions: async () => ({ ...DEFAULT_SETTINGS, subfolderTemplate: 'dl' }),
      passwords: {
        get: async (id) => passwords.get(id),
        set: async (id, p) => void passwords.set(id, p),
        delete: async (id) => void passwords.delete(id),
      },
      queueLinks: async (links) => {
        queued.push([...links]);
        return { found: links.length, added: links.length, duplicates: 0, problems: [] };
      },
      enqueue: (items: readonly NewJob[]) => store.add(items, T0),
      now: () => T0,
    });
  }

  beforeEach(async () => {
    store = createQueueStore(await openAppDb());
    client = createFakeClient();
    key = KEY;
    passwords.clear();
    queued = [];
  });

  it('an aria2 file holds a fresh direct link per unfinished file, with its name, folder and password', async () => {
    await store.add(
      [
        { ...item('aaaaaaaaaa'), name: 'a.bin' },
        { ...item('bbbbbbbbbb'), name: 'b.bin', state: 'completed', finalPath: '/d/b.bin' },
        {
          ...item('cccccccccc'),
          name: 'c.bin',
          package: { key: 'dir:Fold3r', link: 'https://1fichier.com/dir/Fold3r' },
        },
      ],
      T0,
    );
    const a = (await store.all()).find((j) => j.fileKey === 'aaaaaaaaaa')!;
    passwords.set(a.id, 'secret6');
    const file = await exchange().exportQueue('aria2');
    expect(file).toMatchObject({ count: 2, skipped: 0, filename: '1fichier-queue-2023-11-14-aria2.txt' });
    expect(file.text).toContain('https://a-1.1fichier.com/p1\n  dir=dl\n  out=a.bin\n');
    expect(file.text).toContain('https://a-1.1fichier.com/p2\n  dir=dl/Fold3r\n  out=c.bin\n');
    expect(file.text).not.toContain('b.bin');
    const calls = client.callsOf('getToken');
    expect(calls.map((c) => c[1])).toEqual([
      'https://1fichier.com/?aaaaaaaaaa',
      'https://1fichier.com/?cccccccccc',
    ]);
    expect(calls[0]![2]).toMatchObject({ pass: 'secret6' });
    // The key is never written to the file.
    expect(file.text).not.toContain(KEY);
  });

  it('counts the files it could not get a link for, and stops at a flood', async () => {
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb')], T0);
    client.once('getToken', new AppError('notFound'));
    expect(await exchange().exportQueue('aria2')).toMatchObject({ count: 1, skipped: 1 });
    client.once('getToken', new AppError('flood'));
    await expect(exchange().exportQueue('aria2')).rejects.toMatchObject({ kind: 'flood' });
    key = undefined;
    await expect(exchange().exportQueue('aria2')).rejects.toMatchObject({ kind: 'noKey' });
  });

  it(`fetches at most ${ARIA2_MAX_LINKS} links for one file`, async () => {
    const ids = Array.from({ length: ARIA2_MAX_LINKS + 3 }, (_, i) => `x${String(i).padStart(9, '0')}`);
    await store.add(
      ids.map((id) => item(id)),
      T0,
    );
    const file = await exchange().exportQueue('aria2');
    expect(file).toMatchObject({ count: ARIA2_MAX_LINKS, skipped: 3 });
    expect(client.callsOf('getToken')).toHaveLength(ARIA2_MAX_LINKS);
  });

  it('a JSON export comes back with its states and order into an empty queue; again, only duplicates', async () => {
    await store.add(
      [
        {
          ...item('aaaaaaaaaa'),
          name: 'a.bin',
          size: 3,
          state: 'completed',
          finalPath: '/d/a.bin',
          completedAt: T0,
        },
        { ...item('bbbbbbbbbb'), state: 'failed', error: { kind: 'notFound' } },
        { ...item('cccccccccc'), state: 'paused', priority: 'high' },
      ],
      T0,
    );
    const file = await exchange().exportQueue('json');
    expect(file.count).toBe(3);
    store = createQueueStore(await openAppDb(`exchange-import-${Math.random()}`));
    const result = await exchange().importQueue(file.text);
    expect(result).toEqual({ found: 3, added: 3, duplicates: 0, problems: [], invalid: 0 });
    expect(
      (await store.ordered()).map((j) => [j.fileKey, j.state, j.finalPath ?? j.error?.kind ?? j.priority]),
    ).toEqual([
      ['aaaaaaaaaa', 'completed', '/d/a.bin'],
      ['bbbbbbbbbb', 'failed', 'notFound'],
      ['cccccccccc', 'paused', 'high'],
    ]);
    expect(await exchange().importQueue(file.text)).toMatchObject({ added: 0, duplicates: 3 });
  });

  it('plain text goes through the paste-box path; the links export is one link per line', async () => {
    await store.add([item('aaaaaaaaaa'), item('bbbbbbbbbb')], T0);
    const links = await exchange().exportQueue('links');
    expect(links).toMatchObject({ count: 2, mime: 'text/plain' });
    expect(links.text.trim().split('\n')).toEqual([
      'https://1fichier.com/?aaaaaaaaaa',
      'https://1fichier.com/?bbbbbbbbbb',
    ]);
    const result = await exchange().importQueue(`see ${links.text}`);
    expect(queued).toEqual([['https://1fichier.com/?aaaaaaaaaa', 'https://1fichier.com/?bbbbbbbbbb']]);
    expect(result.invalid).toBe(0);
    await expect(exchange().importQueue('nothing here')).rejects.toMatchObject({ kind: 'badImport' });
  });
});
