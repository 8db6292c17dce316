import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createLiveHub } from './live';
import { handleMessage } from './messages';
import { buildServices, WAKE_ALARM, type Services } from './services';

export default defineBackground(() => {
  // Every listener is registered synchronously, before any await, so events that wake the
  // worker are never missed; each handler waits for the services (the store) to be ready.
  // `live` is read only when the services report a change, which is after they were built.
  const services: Promise<Services> = buildServices(() => live.changed());
  const live = createLiveHub(services);

  browser.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    void handleMessage(msg, sender, services).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => live.onConnect(port));
  browser.downloads.onChanged.addListener((delta) => {
    void services.then((s) => s.engine.onDownloadChanged(delta));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) void services.then((s) => s.engine.pump());
  });

  void services.then((s) => s.engine.start());
});
