import { describe, expect, it } from 'vitest';
import {
  createPageRegistry,
  MAX_LINKS_PER_FRAME,
  type FrameEntry,
} from '../../../utils/page-links/registry.ts';

function memory() {
  let value: FrameEntry[] | null = null;
  return { get: async () => value, set: async (v: FrameEntry[]) => void (value = structuredClone(v)) };
}
const FRAME = { tabId: 3, frameId: 0, url: 'https://forum.example/t/1' };
const r = (url: string, label = 'x') => ({ url, label });

describe('page registry', () => {
  it('merges reports of the same document, replaces them for a new one, re-parses every link', async () => {
    let t = 0;
    const reg = createPageRegistry(memory(), () => ++t);
    await reg.register(FRAME, 'token-aaaaaaaaaaaaaaaa', [r('https://1fichier.com/?abcdefghij', 'movie')]);
    await reg.register(FRAME, 'token-aaaaaaaaaaaaaaaa', [
      r('https://1fichier.com/dir/AbCdEfGh', 'folder'),
      r('https://evil.example/?abcdefghij'),
      r('https://a-1.1fichier.com/p1'),
    ]);
    const [entry] = await reg.all();
    expect(entry).toMatchObject({
      tabId: 3,
      frameId: 0,
      origin: 'https://forum.example',
      page: 'token-aaaaaaaaaaaaaaaa',
    });
    expect(entry!.links.map((l) => [l.kind, l.canonical, l.label])).toEqual([
      ['file', 'https://1fichier.com/?abcdefghij', 'movie'],
      ['folder', 'https://1fichier.com/dir/AbCdEfGh', 'folder'],
    ]);
    await reg.register(FRAME, 'token-bbbbbbbbbbbbbbbb', [r('https://1fichier.com/?zzzzzzzzzz')]);
    expect((await reg.all()).map((e) => [e.page, e.links.length])).toEqual([['token-bbbbbbbbbbbbbbbb', 1]]);
  });

  it('does not lose concurrent reports, and forgets tabs and frames', async () => {
    const reg = createPageRegistry(memory());
    await Promise.all(
      [0, 1, 2, 3].map((frameId) =>
        reg.register({ ...FRAME, frameId }, `token-${frameId}aaaaaaaaaaaaaaa`, [
          r(`https://1fichier.com/?frame${frameId}aaaa`),
        ]),
      ),
    );
    expect((await reg.ofTab(3)).map((e) => e.frameId).toSorted()).toEqual([0, 1, 2, 3]);
    await reg.drop(3, 2);
    await reg.drop(3, 1, 'token-not-this-one-xx');
    expect((await reg.ofTab(3)).map((e) => e.frameId).toSorted()).toEqual([0, 1, 3]);
    await reg.drop(3);
    expect(await reg.all()).toEqual([]);
  });

  it('caps the links of one frame and ignores frames without a web origin', async () => {
    const reg = createPageRegistry(memory());
    const many = Array.from({ length: MAX_LINKS_PER_FRAME + 50 }, (_, i) =>
      r(`https://1fichier.com/?f${String(i).padStart(8, '0')}`),
    );
    await reg.register(FRAME, 'token-aaaaaaaaaaaaaaaa', many);
    expect((await reg.all())[0]!.links).toHaveLength(MAX_LINKS_PER_FRAME);
    expect(
      await reg.register({ ...FRAME, tabId: 9, url: 'about:srcdoc' }, 'token-cccccccccccccccc', many),
    ).toBeUndefined();
    expect(await reg.ofTab(9)).toEqual([]);
  });
});
