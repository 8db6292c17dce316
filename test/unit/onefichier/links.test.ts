import { describe, it, expect } from 'vitest';
import { ONEFICHIER_DOMAINS } from '../../../utils/onefichier/domains';
import { parseFileLink, parseFolderLink, parseLink, type Link } from '../../../utils/onefichier/links';
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
    ['remove link', `https://1fichier.com/remove/${ID20}/abc123`],
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

const file = (id: string, domain = '1fichier.com'): Link => ({
  kind: 'file',
  id,
  domain,
  canonical: `https://${domain}/?${id}`,
  key: id.toLowerCase(),
});
const folder = (id: string, domain = '1fichier.com'): Link => ({
  kind: 'folder',
  id,
  domain,
  canonical: `https://${domain}/dir/${id}`,
  key: `dir:${id}`,
});
const direct = (host: string, token: string, scheme = 'https'): Link => ({
  kind: 'direct',
  host,
  token,
  canonical: `${scheme}://${host}/${token}`,
  key: `direct:${host}/${token}`,
});

describe('parseLink: every example of 1fichier-api.md §9.3 and §6.1, verbatim', () => {
  it.each<[string, Link | undefined]>([
    ['https://1fichier.com/?2zk52quqlm0cbjr93ri5', file('2zk52quqlm0cbjr93ri5')],
    ['http://1fichier.com/?2zk52quqlm0cbjr93ri5', file('2zk52quqlm0cbjr93ri5')],
    ['https://1fichier.com?jfnofl25jgnpec1ybgcx', file('jfnofl25jgnpec1ybgcx')],
    ['https://1fichier.com/?fzrlqa5ogmx4dzbcpga6&af=3601079', file('fzrlqa5ogmx4dzbcpga6')],
    ['https://1fichier.com/?fzrlqa5ogmx4dzbcpga6&af=3797078', file('fzrlqa5ogmx4dzbcpga6')],
    ['https://1fichier.com/?af=3186111', undefined],
    ['https://1fichier.com/?4kyqi1fiuy&lg=en', file('4kyqi1fiuy')],
    [`https://1fichier.com/?${ID20}&inline=1`, file(ID20)],
    ['https://pzjcjv2sq9.1fichier.com/', file('pzjcjv2sq9')],
    ['https://1fichier.com/dir/l4nVnLVA', folder('l4nVnLVA')],
    ['https://1fichier.com/en/dir/l4nVnLVA', folder('l4nVnLVA')],
    ['https://1fichier.com/dir/CiLKCBI6?json=1', folder('CiLKCBI6')],
    ['https://1fichier.com/dir/EW6eYIUF?lg=en', folder('EW6eYIUF')],
    ['https://a-6.1fichier.com/p1058755667', direct('a-6.1fichier.com', 'p1058755667')],
    ['https://a-4.1fichier.com/p2086862583', direct('a-4.1fichier.com', 'p2086862583')],
    ['https://a-10.1fichier.com/c607463268', direct('a-10.1fichier.com', 'c607463268')],
    ['https://a-37.1fichier.com/c42008083', direct('a-37.1fichier.com', 'c42008083')],
    ['https://o-5.1fichier.com/p86046295', direct('o-5.1fichier.com', 'p86046295')],
    ['https://o-7.1fichier.com/c602497668', direct('o-7.1fichier.com', 'c602497668')],
    // no_ssl:1 direct links are http; the scheme is kept (§6.1).
    ['http://o-5.1fichier.com/p86046295', direct('o-5.1fichier.com', 'p86046295', 'http')],
    ['https://1fichier.com/remove/2zk52quqlm0cbjr93ri5/AbCd1234', undefined],
    ['https://1fichier.com/en/remove/2zk52quqlm0cbjr93ri5/AbCd1234', undefined],
  ])('%s', (raw, expected) => {
    expect(parseLink(raw)).toEqual(expected);
  });
});

