import type { AppDatabase } from '../db';
import type { UnlockThrottle } from './throttle';

/** The vault's public shapes and what it is built from (./key-vault.ts). */

export type Protection = 'device' | 'passphrase';

export interface VaultStatus {
  hasKey: boolean;
  protection: Protection;
  /** Passphrase mode without the unlocked data key: nothing can be decrypted. */
  locked: boolean;
  /** After wrong passphrases: no attempt is checked before this time. */
  unlockRetryAt?: number;
}

/** Where the unlocked data key lives: `storage.session` (memory, trusted contexts only). */
export interface SessionSlot {
  get(): Promise<string | null>;
  set(value: string): Promise<void>;
  clear(): Promise<void>;
}

export interface ThrottleSlot {
  get(): Promise<UnlockThrottle | null>;
  set(value: UnlockThrottle | null): Promise<void>;
}

export interface VaultDeps {
  db: AppDatabase;
  session: SessionSlot;
  throttle: ThrottleSlot;
  now?: () => number;
  /** PBKDF2 iterations for new records (tests lower it; records keep their own count). */
  iterations?: number;
}
