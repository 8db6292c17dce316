/**
 * Seeded moments at which a fault scenario strikes, defined by what the emulator sees rather than
 * by elapsed time (no sleeps): "while the next API call is in flight", "as the 2nd transfer from
 * now starts", "as the next transfer delivers its last byte".
 */
import { mulberry32 } from './prng.ts';
import type { Emulator, TransferEvent } from '../emulator/index.ts';

export type MomentKind = 'apiInFlight' | 'transferStart' | 'transferEnd';

export interface Moment {
  kind: MomentKind;
  /** Matching events to let pass before striking (0 = the next one). */
  skip: number;
}

const KINDS: readonly MomentKind[] = ['apiInFlight', 'transferStart', 'transferEnd'];

/** `count` moments from `seed`, each of a random kind, each skipping 0–`maxSkip` events. */
export function seededMoments(seed: number, count: number, maxSkip = 1): Moment[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => ({
    kind: KINDS[Math.floor(random() * KINDS.length)]!,
    skip: Math.floor(random() * (maxSkip + 1)),
  }));
}

/** A seeded integer in [min, max]. */
export function seededInt(seed: number, min: number, max: number): number {
  return min + Math.floor(mulberry32(seed)() * (max - min + 1));
}

/**
 * Resolves when the `n`-th matching event from now has been emitted; rejects after `timeoutMs`
 * (the moment never came: the queue probably finished first).
 */
export function nthEvent(
  emu: Emulator,
  what: 'api' | TransferEvent['kind'],
  n: number,
  timeoutMs: number,
): Promise<void> {
  if (n <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let seen = 0;
    const hit = (): void => {
      seen += 1;
      if (seen < n) return;
      off();
      clearTimeout(timer);
      resolve();
    };
    const off =
      what === 'api'
        ? emu.on('api', hit)
        : emu.on('transfer', (ev) => {
            // A transfer "end" is the delivery of the file's last byte, not a ranged piece.
            if (ev.kind === what && (what !== 'complete' || ev.full)) hit();
          });
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${n}× '${what}' event within ${timeoutMs} ms (${seen} seen)`));
    }, timeoutMs);
  });
}

/**
 * Waits for `moment`, then runs `strike` at it. For `apiInFlight` every API call is held from
 * the chosen one until `strike` is done, so the strike lands while that call is unanswered.
 */
export async function strikeAt(
  emu: Emulator,
  moment: Moment,
  strike: () => Promise<void>,
  timeoutMs: number,
): Promise<void> {
  if (moment.kind === 'apiInFlight') {
    await nthEvent(emu, 'api', moment.skip, timeoutMs);
    const hold = emu.holdApi();
    try {
      let timer: NodeJS.Timeout | undefined;
      const arrived = await Promise.race([
        hold.arrived.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!arrived) throw new Error(`no API call within ${timeoutMs} ms to strike during`);
      await strike();
    } finally {
      hold.release();
    }
    return;
  }
  await nthEvent(emu, moment.kind === 'transferStart' ? 'start' : 'complete', moment.skip + 1, timeoutMs);
  await strike();
}
