/**
 * Generated fixture files for bulk runs (fault injection, benchmarks): `bulkFiles(n, size, seed)`
 * gives n distinct files with their own ids, names and sizes, all derived from the seed, and
 * registers them so the emulator serves them exactly like {@link FILES} (file/info.cgi,
 * get_token.cgi, the CDN, file pages, check_links.pl). Content is the same keystream as every
 * fixture (content.ts), so `fileBytes`/`fileSha256` work on them too.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mulberry32 } from '../support/prng.ts';
import { fileBytes, fileSha256, registerFiles } from './fixtures.ts';
import type { FixtureFile } from './fixtures.ts';

/** A generated file, with the sha256 of its content for verification on disk. */
export interface BulkFile extends FixtureFile {
  sha256: string;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const whirlpoolCache = new Map<string, string>();

/** 20 lower-case alphanumerics from sha256(`bulk:<seed>:<index>`) (the shape of real ids, §9.1). */
function bulkId(seed: number, index: number): string {
  const digest = createHash('sha256').update(`bulk:${seed}:${index}`).digest();
  let id = '';
  for (let i = 0; i < 20; i += 1) id += ID_ALPHABET[digest[i]! % ID_ALPHABET.length];
  return id;
}

/**
 * Whirlpool of a file's content (file/info.cgi's `checksum`, §6.7). Node has no Whirlpool, so
 * Debian's openssl computes it, as it did for the fixed fixtures.
 */
export function whirlpool(id: string, size: number): string {
  const cacheKey = `${id}:${size}`;
  const cached = whirlpoolCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const out = spawnSync('openssl', ['dgst', '-whirlpool', '-provider', 'legacy', '-r'], {
    input: size === 0 ? Buffer.alloc(0) : fileBytes(id, size),
    encoding: 'utf8',
  });
  const hex = /^([0-9a-f]{128})\b/.exec(out.stdout ?? '')?.[1];
  if (out.status !== 0 || hex === undefined) {
    throw new Error(`openssl could not compute a Whirlpool digest: ${out.stderr || String(out.error)}`);
  }
  whirlpoolCache.set(cacheKey, hex);
  return hex;
}

/**
 * `n` generated files named `bulk-<seed>-001.bin`…, of `size` bytes, or of a seeded size in
 * [min, max] when `size` is a pair. The same arguments always give the same files, registered
 * with every emulator of this process.
 */
export function bulkFiles(n: number, size: number | readonly [number, number], seed = 1): BulkFile[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad file count ${n}`);
  const [min, max] = typeof size === 'number' ? [size, size] : size;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new RangeError(`bad size ${JSON.stringify(size)}`);
  }
  const random = mulberry32(seed);
  const files: BulkFile[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = bulkId(seed, i);
    const bytes = min + Math.floor(random() * (max - min + 1));
    files.push({
      id,
      name: `bulk-${seed}-${String(i + 1).padStart(3, '0')}.bin`,
      size: bytes,
      date: '2025-08-01 12:00:00',
      contentType: 'application/octet-stream',
      checksum: whirlpool(id, bytes),
      link: `https://1fichier.com/?${id}`,
      sha256: fileSha256(id, bytes),
    });
  }
  registerFiles(files);
  return files;
}
