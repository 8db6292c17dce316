import type { SecretName } from '../db';
import { AppError } from '../onefichier/errors';
import {
  deriveKek,
  fromBase64,
  importDataKey,
  KDF_ITERATIONS,
  kdfIsSane,
  kdfNeedsUpgrade,
  newDeviceKey,
  newKdfParams,
  open,
  randomBytes,
  seal,
  toBase64,
} from './cipher';
import {
  DATA_KEY_AAD,
  isSecret,
  openSecret,
  reseal,
  sealSecret,
  type PassphraseRecord,
  type SecretRecord,
} from './records';
import { checkNewPassphrase } from './rules';
import { afterFailure } from './throttle';
import type { Protection, VaultDeps, VaultStatus } from './types';

/**
 * The key vault (design.md, Security; SECURITY.md). Every secret is AES-256-GCM encrypted under one
 * data key.
 * - Default ("device") mode: the data key is a random non-extractable CryptoKey in the same
 *   IndexedDB — it keeps secrets out of storage.local/sync and casual reads, not away from someone
 *   who can read the profile.
 * - Passphrase mode: the data key is 32 random bytes wrapped under PBKDF2-SHA-256(passphrase); once
 *   unlocked, only `storage.session` holds it, until Lock, auto-lock or the browser closes.
 * Mode changes re-encrypt every secret in one IndexedDB transaction, so a crash leaves either the
 * old state or the new one. Mutations run one at a time.
 */
