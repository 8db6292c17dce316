import type { SessionSlot, ThrottleSlot } from '../../utils/vault/types';
import type { UnlockThrottle } from '../../utils/vault/throttle';

/**
 * In-memory stand-ins for the vault's storage.session and storage.local slots. `session.wipe()`
 * is what a browser restart does to storage.session.
 */
export function memorySlots(): {
  session: SessionSlot & { wipe(): void; peek(): string | null };
  throttle: ThrottleSlot & { peek(): UnlockThrottle | null };
} {
  let dataKey: string | null = null;
  let waiting: UnlockThrottle | null = null;
  return {
    session: {
      get: async () => dataKey,
      set: async (v) => {
        dataKey = v;
      },
      clear: async () => {
        dataKey = null;
      },
      wipe: () => {
        dataKey = null;
      },
      peek: () => dataKey,
    },
    throttle: {
      get: async () => waiting,
      set: async (v) => {
        waiting = v;
      },
      peek: () => waiting,
    },
  };
}
