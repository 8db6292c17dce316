import type { Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { JobAction } from '../utils/queue/state';
import type { ListRow } from '../utils/queue-view/packages';
import type { TransferKind } from '../utils/settings';
import { GroupRow } from './GroupRow';
import { JobRow } from './JobRow';
import type { LiveQueue } from './use-queue';
import { useTicker } from './use-queue';
import { VirtualList } from './VirtualList';

export interface DownloadListProps {
  live: LiveQueue;
  rows: readonly ListRow[];
  lang: Lang;
  onAction: (id: string, action: JobAction) => void;
  /** What to say when the queue is not empty but nothing is shown (a filter or a search). */
  emptyText: string;
  /** Manager: multi-select and collapsible packages. */
  selected?: ReadonlySet<string>;
  onSelect?: (id: string, range: boolean) => void;
  onToggleGroup?: (key: string) => void;
  hide?: ReadonlySet<JobAction>;
  /** aria2 is on and new jobs go here: rows offer `Send to aria2` / `Download in browser` (JobRow). */
  transfer?: TransferKind;
  onTransfer?: (id: string, transfer: TransferKind) => void;
  class?: string;
}

const rowKey = (row: ListRow) => (row.kind === 'job' ? row.id : `group:${row.key}`);

/** The `Downloads` list of ui-contract.md, virtualised, with its loading and empty states. */
export function DownloadList(props: DownloadListProps) {
  const { live, rows, lang, onAction, selected, onSelect, onToggleGroup, hide, transfer, onTransfer } = props;
  const { model } = live;
  const waiting = rows.some((r) => r.kind === 'job' && model.get(r.id)?.state === 'waiting');
  const now = useTicker(waiting);
  const render = (row: ListRow) => {
    if (row.kind === 'group') return <GroupRow row={row} lang={lang} onToggle={onToggleGroup} />;
    const job = model.get(row.id);
    if (!job) return null;
    return (
      <JobRow
        job={job}
        lang={lang}
        now={now}
        speed={model.speed(row.id)}
        onAction={onAction}
        selected={selected?.has(row.id)}
        onSelect={onSelect}
        hide={hide}
        transfer={transfer}
        onTransfer={onTransfer}
      />
    );
  };

  if (!model.loaded) {
    return (
      <p class="muted" role="status">
        {t('listLoading')}
      </p>
    );
  }
  return (
    <>
      <VirtualList
        items={rows}
        itemKey={rowKey}
        renderItem={render}
        label={t('listDownloads')}
        estimate={86}
        class={props.class}
      />
      {rows.length === 0 && (
        <p class="muted">{model.ids().length === 0 ? t('listEmpty') : props.emptyText}</p>
      )}
    </>
  );
}