export function createKeyVault(deps: VaultDeps) {
  const { db, session, throttle } = deps;
  const now = deps.now ?? (() => Date.now());
  const iterations = deps.iterations ?? KDF_ITERATIONS;
  let chain: Promise<unknown> = Promise.resolve();

  /** Runs mutations one after another (the background is the only writer). */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  async function passphraseRecord(): Promise<PassphraseRecord | undefined> {
    const record = await db.get('vault', 'passphrase');
    return record && record.id === 'passphrase' ? (record as PassphraseRecord) : undefined;
  }

  async function secretRecords(): Promise<SecretRecord[]> {
    return (await db.getAll('vault')).filter(isSecret);
  }

  /** The key that encrypts secrets now; `locked` in passphrase mode without an unlocked copy. */
  async function dataKey(createDeviceKey: boolean): Promise<CryptoKey> {
    if (await passphraseRecord()) {
      const raw = await session.get();
      if (!raw) throw new AppError('locked');
      return importDataKey(fromBase64(raw));
    }
    const record = await db.get('vault', 'wrapKey');
    if (record && record.id === 'wrapKey') return record.key;
    if (!createDeviceKey) throw new AppError('vaultDamaged', { detail: 'no device key' });
    const key = await newDeviceKey();
    await db.put('vault', { id: 'wrapKey', key });
    return key;
  }

  async function wrap(raw: Uint8Array<ArrayBuffer>, passphrase: string): Promise<PassphraseRecord> {
    const kdf = newKdfParams(iterations);
    const sealed = await seal(await deriveKek(passphrase, kdf), raw, DATA_KEY_AAD);
    return { id: 'passphrase', kdf, iv: sealed.iv, wrapped: sealed.data, version: 1 };
  }

  /**
   * The raw data key for a passphrase, or `wrongPassphrase` with the time of the next allowed
   * attempt. While that time is ahead, attempts are refused unchecked (`unlockWait`).
   */
  async function openWithPassphrase(passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
    const record = await passphraseRecord();
    if (!record) throw new AppError('passphraseNotSet');
    if (!kdfIsSane(record.kdf)) throw new AppError('vaultDamaged', { detail: 'key derivation parameters' });
    const waiting = await throttle.get();
    if (waiting && waiting.until > now()) throw new AppError('unlockWait', { retryAt: waiting.until });
    try {
      const raw = await open(
        await deriveKek(passphrase, record.kdf),
        { iv: record.iv, data: record.wrapped },
        DATA_KEY_AAD,
      );
      if (waiting) await throttle.set(null);
      return raw;
    } catch {
      const next = afterFailure(waiting, now());
      await throttle.set(next);
      throw new AppError('wrongPassphrase', { retryAt: next.until });
    }
  }

  const vault = {
    /** The mode and whether it is locked: two reads, for the callers asked on every pump. */
    async lockState(): Promise<{ protection: Protection; locked: boolean }> {
      if (!(await passphraseRecord())) return { protection: 'device', locked: false };
      return { protection: 'passphrase', locked: !(await session.get()) };
    },

    async status(): Promise<VaultStatus> {
      const [state, apiKey, waiting] = await Promise.all([
        vault.lockState(),
        db.get('vault', 'apiKey'),
        throttle.get(),
      ]);
      const status: VaultStatus = { hasKey: apiKey !== undefined, ...state };
      if (state.protection === 'passphrase' && waiting && waiting.until > now()) {
        status.unlockRetryAt = waiting.until;
      }
      return status;
    },

    /** A secret, or undefined when none is stored; `locked` when it exists but cannot be read now. */
    async getSecret(name: SecretName): Promise<string | undefined> {
      const record = await db.get('vault', name);
      if (!record || !isSecret(record)) return undefined;
      return openSecret(await dataKey(false), record);
    },

    setSecret(name: SecretName, value: string): Promise<void> {
      return exclusive(async () => {
        await db.put('vault', await sealSecret(await dataKey(true), name, value));
      });
    },

    /** Whether a secret is stored (readable or not: no need to unlock to know). */
    async hasSecret(name: SecretName): Promise<boolean> {
      return (await db.get('vault', name)) !== undefined;
    },

    deleteSecret(name: SecretName): Promise<void> {
      return exclusive(() => db.delete('vault', name));
    },

    /** Encrypts and stores the API key (replacing any previous one). */
    save(apiKey: string): Promise<void> {
      return vault.setSecret('apiKey', apiKey);
    },
    /** The decrypted API key, or undefined when none is stored. Background only. */
    get(): Promise<string | undefined> {
      return vault.getSecret('apiKey');
    },
    async has(): Promise<boolean> {
      return (await db.get('vault', 'apiKey')) !== undefined;
    },

    /** Turns passphrase mode on: a new data key re-encrypts every secret; the vault stays unlocked. */
    setPassphrase(passphrase: string): Promise<void> {
      return exclusive(async () => {
        checkNewPassphrase(passphrase);
        if (await passphraseRecord()) throw new AppError('passphraseAlreadySet');
        const records = await secretRecords();
        const raw = randomBytes(32);
        const resealed = records.length
          ? await reseal(await dataKey(false), await importDataKey(raw), records)
          : [];
        const record = await wrap(raw, passphrase);
        // The unlocked copy first: a reader between the commit and this write would otherwise see
        // passphrase mode without it and report `locked`. Until the commit it is simply unused.
        await session.set(toBase64(raw));
        const tx = db.transaction('vault', 'readwrite');
        await Promise.all([
          tx.store.put(record),
          ...resealed.map((r) => tx.store.put(r)),
          tx.store.delete('wrapKey'),
          tx.done,
        ]).catch(async (err: unknown) => {
          await session.clear();
          throw err;
        });
      });
    },

    /** Same data key under a new passphrase (the current one is checked first). */
    changePassphrase(current: string, next: string): Promise<void> {
      return exclusive(async () => {
        checkNewPassphrase(next);
        const raw = await openWithPassphrase(current);
        await db.put('vault', await wrap(raw, next));
        await session.set(toBase64(raw));
      });
    },

    /** Back to the default mode: secrets re-encrypted under a new device key; nothing left to unlock. */
    removePassphrase(current: string): Promise<void> {
      return exclusive(async () => {
        const raw = await openWithPassphrase(current);
        const deviceKey = await newDeviceKey();
        const resealed = await reseal(await importDataKey(raw), deviceKey, await secretRecords());
        const tx = db.transaction('vault', 'readwrite');
        await Promise.all([
          tx.store.put({ id: 'wrapKey', key: deviceKey }),
          ...resealed.map((r) => tx.store.put(r)),
          tx.store.delete('passphrase'),
          tx.done,
        ]);
        await session.clear();
      });
    },

    /**
     * Unlocks passphrase mode. A record made with weaker parameters than today's is re-wrapped with
     * the current ones (same data key, new salt and IV).
     */
    unlock(passphrase: string): Promise<void> {
      return exclusive(async () => {
        const raw = await openWithPassphrase(passphrase);
        await session.set(toBase64(raw));
        const record = await passphraseRecord();
        if (record && kdfNeedsUpgrade(record.kdf, iterations))
          await db.put('vault', await wrap(raw, passphrase));
      });
    },

    /** Forgets the unlocked data key (passphrase mode); harmless otherwise. */
    lock(): Promise<void> {
      return exclusive(() => session.clear());
    },

    /** Erases every vault record, the unlocked copy and the wrong-passphrase counter. */
    forget(): Promise<void> {
      return exclusive(async () => {
        await db.clear('vault');
        await session.clear();
        await throttle.set(null);
      });
    },
  };
  return vault;
}

export type KeyVault = ReturnType<typeof createKeyVault>;