describe('parseLink: accepted forms on every domain', () => {
  describe.each(ONEFICHIER_DOMAINS)('on %s', (domain) => {
    const D = domain.toUpperCase();
    it.each<[string, Link]>([
      // File links (the same forms parseFileLink accepts).
      [`https://${domain}/?${ID20}`, file(ID20, domain)],
      [`http://www.${domain}?${ID10}&lg=en#x`, file(ID10, domain)],
      [`https://${domain}/?${ID20}&af=3601079&lg=en&inline=1&e=1#top`, file(ID20, domain)],
      // Old sub-domain form: anything after the host is ignored.
      [`https://pzjcjv2sq9.${domain}/`, file('pzjcjv2sq9', domain)],
      [`http://pzjcjv2sq9.${domain}`, file('pzjcjv2sq9', domain)],
      [`http://PZJCJV2SQ9.${D}./some/file.zip?lg=en#x`, file('pzjcjv2sq9', domain)],
      [`https://${ID20}.${domain}/?lg=en`, file(ID20, domain)],
      [`https://abc12.${domain}:443/`, file('abc12', domain)],
      // Public folders.
      [`https://${domain}/dir/l4nVnLVA`, folder('l4nVnLVA', domain)],
      [`https://${domain}/dir/l4nVnLVA/`, folder('l4nVnLVA', domain)],
      [`http://www.${domain}/dir/l4nVnLVA?json=1`, folder('l4nVnLVA', domain)],
      [`https://${D}./en/dir/GwAVeQxR/?lg=en#files`, folder('GwAVeQxR', domain)],
      [`https://${domain}/fr/dir/abcd`, folder('abcd', domain)],
      [`https://${domain}/dir/${'Ab1'.repeat(10)}xy`, folder(`${'Ab1'.repeat(10)}xy`, domain)],
    ])('%s', (raw, expected) => {
      expect(parseLink(raw)).toEqual(expected);
      expect(parseLink(expected.canonical)).toEqual(expected);
    });

    it.each([
      ['direct link on a mirror', `https://a-6.${domain}/p1058755667`],
      ['service sub-domain www', `https://www.${domain}/`],
      ['remove link', `https://${domain}/remove/${ID20}/AbCd1234`],
      ['remove link with language', `https://${domain}/en/remove/${ID20}/AbCd1234`],
      ['folder with a port', `https://${domain}:8443/dir/l4nVnLVA`],
      ['old form with credentials', `https://u:p@pzjcjv2sq9.${domain}/`],
    ])('rejects the %s', (_what, raw) => {
      if (domain === '1fichier.com' && raw.startsWith('https://a-6.')) {
        // On 1fichier.com itself that is a real direct link.
        expect(parseLink(raw)?.kind).toBe('direct');
      } else {
        expect(parseLink(raw)).toBeUndefined();
      }
    });
  });
});

describe('parseLink: the kinds are told apart', () => {
  it('parseFileLink accepts the old sub-domain form, and neither folders nor direct links', () => {
    expect(parseFileLink('https://pzjcjv2sq9.1fichier.com/')).toEqual(file('pzjcjv2sq9'));
    expect(parseFileLink('https://1fichier.com/dir/l4nVnLVA')).toBeUndefined();
    expect(parseFileLink('https://a-6.1fichier.com/p1058755667')).toBeUndefined();
  });

  it('parseFolderLink accepts folders only', () => {
    expect(parseFolderLink('https://www.megadl.fr/en/dir/l4nVnLVA?json=1')).toEqual(
      folder('l4nVnLVA', 'megadl.fr'),
    );
    expect(parseFolderLink(`https://1fichier.com/?${ID20}`)).toBeUndefined();
    expect(parseFolderLink('https://pzjcjv2sq9.1fichier.com/dir/l4nVnLVA')).toBeUndefined();
    expect(parseFolderLink('https://a-6.1fichier.com/p1058755667')).toBeUndefined();
    expect(parseFolderLink('')).toBeUndefined();
  });

  it('keeps folder ids case-sensitive (two folders), file ids case-insensitive (one file)', () => {
    expect(parseLink('https://1fichier.com/dir/abcdEFGH')?.key).not.toBe(
      parseLink('https://1fichier.com/dir/ABCDefgh')?.key,
    );
    expect(parseLink('https://1fichier.com/?abcdeFGHIJ')?.key).toBe(
      parseLink('https://1fichier.com/?ABCDEfghij')?.key,
    );
  });

  it('gives one key to a file in its old and new forms, on any mirror', () => {
    const keys = new Set([
      parseLink('https://pzjcjv2sq9.1fichier.com/')?.key,
      parseLink('http://www.alterupload.com?PZJCJV2SQ9&af=1')?.key,
      parseLink('https://dl4free.com/?pzjcjv2sq9#x')?.key,
    ]);
    expect([...keys]).toEqual(['pzjcjv2sq9']);
  });

  it('keys of different kinds never collide', () => {
    const keys = [
      parseLink('https://1fichier.com/?abcdefgh')!.key,
      parseLink('https://1fichier.com/dir/abcdefgh')!.key,
      parseLink('https://a-1.1fichier.com/abcdefgh')!.key,
    ];
    expect(new Set(keys).size).toBe(3);
  });
});

