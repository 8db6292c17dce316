import { storage } from 'wxt/utils/storage';
import type { SessionSlot, ThrottleSlot } from './types';
import type { UnlockThrottle } from './throttle';

/**
 * Where the vault keeps its two small pieces of state outside IndexedDB:
 * - the unlocked data key, in `storage.session` only: memory, cleared when the browser closes, and
 *   readable by trusted extension contexts only (never content scripts — the background also sets
 *   that access level explicitly at start);
 * - the wrong-passphrase counter, in `storage.local`: not a secret, and it must survive restarts.
 */
const dataKeyItem = storage.defineItem<string | null>('session:vaultDataKey', { fallback: null });

const throttleItem = storage.defineItem<UnlockThrottle | null>('local:unlockThrottle', {
  fallback: null,
  version: 1,
});

export const sessionSlot: SessionSlot = {
  get: () => dataKeyItem.getValue(),
  set: (value) => dataKeyItem.setValue(value),
  clear: () => dataKeyItem.removeValue(),
};

export const throttleSlot: ThrottleSlot = {
  get: () => throttleItem.getValue(),
  set: (value) => (value ? throttleItem.setValue(value) : throttleItem.removeValue()),
};

const autoLockItem = storage.defineItem<number | null>('session:autoLockAt', { fallback: null });

/** The auto-lock deadline (epoch ms), in storage.session like the unlocked key it guards. */
export const autoLockDeadline = {
  get: () => autoLockItem.getValue(),
  set: (at: number | null) => (at === null ? autoLockItem.removeValue() : autoLockItem.setValue(at)),
};
