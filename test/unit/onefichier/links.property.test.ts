import { describe, it, expect } from 'vitest';
// Namespace import: oxlint's no-named-as-default-member flags `fc.x` on the default export.
import * as fc from 'fast-check';
import { ONEFICHIER_DOMAINS } from '../../../utils/onefichier/domains';
import { parseLink, type Link } from '../../../utils/onefichier/links';

// Fixed seed: a failure prints its counterexample and reproduces on every run.
const SEED = 0x1f1c;
const DIRECT_HOST_RE = /^[ao]-\d{1,3}\.1fichier\.com$/;

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const chars = (set: string) => fc.constantFrom(...set.split(''));
const alnum = (minLength: number, maxLength: number) =>
  fc.string({ unit: chars(ALNUM), minLength, maxLength });

/** The host of a string that parses as a URL, lower-cased, without its trailing dot. */
function hostOf(raw: string): string {
  return new URL(raw.trim()).hostname.replace(/\.$/, '');
}

// ---------------------------------------------------------------------------------------------
// URL-shaped noise: real domains, look-alikes, random sub-domains, the paths and query shapes of
// the reference (§9.3) and their near misses, credentials, ports, schemes and fragments.

/** Mostly one of `valid`, sometimes (1 in 5) one of `noise`. */
const mostly = (valid: readonly string[], noise: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...noise) },
  );

const LOOKALIKES = [
  '1fichier.co',
  '1fichier.net',
  'evil1fichier.com',
  'evil-1fichier.com',
  '1fichier.com.evil.net',
  '1fichier.com-evil.net',
  '1fichіer.com', // Cyrillic і: URL() turns it into an xn-- host
  'xn--1fichr-2fg.com',
  'example.com',
  '127.0.0.1',
  '[::1]',
  'localhost',
  '',
];
const noisyScheme = mostly(
  ['https://', 'http://', 'HTTPS://', 'hTtP://'],
  ['https:\\\\', '//', '', 'ftp://', 'javascript:', 'javascript://', 'data:text/html,https://', ' https://'],
);
const userinfo = mostly([''], ['user:pass@', 'user@', '1fichier.com@', ':@']);
const domainOrLookalike = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ONEFICHIER_DOMAINS) },
  { weight: 1, arbitrary: fc.constantFrom(...LOOKALIKES) },
);
const wwwOrNot = mostly(['', 'www.', 'WWW.'], ['api.', 'img.', 'up2.', 'a-6.', 'example.', 'x.', 'www.www.']);
const noisyDot = mostly(['', '.'], ['..', '%2e', ':']);
const noisyPort = mostly(['', ':443'], [':80', ':8080', ':', ':0443', ':65536']);
const idish = (min: number, max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: alnum(min, max) },
    { weight: 1, arbitrary: alnum(0, 70) },
    { weight: 1, arbitrary: fc.string({ unit: chars(`${ALNUM}-_.%=&?#/@:\\ `), maxLength: 30 }) },
  );
const noisyParams = fc
  .array(mostly(['&af=3601079', '&lg=en', '&inline=1', '&e=1', '&'], ['=1', '?', '&&', '%26']), {
    maxLength: 3,
  })
  .map((ps) => ps.join(''));
const noisyFragment = mostly(['', '', '#x', '#?abcdefghij'], ['#', '#/dir/ABCDEFGH', '%23x']);
const space = mostly([''], [' ', '\t', '\n', '\u00a0']);
const join = (parts: readonly string[]) => parts.join('');

const fileShaped = fc
  .tuple(
    noisyScheme,
    userinfo,
    wwwOrNot,
    domainOrLookalike,
    noisyDot,
    noisyPort,
    mostly(['/', ''], ['/x/', '//', '/dir/', '/remove/']),
    mostly(['?'], ['', '?af=1&', '??', '?=', '#']),
    idish(5, 20),
    noisyParams,
    noisyFragment,
    space,
  )
  .map(join);
