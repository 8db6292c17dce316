/**
 * Deterministic fixture file contents.
 *
 * The bytes of a file are the AES-128-CTR keystream for key = sha256(id)[0..16) and a counter that
 * starts at 0, i.e. byte `o` lives in counter block `floor(o / 16)`. Any range is therefore computable
 * without generating its prefix (needed for `Range` requests on the CDN, 1fichier-api.md §6.6), and
 * OpenSSL's AES is fast enough to stream 64 MiB in well under a second.
 */
import { createCipheriv, createHash } from 'node:crypto';
import type { Cipher } from 'node:crypto';
import type { Writable } from 'node:stream';

/** Chunk size used when streaming to the network. */
export const CHUNK_SIZE = 64 * 1024;

const AES_BLOCK = 16;
const HASH_CHUNK = 1024 * 1024;
const ZEROS = Buffer.alloc(HASH_CHUNK);
const sha256Cache = new Map<string, string>();

/** A keystream positioned at byte `start` of file `id`. */
function keystreamAt(id: string, start: number): Cipher {
  const key = createHash('sha256').update(id).digest().subarray(0, 16);
  const iv = Buffer.alloc(AES_BLOCK);
  iv.writeBigUInt64BE(BigInt(Math.floor(start / AES_BLOCK)), 8);
  const cipher = createCipheriv('aes-128-ctr', key, iv);
  const skip = start % AES_BLOCK;
  if (skip > 0) cipher.update(ZEROS.subarray(0, skip));
  return cipher;
}

/** Next `length` keystream bytes (encrypting zeros yields the keystream itself). */
function take(cipher: Cipher, length: number): Buffer {
  if (length <= ZEROS.length) return cipher.update(ZEROS.subarray(0, length));
  return cipher.update(Buffer.alloc(length));
}

/**
 * Bytes `start..end` (inclusive) of the fixture file `id` of `size` bytes.
 * @throws RangeError when the range is outside the file.
 */
export function fileBytes(id: string, size: number, start = 0, end = size - 1): Buffer {
  if (start < 0 || end >= size || !Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`range ${start}-${end} outside a file of ${size} bytes`);
  }
  if (end < start) return Buffer.alloc(0);
  return take(keystreamAt(id, start), end - start + 1);
}

/** Hex sha256 of the whole content of file `id` (computed once per id/size, streamed in 1 MiB steps). */
export function fileSha256(id: string, size: number): string {
  const cacheKey = `${id}:${size}`;
  const cached = sha256Cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const hash = createHash('sha256');
  const cipher = keystreamAt(id, 0);
  for (let done = 0; done < size; done += HASH_CHUNK) {
    hash.update(take(cipher, Math.min(HASH_CHUNK, size - done)));
  }
  const hex = hash.digest('hex');
  sha256Cache.set(cacheKey, hex);
  return hex;
}

/** Options of {@link writeFileRange}. */
export interface WriteRangeOptions {
  /** Pace the writes to at most this many bytes per second (real time). */
  bytesPerSecond?: number;
  /** Stop after this many bytes (used by the `cdnDrop` fault and the CDN drop rate). */
  limit?: number;
  /** Told the size of every chunk handed to `dest` (transfer accounting). */
  onBytes?: (bytes: number) => void;
}

/** Resolves on 'drain', or on 'close'/'error' (then the caller sees `dest.destroyed`). */
function waitWritable(dest: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      dest.off('drain', done);
      dest.off('close', done);
      dest.off('error', done);
      resolve();
    };
    dest.on('drain', done);
    dest.on('close', done);
    dest.on('error', done);
  });
}

/** Resolves once `chunk` has been handed to the OS (or the stream died). */
function writeFlushed(dest: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const onClose = (): void => resolve();
    dest.once('close', onClose);
    dest.write(chunk, () => {
      dest.off('close', onClose);
      resolve();
    });
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams bytes `start..end` (inclusive) of file `id` into `dest` in 64 KiB chunks, honouring
 * backpressure. Does not end `dest`. Resolves `true` when every requested byte (or `limit` bytes)
 * was written and flushed, `false` when `dest` was destroyed first (client went away, emulator closed).
 */
export async function writeFileRange(
  dest: Writable,
  id: string,
  start: number,
  end: number,
  opts: WriteRangeOptions = {},
): Promise<boolean> {
  const total = Math.min(end - start + 1, opts.limit ?? Number.POSITIVE_INFINITY);
  const rate = opts.bytesPerSecond;
  // With a speed cap, use ~20 chunks per second so the pacing stays smooth.
  const chunkSize = rate ? Math.max(1, Math.min(CHUNK_SIZE, Math.floor(rate / 20))) : CHUNK_SIZE;
  const cipher = keystreamAt(id, start);
  const t0 = Date.now();
  let sent = 0;
  while (sent < total) {
    if (dest.destroyed) return false;
    const chunk = take(cipher, Math.min(chunkSize, total - sent));
    sent += chunk.length;
    opts.onBytes?.(chunk.length);
    if (sent === total) {
      await writeFlushed(dest, chunk);
      return !dest.destroyed;
    }
    if (!dest.write(chunk)) await waitWritable(dest);
    if (rate) {
      const wait = t0 + (sent / rate) * 1000 - Date.now();
      if (wait > 0) await delay(wait);
    }
  }
  return !dest.destroyed;
}
