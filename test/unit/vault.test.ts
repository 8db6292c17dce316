import { describe, it, expect, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openAppDb, type AppDatabase, type VaultRecord } from '../../utils/db';
import { createKeyVault, type KeyVault } from '../../utils/vault/key-vault';
import { API_KEY_RE } from '../../utils/vault/rules';
import { memorySlots } from '../fakes/vault-slots.ts';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz01234=';
const OTHER = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-';

/** Every string a stored value could reveal: strings, and byte buffers read as text. */
function textsIn(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (value === null || value === undefined) return out;
  if (typeof value === 'string') {
    out.push(value);
    return out;
  }
  if (typeof value !== 'object') {
    out.push(String(value));
    return out;
  }
  if (seen.has(value)) return out;
  seen.add(value);
  let bytes: Uint8Array | undefined;
  if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
  else if (ArrayBuffer.isView(value))
    bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (bytes) {
    out.push(new TextDecoder('utf-8').decode(bytes));
    out.push(Buffer.from(bytes).toString('latin1'));
    out.push(Buffer.from(bytes).toString('base64'));
    out.push(Buffer.from(bytes).toString('hex'));
    return out;
  }
  for (const key of Object.keys(value)) {
    out.push(key);
    textsIn((value as Record<string, unknown>)[key], out, seen);
  }
  return out;
}

describe('key vault, default (device) mode', () => {
  let db: AppDatabase;
  let vault: KeyVault;

  beforeEach(async () => {
    fakeBrowser.reset();
    db = await openAppDb();
    vault = createKeyVault({ db, ...memorySlots() });
  });

  const records = () => db.getAll('vault');
  const apiKeyRecord = async () =>
    (await db.get('vault', 'apiKey')) as Extract<VaultRecord, { data: ArrayBuffer }>;

  it('the test key is a plausible 1Fichier key', () => {
    expect(KEY).toMatch(API_KEY_RE);
    expect(OTHER).toMatch(API_KEY_RE);
  });

  it('returns undefined and has() false when nothing is stored', async () => {
    expect(await vault.get()).toBeUndefined();
    expect(await vault.has()).toBe(false);
  });

  it('round-trips a key', async () => {
    await vault.save(KEY);
    expect(await vault.has()).toBe(true);
    expect(await vault.get()).toBe(KEY);
  });

  it('a second save replaces the key', async () => {
    await vault.save(KEY);
    await vault.save(OTHER);
    expect(await vault.get()).toBe(OTHER);
  });

  it('a vault built again on the same database (a restarted worker) reads the key', async () => {
    await vault.save(KEY);
    const again = createKeyVault({ db: await openAppDb(), ...memorySlots() });
    expect(await again.get()).toBe(KEY);
  });

  it('never stores the key in clear, in any form', async () => {
    await vault.save(KEY);
    const stored = await records();
    expect(stored.map((r) => r.id).toSorted()).toEqual(['apiKey', 'wrapKey']);
    const texts = textsIn(stored);
    expect(texts.length).toBeGreaterThan(0);
    const b64 = Buffer.from(KEY).toString('base64');
    const hex = Buffer.from(KEY).toString('hex');
    for (const t of texts) {
      expect(t).not.toContain(KEY);
      expect(t).not.toContain(KEY.slice(0, 16));
      expect(t).not.toContain(b64);
      expect(t).not.toContain(hex);
    }
  });

  it('keeps the wrapping key non-extractable', async () => {
    await vault.save(KEY);
    const wrap = await db.get('vault', 'wrapKey');
    expect(wrap?.id).toBe('wrapKey');
    const key = (wrap as Extract<VaultRecord, { id: 'wrapKey' }>).key;
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('writes nothing to storage.local or storage.sync', async () => {
    await vault.save(KEY);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('uses a fresh 12-byte IV on every save', async () => {
    await vault.save(KEY);
    const first = await apiKeyRecord();
    await vault.save(KEY);
    const second = await apiKeyRecord();
    expect(first.iv.byteLength).toBe(12);
    expect(second.iv.byteLength).toBe(12);
    expect(Buffer.from(second.iv).equals(Buffer.from(first.iv))).toBe(false);
    expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(false);
  });

  it('rejects a tampered ciphertext', async () => {
    await vault.save(KEY);
    const record = await apiKeyRecord();
    const data = new Uint8Array(record.data.slice(0));
    data[0] = data[0]! ^ 0x01;
    await db.put('vault', { ...record, data: data.buffer });
    await expect(vault.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
  });

  it('rejects a tampered authentication tag', async () => {
    await vault.save(KEY);
    const record = await apiKeyRecord();
    const data = new Uint8Array(record.data.slice(0));
    data[data.length - 1] = data[data.length - 1]! ^ 0x80;
    await db.put('vault', { ...record, data: data.buffer });
    await expect(vault.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
  });

  it('rejects a tampered IV', async () => {
    await vault.save(KEY);
    const record = await apiKeyRecord();
    const iv = new Uint8Array(record.iv);
    iv[11] = iv[11]! ^ 0xff;
    await db.put('vault', { ...record, iv });
    await expect(vault.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
  });

  it('rejects a ciphertext moved from another vault (other wrapping key)', async () => {
    await vault.save(KEY);
    const record = await apiKeyRecord();
    const otherDb = await openAppDb('other-profile');
    const other = createKeyVault({ db: otherDb, ...memorySlots() });
    await other.save(OTHER);
    await otherDb.put('vault', record);
    await expect(other.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
  });

  it('forget() removes both records', async () => {
    await vault.save(KEY);
    await vault.forget();
    expect(await records()).toEqual([]);
    expect(await vault.has()).toBe(false);
    expect(await vault.get()).toBeUndefined();
  });

  it('forget() with nothing stored is harmless, and a later save uses a new wrapping key', async () => {
    await vault.forget();
    await vault.save(KEY);
    const old = await apiKeyRecord();
    await vault.forget();
    await vault.save(OTHER);
    expect(await vault.get()).toBe(OTHER);
    // The old ciphertext cannot be opened any more: the wrapping key it needed is gone.
    await db.put('vault', old);
    await expect(vault.get()).rejects.toMatchObject({ kind: 'vaultDamaged' });
  });
});