const folderShaped = fc
  .tuple(
    noisyScheme,
    userinfo,
    wwwOrNot,
    domainOrLookalike,
    noisyDot,
    noisyPort,
    mostly(['/', '/en/', '/fr/'], ['/EN/', '/eng/', '/e/', '//', '/remove/', '/en/en/']),
    mostly(['dir/'], ['DIR/', 'dirs/', 'remove/', '', 'dir//']),
    idish(4, 32),
    mostly(['', '/'], ['//', '/x', '/abcdefgh']),
    mostly(['', '?json=1', '?lg=en'], ['?', '?json=1&pass=x']),
    noisyFragment,
    space,
  )
  .map(join);
const directShaped = fc
  .tuple(
    noisyScheme,
    userinfo,
    mostly(
      ['a-6.', 'o-5.', 'a-10.', 'o-999.', 'A-37.'],
      ['a-1234.', 'b-6.', 'a6.', 'a-.', 'www.a-6.', 'a--6.'],
    ),
    mostly(['1fichier.com'], [...ONEFICHIER_DOMAINS, ...LOOKALIKES]),
    noisyDot,
    noisyPort,
    mostly(['/'], ['', '//', '/x/']),
    idish(1, 64),
    mostly([''], ['/', '/x', '.zip']),
    mostly(['', '?inline=1'], ['?']),
    noisyFragment,
    space,
  )
  .map(join);
const subdomainShaped = fc
  .tuple(
    noisyScheme,
    userinfo,
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: chars(LOWER + DIGITS), minLength: 5, maxLength: 20 }) },
      { weight: 1, arbitrary: fc.string({ unit: chars(`${ALNUM}-_`), maxLength: 24 }) },
      { weight: 1, arbitrary: fc.constantFrom('www', 'api', 'img', 'up2', 'up123', 'static', 'a-6', 'o-5') },
    ),
    mostly(['.'], ['', '..', '-', '.www.']),
    domainOrLookalike,
    noisyDot,
    noisyPort,
    mostly(['', '/', '/file.zip', '/?lg=en'], ['/dir/ABCDEFGH', '?abcdefghij']),
    noisyFragment,
    space,
  )
  .map(join);
const PIECES = [
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
];
const chaos = fc
  .array(fc.constantFrom(...PIECES, ...ONEFICHIER_DOMAINS, ...LOOKALIKES, 'abcdefghij', 'dir', 'a-6'), {
    maxLength: 10,
  })
  .map(join);

/** URL-shaped noise: each link form of the reference (§9.3) with its near misses, and debris. */
const urlShaped = fc.oneof(fileShaped, folderShaped, directShaped, subdomainShaped, chaos);

/** Whatever parseLink accepted must be on a 1Fichier host, and canonical must be a fixed point. */
function checkAccepted(raw: string, link: Link): void {
  const canonical = new URL(link.canonical);
  expect(canonical.username + canonical.password + canonical.port, raw).toBe('');
  expect(parseLink(link.canonical), raw).toEqual(link);
  if (link.kind === 'direct') {
    expect(canonical.hostname, raw).toMatch(DIRECT_HOST_RE);
    expect(canonical.hostname).toBe(link.host);
    expect(hostOf(raw)).toBe(link.host);
    expect(link.key).toBe(`direct:${link.host}/${link.token}`);
    return;
  }
  expect(canonical.protocol).toBe('https:');
  expect(ONEFICHIER_DOMAINS, raw).toContain(canonical.hostname);
  expect(canonical.hostname).toBe(link.domain);
  // The input really is on that domain (bare, www. or the old <id>. sub-domain), not merely
  // mentioning it somewhere.
  const host = hostOf(raw);
  expect([link.domain, `www.${link.domain}`, `${link.id.toLowerCase()}.${link.domain}`], raw).toContain(host);
  if (link.kind === 'file') {
    expect(link.id, raw).toMatch(/^[A-Za-z0-9]{5,20}$/);
    expect(link.key).toBe(link.id.toLowerCase());
  } else {
    expect(link.id, raw).toMatch(/^[A-Za-z0-9]{4,32}$/);
    expect(link.key).toBe(`dir:${link.id}`);
  }
}

