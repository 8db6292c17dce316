/**
 * 1Fichier's file-hosting domains: the official table of api.html (1fichier-api.md §9.2) plus
 * `desfichiers.net`, which JDownloader still sees in the wild. Uploaders may pin one domain as the
 * only valid one for their files, so links keep the domain they were found with.
 */
export const ONEFICHIER_DOMAINS: readonly string[] = [
  '1fichier.com',
  'alterupload.com',
  'cjoint.net',
  'desfichiers.com',
  'desfichiers.net',
  'dfichiers.com',
  'megadl.fr',
  'mesfichiers.org',
  'piecejointe.net',
  'pjointe.com',
  'tenvoi.com',
  'dl4free.com',
];

/** The only domain that serves direct-download (CDN) links (§1.1, §6.1). */
export const ONEFICHIER_DIRECT_DOMAIN = '1fichier.com';

const DOMAIN_SET: ReadonlySet<string> = new Set(ONEFICHIER_DOMAINS);

/** A host name lower-cased and without its trailing dot (`1Fichier.COM.` → `1fichier.com`). */
export function normalizeHostname(hostname: string): string {
  const host = hostname.toLowerCase();
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** The 1Fichier domain of a host name (`www.` allowed), or undefined for any other host. */
export function onefichierDomain(hostname: string): string | undefined {
  const host = normalizeHostname(hostname);
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  return DOMAIN_SET.has(bare) ? bare : undefined;
}

// Direct-download nodes `a-N` / `o-N` (N seen 1…37; 1–3 digits allowed), on 1fichier.com only.
const DIRECT_HOST_RE = /^[ao]-\d{1,3}\.1fichier\.com$/;

/** The normalised host of a direct-download node (`a-6.1fichier.com`), or undefined. */
export function onefichierDirectHost(hostname: string): string | undefined {
  const host = normalizeHostname(hostname);
  return DIRECT_HOST_RE.test(host) ? host : undefined;
}

/**
 * Sub-domain names, once trailing digits are removed, that are (or plausibly are) services rather
 * than the file id of an old `http://<id>.<domain>/` link: the ones of the reference (§1.1: `www`,
 * `api`, `img`, `up2`, `a-N`/`o-N` — the latter already excluded by their `-`; `example` and
 * `download` from fixtures) and usual service names. A real id that happens to be one of these words
 * is sacrificed: a false "file" button on a service host is worse than a missed obsolete link.
 */
const SERVICE_WORDS: ReadonlySet<string> = new Set([
  'www',
  'api',
  'img',
  'up',
  'upload',
  'uploads',
  'download',
  'downloads',
  'dl',
  'cdn',
  'ftp',
  'static',
  'assets',
  'images',
  'files',
  'media',
  'example',
  'console',
  'admin',
  'account',
  'login',
  'secure',
  'premium',
  'forum',
  'blog',
  'docs',
  'help',
  'support',
  'status',
  'mail',
  'webmail',
  'smtp',
  'imap',
  'pop',
  'ns',
  'mx',
  'test',
  'dev',
  'beta',
  'staging',
  'mirror',
  'proxy',
  'server',
  'stream',
  'share',
]);

// Old-form file id: 5–20 alphanumerics (§9.1, JD 2019 `[a-z0-9]{5,20}\.(domains)`); host names
// reach us lower-cased, so lower case only.
const SUBDOMAIN_ID_RE = /^[a-z0-9]{5,20}$/;

/**
 * The file id of an old sub-domain link's host (`pzjcjv2sq9.1fichier.com` → `pzjcjv2sq9`) with the
 * domain it is on, or undefined when the host is not `<id>.<domain>` or the label is a service
 * sub-domain (see SERVICE_WORDS; anything with `-`, shorter than 5 or longer than 20 chars).
 */
export function onefichierSubdomainId(hostname: string): { id: string; domain: string } | undefined {
  const host = normalizeHostname(hostname);
  const dot = host.indexOf('.');
  if (dot < 0) return undefined;
  const label = host.slice(0, dot);
  const domain = host.slice(dot + 1);
  if (!DOMAIN_SET.has(domain) || !SUBDOMAIN_ID_RE.test(label)) return undefined;
  if (SERVICE_WORDS.has(label.replace(/\d+$/, ''))) return undefined;
  return { id: label, domain };
}