describe('parseLink: rejected forms', () => {
  it.each([
    // Service sub-domains are never file ids.
    ['www (root)', 'https://www.1fichier.com/'],
    ['api', 'https://api.1fichier.com/'],
    ['api with an id-like path', 'https://api.1fichier.com/v1/file/info.cgi'],
    ['img', 'https://img.1fichier.com/logo.png'],
    ['up', 'https://up.1fichier.com/'],
    ['up2', 'https://up2.1fichier.com/upload.cgi?id=abcdefghij'],
    ['up123 (5 chars)', 'https://up123.1fichier.com/'],
    ['static', 'https://static.1fichier.com/'],
    ['example (API-DOC placeholder)', 'https://example.1fichier.com/'],
    ['download (invented fixture host)', 'https://download.1fichier.com/'],
    ['a-N root', 'https://a-6.1fichier.com/'],
    ['o-N root', 'https://o-5.1fichier.com/'],
    ['sub-domain with a dash', 'https://abc-defgh.1fichier.com/'],
    ['sub-domain of 4 chars', 'https://abcd.1fichier.com/'],
    ['sub-domain of 21 chars', `https://${ID20}x.1fichier.com/`],
    ['two sub-domains', 'https://pzjcjv2sq9.www.1fichier.com/'],
    ['www before an old id', 'https://www.pzjcjv2sq9.1fichier.com/'],
    ['old form on a look-alike', 'https://pzjcjv2sq9.1fichier.co/'],
    // Folders.
    ['folder id too short (3)', 'https://1fichier.com/dir/abc'],
    ['folder id too long (33)', `https://1fichier.com/dir/${'a'.repeat(33)}`],
    ['folder id with a dash', 'https://1fichier.com/dir/abcd-efgh'],
    ['folder id with an encoded char', 'https://1fichier.com/dir/abcd%41efgh'],
    ['empty folder id', 'https://1fichier.com/dir/'],
    ['folder sub-path', 'https://1fichier.com/dir/l4nVnLVA/file'],
    ['folder double slash', 'https://1fichier.com//dir/l4nVnLVA'],
    ['folder two trailing slashes', 'https://1fichier.com/dir/l4nVnLVA//'],
    ['upper-case DIR', 'https://1fichier.com/DIR/l4nVnLVA'],
    ['upper-case language', 'https://1fichier.com/EN/dir/l4nVnLVA'],
    ['3-letter language', 'https://1fichier.com/eng/dir/l4nVnLVA'],
    ['1-letter language', 'https://1fichier.com/e/dir/l4nVnLVA'],
    ['two languages', 'https://1fichier.com/en/fr/dir/l4nVnLVA'],
    ['folder on a look-alike', 'https://1fichier.com.evil.net/dir/l4nVnLVA'],
    // Direct links.
    ['direct with 4 digits', 'https://a-1234.1fichier.com/p1058755667'],
    ['direct b-N', 'https://b-6.1fichier.com/p1058755667'],
    ['direct without the dash', 'https://a6.1fichier.com/p1058755667'],
    ['direct under www', 'https://www.a-6.1fichier.com/p1058755667'],
    ['direct on a mirror', 'https://a-6.alterupload.com/p1058755667'],
    ['direct on a look-alike', 'https://a-6.1fichier.co/p1058755667'],
    ['direct with a sub-path', 'https://a-6.1fichier.com/p1058755667/x'],
    ['direct with a trailing slash', 'https://a-6.1fichier.com/p1058755667/'],
    ['direct token with a dot', 'https://a-6.1fichier.com/p1058755667.zip'],
    ['direct token too long (65)', `https://a-6.1fichier.com/${'p'.repeat(65)}`],
    ['direct with a port', 'https://a-6.1fichier.com:8080/p1058755667'],
    ['direct with credentials', 'https://u:p@a-6.1fichier.com/p1058755667'],
    // Hosts, schemes, credentials, ports.
    ['look-alike suffix', `https://1fichier.com.evil.net/?${ID20}`],
    ['look-alike prefix', `https://evil1fichier.com/?${ID20}`],
    ['other TLD (.co)', `https://1fichier.co/?${ID20}`],
    ['IDN look-alike (Cyrillic і)', `https://1fichіer.com/?${ID20}`],
    ['IDN look-alike (punycode)', `https://xn--1fichr-2fg.com/?${ID20}`],
    ['IDN look-alike folder', 'https://1fichіer.com/dir/l4nVnLVA'],
    ['IDN look-alike old form', 'https://pzjcjv2sq9.1fichіer.com/'],
    ['user and password', 'https://user:pass@1fichier.com/dir/l4nVnLVA'],
    ['credentials pointing elsewhere', 'https://1fichier.com@evil.net/dir/l4nVnLVA'],
    ['non-default https port', `https://1fichier.com:8443/?${ID20}`],
    ['http on port 443', `http://1fichier.com:443/?${ID20}`],
    ['https on port 80', `https://1fichier.com:80/?${ID20}`],
    ['javascript:', 'javascript:alert(1)//https://1fichier.com/dir/l4nVnLVA'],
    ['data:', 'data:text/html,https://a-6.1fichier.com/p1058755667'],
    ['ftp:', 'ftp://1fichier.com/dir/l4nVnLVA'],
    ['ws:', `ws://1fichier.com/?${ID20}`],
    ['file path', `https://1fichier.com/console/?${ID20}`],
    ['empty', ''],
    ['whitespace', ' \t\n '],
    ['unclosed IPv6', 'https://[1fichier.com/dir/l4nVnLVA'],
  ])('%s: %s', (_what, raw) => {
    expect(parseLink(raw)).toBeUndefined();
  });

  it('accepts an explicit default port (URL() drops it) and surrounding whitespace', () => {
    expect(parseLink(`  https://1fichier.com:443/?${ID20}\n`)).toEqual(file(ID20));
    expect(parseLink('http://a-6.1fichier.com:80/p1058755667')).toEqual(
      direct('a-6.1fichier.com', 'p1058755667', 'http'),
    );
  });

  it('never throws on non-string input from untyped callers', () => {
    for (const raw of [undefined, null, 42, {}, []]) {
      expect(parseLink(raw as unknown as string)).toBeUndefined();
    }
  });
});
