import { displayText, truncateDisplay } from '../display-text';
import { formatCount, uiLang } from '../format';
import { t, type MessageKey } from '../i18n';
import type { EnqueueResult } from '../messaging/protocol';
import { AppError } from '../onefichier/errors';
import { errorMessage } from '../onefichier/error-messages';
import { onTrustedClick } from './link-button';
import { createShadowHost } from './shadow-host';

/** Problems listed one by one; more are counted. */
const MAX_PROBLEMS = 3;
/** The notice goes by itself after this long (a convenience: Dismiss and the next notice remove it too). */
const AUTO_HIDE_MS = 12_000;

const count = (n: number, one: MessageKey, many: MessageKey) =>
  n === 1 ? t(one) : t(many, formatCount(n, uiLang()));

/** The sentences of a notice: `2 added to the queue, 1 already there`, then each problem. */
export function noticeLines(result: EnqueueResult): string[] {
  const parts: string[] = [];
  if (result.added > 0) parts.push(count(result.added, 'pageNoticeAddedOne', 'pageNoticeAddedMany'));
  if (result.duplicates > 0) {
    parts.push(count(result.duplicates, 'pageNoticeAlreadyOne', 'pageNoticeAlreadyMany'));
  }
  const problems = Array.isArray(result.problems) ? result.problems : [];
  const lines = parts.length > 0 ? [parts.join(', ')] : problems.length > 0 ? [] : [t('pageNoticeNone')];
  for (const p of problems.slice(0, MAX_PROBLEMS)) {
    const link = truncateDisplay(displayText(String(p.link)), 80);
    // An error kind this build does not know still reads as a failure.
    const reason = errorMessage(new AppError(p.error?.kind, p.error), uiLang()) || t('pageStateFailed');
    lines.push(t('pageNoticeProblem', link, reason));
  }
  if (problems.length > MAX_PROBLEMS) {
    lines.push(t('pageNoticeMoreProblems', formatCount(problems.length - MAX_PROBLEMS, uiLang())));
  }
  return lines;
}

export interface Notices {
  /** Shows what a context-menu action queued, replacing the notice before it. */
  show(result: EnqueueResult): void;
  remove(): void;
}

/**
 * The short in-page notice after a context-menu action: fixed in a corner, its own shadow root, a
 * `status` live region with a Dismiss button. One at a time.
 */
export function createNotices(doc: Document): Notices {
  let current: HTMLElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remove = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    current?.remove();
    current = undefined;
  };
  return {
    show(result) {
      remove();
      const { host, root } = createShadowHost(doc, 'dl1f-notice', 'notice');
      const box = doc.createElement('div');
      box.className = 'notice';
      box.setAttribute('role', 'status');
      box.setAttribute('aria-label', t('pageNoticeLabel'));
      const text = doc.createElement('div');
      const dismiss = doc.createElement('button');
      dismiss.type = 'button';
      dismiss.textContent = t('pageNoticeDismiss');
      onTrustedClick(dismiss, remove);
      box.append(text, dismiss);
      root.append(box);
      (doc.body ?? doc.documentElement).append(host);
      // Filled after it is in the document, so screen readers announce the change.
      for (const line of noticeLines(result)) {
        const p = doc.createElement('p');
        p.textContent = line;
        text.append(p);
      }
      current = host;
      timer = setTimeout(remove, AUTO_HIDE_MS);
    },
    remove,
  };
}
