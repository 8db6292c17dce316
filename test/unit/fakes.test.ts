import { describe, it, expect } from 'vitest';
import { AppError } from '../../utils/onefichier/errors';
import { createFakeClient, DEFAULT_SIZE, defaultName } from '../fakes/client';
import { createFakeDownloads } from '../fakes/downloads';

/** The fakes other tests rely on behave like the browser / client they stand for. */
describe('fake downloads', () => {
  it('download() gives new ids and in_progress items, searchable by id and url', async () => {
    const d = createFakeDownloads();
    const a = await d.download({ url: 'https://a-1.1fichier.com/p1', filename: 'a.bin' });
    const b = await d.download({ url: 'https://a-1.1fichier.com/p2' });
    expect(b).not.toBe(a);
    expect(await d.search({ id: a })).toEqual([
      expect.objectContaining({
        id: a,
        state: 'in_progress',
        url: 'https://a-1.1fichier.com/p1',
        filename: '/home/user/Downloads/a.bin',
      }),
    ]);
    expect((await d.search({ url: 'https://a-1.1fichier.com/p2' })).map((i) => i.id)).toEqual([b]);
    expect(await d.search({ id: 999 })).toEqual([]);
    expect(d.calls.map((c) => c.url)).toEqual(['https://a-1.1fichier.com/p1', 'https://a-1.1fichier.com/p2']);
  });

  it('moves items along: bytes, complete, interrupt, vanish; cancel → USER_CANCELED', async () => {
    const d = createFakeDownloads();
    const id = await d.download({ url: 'u1' });
    d.setBytes(id, 5, 10);
    expect(d.item(id)).toMatchObject({ bytesReceived: 5, totalBytes: 10 });
    d.complete(id);
    expect(d.item(id)).toMatchObject({ state: 'complete', fileSize: 10, bytesReceived: 10 });
    const other = await d.download({ url: 'u2' });
    d.interrupt(other, 'NETWORK_FAILED');
    expect(d.item(other)).toMatchObject({ state: 'interrupted', error: 'NETWORK_FAILED' });
    const third = await d.download({ url: 'u3' });
    await d.cancel(third);
    expect(d.item(third)).toMatchObject({ state: 'interrupted', error: 'USER_CANCELED' });
    expect(d.cancels).toEqual([third]);
    d.vanish(third);
    expect(await d.search({ id: third })).toEqual([]);
  });

  it('returns copies, and can fail download() on demand', async () => {
    const d = createFakeDownloads();
    const id = await d.download({ url: 'u' });
    const [copy] = await d.search({ id });
    copy!.state = 'complete';
    expect(d.item(id)?.state).toBe('in_progress');
    d.failNext(new Error('Invalid filename'));
    await expect(d.download({ url: 'v' })).rejects.toThrow('Invalid filename');
    await expect(d.download({ url: 'w' })).resolves.toBeTypeOf('number');
  });
});

describe('fake client', () => {
  it('has sensible defaults and records calls', async () => {
    const c = createFakeClient();
    expect((await c.userInfo('k')).kind).toBe('premium');
    expect(await c.fileInfo('k', 'https://1fichier.com/?abcdefghij')).toMatchObject({
      name: defaultName('https://1fichier.com/?abcdefghij'),
      size: DEFAULT_SIZE,
    });
    const t1 = await c.getToken('k', 'l');
    const t2 = await c.getToken('k', 'l', { noSsl: true });
    expect(t1).not.toBe(t2);
    expect(c.callsOf('getToken')).toEqual([
      ['k', 'l'],
      ['k', 'l', { noSsl: true }],
    ]);
  });

  it('uses one-shot answers first, then the default; errors are thrown', async () => {
    const c = createFakeClient();
    c.once('getToken', new AppError('flood'), 'https://a-9.1fichier.com/p9');
    await expect(c.getToken('k', 'l')).rejects.toMatchObject({ kind: 'flood' });
    await expect(c.getToken('k', 'l')).resolves.toBe('https://a-9.1fichier.com/p9');
    c.on('getToken', (_key, url) => `https://a-1.1fichier.com/${url}`);
    await expect(c.getToken('k', 'x1')).resolves.toBe('https://a-1.1fichier.com/x1');
  });
});
