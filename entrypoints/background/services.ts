import { browser } from 'wxt/browser';
import { createAccountService } from '../../utils/account';
import { openAppDb, type AppDatabase } from '../../utils/db';
import { createOneFichierClient, type OneFichierClient } from '../../utils/onefichier/client';
import { createPacer } from '../../utils/onefichier/pacer';
import { createQueueEngine } from '../../utils/queue/engine';
import { enqueueLinks } from '../../utils/queue/enqueue-links';
import { createQueueExchange } from '../../utils/queue/exchange';
import { withPumpLock } from '../../utils/queue/pump-lock';
import { createQueueStore } from '../../utils/queue/store';
import { storage } from 'wxt/utils/storage';
import type { ToContent } from '../../utils/messaging/protocol';
import { createAria2Watch } from './aria2-watch';
import { createKeepAwake } from './keep-awake';
import { createNotifier } from './notify';
import { createCheckCache } from '../../utils/page-links/check-cache';
import { createLinkPush } from '../../utils/page-links/push';
import { createPageRegistry } from '../../utils/page-links/registry';
import { registrySlot } from '../../utils/page-links/registry-slot';
import { accountItem, breakerItem, currentSettings } from '../../utils/settings';
import { createAria2Access } from '../../utils/transfer/aria2/access';
import { patternCovers } from '../../utils/transfer/aria2/config';
import type { DownloadsApi } from '../../utils/transfer/downloads-api';
import { AUTO_LOCK_ALARM, createAutoLock } from '../../utils/vault/auto-lock';
import { jobPasswords } from '../../utils/vault/job-passwords';
import { createKeyVault } from '../../utils/vault/key-vault';
import { autoLockDeadline, sessionSlot, throttleSlot } from '../../utils/vault/storage-slots';

export const WAKE_ALARM = 'queue-wake';

/** Alarms fire no sooner than 30 s in Chrome; shorter waits are rounded up by the browser. */
function alarmAt(name: string, at: number): Promise<void> {
  return browser.alarms.create(name, { when: Math.max(at, Date.now() + 1_000) });
}

/** When the last 1Fichier call started or ended (the pacer's spacing across worker lives). */
const lastCallItem = storage.defineItem<number | null>('session:apiLastCall', { fallback: null });

/** When the last small file started (the optional start delay), kept across worker lives. */
const smallStartItem = storage.defineItem<number | null>('session:lastSmallStart', { fallback: null });

/**
 * The queue's wake-up: an alarm (survives the worker; Chrome rounds it up to 30 s) and, while the
 * worker lives, a timer for the exact time (a 2 s back-off should not wait 30 s).
 */
function createWaker(pump: () => Promise<void>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return async (at: number | undefined): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (at === undefined) {
      await browser.alarms.clear(WAKE_ALARM);
      return;
    }
    timer = setTimeout(() => void pump(), Math.max(0, at - Date.now()));
    await alarmAt(WAKE_ALARM, at);
  };
}

/** What tests may replace; production passes nothing. */
export interface ServiceOverrides {
  db?: AppDatabase;
  client?: OneFichierClient;
  downloads?: DownloadsApi;
  /** PBKDF2 iterations for new passphrase records. */
  kdfIterations?: number;
  /** The fetch aria2's JSON-RPC calls go through. */
  aria2Fetch?: typeof fetch;
  /** tabs.sendMessage to one frame (button states, pings). */
  sendToFrame?: (tabId: number, frameId: number, message: ToContent) => Promise<unknown>;
}

