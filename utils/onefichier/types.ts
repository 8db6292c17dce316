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
  /** Spend the account's CDN credits (only when the user turned that on, §6.9). */
  cdn?: boolean;
}

/** A file of the user's own account, from `file/ls.cgi` or `folder/ls.cgi` with `files: 1` (§3.3). */
export interface AccountFile {
  url: string;
  /** De-duplication key (the file id, lower-cased). */
  key: string;
  name: string;
  size: number;
  date?: string;
  checksum?: string;
  contentType?: string;
  passwordProtected: boolean;
  /** The file has an access-control list. */
  restricted: boolean;
  cdn: boolean;
}

/** A sub-folder of one of the user's folders (§3.4). */
export interface AccountSubFolder {
  id: number;
  name: string;
  passwordProtected: boolean;
  createdAt?: string;
}

/** One of the user's folders, from `folder/ls.cgi` (§3.4). */
export interface AccountFolder {
  id: number;
  name: string;
  createdAt?: string;
  passwordProtected: boolean;
  subFolders: AccountSubFolder[];
  /** Only when the files were asked for. */
  files?: AccountFile[];
  /** Items dropped because a field was unusable. */
  skipped: number;
}

/** The files of one folder (or of the whole account, `folder_id: -1`), from `file/ls.cgi`. */
export interface AccountFileList {
  files: AccountFile[];
  skipped: number;
}
