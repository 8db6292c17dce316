import { AppError } from './onefichier/errors';
import type { OneFichierClient } from './onefichier/client';
import type { AccountInfo } from './onefichier/types';
import type { KeyStatus } from './messaging/protocol';
import type { KeyVault } from './vault/key-vault';
import { API_KEY_RE } from './vault/rules';

export interface AccountCacheStore {
  get(): Promise<{ info: AccountInfo; checkedAt: number } | null>;
  set(value: { info: AccountInfo; checkedAt: number } | null): Promise<void>;
}

/** user/info.cgi answers are reused for this long (1Fichier floods more frequent calls). */
export const USER_INFO_TTL_MS = 5 * 60_000;

/** Checks a key's shape before anything is sent (1fichier-api.md §1.2). */
export function checkKeyInput(raw: string): string {
  const key = raw.trim();
  if (key === '') throw new AppError('emptyKey');
  if (!API_KEY_RE.test(key)) throw new AppError('malformedKey');
  return key;
}

/**
 * Saving, checking and forgetting the API key. A key is stored only after 1Fichier accepted it
 * (user/info.cgi) and only for a paying account; the answer is cached, since 1Fichier allows that
 * call about once per 5 minutes.
 */
export function createAccountService(deps: {
  vault: KeyVault;
  client: OneFichierClient;
  cache: AccountCacheStore;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const service = {
    async save(raw: string): Promise<KeyStatus> {
      const key = checkKeyInput(raw);
      // A locked vault cannot encrypt: say so before spending a user/info call.
      if ((await deps.vault.lockState()).locked) throw new AppError('locked');
      const cached = await deps.cache.get();
      if (cached && now() - cached.checkedAt < USER_INFO_TTL_MS && (await deps.vault.get()) === key) {
        return service.status();
      }
      const info = await deps.client.userInfo(key);
      if (info.kind === 'free') throw new AppError('freeAccount');
      await deps.vault.save(key);
      const checkedAt = now();
      await deps.cache.set({ info, checkedAt });
      return service.status();
    },
    async status(): Promise<KeyStatus> {
      const vault = await deps.vault.status();
      const cached = vault.hasKey ? await deps.cache.get() : null;
      return cached ? { ...vault, account: cached.info, checkedAt: cached.checkedAt } : vault;
    },
    async forget(): Promise<KeyStatus> {
      await deps.vault.forget();
      await deps.cache.set(null);
      return service.status();
    },
  };
  return service;
}

export type AccountService = ReturnType<typeof createAccountService>;