/** Builds the background's services once per worker life, with their dependencies injected. */
export async function buildServices(onChange: () => void, overrides: ServiceOverrides = {}) {
  const db = overrides.db ?? (await openAppDb());
  const store = createQueueStore(db);
  const notifier = createNotifier(store);
  const pacer = createPacer({
    // Read before every call, so a changed setting applies without a restart.
    minSpacingMs: async () => (await currentSettings()).apiSpacingMs,
    lastCall: {
      load: async () => (await lastCallItem.getValue()) ?? undefined,
      save: (at) => lastCallItem.setValue(at),
    },
    store: {
      load: async () => (await breakerItem.getValue()) ?? undefined,
      save: async (state) => {
        const prev = (await breakerItem.getValue()) ?? undefined;
        await breakerItem.setValue(state ?? null);
        await notifier.breakerChanged(prev, state).catch(() => undefined);
      },
    },
  });
  const client = overrides.client ?? createOneFichierClient({ pacer });
  const vault = createKeyVault({
    db,
    session: sessionSlot,
    throttle: throttleSlot,
    ...(overrides.kdfIterations ? { iterations: overrides.kdfIterations } : {}),
  });
  notifier.start();
  const sendToFrame =
    overrides.sendToFrame ??
    ((tabId: number, frameId: number, message: ToContent) =>
      browser.tabs.sendMessage(tabId, message, { frameId }));
  const pages = createPageRegistry(registrySlot);
  const linkPush = createLinkPush({
    registry: pages,
    jobs: () => store.all(),
    progress: () => engine.progress(),
    send: sendToFrame,
  });
  const checks = createCheckCache((links) => client.checkLinks(links));
  const passwords = jobPasswords(vault);
  const wake = createWaker(() => engine.pump());
  const aria2 = createAria2Access({
    url: async () => (await currentSettings()).aria2Url,
    secret: () => vault.getSecret('aria2Secret'),
    // What the browser lets the worker reach: the aria2 permission, or any other host access.
    allowed: async (url) =>
      ((await browser.permissions.getAll()).origins ?? []).some((p) => patternCovers(p, url)),
    ...(overrides.aria2Fetch ? { fetch: overrides.aria2Fetch } : {}),
  });
  const engine = createQueueEngine({
    store,
    client,
    publicFolder: (folder, pass) => client.publicFolder(folder, pass),
    downloads: overrides.downloads ?? (browser.downloads as unknown as DownloadsApi),
    aria2,
    getKey: async () => {
      const key = await vault.get();
      // The queue using the key counts as use: auto-lock waits.
      void autoLock.touch().catch(() => undefined);
      return key;
    },
    isLocked: async () => (await vault.lockState()).locked,
    getOptions: currentSettings,
    passwords,
    smallStarts: {
      get: async () => (await smallStartItem.getValue()) ?? undefined,
      set: (at) => smallStartItem.setValue(at),
    },
    scheduleWake: wake,
    keepAwake: createKeepAwake(() => browser.runtime.getPlatformInfo()),
    withLock: withPumpLock,
    // The pages (popup, options) and the buttons on web pages follow the queue; aria2 is followed
    // while one of its downloads runs.
    onChange: () => {
      onChange();
      linkPush.changed();
      followAria2();
    },
  });
  const aria2Watch = createAria2Watch({
    jobs: () => store.all(),
    url: async () => (await currentSettings()).aria2Url,
    poll: () => engine.pollAria2(),
    onEvent: (gid) => engine.onAria2Event(gid),
  });
  let following = false;
  function followAria2(): void {
    if (following) return;
    following = true;
    queueMicrotask(() => {
      following = false;
      void aria2Watch.watch().catch(() => undefined);
    });
  }
  const autoLock = createAutoLock({
    minutes: async () => (await currentSettings()).autoLockMinutes,
    unlocked: async () => {
      const state = await vault.lockState();
      return state.protection === 'passphrase' && !state.locked;
    },
    busy: () => engine.busy(),
    lock: async () => {
      await vault.lock();
      await engine.pump();
    },
    deadline: autoLockDeadline,
    alarm: {
      set: (at) => alarmAt(AUTO_LOCK_ALARM, at),
      clear: async () => {
        await browser.alarms.clear(AUTO_LOCK_ALARM);
      },
    },
  });
  const account = createAccountService({
    vault,
    client,
    cache: { get: () => accountItem.getValue(), set: (v) => accountItem.setValue(v) },
  });
  /** Queues raw links (files, and folders as packages) for any caller: messages and menus. */
  const queueLinks = (links: readonly string[], page: Parameters<typeof enqueueLinks>[1]) =>
    enqueueLinks(links, page, {
      publicFolder: (folder) => client.publicFolder(folder),
      enqueue: (items) => engine.enqueue(items),
    });
  const exchange = createQueueExchange({
    store,
    client,
    getKey: () => vault.get(),
    getOptions: currentSettings,
    passwords,
    queueLinks: (links) => queueLinks(links, undefined),
    enqueue: (items) => engine.enqueue(items),
  });
  return {
    db,
    client,
    queueLinks,
    exchange,
    store,
    engine,
    account,
    vault,
    autoLock,
    pages,
    linkPush,
    checks,
    sendToFrame,
    aria2,
    aria2Watch,
  };
}

export type Services = Awaited<ReturnType<typeof buildServices>>;
