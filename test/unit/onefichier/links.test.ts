import { describe, it, expect } from 'vitest';
import { ONEFICHIER_DOMAINS } from '../../../utils/onefichier/domains';
import { parseFileLink } from '../../../utils/onefichier/links';
import { mulberry32 } from '../../support/prng';

const ID20 = '2zk52quqlm0cbjr93ri5';
const ID10 = '4kyqi1fiuy';

describe('parseFileLink: accepted forms', () => {
  describe.each(ONEFICHIER_DOMAINS)('on %s', (domain) => {
    it.each([
      [`https://${domain}/?${ID20}`],
      [`https://${domain}?${ID20}`],
      [`http://${domain}/?${ID20}`],
      [`http://${domain}?${ID20}`],
      [`https://www.${domain}/?${ID20}`],
      [`http://www.${domain}?${ID20}`],
      [`https://${domain}/?${ID20}&af=123`],
      [`https://${domain}/?${ID20}&lg=en`],
      [`https://${domain}/?${ID20}&inline=1`],
      [`https://${domain}/?${ID20}#frag`],
      [`https://${domain}/?${ID20}&af=3601079&lg=en&inline=1#top`],
      [`  https://${domain}/?${ID20}  `],
      [`HTTPS://${domain.toUpperCase()}/?${ID20}`],
      [`https://${domain}./?${ID20}`],
    ])('%s', (raw) => {
      expect(parseFileLink(raw)).toEqual({
        kind: 'file',
        id: ID20,
        domain,
        canonical: `https://${domain}/?${ID20}`,
        key: ID20,
      });
    });
  });

  it.each([
    [ID10, 10],
    [ID20, 20],
    ['abcde', 5],
  ])('accepts the id %s (%i chars)', (id) => {
    expect(parseFileLink(`https://1fichier.com/?${id}`)?.id).toBe(id);
  });

  it('keeps upper case in the id and the canonical link, lower-cases the key', () => {
    const link = parseFileLink('https://www.alterupload.com?AbCdEfGhIj&af=1');
    expect(link).toEqual({
      kind: 'file',
      id: 'AbCdEfGhIj',
      domain: 'alterupload.com',
      canonical: 'https://alterupload.com/?AbCdEfGhIj',
      key: 'abcdefghij',
    });
  });

  it('gives the same key for the same id on two mirror domains', () => {
    const a = parseFileLink(`https://1fichier.com/?${ID20}`);
    const b = parseFileLink(`https://www.megadl.fr?${ID20.toUpperCase()}`);
    expect(a?.key).toBe(b?.key);
    expect(a?.canonical).not.toBe(b?.canonical);
  });
});

describe('parseFileLink: rejected forms', () => {
  it.each([
    ['another host', `https://example.com/?${ID20}`],
    ['look-alike suffix', `https://1fichier.com.evil.net/?${ID20}`],
    ['look-alike prefix', `https://evil-1fichier.com/?${ID20}`],
    ['look-alike sub-domain', `https://api.1fichier.com/?${ID20}`],
    ['other TLD', `https://1fichier.net/?${ID20}`],
    ['host in the path', `https://evil.net/1fichier.com/?${ID20}`],
    ['host in the query', `https://evil.net/?u=https://1fichier.com/?${ID20}`],
    ['affiliate link alone', 'https://1fichier.com/?af=123'],
    ['no query', 'https://1fichier.com/'],
    ['empty query', 'https://1fichier.com/?'],
    ['id too short', 'https://1fichier.com/?abcd'],
    ['id too long (21)', `https://1fichier.com/?${ID20}x`],
    ['id with a dash', 'https://1fichier.com/?abcde-fghij'],
    ['id with an underscore', 'https://1fichier.com/?abcde_fghij'],
    ['id with a value', `https://1fichier.com/?${ID20}=1`],
    ['id second in the query', `https://1fichier.com/?lg=en&${ID20}`],
    ['javascript: URL', `javascript:alert('https://1fichier.com/?${ID20}')`],
    ['javascript: with host-like text', `javascript://1fichier.com/?${ID20}`],
    ['data: URL', `data:text/html,https://1fichier.com/?${ID20}`],
    ['ftp', `ftp://1fichier.com/?${ID20}`],
    ['folder link', 'https://1fichier.com/dir/ABCdef12'],
    ['folder link with language', 'https://1fichier.com/en/dir/ABCdef12'],
    ['any path', `https://1fichier.com/file/?${ID20}`],
    ['user and password', `https://user:pass@1fichier.com/?${ID20}`],
    ['user only', `https://user@1fichier.com/?${ID20}`],
    ['credentials pointing elsewhere', `https://1fichier.com@evil.net/?${ID20}`],
    ['relative', `/?${ID20}`],
    ['bare id', ID20],
    ['empty', ''],
    ['spaces', '   '],
    ['garbage', '%%%%:::///??'],
    ['unclosed IPv6', 'https://[1fichier.com/?abcdefghij'],
    ['direct CDN link', 'https://a-6.1fichier.com/p1058755667'],
  ])('%s: %s', (_what, raw) => {
    expect(parseFileLink(raw)).toBeUndefined();
  });
});

