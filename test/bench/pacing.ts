/**
 * The API pacer against the emulator with 1Fichier's published limits (3 calls/s per key and per
 * address, 1fichier-api.md §5.1): how close the achieved call rate comes to the configured one
 * without a single flood answer, and how long an injected flood lock keeps the client away.
 */
import { createOneFichierClient } from '../../utils/onefichier/client.ts';
import { AppError } from '../../utils/onefichier/errors.ts';
import { createPacer, type BreakerState } from '../../utils/onefichier/pacer.ts';
import { API_HOST, FILES, KEYS, startEmulator } from '../emulator/index.ts';
import { emulatorFetch } from '../support/emulator-fetch.ts';

export interface PacingResult {
  links: number;
  spacingMs: number;
  achievedPerSecond: number;
  configuredPerSecond: number;
  floodAnswers: number;
}

function makeClient(port: number, spacingMs: number) {
  let gate: BreakerState | undefined;
  const pacer = createPacer({
    minSpacingMs: spacingMs,
    store: { load: async () => gate, save: async (s) => void (gate = s) },
  });
  return createOneFichierClient({ pacer, fetch: emulatorFetch(port) });
}

/** Resolves `links` download links (get_token.cgi) through the pacer at its configured spacing. */
export async function pacingRun(links = 200, spacingMs = 1_000): Promise<PacingResult> {
  const emu = await startEmulator();
  try {
    const client = makeClient(emu.port, spacingMs);
    const files = [FILES.small, FILES.unicode, FILES.big, FILES.hostile];
    const started = performance.now();
    // All at once, as a full queue would ask: the pacer alone decides the rhythm.
    await Promise.all(
      Array.from({ length: links }, (_, i) => client.getToken(KEYS.premium, files[i % files.length]!.link)),
    );
    const seconds = (performance.now() - started) / 1_000;
    const api = emu.requests.filter((r) => r.host === API_HOST);
    return {
      links,
      spacingMs,
      // n calls make n − 1 gaps of at least `spacingMs`.
      achievedPerSecond: (api.length - 1) / seconds,
      configuredPerSecond: 1_000 / spacingMs,
      floodAnswers: api.filter((r) => r.flood).length,
    };
  } finally {
    await emu.close();
  }
}

/**
 * Time from an injected flood lock (1Fichier locks the address for `lockMs`) to the first
 * successful call, for a caller that keeps asking as the queue does: each refusal says when to come
 * back (`retryAt`), and the caller comes back then.
 */
export async function floodRecovery(
  lockMs = 10_000,
  spacingMs = 1_000,
): Promise<{ seconds: number; apiCallsDuringLock: number }> {
  const emu = await startEmulator();
  try {
    const client = makeClient(emu.port, spacingMs);
    const lock = emu.lockFlood(lockMs, 'ip');
    const started = performance.now();
    for (;;) {
      try {
        await client.getToken(KEYS.premium, FILES.small.link);
        break;
      } catch (err) {
        if (!(err instanceof AppError) || err.kind !== 'flood') throw err;
        const wait = Math.max(0, (err.retryAt ?? Date.now() + 1_000) - Date.now());
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    return {
      seconds: (performance.now() - started) / 1_000,
      apiCallsDuringLock: emu.apiCallsBetween(lock.from, lock.until).length,
    };
  } finally {
    await emu.close();
  }
}
