import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n';
import type { QueueFilter } from '../utils/queue-view/filters';
import { SORT_KEYS, type SortKey } from '../utils/queue-view/sort';

/** How the manager shows the queue. */
export interface ListView {
  filter: QueueFilter;
  query: string;
  sort: SortKey;
  descending: boolean;
  grouped: boolean;
}

const SORT_LABEL: Readonly<Record<SortKey, MessageKey>> = {
  queue: 'sortQueue',
  name: 'sortName',
  size: 'sortSize',
  status: 'sortStatus',
  added: 'sortAdded',
};

export interface ListToolbarProps {
  value: ListView;
  onChange: (next: ListView) => void;
  searchRef?: Ref<HTMLInputElement>;
}

/** The manager's `Search downloads` box, `Sort by` choice, `Reverse order` and `Group by folder`. */
export function ListToolbar({ value, onChange, searchRef }: ListToolbarProps) {
  const sortId = useId();
  const set = (patch: Partial<ListView>) => onChange({ ...value, ...patch });
  return (
    <div class="toolbar row">
      <input
        ref={searchRef}
        type="search"
        aria-label={t('searchDownloads')}
        placeholder={t('searchPlaceholder')}
        value={value.query}
        onInput={(e) => set({ query: (e.target as HTMLInputElement).value })}
      />
      <label for={sortId}>{t('sortBy')}</label>
      <select
        id={sortId}
        value={value.sort}
        onChange={(e) => set({ sort: (e.target as HTMLSelectElement).value as SortKey })}
      >
        {SORT_KEYS.map((k) => (
          <option key={k} value={k}>
            {t(SORT_LABEL[k])}
          </option>
        ))}
      </select>
      <label>
        <input
          type="checkbox"
          checked={value.descending}
          onChange={(e) => set({ descending: (e.target as HTMLInputElement).checked })}
        />{' '}
        {t('sortReverse')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.grouped}
          onChange={(e) => set({ grouped: (e.target as HTMLInputElement).checked })}
        />{' '}
        {t('groupByFolder')}
      </label>
    </div>
  );
}
