import { useId, useState } from 'preact/hooks';
import { formatCount, uiLang, type Lang } from '../utils/format';
import { t } from '../utils/i18n';
import type { ImportResult } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import { EnqueueOutcome, outcomeOf, type Outcome, type Said } from './EnqueueOutcome';
import { counted } from '../utils/plural';

/** A queue export of 10,000 jobs is a few MB; anything this big is not one (and is not read). */
export const MAX_IMPORT_MIB = 16;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MIB * 1024 * 1024;

/** What an import did: the Add summary, plus the entries of a JSON export that were not jobs. */
export function importOutcome(result: ImportResult, lang: Lang): Said {
  const said = outcomeOf(result, lang);
  if (result.invalid > 0) {
    said.text += ` ${counted(result.invalid, 'importInvalidOne', 'importInvalidOther', lang)}`;
    said.tone = 'error';
  }
  return said;
}

/**
 * `Import file` + `Import`: a JSON export or any text file with 1Fichier links is queued like an
 * Add. On the options page only (choosing a file closes the popup in some browsers).
 */
export function QueueImport() {
  const lang = uiLang();
  const inputId = useId();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);

  async function run() {
    if (busy) return;
    if (!file) return setOutcome({ tone: 'error', text: t('importNoFile') });
    if (file.size > MAX_IMPORT_BYTES) {
      return setOutcome({ tone: 'error', text: t('importTooBig', formatCount(MAX_IMPORT_MIB, lang)) });
    }
    setBusy(true);
    setOutcome({ tone: 'busy', text: t('importing') });
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        return setOutcome({ tone: 'error', text: t('importUnreadable') });
      }
      setOutcome(importOutcome(await sendMessage('importQueue', { text }), lang));
    } catch (err) {
      setOutcome({ tone: 'error', text: errorMessage(err, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="queue-import">
      <label for={inputId}>{t('importFile')}</label>
      <div class="row">
        <input
          id={inputId}
          type="file"
          accept=".json,.txt,text/plain,application/json"
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => setFile(e.currentTarget.files?.[0])}
        />
        <button type="button" disabled={busy} onClick={() => void run()}>
          {t('importButton')}
        </button>
      </div>
      <p id={`${inputId}-hint`} class="muted hint">
        {t('importHint')}
      </p>
      <EnqueueOutcome outcome={outcome} />
    </div>
  );
}
