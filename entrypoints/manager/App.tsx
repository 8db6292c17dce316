import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AccountHeader } from '../../components/AccountHeader';
import { DownloadList } from '../../components/DownloadList';
import { QueueActions } from '../../components/QueueActions';
import { QueueExport } from '../../components/QueueExport';
import { QueueFilters } from '../../components/QueueFilters';
import { SelectionBar } from '../../components/SelectionBar';
import { ListToolbar, type ListView } from '../../components/ListToolbar';
import { useFiltered } from '../../components/use-filtered';
import { useJobAction } from '../../components/use-job-action';
import { useJobTransfer } from '../../components/use-aria2';
import { useQueue, useTicker } from '../../components/use-queue';
import { useSettings } from '../../components/use-settings';
import { useVault } from '../../components/use-vault';
import { uiLang } from '../../utils/format';
import { t } from '../../utils/i18n';
import type { JobAction } from '../../utils/queue/state';
import { groupByPackage, type ListRow } from '../../utils/queue-view/packages';
import {
  EMPTY_SELECTION,
  prune,
  selectRange,
  toggle,
  type Selection,
} from '../../utils/queue-view/selection';

/** Moves are about the queue order: a list sorted another way does not offer them. */
const MOVES: ReadonlySet<JobAction> = new Set<JobAction>(['moveTop', 'moveUp', 'moveDown']);

/**
 * The full-page manager (`manager.html`): the same queue as the popup for big queues — search,
 * sort, filters, folder packages grouped, multi-select with actions on the selection — in a list
 * that renders only what is on screen.
 */
export function App() {
  const lang = uiLang();
  const live = useQueue();
  // The days left are counted from when the page opened.
  const openedAt = useTicker(false);
  const { view } = useVault();
  const [listView, setListView] = useState<ListView>({
    filter: 'all',
    query: '',
    sort: 'queue',
    descending: false,
    grouped: true,
  });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const { onAction, error, setError } = useJobAction(lang);
  const { settings } = useSettings();
  const onTransfer = useJobTransfer(lang, setError);
  const aria2 = settings?.aria2Enabled === true;
  const search = useRef<HTMLInputElement>(null);
  const { model, structure } = live;
  const { all, ids, counts } = useFiltered(live, { ...listView, lang });
  const rows = useMemo<ListRow[]>(
    () =>
      listView.grouped
        ? groupByPackage(ids, (id) => model.get(id), collapsed)
        : ids.map((id) => ({ kind: 'job', id })),
    [ids, listView.grouped, collapsed, model],
  );

  // Jobs that left the queue leave the selection.
  useEffect(() => setSelection((s) => prune(s, (id) => model.get(id) !== undefined)), [model, structure]);

  // `/` goes to the search box, Escape clears the selection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === 'Escape' && !typing) setSelection(EMPTY_SELECTION);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onSelect = useCallback(
    (id: string, range: boolean) => setSelection((s) => (range ? selectRange(s, id, ids) : toggle(s, id))),
    [ids],
  );
  const onToggleGroup = useCallback(
    (key: string) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );

  const sorted = listView.sort !== 'queue' || listView.descending;
  return (
    <main class="manager">
      <header>
        <h1>{t('managerTitle')}</h1>
        <div class="account">
          <AccountHeader view={view} lang={lang} now={openedAt} />
        </div>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </header>
      <ListToolbar value={listView} onChange={setListView} searchRef={search} />
      <QueueFilters
        value={listView.filter}
        counts={live.model.complete ? counts : undefined}
        lang={lang}
        onChange={(filter) => setListView((v) => ({ ...v, filter }))}
      />
      <QueueActions jobs={all} />
      <SelectionBar selection={selection} shown={ids} lang={lang} onChange={setSelection} aria2={aria2} />
      {error && (
        <p role="alert" class="status-error">
          {error}
        </p>
      )}
      <DownloadList
        live={live}
        rows={rows}
        lang={lang}
        onAction={onAction}
        emptyText={t('listEmptyFilter')}
        selected={selection.ids}
        onSelect={onSelect}
        onToggleGroup={onToggleGroup}
        hide={sorted ? MOVES : undefined}
        transfer={aria2 ? settings?.transfer : undefined}
        onTransfer={onTransfer}
        class="manager-list"
      />
      <QueueExport />
    </main>
  );
}
