import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Job } from './queue/job';
import type { KdfParams } from './vault/cipher';

/** One IndexedDB for the extension: the queue (the truth, design.md principle 2) and the vault. */
export interface AppDB extends DBSchema {
  jobs: {
    key: string;
    value: Job;
    indexes: { byFileKey: string; byDownloadId: number; byOrder: number };
  };
  vault: {
    key: string;
    value: VaultRecord;
  };
}

/** Names of the secrets kept in the vault: the API key, the aria2 secret, remembered passwords. */
export type SecretName = 'apiKey' | 'aria2Secret' | `password:${string}`;

/**
 * Vault records (utils/vault). Exactly one of `wrapKey` (default mode: a non-extractable key) or
 * `passphrase` (the data key wrapped under a passphrase-derived key) exists while secrets exist.
 */
export type VaultRecord =
  | { id: 'wrapKey'; key: CryptoKey }
  | { id: 'passphrase'; kdf: KdfParams; iv: Uint8Array<ArrayBuffer>; wrapped: ArrayBuffer; version: 1 }
  | { id: SecretName; iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer; version: 1 };

export const DB_NAME = 'downloader-for-1fichier';
export const DB_VERSION = 1;

export type AppDatabase = IDBPDatabase<AppDB>;

/** Opens (and creates or upgrades, one numbered step per version) the extension's database. */
export function openAppDb(name: string = DB_NAME): Promise<AppDatabase> {
  return openDB<AppDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byFileKey', 'fileKey');
        jobs.createIndex('byDownloadId', 'downloadId');
        jobs.createIndex('byOrder', 'order');
        db.createObjectStore('vault', { keyPath: 'id' });
      }
    },
  });
}