describe('parseFileLink: generated input', () => {
  const random = mulberry32(0x1f1c1e5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hosts = [
    ...ONEFICHIER_DOMAINS,
    ...ONEFICHIER_DOMAINS.map((d) => `www.${d}`),
    ...ONEFICHIER_DOMAINS.map((d) => `${d}.evil.net`),
    ...ONEFICHIER_DOMAINS.map((d) => `evil-${d}`),
    ...ONEFICHIER_DOMAINS.map((d) => `x.${d}`),
    'example.com',
    '1fichier.co',
    '1fichier.com:443',
    'user:pw@1fichier.com',
    '[::1]',
    '127.0.0.1',
    'xn--1fichier-9za.com',
    '',
  ];
  const pieces = [
    'https://',
    'http://',
    'javascript:',
    '//',
    '/',
    '?',
    '&',
    '#',
    '=',
    '@',
    ':',
    '.',
    '%2e',
    '\\',
    ' ',
    '\u202e',
    'af=1',
    'lg=en',
  ];
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./?&#=%@:\\ \t\n\u0000é';

  function randomId(): string {
    const n = Math.floor(random() * 24);
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * 62)];
    return s;
  }

  function randomString(): string {
    const mode = random();
    if (mode < 0.5) {
      // Link-shaped: scheme + host + optional slash + ? + id + suffix.
      return `${pick(['https://', 'http://', 'ftp://', ''])}${pick(hosts)}${pick(['/', '', '/x/'])}?${randomId()}${pick(['', '&af=1', '#x', '&lg=en', '=1'])}`;
    }
    if (mode < 0.8) {
      let s = '';
      const n = 1 + Math.floor(random() * 8);
      for (let i = 0; i < n; i++) s += random() < 0.5 ? pick(pieces) : pick(hosts);
      return s;
    }
    let s = '';
    const n = Math.floor(random() * 60);
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  }

  it('never throws and never accepts a host outside the domain list (4,000 strings)', () => {
    let accepted = 0;
    for (let i = 0; i < 4_000; i++) {
      const raw = randomString();
      let link: ReturnType<typeof parseFileLink>;
      expect(() => (link = parseFileLink(raw)), raw).not.toThrow();
      if (!link) continue;
      accepted += 1;
      expect(ONEFICHIER_DOMAINS, raw).toContain(link.domain);
      const canonical = new URL(link.canonical);
      expect(ONEFICHIER_DOMAINS, raw).toContain(canonical.hostname);
      expect(canonical.protocol).toBe('https:');
      expect(link.id, raw).toMatch(/^[A-Za-z0-9]{5,20}$/);
      expect(link.key).toBe(link.id.toLowerCase());
      // The accepted string really is on that host (not merely mentions it).
      expect(new URL(raw.trim()).hostname.replace(/^www\./, '').replace(/\.$/, '')).toBe(link.domain);
    }
    // The generator is useful only if it produces both outcomes.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(4_000);
  });
});
