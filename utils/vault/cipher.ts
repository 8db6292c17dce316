/**
 * The vault's cryptography, on WebCrypto only (security-notes.md §1.3): AES-256-GCM with a fresh
 * 12-byte IV for every encryption and authenticated data naming the record, and PBKDF2-SHA-256 for
 * the passphrase. Nothing here stores anything.
 */

/** Key derivation parameters, stored with the wrapped key so they can be raised later. */
export interface KdfParams {
  algorithm: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
}

/** OWASP's current figure for PBKDF2-HMAC-SHA256 (security-notes.md §1.3). */
export const KDF_ITERATIONS = 600_000;
/** Records outside these bounds are refused: below is a downgrade, above would freeze the worker. */
export const KDF_MIN_ITERATIONS = 100_000;
export const KDF_MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const encoder = new TextEncoder();

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Fresh parameters for a new passphrase record. */
export function newKdfParams(iterations: number = KDF_ITERATIONS): KdfParams {
  return { algorithm: 'PBKDF2', hash: 'SHA-256', iterations, salt: randomBytes(SALT_BYTES) };
}

/** True when a stored record was made with weaker parameters than today's. */
export function kdfNeedsUpgrade(kdf: KdfParams, current: number = KDF_ITERATIONS): boolean {
  return kdf.iterations < current;
}

/** A stored record's parameters are usable (and not a downgrade or a trap). */
export function kdfIsSane(kdf: unknown): kdf is KdfParams {
  if (typeof kdf !== 'object' || kdf === null) return false;
  const k = kdf as Partial<KdfParams>;
  return (
    k.algorithm === 'PBKDF2' &&
    k.hash === 'SHA-256' &&
    Number.isInteger(k.iterations) &&
    (k.iterations ?? 0) >= KDF_MIN_ITERATIONS &&
    (k.iterations ?? 0) <= KDF_MAX_ITERATIONS &&
    k.salt instanceof Uint8Array &&
    k.salt.byteLength >= SALT_BYTES
  );
}

/**
 * The key-encryption key from a passphrase. The passphrase is NFC-normalised first, so the same
 * characters typed on another keyboard or system give the same key.
 */
export async function deriveKek(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, salt: kdf.salt, iterations: kdf.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A new random 256-bit AES-GCM key that can never be exported (device mode). */
export function newDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Raw data-key bytes as a usable, non-extractable AES-GCM key. */
export function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, aad: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
    key,
    plain,
  );
  return { iv, data };
}

/** Decrypts and authenticates; rejects (OperationError) on a wrong key or any tampering. */
export async function open(key: CryptoKey, sealed: Sealed, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(aad) },
    key,
    sealed.data,
  );
  return new Uint8Array(plain);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
  return out;
}
