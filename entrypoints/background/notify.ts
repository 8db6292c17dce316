import { browser } from 'wxt/browser';
import type { BreakerState } from '../../utils/onefichier/pacer';
import type { Job } from '../../utils/queue/job';
import { t } from '../../utils/i18n';
import { badgeFor, floodNotice, transitionNotices, type Notice } from '../../utils/queue/notices';
import type { QueueStore } from '../../utils/queue/store';
import { currentSettings } from '../../utils/settings';

const BADGE_EVERY_MS = 250;

function show(notice: Notice): void {
  void browser.notifications
    .create(notice.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: notice.title,
      message: notice.message,
    })
    .catch(() => undefined);
}

/**
 * Keeps the toolbar badge on the number of active jobs, and shows the notifications the user left
 * on: a folder package finished, a job that needs the user, a flood pause. Notices are decided by
 * utils/queue/notices from each committed job write.
 */
export function createNotifier(store: QueueStore) {
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  let lastBadge = '';

  async function updateBadge(): Promise<void> {
    const badge = badgeFor(await store.all());
    const key = JSON.stringify(badge);
    if (key === lastBadge) return;
    lastBadge = key;
    await browser.action.setBadgeText({ text: badge.text });
    await browser.action.setBadgeBackgroundColor({ color: badge.color });
    await browser.action.setTitle({ title: badge.title || t('extName') });
  }

  function badgeSoon(): void {
    badgeTimer ??= setTimeout(() => {
      badgeTimer = undefined;
      void updateBadge().catch(() => undefined);
    }, BADGE_EVERY_MS);
  }

  async function onWrite(before: Job | undefined, after: Job | undefined): Promise<void> {
    badgeSoon();
    // Only a job that just completed or failed can bring a notice (no settings or queue read for
    // the rest); jobs written as failed when added (an import) are not news, except a protected
    // folder.
    if (!after || (after.state !== 'completed' && after.state !== 'failed') || before?.state === after.state)
      return;
    if (!before && after.kind !== 'folder' && after.state !== 'completed') return;
    const notices = transitionNotices(before, after, await store.all(), await currentSettings());
    notices.forEach(show);
  }

  return {
    start(): void {
      store.onWrite((before, after) => void onWrite(before, after).catch(() => undefined));
      badgeSoon();
    },
    /** The pacer's flood breaker changed (persisted state before and after). */
    async breakerChanged(prev: BreakerState | undefined, next: BreakerState | undefined): Promise<void> {
      const { notifyFlood } = await currentSettings();
      const notice = floodNotice(prev?.until, next?.until, Date.now(), notifyFlood);
      if (notice) show(notice);
    },
  };
}
