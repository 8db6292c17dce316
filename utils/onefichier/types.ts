/** What the product needs from 1Fichier's answers (1fichier-api.md §3.1, §3.2, §3.15). */

export type AccountKind = 'free' | 'premium' | 'access' | 'gold' | 'unknown';

export interface AccountInfo {
  kind: AccountKind;
  email?: string;
  /** `YYYY-MM-DD HH:MM:SS`, French time, as 1Fichier sends it. */
  subscriptionEnd?: string;
  /** CDN credits in GB. */
  cdnGb?: number;
}

export interface FileInfo {
  url: string;
  name: string;
  size: number;
  contentType?: string;
  checksum?: string;
  passwordProtected: boolean;
}

export interface TokenOptions {
  pass?: string;
  /** Ask for an http:// direct link (user setting). */
  noSsl?: boolean;
}
