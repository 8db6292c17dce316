import { describe, expect, it } from 'vitest';
import type { LinkCheck } from '../../../utils/onefichier/check-links.ts';
import { CHECK_TTL_MS, createCheckCache } from '../../../utils/page-links/check-cache.ts';

describe('link check cache', () => {
  it('asks 1Fichier once per file, shares answers across mirror domains and callers, expires', async () => {
    const asked: string[][] = [];
    let t = 0;
    const cache = createCheckCache(
      async (links) => {
        asked.push([...links]);
        return new Map<string, LinkCheck>(
          links.map((l) => [
            l.slice(l.indexOf('?') + 1).toLowerCase(),
            { state: 'online', name: `n-${l.slice(-3)}`, size: 5 },
          ]),
        );
      },
      () => t,
    );
    const a = 'https://1fichier.com/?abcdefghij';
    const b = 'https://megadl.fr/?ABCDEFGHIJ&af=2';
    const c = 'https://1fichier.com/?zzzzzzzzzz';
    const [first, second] = await Promise.all([cache.get([a, 'https://evil.example/?x']), cache.get([b, c])]);
    expect(first).toEqual({ [a]: { state: 'online', name: 'n-hij', size: 5 } });
    expect(second).toEqual({
      [b]: { state: 'online', name: 'n-hij', size: 5 },
      [c]: { state: 'online', name: 'n-zzz', size: 5 },
    });
    expect(asked).toEqual([[a], [c]]);
    expect(cache.peek('abcdefghij')).toMatchObject({ state: 'online' });
    t = CHECK_TTL_MS;
    expect(cache.peek('abcdefghij')).toBeUndefined();
    await cache.get([a]);
    expect(asked).toHaveLength(3);
  });

  it('a failed check rejects that call only', async () => {
    let fail = true;
    const cache = createCheckCache(async (links) => {
      if (fail) throw new Error('flood');
      return new Map<string, LinkCheck>(links.map(() => ['abcdefghij', { state: 'notFound' }]));
    });
    await expect(cache.get(['https://1fichier.com/?abcdefghij'])).rejects.toThrow('flood');
    fail = false;
    expect(await cache.get(['https://1fichier.com/?abcdefghij'])).toEqual({
      'https://1fichier.com/?abcdefghij': { state: 'notFound' },
    });
  });
});
