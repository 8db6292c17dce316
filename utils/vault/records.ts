import type { SecretName, VaultRecord } from '../db';
import { AppError } from '../onefichier/errors';
import { open, seal } from './cipher';

/** How vault records are sealed and opened: one secret per record, bound to its name. */

export type SecretRecord = Extract<VaultRecord, { data: ArrayBuffer }>;
export type PassphraseRecord = Extract<VaultRecord, { id: 'passphrase' }>;

/** Authenticated data of the wrapped data key. */
export const DATA_KEY_AAD = 'downloader-for-1fichier/data-key/v1';

/** Authenticated data binds each ciphertext to its record: records cannot be swapped. */
function aadFor(name: SecretName): string {
  return name === 'apiKey'
    ? 'downloader-for-1fichier/api-key/v1'
    : `downloader-for-1fichier/secret/${name}/v1`;
}

export function isSecret(record: VaultRecord): record is SecretRecord {
  return 'data' in record;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function sealSecret(key: CryptoKey, id: SecretName, value: string): Promise<SecretRecord> {
  const sealed = await seal(key, encoder.encode(value), aadFor(id));
  return { id, ...sealed, version: 1 };
}

/** The secret's text; `vaultDamaged` when the record was altered, moved, or sealed under another key. */
export async function openSecret(key: CryptoKey, record: SecretRecord): Promise<string> {
  try {
    return decoder.decode(await open(key, record, aadFor(record.id)));
  } catch (cause) {
    throw new AppError('vaultDamaged', { detail: record.id, cause });
  }
}

/** Every record re-sealed under `to` (a mode change); nothing is written here. */
export async function reseal(
  from: CryptoKey,
  to: CryptoKey,
  records: readonly SecretRecord[],
): Promise<SecretRecord[]> {
  const out: SecretRecord[] = [];
  for (const record of records) out.push(await sealSecret(to, record.id, await openSecret(from, record)));
  return out;
}