describe('parseLink: properties over arbitrary input', () => {
  it('never throws, and anything accepted is on a 1Fichier host (100,000 strings)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          { weight: 2, arbitrary: urlShaped },
        ),
        (raw) => {
          // A throw fails the property, and fast-check reports the shrunk input that threw.
          const link = parseLink(raw);
          if (link) {
            accepted += 1;
            checkAccepted(raw, link);
          }
        },
      ),
      { seed: SEED, numRuns: 100_000 },
    );
    // The generator is only useful if it hits both outcomes often.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(50_000);
  });

  it('returns links only on 1Fichier hosts for URL-shaped input, of every kind (20,000 URLs)', () => {
    const kinds = { file: 0, folder: 0, direct: 0 };
    fc.assert(
      fc.property(urlShaped, (raw) => {
        const link = parseLink(raw);
        if (!link) return;
        kinds[link.kind] += 1;
        checkAccepted(raw, link);
      }),
      { seed: SEED + 1, numRuns: 20_000 },
    );
    expect(kinds.file).toBeGreaterThan(500);
    expect(kinds.folder).toBeGreaterThan(200);
    expect(kinds.direct).toBeGreaterThan(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Real links from valid parts, then decorated the ways the reference says are the same link.

const domain = fc.constantFrom(...ONEFICHIER_DOMAINS);
const fileId = alnum(5, 20);
// Old sub-domain ids: host names are lower-cased; a digit followed by a letter keeps them clear of
// the service names (`up2`, `static`, …), which are letters optionally followed by digits.
const subdomainId = fc
  .tuple(
    fc.string({ unit: chars(LOWER + DIGITS), maxLength: 8 }),
    chars(DIGITS),
    chars(LOWER),
    fc.string({ unit: chars(LOWER + DIGITS), maxLength: 10 }),
  )
  .map((parts) => parts.join(''))
  .filter((id) => id.length >= 5 && id.length <= 20);
const folderId = alnum(4, 32);
const directHost = fc
  .tuple(fc.constantFrom('a', 'o'), fc.integer({ min: 1, max: 999 }))
  .map(([node, n]) => `${node}-${n}.1fichier.com`);
const token = alnum(1, 64);

const scheme = fc.constantFrom('https', 'http');
const www = fc.constantFrom('', 'www.');
const trailingDot = fc.constantFrom('', '.');
const explicitPort = fc.boolean();
const fragment = fc.constantFrom('', '#', '#top', '#?zzzzzzzzzz', '#/dir/ABCDEFGH');
const fileParams = fc
  .array(
    fc.oneof(
      fc.nat(9_999_999).map((n) => `af=${n}`),
      fc.constantFrom('lg=en', 'lg=fr', 'inline=1', 'e=1', 'af=3601079', ''),
    ),
    { maxLength: 4 },
  )
  .map((ps) => ps.map((p) => `&${p}`).join(''));

function authority(s: string, host: string, port: boolean): string {
  return `${s}://${host}${port ? (s === 'https' ? ':443' : ':80') : ''}`;
}

interface Case {
  plain: string;
  decorated: string;
  kind: Link['kind'];
  id: string;
}

const fileCase = fc
  .tuple(domain, fileId, scheme, www, trailingDot, explicitPort, fc.boolean(), fileParams, fragment)
  .chain(([d, id, s, w, dot, port, slash, params, frag]) =>
    fc.mixedCase(fc.constant(`${w}${d}${dot}`)).map((host): Case => ({
      plain: `https://${d}/?${id}`,
      decorated: `${authority(s, host, port)}${slash ? '/' : ''}?${id}${params}${frag}`,
      kind: 'file',
      id,
    })),
  );

const subdomainCase = fc
  .tuple(
    domain,
    subdomainId,
    scheme,
    trailingDot,
    explicitPort,
    fc.constantFrom('', '/', '/file.zip', '/?lg=en', '?x=1', '/a/b/c?af=1&lg=en'),
    fragment,
  )
  .chain(([d, id, s, dot, port, rest, frag]) =>
    fc.mixedCase(fc.constant(`${id}.${d}${dot}`)).map((host): Case => ({
      plain: `https://${d}/?${id}`,
      decorated: `${authority(s, host, port)}${rest}${frag}`,
      kind: 'file',
      id,
    })),
  );

const folderCase = fc
  .tuple(
    domain,
    folderId,
    scheme,
    www,
    trailingDot,
    explicitPort,
    fc.option(fc.string({ unit: chars(LOWER), minLength: 2, maxLength: 2 }), { nil: undefined }),
    fc.boolean(),
    fc.constantFrom('', '?json=1', '?lg=en', '?json=1&lg=fr', '?'),
    fragment,
  )
  .chain(([d, id, s, w, dot, port, lang, slash, query, frag]) =>
    fc.mixedCase(fc.constant(`${w}${d}${dot}`)).map((host): Case => ({
      plain: `https://${d}/dir/${id}`,
      decorated: `${authority(s, host, port)}${lang ? `/${lang}` : ''}/dir/${id}${slash ? '/' : ''}${query}${frag}`,
      kind: 'folder',
      id,
    })),
  );

const directCase = fc
  .tuple(
    directHost,
    token,
    scheme,
    trailingDot,
    explicitPort,
    fc.constantFrom('', '?inline=1', '?'),
    fragment,
  )
  .chain(([h, t, s, dot, port, query, frag]) =>
    fc.mixedCase(fc.constant(`${h}${dot}`)).map((host): Case => ({
      plain: `${s}://${h}/${t}`,
      decorated: `${authority(s, host, port)}/${t}${query}${frag}`,
      kind: 'direct',
      id: t,
    })),
  );

/** A spoiler that rewrites the host name of a URL (URL() ignores host names it cannot set). */
const spoilHost = (f: (h: string) => string) => (u: URL) => {
  u.hostname = f(u.hostname);
  return u.href;
};

describe('parseLink: properties of real links', () => {
  it('keeps kind, key and id across www., scheme, host case, port, parameters and fragments', () => {
    fc.assert(
      fc.property(fc.oneof(fileCase, subdomainCase, folderCase, directCase), (c) => {
        const plain = parseLink(c.plain);
        const decorated = parseLink(c.decorated);
        expect(plain?.kind, c.plain).toBe(c.kind);
        expect(decorated, c.decorated).toEqual(plain);
        const link = decorated!;
        // Idempotent canonical form.
        expect(link.canonical).toBe(c.plain);
        expect(parseLink(link.canonical)).toEqual(link);
        if (link.kind === 'direct') {
          expect(link.token).toBe(c.id);
        } else {
          expect(link.id).toBe(c.id);
          expect(link.key).toBe(link.kind === 'file' ? c.id.toLowerCase() : `dir:${c.id}`);
        }
      }),
      { seed: SEED + 2, numRuns: 20_000 },
    );
  });

  it('gives one key for one file id on every mirror, http or https, old or new form', () => {
    fc.assert(
      fc.property(subdomainId, domain, domain, scheme, (id, d1, d2, s) => {
        const a = parseLink(`${s}://${id}.${d1}/`);
        const b = parseLink(`https://www.${d2}/?${id.toUpperCase()}&af=1`);
        expect(a?.kind).toBe('file');
        expect(b?.kind).toBe('file');
        expect(a?.key).toBe(b?.key);
      }),
      { seed: SEED + 3, numRuns: 5_000 },
    );
  });

  it('rejects the same links on look-alike hosts, with credentials or with another port', () => {
    const spoil = fc.constantFrom(
      spoilHost((h) => `${h}.evil.net`),
      spoilHost((h) => `evil-${h}`),
      spoilHost((h) => `${h}-evil.net`),
      spoilHost((h) => h.replace(/\.[a-z]+$/, '.co')),
      spoilHost((h) => h.replace('i', '\u0456')), // Cyrillic і: URL() makes it an xn-- label
      (u: URL) => {
        u.username = 'user';
        return u.href;
      },
      (u: URL) => {
        u.username = 'user';
        u.password = 'pass';
        return u.href;
      },
      (u: URL) => {
        u.port = '8443';
        return u.href;
      },
      (u: URL) => u.href.replace(/^https?:/, 'ftp:'),
      (u: URL) => `javascript:${u.href}`,
    );
    fc.assert(
      fc.property(fc.oneof(fileCase, subdomainCase, folderCase, directCase), spoil, (c, change) => {
        const url = new URL(c.decorated);
        const before = url.href;
        const spoilt = change(url);
        fc.pre(spoilt !== before); // e.g. no `i` to replace, or a host URL() refused to set
        expect(parseLink(spoilt), spoilt).toBeUndefined();
      }),
      { seed: SEED + 4, numRuns: 10_000 },
    );
  });
});
