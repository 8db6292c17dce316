import type { Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { EnqueueResult } from '../utils/messaging/protocol';
import { describeError } from '../utils/onefichier/error-messages';
import { displayText } from '../utils/display-text';
import { counted } from '../utils/plural';

/** What an Add did, in words: a summary line and one line per link that could not be queued. */
export interface Said {
  tone: 'ok' | 'error' | 'busy';
  text: string;
  problems?: { link: string; text: string }[];
}
export type Outcome = Said | undefined;

/** "3 links found: 2 added, 1 already in the queue." (and "1 could not be added" when some failed). */
export function summarize(result: EnqueueResult, lang: Lang): string {
  const details = [counted(result.added, 'resultAddedOne', 'resultAddedOther', lang)];
  if (result.duplicates > 0) details.push(counted(result.duplicates, 'resultAlready', 'resultAlready', lang));
  if (result.problems.length > 0) {
    details.push(counted(result.problems.length, 'resultProblemsOne', 'resultProblemsOther', lang));
  }
  const found = counted(result.found, 'resultFoundOne', 'resultFoundOther', lang);
  return t('resultSummary', found, details.join(', '));
}

export function outcomeOf(result: EnqueueResult, lang: Lang): Said {
  return {
    tone: result.problems.length > 0 ? 'error' : 'ok',
    text: summarize(result, lang),
    problems: result.problems.map((p) => ({ link: p.link, text: describeError(p.error, lang) })),
  };
}

/**
 * The polite live region under an Add button (not role=status: the options page has exactly one
 * of those). Always in the page, so screen readers announce each new text. Links are shown as text.
 */
export function EnqueueOutcome({ outcome, extra }: { outcome: Outcome; extra?: string }) {
  return (
    <div class="outcome" aria-live="polite">
      {outcome && <p class={`status status-${outcome.tone}`}>{outcome.text}</p>}
      {outcome?.problems?.map((p, i) => (
        <p key={i} class="outcome-problem">
          <span class="outcome-link">{displayText(p.link)}</span> — {p.text}
        </p>
      ))}
      {extra && outcome?.problems?.length ? <p class="muted">{extra}</p> : null}
    </div>
  );
}
