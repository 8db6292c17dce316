import { describe, it, expect, beforeEach } from 'vitest';
import {
  checkKeyInput,
  createAccountService,
  USER_INFO_TTL_MS,
  type AccountCacheStore,
} from '../../utils/account';
import { openAppDb } from '../../utils/db';
import { AppError, type ErrorKind } from '../../utils/onefichier/errors';
import type { AccountInfo } from '../../utils/onefichier/types';
import { createKeyVault, type KeyVault } from '../../utils/vault/key-vault';
import { memorySlots } from '../fakes/vault-slots.ts';
import { createFakeClient, type FakeClient } from '../fakes/client';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const KEY2 = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa-_=987';

function kindOf(fn: () => unknown): ErrorKind | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.kind : undefined;
  }
  return undefined;
}

async function rejectionKind(promise: Promise<unknown>): Promise<ErrorKind | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    if (err instanceof AppError) return err.kind;
    throw err;
  }
}

describe('checkKeyInput', () => {
  it.each<[string, string, ErrorKind]>([
    ['empty', '', 'emptyKey'],
    ['spaces', '   ', 'emptyKey'],
    ['tabs and new lines', '\t\n ', 'emptyKey'],
    ['31 chars', KEY.slice(1), 'malformedKey'],
    ['33 chars', `${KEY}a`, 'malformedKey'],
    ['a plus', `${KEY.slice(1)}+`, 'malformedKey'],
    ['a slash', `${KEY.slice(1)}/`, 'malformedKey'],
    ['an inner space', `${KEY.slice(0, 16)} ${KEY.slice(17)}`, 'malformedKey'],
    ['a non-ASCII letter', `${KEY.slice(1)}é`, 'malformedKey'],
    ['a zero-width space', `${KEY.slice(1)}\u200b`, 'malformedKey'],
    ['a quoted key', `"${KEY.slice(2)}"`, 'malformedKey'],
    ['Bearer prefix', `Bearer ${KEY}`, 'malformedKey'],
  ])('%s → %s', (_what, raw, kind) => {
    expect(kindOf(() => checkKeyInput(raw))).toBe(kind);
  });

  it.each([KEY, KEY2, `  ${KEY}  `, `\n${KEY}\t`])('accepts and trims %j', (raw) => {
    expect(checkKeyInput(raw)).toBe(raw.trim());
  });
});

describe('account service', () => {
  let vault: KeyVault;
  let client: FakeClient;
  let cached: { info: AccountInfo; checkedAt: number } | null;
  let cacheWrites: ({ info: AccountInfo; checkedAt: number } | null)[];
  let t: number;
  let service: ReturnType<typeof createAccountService>;

  beforeEach(async () => {
    vault = createKeyVault({ db: await openAppDb(), ...memorySlots() });
    client = createFakeClient();
    cached = null;
    cacheWrites = [];
    t = 1_700_000_000_000;
    const cache: AccountCacheStore = {
      get: async () => cached,
      set: async (v) => {
        cacheWrites.push(v);
        cached = v;
      },
    };
    service = createAccountService({ vault, client, cache, now: () => t });
  });

  const premium: AccountInfo = {
    kind: 'premium',
    email: 'user@example.com',
    subscriptionEnd: '2027-01-31 23:59:59',
  };

  it('stores a Premium key, caches the answer and reports it', async () => {
    client.on('userInfo', premium);
    const status = await service.save(`  ${KEY} `);
    expect(status).toEqual({
      protection: 'device',
      locked: false,
      hasKey: true,
      account: premium,
      checkedAt: t,
    });
    expect(client.callsOf('userInfo')).toEqual([[KEY]]);
    expect(await vault.get()).toBe(KEY);
    expect(cached).toEqual({ info: premium, checkedAt: t });
    expect(await service.status()).toEqual({
      protection: 'device',
      locked: false,
      hasKey: true,
      account: premium,
      checkedAt: t,
    });
  });

  it.each<AccountInfo['kind']>(['access', 'gold'])('stores a %s key', async (kind) => {
    client.on('userInfo', { kind });
    await service.save(KEY);
    expect(await vault.get()).toBe(KEY);
  });

  it('refuses a free account: freeAccount, nothing stored or cached', async () => {
    client.on('userInfo', { kind: 'free', email: 'free@example.com' });
    expect(await rejectionKind(service.save(KEY))).toBe('freeAccount');
    expect(await vault.has()).toBe(false);
    expect(cacheWrites).toEqual([]);
    expect(await service.status()).toEqual({ hasKey: false, protection: 'device', locked: false });
  });

  it.each<ErrorKind>(['invalidKey', 'flood', 'network'])(
    'lets a %s error through, nothing stored',
    async (kind) => {
      client.on('userInfo', new AppError(kind, { retryAt: kind === 'flood' ? t + 30_000 : undefined }));
      await expect(service.save(KEY)).rejects.toMatchObject({ kind });
      expect(await vault.has()).toBe(false);
      expect(cacheWrites).toEqual([]);
    },
  );

  it('a rejected new key leaves the stored key in place', async () => {
    await service.save(KEY);
    client.on('userInfo', new AppError('invalidKey'));
    expect(await rejectionKind(service.save(KEY2))).toBe('invalidKey');
    expect(await vault.get()).toBe(KEY);
  });

  it.each<[string, string, ErrorKind]>([
    ['an empty key', ' ', 'emptyKey'],
    ['a malformed key', 'short', 'malformedKey'],
  ])('checks %s before calling 1Fichier', async (_what, raw, kind) => {
    expect(await rejectionKind(service.save(raw))).toBe(kind);
    expect(client.calls).toEqual([]);
  });

  it('does not call user/info again for the same key within 5 minutes', async () => {
    await service.save(KEY);
    t += USER_INFO_TTL_MS - 1;
    const again = await service.save(KEY);
    expect(client.callsOf('userInfo')).toHaveLength(1);
    expect(again).toEqual({
      protection: 'device',
      locked: false,
      hasKey: true,
      account: cached!.info,
      checkedAt: t - (USER_INFO_TTL_MS - 1),
    });
    expect(USER_INFO_TTL_MS).toBe(5 * 60_000);
  });

  it('asks again after 5 minutes', async () => {
    await service.save(KEY);
    t += USER_INFO_TTL_MS;
    await service.save(KEY);
    expect(client.callsOf('userInfo')).toHaveLength(2);
  });

  it('asks again for a different key within 5 minutes', async () => {
    await service.save(KEY);
    t += 1_000;
    await service.save(KEY2);
    expect(client.callsOf('userInfo')).toEqual([[KEY], [KEY2]]);
    expect(await vault.get()).toBe(KEY2);
  });

  it('forget clears the vault and the cache', async () => {
    await service.save(KEY);
    expect(await service.forget()).toEqual({ hasKey: false, protection: 'device', locked: false });
    expect(await vault.has()).toBe(false);
    expect(await vault.get()).toBeUndefined();
    expect(cached).toBeNull();
    expect(await service.status()).toEqual({ hasKey: false, protection: 'device', locked: false });
  });

  it('after forget, saving the same key asks 1Fichier again', async () => {
    await service.save(KEY);
    await service.forget();
    await service.save(KEY);
    expect(client.callsOf('userInfo')).toHaveLength(2);
  });
});
