/**
 * What the passphrase costs the user: one unlock (PBKDF2-SHA-256 at the product's iteration count,
 * then unwrapping the data key), in Node's WebCrypto through the product's own cipher module and in
 * the extension's service worker in Debian Chromium. Run alone:
 * `npx node --import ./test/support/resolve-ts.ts test/bench/vault.ts`.
 */
import { fileURLToPath } from 'node:url';
import {
  deriveKek,
  KDF_ITERATIONS,
  newKdfParams,
  open,
  randomBytes,
  seal,
} from '../../utils/vault/cipher.ts';
import { launchExtensionBrowser } from '../support/chromium.ts';

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function unlockCostNode(runs = 5): Promise<number> {
  const kdf = newKdfParams();
  const sealed = await seal(await deriveKek('correct horse battery', kdf), randomBytes(32), 'bench');
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await open(await deriveKek('correct horse battery', kdf), sealed, 'bench');
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function unlockCostChromium(runs = 5): Promise<number> {
  const ext = await launchExtensionBrowser({ resolverRules: 'MAP nothing.invalid ~NOTFOUND' });
  try {
    const sw = await ext.serviceWorker();
    const times = await sw.evaluate(
      async ({ iterations, runs: n }) => {
        const enc = new TextEncoder();
        const salt = crypto.getRandomValues(new Uint8Array(16));
        const out: number[] = [];
        for (let i = 0; i < n; i += 1) {
          const t0 = performance.now();
          const material = await crypto.subtle.importKey(
            'raw',
            enc.encode('correct horse battery'),
            'PBKDF2',
            false,
            ['deriveKey'],
          );
          await crypto.subtle.deriveKey(
            { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
            material,
            { name: 'AES-GCM', length: 256 },
            false,
            ['encrypt', 'decrypt'],
          );
          out.push(performance.now() - t0);
        }
        return out;
      },
      { iterations: KDF_ITERATIONS, runs },
    );
    return median(times);
  } finally {
    await ext.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(
    `PBKDF2-SHA-256 ${KDF_ITERATIONS} iterations + unwrap, Node: ${(await unlockCostNode()).toFixed(0)} ms`,
  );
  console.log(
    `PBKDF2-SHA-256 ${KDF_ITERATIONS} iterations, Chromium service worker: ${(await unlockCostChromium()).toFixed(0)} ms`,
  );
}
