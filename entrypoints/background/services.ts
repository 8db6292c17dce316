import { browser } from 'wxt/browser';
import { createAccountService } from '../../utils/account';
import { openAppDb } from '../../utils/db';
import { createOneFichierClient } from '../../utils/onefichier/client';
import { createPacer } from '../../utils/onefichier/pacer';
import { createQueueEngine } from '../../utils/queue/engine';
import { createQueueStore } from '../../utils/queue/store';
import { accountItem, breakerItem, currentSettings } from '../../utils/settings';
import type { DownloadsApi } from '../../utils/transfer/downloads-api';
import { createKeyVault } from '../../utils/vault/key-vault';

export const WAKE_ALARM = 'queue-wake';

/** Builds the background's services once per worker life, with their dependencies injected. */
export async function buildServices(onChange: () => void) {
  const db = await openAppDb();
  const pacer = createPacer({
    // Read before every call, so a changed setting applies without a restart.
    minSpacingMs: async () => (await currentSettings()).apiSpacingMs,
    store: {
      load: async () => (await breakerItem.getValue()) ?? undefined,
      save: (state) => breakerItem.setValue(state ?? null),
    },
  });
  const client = createOneFichierClient({ pacer });
  const vault = createKeyVault(db);
  const store = createQueueStore(db);
  const engine = createQueueEngine({
    store,
    client,
    downloads: browser.downloads as unknown as DownloadsApi,
    getKey: () => vault.get(),
    getOptions: currentSettings,
    scheduleWake: async (at) => {
      if (at === undefined) await browser.alarms.clear(WAKE_ALARM);
      // Alarms fire no sooner than 30 s in Chrome; shorter waits are rounded up by the browser.
      else await browser.alarms.create(WAKE_ALARM, { when: Math.max(at, Date.now() + 1_000) });
    },
    onChange,
  });
  const account = createAccountService({
    vault,
    client,
    cache: { get: () => accountItem.getValue(), set: (v) => accountItem.setValue(v) },
  });
  return { db, store, engine, account };
}

export type Services = Awaited<ReturnType<typeof buildServices>>;
