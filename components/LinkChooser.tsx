import { useState } from 'preact/hooks';
import { formatCount, type Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { PageLinkView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import type { LinkCheck } from '../utils/onefichier/check-links';
import { errorMessage } from '../utils/onefichier/error-messages';
import { inRange, matches, rowMeta, rowName, SIZE_RANGES, type LinkRow, type SizeRange } from './link-rows';
import { counted } from '../utils/plural';
import { StatusLine, type Status } from './StatusLine';

/** Rows drawn at most; the rest are counted ("N more links not shown"). */
export const ROW_LIMIT = 500;

export interface LinkChooserProps {
  links: PageLinkView[];
  lang: Lang;
  /** An Add is running (the page's Add all, or this chooser's Add selected). */
  busy: boolean;
  /** Queues these canonical links; resolves true when the background took them. */
  onAdd: (links: string[]) => Promise<boolean>;
}

/**
 * Pick some of the page's links: filter by name, by size, tick, `Add selected`. What is added is
 * exactly what is ticked among the rows on screen (WYSIWYG: a filtered-out row is never added).
 * Links already in the queue start unticked and show their state. `Check names and sizes` asks
 * 1fichier.com about the file links on screen that have no answer yet (only those links are sent).
 */
export function LinkChooser({ links, lang, busy, onAdd }: LinkChooserProps) {
  const [filter, setFilter] = useState('');
  const [range, setRange] = useState<SizeRange>('any');
  const [choice, setChoice] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [checks, setChecks] = useState<ReadonlyMap<string, LinkCheck>>(new Map());
  const [checking, setChecking] = useState(false);
  const [status, setStatus] = useState<Status>(undefined);

  const rows: LinkRow[] = links.map((view) => ({ view, check: checks.get(view.link) ?? view.check }));
  const needle = filter.trim().toLowerCase();
  const matching = rows.filter((r) => matches(r, needle) && inRange(r, range));
  const shown = matching.slice(0, ROW_LIMIT);
  const ticked = (r: LinkRow) => choice.get(r.view.link) ?? r.view.state === undefined;
  const chosen = shown.filter(ticked);
  const all = shown.length > 0 && chosen.length === shown.length;
  const partial = chosen.length > 0 && !all;
  const unchecked = shown.filter((r) => r.view.kind === 'file' && !r.check).map((r) => r.view.link);

  function tick(targets: LinkRow[], on: boolean) {
    const next = new Map(choice);
    for (const r of targets) next.set(r.view.link, on);
    setChoice(next);
  }

  async function checkNames() {
    setChecking(true);
    setStatus({ tone: 'busy', text: t('checkingNames') });
    try {
      const answer = await sendMessage('checkLinks', { links: unchecked });
      const next = new Map(checks);
      for (const link of unchecked) {
        next.set(link, Object.hasOwn(answer, link) ? answer[link]! : { state: 'unknown' });
      }
      setChecks(next);
      setStatus({ tone: 'ok', text: t('checkedNames') });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err, lang) });
    } finally {
      setChecking(false);
    }
  }

  async function addSelected() {
    if (await onAdd(chosen.map((r) => r.view.link))) setChoice(new Map());
  }

  const hiddenByFilter = rows.length - matching.length;
  const hiddenByLimit = matching.length - shown.length;
  return (
    <div class="chooser">
      <div class="chooser-filters row">
        <label for="chooser-filter">{t('chooserFilter')}</label>
        <input
          id="chooser-filter"
          type="text"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <label for="chooser-size">{t('chooserSize')}</label>
        <select
          id="chooser-size"
          value={range}
          onChange={(e) => setRange(e.currentTarget.value as SizeRange)}
        >
          {SIZE_RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {t(r.label)}
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <label class="check">
          <input
            type="checkbox"
            checked={all}
            indeterminate={partial}
            disabled={shown.length === 0}
            onChange={() => tick(shown, !all)}
          />
          {t('selectAll')}
        </label>
        <span class="muted">{counted(chosen.length, 'selectedOne', 'selectedOther', lang)}</span>
      </div>
      <div class="chooser-rows" role="group" aria-label={t('pageLinksTitle')}>
        {shown.map((r, i) => (
          <div class="chooser-row" key={r.view.link}>
            <label class="check">
              <input
                type="checkbox"
                checked={ticked(r)}
                aria-describedby={`chooser-meta-${i}`}
                onChange={(e) => tick([r], e.currentTarget.checked)}
              />
              <span class="chooser-name">{rowName(r)}</span>
            </label>
            <span id={`chooser-meta-${i}`} class="chooser-meta">
              {rowMeta(r, lang)}
            </span>
          </div>
        ))}
      </div>
      {hiddenByFilter > 0 && (
        <p class="muted hint">{counted(hiddenByFilter, 'hiddenByFilterOne', 'hiddenByFilterOther', lang)}</p>
      )}
      {hiddenByLimit > 0 && (
        <p class="muted hint">
          {counted(
            hiddenByLimit,
            'hiddenByLimitOne',
            'hiddenByLimitOther',
            lang,
            formatCount(ROW_LIMIT, lang),
          )}
        </p>
      )}
      <div class="row">
        {unchecked.length > 0 && (
          <button type="button" aria-describedby="check-note" disabled={checking} onClick={checkNames}>
            {t('checkNames')}
          </button>
        )}
        <button type="button" disabled={busy || chosen.length === 0} onClick={addSelected}>
          {t('addSelected')}
        </button>
      </div>
      {unchecked.length > 0 && (
        <p id="check-note" class="muted hint">
          {t('checkNamesNote')}
        </p>
      )}
      <StatusLine status={status} />
    </div>
  );
}
