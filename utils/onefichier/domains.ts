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

const DOMAIN_SET = new Set(ONEFICHIER_DOMAINS);

/** The 1Fichier domain of a host name (`www.` allowed), or undefined for any other host. */
export function onefichierDomain(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  return DOMAIN_SET.has(bare) ? bare : undefined;
}
