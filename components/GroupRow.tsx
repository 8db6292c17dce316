import { displayText } from '../utils/display-text';
import { formatCount, type Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { ListRow } from '../utils/queue-view/packages';

export interface GroupRowProps {
  row: Extract<ListRow, { kind: 'group' }>;
  lang: Lang;
  onToggle?: (key: string) => void;
}

/** A folder package's header in the manager: its name, files done of total, collapse and expand. */
export function GroupRow({ row, lang, onToggle }: GroupRowProps) {
  const name = displayText(row.name) || row.key;
  const count = t('groupCount', formatCount(row.done, lang), formatCount(row.total, lang));
  return (
    <div class="group">
      <button
        type="button"
        class="group-toggle"
        aria-expanded={!row.collapsed}
        onClick={() => onToggle?.(row.key)}
      >
        <span aria-hidden="true">{row.collapsed ? '▸' : '▾'}</span> <span class="group-name">{name}</span>
      </button>
      <span class="muted">{count}</span>
    </div>
  );
}
