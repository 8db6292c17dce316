import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openAppDb, type AppDatabase, type VaultRecord } from '../../utils/db';
import { KDF_ITERATIONS, KDF_MIN_ITERATIONS } from '../../utils/vault/cipher';
import { createKeyVault, type KeyVault } from '../../utils/vault/key-vault';
import { sessionSlot, throttleSlot } from '../../utils/vault/storage-slots';
import { MAX_UNLOCK_DELAY_MS, unlockDelayMs } from '../../utils/vault/throttle';
import { memorySlots } from '../fakes/vault-slots.ts';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz01234=';
const PASS = 'correct horse battery';
const OTHER_PASS = 'another long passphrase';

type PassRecord = Extract<VaultRecord, { id: 'passphrase' }>;
type SecretRecord = Extract<VaultRecord, { data: ArrayBuffer }>;

/** Every byte buffer and string of the stored records, as text in several encodings. */
function dump(records: unknown): string {
  return JSON.stringify(records, (_k, v: unknown) => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const b = Buffer.from(v instanceof ArrayBuffer ? v : v.buffer);
      return [b.toString('utf8'), b.toString('latin1'), b.toString('base64'), b.toString('hex')].join('|');
    }
    return v;
  });
}

describe('key vault, passphrase mode', () => {
  let db: AppDatabase;
  let slots: ReturnType<typeof memorySlots>;
  let clock: number;
  let vault: KeyVault;
  /** A vault as a restarted worker builds it (same database and slots). */
  const again = (iterations = KDF_MIN_ITERATIONS) =>
    createKeyVault({ db, ...slots, now: () => clock, iterations });

  beforeEach(async () => {
    fakeBrowser.reset();
    db = await openAppDb();
    slots = memorySlots();
    clock = 1_800_000_000_000;
    // The lowest accepted count keeps the suite fast; one test below uses the real default.
    vault = again();
  });

  const passRecord = async () => (await db.get('vault', 'passphrase')) as PassRecord | undefined;
  const secret = async (id: string) => (await db.get('vault', id)) as SecretRecord | undefined;

  it('set: the key stays readable, the data key is wrapped, the device key is gone', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    expect(await vault.get()).toBe(KEY);
    expect(await vault.status()).toEqual({ hasKey: true, protection: 'passphrase', locked: false });
    const ids = (await db.getAll('vault')).map((r) => r.id).toSorted();
    expect(ids).toEqual(['apiKey', 'passphrase']);
    const text = dump(await db.getAll('vault'));
    for (const secretText of [KEY, KEY.slice(0, 12), PASS, Buffer.from(KEY).toString('base64')]) {
      expect(text).not.toContain(secretText);
    }
    // The session holds the data key, never the API key or the passphrase.
    expect(slots.session.peek()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(slots.session.peek()).not.toContain(KEY);
  });

  it('stores PBKDF2-SHA-256 with 600,000 iterations, a 16-byte salt and a 12-byte IV by default', async () => {
    const real = createKeyVault({ db, ...slots });
    await real.save(KEY);
    await real.setPassphrase(PASS);
    const record = await passRecord();
    expect(record?.kdf).toMatchObject({ algorithm: 'PBKDF2', hash: 'SHA-256', iterations: KDF_ITERATIONS });
    expect(KDF_ITERATIONS).toBe(600_000);
    expect(record?.kdf.salt.byteLength).toBe(16);
    expect(record?.iv.byteLength).toBe(12);
    // 32-byte data key + 16-byte GCM tag.
    expect(record?.wrapped.byteLength).toBe(48);
    await real.lock();
    await real.unlock(PASS);
    expect(await real.get()).toBe(KEY);
  });

  it('locked: nothing can be decrypted until unlock; the key is still known to exist', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    await vault.lock();
    expect(slots.session.peek()).toBeNull();
    expect(await vault.status()).toEqual({ hasKey: true, protection: 'passphrase', locked: true });
    expect(await vault.has()).toBe(true);
    await expect(vault.get()).rejects.toMatchObject({ kind: 'locked' });
    await expect(vault.setSecret('aria2Secret', 'x')).rejects.toMatchObject({ kind: 'locked' });
    // A secret that does not exist is simply absent, locked or not.
    expect(await vault.getSecret('password:nope')).toBeUndefined();
    await vault.unlock(PASS);
    expect(await vault.get()).toBe(KEY);
  });

  it('a browser restart (storage.session emptied) leaves a restarted worker locked', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    slots.session.wipe();
    const restarted = again();
    expect((await restarted.status()).locked).toBe(true);
    await expect(restarted.get()).rejects.toMatchObject({ kind: 'locked' });
    await restarted.unlock(PASS);
    expect(await restarted.get()).toBe(KEY);
  });

  it('a wrong passphrase: a clear error, a growing wait, the right one works once the wait is over', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    await vault.lock();
    await expect(vault.unlock('wrong passphrase')).rejects.toMatchObject({
      kind: 'wrongPassphrase',
      retryAt: clock + 1_000,
    });
    expect((await vault.status()).unlockRetryAt).toBe(clock + 1_000);
    // During the wait even the right passphrase is not checked.
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'unlockWait', retryAt: clock + 1_000 });
    clock += 1_000;
    await expect(vault.unlock('wrong again')).rejects.toMatchObject({ retryAt: clock + 2_000 });
    clock += 2_000;
    await expect(vault.unlock('and again')).rejects.toMatchObject({ retryAt: clock + 4_000 });
    // The counter survives a restarted worker.
    const restarted = again();
    await expect(restarted.unlock(PASS)).rejects.toMatchObject({ kind: 'unlockWait' });
    clock += 4_000;
    await restarted.unlock(PASS);
    expect(await restarted.get()).toBe(KEY);
    expect(slots.throttle.peek()).toBeNull();
    expect((await restarted.status()).unlockRetryAt).toBeUndefined();
  });

  it('the wait doubles from 1 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 50].map(unlockDelayMs)).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      256_000,
      MAX_UNLOCK_DELAY_MS,
      MAX_UNLOCK_DELAY_MS,
    ]);
    expect(unlockDelayMs(0)).toBe(0);
    expect(MAX_UNLOCK_DELAY_MS).toBe(300_000);
  });

  it('a tampered wrapped key or salt reads as a wrong passphrase; the key never comes out', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    await vault.lock();
    const record = (await passRecord())!;
    const wrapped = new Uint8Array(record.wrapped.slice(0));
    wrapped[3] = wrapped[3]! ^ 0x10;
    await db.put('vault', { ...record, wrapped: wrapped.buffer });
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'wrongPassphrase' });
    clock += 10_000;
    const salt = new Uint8Array(record.kdf.salt);
    salt[0] = salt[0]! ^ 0x01;
    await db.put('vault', { ...record, kdf: { ...record.kdf, salt } });
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'wrongPassphrase' });
    clock += 10_000;
    await db.put('vault', record);
    await vault.unlock(PASS);
    expect(await vault.get()).toBe(KEY);
  });

  it('a tampered or swapped secret record is reported as damaged, not returned', async () => {
    await vault.save(KEY);
    await vault.setSecret('aria2Secret', 'aria2-token');
    await vault.setPassphrase(PASS);
    const apiKey = (await secret('apiKey'))!;
    const data = new Uint8Array(apiKey.data.slice(0));
    data[5] = data[5]! ^ 0x01;
    await db.put('vault', { ...apiKey, data: data.buffer });
    await expect(vault.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
    // The aria2 secret's ciphertext put under the API key's name: authenticated data refuses it.
    const aria2 = (await secret('aria2Secret'))!;
    await db.put('vault', { ...aria2, id: 'apiKey' });
    await expect(vault.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
    expect(await vault.getSecret('aria2Secret')).toBe('aria2-token');
  });

  it('refuses a record whose parameters were lowered (a downgrade) or made absurd', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    await vault.lock();
    const record = (await passRecord())!;
    for (const kdf of [
      { ...record.kdf, iterations: 1_000 },
      { ...record.kdf, iterations: 1e12 },
      { ...record.kdf, hash: 'SHA-1' },
      { ...record.kdf, salt: new Uint8Array(4) },
    ]) {
      await db.put('vault', { ...record, kdf } as PassRecord);
      await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'vaultDamaged' });
    }
  });

  it('an older record is re-wrapped with the current parameters at unlock (same data key)', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    const before = (await passRecord())!;
    const apiBefore = (await secret('apiKey'))!;
    expect(before.kdf.iterations).toBe(KDF_MIN_ITERATIONS);
    await vault.lock();
    // A newer version of the extension asks for more iterations.
    const upgraded = again(KDF_MIN_ITERATIONS * 2);
    await upgraded.unlock(PASS);
    const after = (await passRecord())!;
    expect(after.kdf.iterations).toBe(KDF_MIN_ITERATIONS * 2);
    expect(Buffer.from(after.kdf.salt).equals(Buffer.from(before.kdf.salt))).toBe(false);
    expect(Buffer.from(after.iv).equals(Buffer.from(before.iv))).toBe(false);
    // Secrets were not re-encrypted: the data key is the same.
    expect(Buffer.from((await secret('apiKey'))!.data).equals(Buffer.from(apiBefore.data))).toBe(true);
    await upgraded.lock();
    await upgraded.unlock(PASS);
    expect(await upgraded.get()).toBe(KEY);
    // A record already at the current count is left alone.
    const same = (await passRecord())!;
    await upgraded.lock();
    await upgraded.unlock(PASS);
    expect(Buffer.from((await passRecord())!.iv).equals(Buffer.from(same.iv))).toBe(true);
  });

  it('change: needs the current passphrase; afterwards only the new one unlocks', async () => {
    await vault.save(KEY);
    await vault.setPassphrase(PASS);
    await expect(vault.changePassphrase('not it at all', OTHER_PASS)).rejects.toMatchObject({
      kind: 'wrongPassphrase',
    });
    clock += 1_000;
    await expect(vault.changePassphrase(PASS, 'short')).rejects.toMatchObject({ kind: 'weakPassphrase' });
    await vault.changePassphrase(PASS, OTHER_PASS);
    expect(await vault.get()).toBe(KEY);
    await vault.lock();
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'wrongPassphrase' });
    clock += 1_000;
    await vault.unlock(OTHER_PASS);
    expect(await vault.get()).toBe(KEY);
  });

  it('remove: needs the current passphrase; back to the default mode with every secret kept', async () => {
    await vault.save(KEY);
    await vault.setSecret('password:job-1', 'file password');
    await vault.setPassphrase(PASS);
    await expect(vault.removePassphrase('nope nope nope')).rejects.toMatchObject({ kind: 'wrongPassphrase' });
    expect((await vault.status()).protection).toBe('passphrase');
    clock += 1_000;
    await vault.removePassphrase(PASS);
    expect(await vault.status()).toEqual({ hasKey: true, protection: 'device', locked: false });
    expect((await db.getAll('vault')).map((r) => r.id).toSorted()).toEqual([
      'apiKey',
      'password:job-1',
      'wrapKey',
    ]);
    expect(slots.session.peek()).toBeNull();
    const restarted = again();
    expect(await restarted.get()).toBe(KEY);
    expect(await restarted.getSecret('password:job-1')).toBe('file password');
  });

  it('set: refuses a second passphrase and a short one; counts characters, not bytes', async () => {
    await expect(vault.setPassphrase('1234567')).rejects.toMatchObject({ kind: 'weakPassphrase' });
    await expect(vault.setPassphrase('🔑🔑🔑🔑🔑🔑🔑')).rejects.toMatchObject({ kind: 'weakPassphrase' });
    await vault.setPassphrase('🔑🔑🔑🔑🔑🔑🔑🔑');
    await expect(vault.setPassphrase(PASS)).rejects.toMatchObject({ kind: 'passphraseAlreadySet' });
    await expect(again().unlock(PASS)).rejects.toMatchObject({ kind: 'wrongPassphrase' });
  });

  it('a passphrase typed in another Unicode form (NFC vs NFD) unlocks', async () => {
    const nfc = 'mot de passe été'.normalize('NFC');
    await vault.save(KEY);
    await vault.setPassphrase(nfc);
    await vault.lock();
    await vault.unlock(nfc.normalize('NFD'));
    expect(await vault.get()).toBe(KEY);
  });

  it('unlock and lock without a passphrase: passphraseNotSet; lock is harmless', async () => {
    await vault.save(KEY);
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'passphraseNotSet' });
    await expect(vault.removePassphrase(PASS)).rejects.toMatchObject({ kind: 'passphraseNotSet' });
    await vault.lock();
    expect(await vault.get()).toBe(KEY);
  });

  it('a passphrase can be set before any key; a key saved later is encrypted under it', async () => {
    await vault.setPassphrase(PASS);
    await vault.save(KEY);
    await vault.lock();
    await expect(vault.get()).rejects.toMatchObject({ kind: 'locked' });
    await vault.unlock(PASS);
    expect(await vault.get()).toBe(KEY);
  });

  it('Forget key erases everything: records, unlocked copy, wrong-passphrase counter', async () => {
    await vault.save(KEY);
    await vault.setSecret('aria2Secret', 'a');
    await vault.setPassphrase(PASS);
    await vault.lock();
    await expect(vault.unlock('wrong wrong')).rejects.toMatchObject({ kind: 'wrongPassphrase' });
    await vault.forget();
    expect(await db.getAll('vault')).toEqual([]);
    expect(slots.session.peek()).toBeNull();
    expect(slots.throttle.peek()).toBeNull();
    expect(await vault.status()).toEqual({ hasKey: false, protection: 'device', locked: false });
    await vault.save(KEY);
    expect(await vault.get()).toBe(KEY);
  });

  it('mutations run one at a time: a save racing a mode change is never lost', async () => {
    await vault.save('x'.repeat(32));
    await Promise.all([vault.setPassphrase(PASS), vault.save(KEY), vault.setSecret('aria2Secret', 's')]);
    expect(await vault.get()).toBe(KEY);
    await vault.lock();
    await vault.unlock(PASS);
    expect(await vault.get()).toBe(KEY);
    expect(await vault.getSecret('aria2Secret')).toBe('s');
  });

  it('with the real slots: the unlocked data key goes to storage.session only; storage.local gets no secret', async () => {
    const real = createKeyVault({
      db,
      session: sessionSlot,
      throttle: throttleSlot,
      iterations: KDF_MIN_ITERATIONS,
    });
    await real.save(KEY);
    await real.setPassphrase(PASS);
    const session = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(session)).toEqual(['vaultDataKey']);
    await real.lock();
    await expect(real.unlock('wrong wrong')).rejects.toMatchObject({ kind: 'wrongPassphrase' });
    const local = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(local).filter((k) => !k.endsWith('$'))).toEqual(['unlockThrottle']);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    const everything = JSON.stringify([local, await fakeBrowser.storage.sync.get(null)]);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(PASS);
  });
});
