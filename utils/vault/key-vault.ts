import type { AppDatabase } from '../db';

/** Binds the ciphertext to its purpose, so a record cannot be swapped for another one. */
const AAD = new TextEncoder().encode('downloader-for-1fichier/api-key/v1');

export interface KeyVault {
  /** Encrypts and stores the API key (replacing any previous one). */
  save(apiKey: string): Promise<void>;
  /** The decrypted key, or undefined when none is stored. Background only. */
  get(): Promise<string | undefined>;
  has(): Promise<boolean>;
  /** Erases the key and its wrapping key. */
  forget(): Promise<void>;
}

/**
 * Default vault mode (design.md, Security): the API key is encrypted with AES-256-GCM under a random
 * NON-extractable CryptoKey kept in the extension's IndexedDB. Nothing key-related ever goes to
 * storage.local/sync. This protects against casual reads of the profile's files and against the key
 * leaking through sync or exports; it does not protect against someone who can run code in this
 * profile — the passphrase mode (issue 4) covers more.
 */
export function createKeyVault(db: AppDatabase, subtle: SubtleCrypto = crypto.subtle): KeyVault {
  async function wrapKey(create: boolean): Promise<CryptoKey | undefined> {
    const record = await db.get('vault', 'wrapKey');
    if (record && record.id === 'wrapKey') return record.key;
    if (!create) return undefined;
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await db.put('vault', { id: 'wrapKey', key });
    return key;
  }

  return {
    async save(apiKey) {
      const key = await wrapKey(true);
      if (!key) throw new Error('vault key unavailable');
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: AAD },
        key,
        new TextEncoder().encode(apiKey),
      );
      await db.put('vault', { id: 'apiKey', iv, data, version: 1 });
    },
    async get() {
      const record = await db.get('vault', 'apiKey');
      if (!record || record.id !== 'apiKey') return undefined;
      const key = await wrapKey(false);
      if (!key) return undefined;
      const plain = await subtle.decrypt(
        { name: 'AES-GCM', iv: record.iv, additionalData: AAD },
        key,
        record.data,
      );
      return new TextDecoder().decode(plain);
    },
    async has() {
      return (await db.get('vault', 'apiKey')) !== undefined;
    },
    async forget() {
      const tx = db.transaction('vault', 'readwrite');
      await Promise.all([tx.store.delete('apiKey'), tx.store.delete('wrapKey'), tx.done]);
    },
  };
}

/** Plausible 1Fichier key: 32 of `A-Z a-z 0-9 - _ =` (1fichier-api.md §1.2). */
export const API_KEY_RE = /^[A-Za-z0-9\-_=]{32}$/;
