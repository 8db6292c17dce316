import { AppError } from '../onefichier/errors';

/** Plausible 1Fichier key: 32 of `A-Z a-z 0-9 - _ =` (1fichier-api.md §1.2). */
export const API_KEY_RE = /^[A-Za-z0-9\-_=]{32}$/;

/** Shortest passphrase accepted, in characters. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Refuses a new passphrase that is too short (`weakPassphrase`). */
export function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new AppError('weakPassphrase');
}
