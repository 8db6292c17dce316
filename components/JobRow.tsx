import { displayText } from '../utils/display-text';
import { describeError } from '../utils/onefichier/error-messages';
import { formatBytes, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { JobView } from '../utils/messaging/protocol';
import { packageFolder } from '../utils/queue/places';
import type { JobAction } from '../utils/queue/state';
import { statusWord } from './status-word';
import { JobPassword } from './JobPassword';

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
  onAction: (id: string, action: JobAction) => void;
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

/** Size, progress, folder, where it was saved: the quiet line under the name. */
function metaParts(job: JobView, lang: Lang, percent: number | undefined): string[] {
  const parts: string[] = [];
  const done = job.bytesReceived ?? 0;
  if (job.state === 'downloading' && job.size !== undefined) {
    parts.push(`${formatBytes(done, lang)} / ${formatBytes(job.size, lang)}`);
  } else if (job.size !== undefined) {
    parts.push(formatBytes(job.size, lang));
  }
  if (job.state === 'downloading' && percent !== undefined) parts.push(`${percent}%`);
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
 * One queue entry: name (as text only), exactly one status word, progress, folder, reason, the
 * password prompt when the job waits for one, and one button per legal action.
 */
export function JobRow({ job, lang, now, onAction }: JobRowProps) {
  // The name is the uploader's: shown without bidi controls or invisible characters (the link, our
  // own canonical form, when the name is unknown or nothing visible is left of it).
  const label =
    displayText(job.name ?? '') ||
    (job.kind === 'folder' ? displayText(job.package?.name ?? '') : '') ||
    displayText(job.link);
  const done = job.bytesReceived ?? 0;
  const percent = job.size ? Math.min(100, Math.floor((done / job.size) * 100)) : undefined;
  const meta = metaParts(job, lang, percent);
  return (
    <li class={`job job-${job.state}`}>
      <div class="job-head">
        <span class="job-name" title={label}>
          {label}
        </span>
        <span class="job-status">{statusWord(job.state)}</span>
      </div>
      {job.state === 'downloading' && percent !== undefined && (
        <progress class="job-progress" max={100} value={percent} aria-label={`${percent}%`} />
      )}
      <div class="job-meta">{meta.join(' · ')}</div>
      {job.error && (job.state === 'failed' || job.state === 'waiting') && (
        <p class="job-reason">{describeError({ ...job.error, retryAt: job.nextAttemptAt }, lang, now)}</p>
      )}
      {job.askPassword && (
        <JobPassword id={job.id} kind={job.askPassword} tries={job.passwordTries ?? 0} lang={lang} />
      )}
      {job.actions.length > 0 && (
        <div class="job-actions">
          {job.actions.map((action) => (
            <button type="button" key={action} onClick={() => onAction(job.id, action)}>
              {t(ACTION_LABEL[action])}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
