import { useId, useState } from 'preact/hooks';
import { uiLang, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { ExportFile, ExportFormat } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { displayText } from '../utils/display-text';
import { errorMessage } from '../utils/onefichier/error-messages';
import { counted } from '../utils/plural';
import { saveTextFile } from './save-file';
import { StatusLine, type Status } from './StatusLine';

const FORMATS: readonly { format: ExportFormat; label: MessageKey }[] = [
  { format: 'links', label: 'exportLinks' },
  { format: 'json', label: 'exportJson' },
  { format: 'aria2', label: 'exportAria2' },
];

/** "3 downloads exported to queue.txt. 1 left out: an aria2 file holds only unfinished downloads." */
export function exportSummary(file: ExportFile, format: ExportFormat, lang: Lang): string {
  const parts = [
    file.count > 0
      ? counted(file.count, 'exportedOne', 'exportedOther', lang, displayText(file.filename))
      : t('exportNothing'),
  ];
  if (file.skipped > 0) {
    const [one, other]: [MessageKey, MessageKey] =
      format === 'aria2'
        ? ['exportSkippedAria2One', 'exportSkippedAria2Other']
        : ['exportSkippedOne', 'exportSkippedOther'];
    parts.push(counted(file.skipped, one, other, lang));
  }
  return parts.join(' ');
}

/**
 * `Export format` + `Export queue`: the background writes the file (links, JSON or an aria2 input
 * file), this page saves it; nothing is saved when no download went into it.
 */
export function QueueExport() {
  const lang = uiLang();
  const selectId = useId();
  const [format, setFormat] = useState<ExportFormat>('links');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(undefined);

  async function run() {
    setBusy(true);
    setStatus({ tone: 'busy', text: t('exporting') });
    try {
      const file = await sendMessage('exportQueue', { format });
      if (file.count > 0) saveTextFile(file.filename, file.mime, file.text);
      setStatus({ tone: 'ok', text: exportSummary(file, format, lang) });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="queue-export">
      <div class="row">
        <label for={selectId}>{t('exportFormat')}</label>
        <select
          id={selectId}
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
        >
          {FORMATS.map(({ format: f, label }) => (
            <option key={f} value={f}>
              {t(label)}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy} onClick={() => void run()}>
          {t('exportQueue')}
        </button>
      </div>
      <StatusLine status={status} />
    </div>
  );
}
