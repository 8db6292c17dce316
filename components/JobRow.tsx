import { memo } from './memo';
import { displayText } from '../utils/display-text';
import { describeError } from '../utils/onefichier/error-messages';
import { formatBytes, formatDuration, formatPercent, formatSpeed, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { JobView } from '../utils/messaging/protocol';
import { packageFolder } from '../utils/queue/places';
import { TRANSFER_CHOICE_STATES, type JobAction } from '../utils/queue/state';
import type { TransferKind } from '../utils/settings';
import { timeLeft } from '../utils/queue-view/speed';
import { JobPassword } from './JobPassword';
import { statusWord } from './status-word';

/** ui-contract.md names (English); other languages translate them. */
const ACTION_LABEL: Readonly<Record<JobAction, MessageKey>> = {
  pause: 'actPause',
  resume: 'actResume',
  retry: 'actRetry',
  cancel: 'actCancel',
  remove: 'actRemove',
  moveTop: 'actMoveTop',
  moveUp: 'actMoveUp',
  moveDown: 'actMoveDown',
};

export interface JobRowProps {
  job: JobView;
  lang: Lang;
  now: number;
  /** Smoothed bytes per second while it downloads. */
  speed?: number;
  onAction: (id: string, action: JobAction) => void;
  /** The manager's multi-select: a checkbox `Select <name>` when given. */
  selected?: boolean;
  onSelect?: (id: string, range: boolean) => void;
  /** Actions the list offers elsewhere (the manager hides the moves in a sorted view). */
  hide?: ReadonlySet<JobAction>;
  /**
   * aria2 is on, and new jobs go here (the setting): a job not running offers `Send to aria2` or
   * `Download in browser`. Absent: aria2 is off, no such button.
   */
  transfer?: TransferKind;
  onTransfer?: (id: string, transfer: TransferKind) => void;
}

/** Where the row's transfer button would move the job, or undefined when it offers none. */
export function transferChoice(job: JobView, setting: TransferKind | undefined): TransferKind | undefined {
  if (!setting || job.kind === 'folder' || !TRANSFER_CHOICE_STATES.has(job.state)) return undefined;
  return (job.transfer ?? setting) === 'aria2' ? 'browser' : 'aria2';
}

/** The last component of a path the browser wrote (either separator). */
function baseName(path: string): string {
  return (
    path
      .split(/[/\\]/)
      .filter((p) => p !== '')
      .pop() ?? ''
  );
}

/** The name as text only: no bidi controls or invisible characters; the link when nothing is left. */
export function jobLabel(job: JobView): string {
  return (
    displayText(job.name ?? '') ||
    (job.kind === 'folder' ? displayText(job.package?.name ?? '') : '') ||
    displayText(job.link)
  );
}

/** Bytes done of total, speed and time left while it runs; otherwise size, folder, where it went. */
function metaParts(
  job: JobView,
  lang: Lang,
  percent: number | undefined,
  speed: number | undefined,
): string[] {
  const parts: string[] = [];
  const done = job.bytesReceived ?? 0;
  if (job.state === 'downloading' || (job.state === 'paused' && done > 0)) {
    parts.push(
      job.size !== undefined
        ? t('jobBytesOf', formatBytes(done, lang), formatBytes(job.size, lang))
        : formatBytes(done, lang),
    );
    if (percent !== undefined) parts.push(formatPercent(percent, lang));
  } else if (job.size !== undefined) {
    parts.push(formatBytes(job.size, lang));
  }
  if (job.state === 'downloading' && speed !== undefined) {
    parts.push(formatSpeed(speed, lang));
    const left = timeLeft(job.size, job.bytesReceived, speed);
    if (left !== undefined) parts.push(t('jobTimeLeft', formatDuration(left)));
  }
  if (job.priority) parts.push(t(job.priority === 'high' ? 'jobPriorityHigh' : 'jobPriorityLow'));
  if (job.kind === 'folder') parts.push(t('jobProtectedFolder'));
  else {
    const folder = displayText(packageFolder(job) ?? '');
    if (folder) parts.push(t('jobFolder', folder));
  }
  const saved = job.state === 'completed' && job.finalPath ? displayText(baseName(job.finalPath)) : '';
  if (saved) parts.push(t('jobSavedAs', saved));
  return parts;
}

/**
 * One queue entry: name (as text only), exactly one status word, a progress bar with bytes, speed
 * and time left, folder, reason, the password prompt when the job waits for one, and one button
 * per legal action. Memoised: a progress push redraws only the rows whose job changed.
 */
export const JobRow = memo(function JobRow(props: JobRowProps) {
  const { job, lang, now, speed, onAction, selected, onSelect, hide, onTransfer } = props;
  const label = jobLabel(job);
  const done = job.bytesReceived ?? 0;
  const percent = job.size ? Math.min(100, Math.floor((done / job.size) * 100)) : undefined;
  const meta = metaParts(job, lang, percent, speed);
  const showBar =
    (job.state === 'downloading' || (job.state === 'paused' && done > 0)) && percent !== undefined;
  const actions = hide ? job.actions.filter((a) => !hide.has(a)) : job.actions;
  const move = onTransfer ? transferChoice(job, props.transfer) : undefined;
  return (
    <div class={`job job-${job.state}${selected ? ' job-selected' : ''}`}>
      <div class="job-head">
        {onSelect && (
          <input
            type="checkbox"
            class="job-select"
            checked={selected ?? false}
            aria-label={t('jobSelect', label)}
            onClick={(e) => onSelect(job.id, (e as MouseEvent).shiftKey)}
          />
        )}
        <span class="job-name" title={label}>
          {label}
        </span>
        <span class="job-status">{statusWord(job.state)}</span>
      </div>
      {showBar && <progress class="job-progress" max={100} value={percent} aria-label={t('jobProgressOf')} />}
      {(meta.length > 0 || job.viaAria2) && (
        <div class="job-meta">
          {meta.join(' · ')}
          {job.viaAria2 && (
            <>
              {meta.length > 0 && ' · '}
              <span class="job-via">{t('jobViaAria2')}</span>
            </>
          )}
        </div>
      )}
      {job.error && (job.state === 'failed' || job.state === 'waiting') && (
        <p class="job-reason">{describeError({ ...job.error, retryAt: job.nextAttemptAt }, lang, now)}</p>
      )}
      {job.askPassword && (
        <JobPassword id={job.id} kind={job.askPassword} tries={job.passwordTries ?? 0} lang={lang} />
      )}
      {(actions.length > 0 || move) && (
        <div class="job-actions">
          {actions.map((action) => (
            <button type="button" key={action} onClick={() => onAction(job.id, action)}>
              {t(ACTION_LABEL[action])}
            </button>
          ))}
          {move && onTransfer && (
            <button type="button" onClick={() => onTransfer(job.id, move)}>
              {t(move === 'aria2' ? 'jobSendAria2' : 'jobToBrowser')}
            </button>
          )}
        </div>
      )}
    </div>
  );
});
