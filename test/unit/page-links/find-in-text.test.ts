import { describe, expect, it } from 'vitest';
import { findLinksInText, mayContainLinks, MAX_TEXT_LINKS } from '../../../utils/onefichier/find-in-text.ts';

const canon = (text: string) => findLinksInText(text).map((f) => f.link.canonical);

describe('findLinksInText', () => {
  it('finds file and folder links in prose, HTML and Markdown, in order, once per file', () => {
    const text = [
      'Part 1: https://1fichier.com/?abcdefghij&af=123, part 2 (https://megadl.fr/?KLMNOPQRST).',
      '<a href="https://alterupload.com/?uvwxyz12345">mirror</a> and [folder](https://1fichier.com/dir/AbCdEfGh)',
      'again https://1FICHIER.com/?ABCDEFGHIJ and http://old12345.dl4free.com/ and www.1fichier.com/?zzzzzzzzz9.',
    ].join('\n');
    expect(canon(text)).toEqual([
      'https://1fichier.com/?abcdefghij',
      'https://megadl.fr/?KLMNOPQRST',
      'https://alterupload.com/?uvwxyz12345',
      'https://1fichier.com/dir/AbCdEfGh',
      'https://dl4free.com/?old12345',
      'https://1fichier.com/?zzzzzzzzz9',
    ]);
  });

  it('keeps the text as written (scheme added when missing) next to the parse', () => {
    expect(findLinksInText('see 1fichier.com/?abcdefghij.')).toEqual([
      {
        raw: 'https://1fichier.com/?abcdefghij',
        link: expect.objectContaining({ kind: 'file', id: 'abcdefghij' }),
      },
    ]);
  });

  it('ignores look-alikes, direct download links, other paths and credentials', () => {
    const text = [
      'https://1fichier.com.evil.net/?abcdefghij',
      'https://not1fichier.com/?abcdefghij',
      'https://a-6.1fichier.com/p1058755667',
      'https://1fichier.com/console/index.pl',
      'https://user:pw@1fichier.com/?abcdefghij',
      'https://1fichier.com:8443/?abcdefghij',
      'https://1fichier.com/?ab',
    ].join(' ');
    expect(canon(text)).toEqual([]);
  });

  it('stops at the limit and says quickly when a text cannot hold a link', () => {
    const many = Array.from(
      { length: 30 },
      (_, i) => `https://1fichier.com/?file${String(i).padStart(6, '0')}`,
    ).join(' ');
    expect(findLinksInText(many, 7)).toHaveLength(7);
    expect(MAX_TEXT_LINKS).toBe(10_000);
    expect(mayContainLinks('nothing here, not even fichier')).toBe(false);
    expect(mayContainLinks('go to pjointe.com')).toBe(true);
  });
});
