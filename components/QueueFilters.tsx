import { formatCount, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import { QUEUE_FILTERS, type QueueFilter } from '../utils/queue-view/filters';

const LABEL: Readonly<Record<QueueFilter, MessageKey>> = {
  all: 'filterAll',
  active: 'filterActive',
  completed: 'filterCompleted',
  failed: 'filterFailed',
};

export interface QueueFiltersProps {
  value: QueueFilter;
  /** Absent while the queue is still arriving (no half counts). */
  counts?: Readonly<Record<QueueFilter, number>>;
  lang: Lang;
  onChange: (filter: QueueFilter) => void;
}

/** `All`, `Active`, `Completed`, `Failed`: toggle buttons (aria-pressed) with their counts. */
export function QueueFilters({ value, counts, lang, onChange }: QueueFiltersProps) {
  return (
    <div class="filters" role="group" aria-label={t('filterGroup')}>
      {QUEUE_FILTERS.map((f) => (
        <button type="button" key={f} aria-pressed={value === f} onClick={() => onChange(f)}>
          {t(LABEL[f])}
          {counts && <span class="count"> {formatCount(counts[f], lang)}</span>}
        </button>
      ))}
    </div>
  );
}
