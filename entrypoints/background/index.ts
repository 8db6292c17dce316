import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ARIA2_POLL_ALARM } from './aria2-watch';
import { createMenus, onMenuClicked } from './context-menus';
import { createLiveHub } from './live';
import { handleMessage } from './messages';
import { createEventGate } from '../../utils/queue/event-gate';
import { settingsItem } from '../../utils/settings';
import type { DownloadDeltaLike } from '../../utils/transfer/downloads-api';
import { AUTO_LOCK_ALARM } from '../../utils/vault/auto-lock';
import { buildServices, WAKE_ALARM, type Services } from './services';

export default defineBackground(() => {
  // Every listener is registered synchronously, before any await, so events that wake the
  // worker are never missed; each handler waits for the services (the store) to be ready.
  // `live` is read only when the services report a change, which is after they were built.
  const services: Promise<Services> = buildServices(() => live.changed());
  const live = createLiveHub(services);
  // Download events that wake the worker are held until the store is loaded and reconciled.
  const downloadEvents = createEventGate<DownloadDeltaLike>();

  browser.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    void handleMessage(msg, sender, services).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => live.onConnect(port));
  browser.downloads.onChanged.addListener((delta) => downloadEvents.push(delta));
  // A changed setting (parallel downloads, start delay…) applies at once.
  settingsItem.watch(() => void services.then((s) => s.engine.pump()));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void services.then((s) => onMenuClicked(s, info, tab?.id));
  });
  browser.runtime.onInstalled.addListener(() => void createMenus().catch(() => undefined));
  browser.runtime.onStartup.addListener(() => void createMenus().catch(() => undefined));
  // A closed tab's links are forgotten (the registry feeds the buttons and the grabber).
  browser.tabs.onRemoved.addListener((tabId) => {
    void services.then((s) => s.pages.drop(tabId));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) void services.then((s) => s.engine.pump());
    if (alarm.name === AUTO_LOCK_ALARM) void services.then((s) => s.autoLock.check());
    if (alarm.name === ARIA2_POLL_ALARM) void services.then((s) => s.aria2Watch.tick());
  });

  // The unlocked key must never be readable by content scripts (Chrome's default; said explicitly).
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  void services.then(async (s) => {
    // Every wake: re-create the auto-lock alarm (or lock if its time passed while we were stopped).
    try {
      await s.autoLock.check();
      await s.engine.start();
      // Wake-to-ready, read by `npm run bench` (a mark relative to the worker's start).
      performance.mark('queue-ready');
    } finally {
      await downloadEvents.open((delta) => s.engine.onDownloadChanged(delta));
    }
  });
});
