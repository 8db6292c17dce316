import { displayText, truncateDisplay } from '../display-text';
import { formatDuration, uiLang, type Lang } from '../format';
import { t } from '../i18n';
import { describeError } from '../onefichier/error-messages';
import { RETRY_POLICY } from '../onefichier/errors';
import { counted } from '../plural';
import type { Settings } from '../settings';
import type { Job } from './job';
import { packageFolder } from './places';
import { PENDING_STATES } from './state';

/**
 * What the toolbar badge and the system notifications should say (pure decisions; the background
 * turns them into `action` and `notifications` calls). Texts are short, in the browser's UI language
 * (public/_locales through t(), counts and durations written the language's way): `lang` defaults
 * to uiLang(), the language t() follows.
 */
export interface Badge {
  /** '' hides the badge. */
  text: string;
  /** The tooltip; '' means the extension's own name (what browsers show for an empty title). */
  title: string;
  color: string;
}

export interface Notice {
  /** Stable per subject, so a repeat replaces the earlier notification instead of piling up. */
  id: string;
  kind: 'packageDone' | 'needsUser' | 'flood';
  title: string;
  message: string;
}

export const BADGE_ACTIVE = '#1a73e8';
export const BADGE_NEEDS_USER = '#d93025';
/** Uploader-controlled names are cut to this many code points in a notification. */
export const MAX_NOTICE_NAME = 80;

function needsUser(job: Job): boolean {
  return job.state === 'failed' && job.error !== undefined && RETRY_POLICY[job.error.kind] === 'needsUser';
}

/** The badge: pending jobs counted; '!' when nothing is pending but a failure waits for the user. */
export function badgeFor(jobs: readonly Job[], lang: Lang = uiLang()): Badge {
  let pending = 0;
  let waiting = 0;
  for (const job of jobs) {
    if (PENDING_STATES.has(job.state)) pending += 1;
    else if (needsUser(job)) waiting += 1;
  }
  if (pending > 0) {
    const active = counted(pending, 'badgeActiveOne', 'badgeActiveOther', lang);
    const title =
      waiting > 0 ? counted(waiting, 'badgeActiveNeedsOne', 'badgeActiveNeedsOther', lang, active) : active;
    return { text: pending > 999 ? '999+' : String(pending), title, color: BADGE_ACTIVE };
  }
  if (waiting > 0) {
    const title = counted(waiting, 'badgeNeedsYouOne', 'badgeNeedsYouOther', lang);
    return { text: '!', title, color: BADGE_NEEDS_USER };
  }
  return { text: '', title: '', color: BADGE_ACTIVE };
}

/** An uploader- or page-controlled name made safe and short for a notification. */
function shown(name: string | undefined, fallback: string): string {
  const clean = name === undefined ? '' : displayText(name);
  return truncateDisplay(clean === '' ? fallback : clean, MAX_NOTICE_NAME);
}

function packageDone(after: Job, all: readonly Job[], lang: Lang): Notice | undefined {
  const key = after.package?.key;
  if (key === undefined) return undefined;
  // `all` should already hold `after`; it is put in here anyway, so a stale copy cannot count.
  const members = [after, ...all.filter((j) => j.id !== after.id && j.package?.key === key)];
  if (!members.every((j) => j.state === 'completed')) return undefined;
  const name = shown(packageFolder(after), key);
  return {
    id: `package:${key}`,
    kind: 'packageDone',
    title: t('noticeFolderTitle'),
    message: counted(members.length, 'noticeFolderDoneOne', 'noticeFolderDoneOther', lang, name),
  };
}

function userNeeded(after: Job, lang: Lang): Notice {
  // Without retryAt: the sentence must not depend on the clock (a notification is not updated).
  const reason = describeError({ kind: after.error!.kind }, lang);
  return {
    id: `job:${after.id}`,
    kind: 'needsUser',
    title: t('noticeNeedsUserTitle'),
    message: t('noticeNeedsUserMessage', shown(after.name, after.link), reason),
  };
}

/**
 * The notices one job change brings (`before`/`after` are the job before and after the change,
 * `all` the whole queue after it): a folder package whose last file just completed, a job that just
 * failed in a way only the user can fix. Cancelled jobs never notify.
 */
export function transitionNotices(
  before: Job | undefined,
  after: Job | undefined,
  all: readonly Job[],
  settings: Pick<Settings, 'notifyPackageDone' | 'notifyNeedsUser'>,
  lang: Lang = uiLang(),
): Notice[] {
  if (!after) return [];
  const out: Notice[] = [];
  if (settings.notifyPackageDone && after.state === 'completed' && before?.state !== 'completed') {
    const notice = packageDone(after, all, lang);
    if (notice) out.push(notice);
  }
  if (
    settings.notifyNeedsUser &&
    needsUser(after) &&
    after.error?.kind !== 'cancelled' &&
    before?.state !== 'failed'
  ) {
    out.push(userNeeded(after, lang));
  }
  return out;
}

/**
 * A notice when 1Fichier's flood lock starts a pause (`nextUntil` in the future, and no pause
 * running before); none while it goes on or is extended, none when notifications are off.
 */
export function floodNotice(
  prevUntil: number | undefined,
  nextUntil: number | undefined,
  now: number,
  enabled: boolean,
): Notice | undefined {
  if (!enabled || nextUntil === undefined || nextUntil <= now) return undefined;
  if (prevUntil !== undefined && prevUntil > now) return undefined;
  return {
    id: 'flood',
    kind: 'flood',
    title: t('noticeFloodTitle'),
    message: t('noticeFloodMessage', formatDuration(nextUntil - now)),
  };
}
