import { displayText } from '../utils/display-text';
import { describeError } from '../utils/onefichier/error-messages';
import { formatBytes, type Lang } from '../utils/format';
import type { JobView } from '../utils/messaging/protocol';
import { STATUS_WORD, type JobAction } from '../utils/queue/state';

const ACTION_LABEL: Readonly<Record<JobAction, string>> = {
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Retry',
  cancel: 'Cancel',
  remove: 'Remove',
  moveTop: 'Move to top',
  moveUp: 'Move up',
  moveDown: 'Move down',
};

export interface JobRowProps {
  job: JobView;
  lang: Lang;
  now: number;
  onAction: (id: string, action: JobAction) => void;
}

/** One queue entry: name (as text only), exactly one status word, progress, reason, actions. */
export function JobRow({ job, lang, now, onAction }: JobRowProps) {
  // The name is the uploader's: shown without bidi controls or invisible characters (the link, our
  // own canonical form, when the name is unknown or nothing visible is left of it).
  const label = displayText(job.name ?? '') || displayText(job.link);
  const done = job.bytesReceived ?? 0;
  const percent = job.size ? Math.min(100, Math.floor((done / job.size) * 100)) : undefined;
  const sizeText =
    job.state === 'downloading' && job.size !== undefined
      ? `${formatBytes(done, lang)} / ${formatBytes(job.size, lang)}`
      : job.size !== undefined
        ? formatBytes(job.size, lang)
        : '';
  return (
    <li class={`job job-${job.state}`}>
      <div class="job-head">
        <span class="job-name" title={label}>
          {label}
        </span>
        <span class="job-status">{STATUS_WORD[job.state]}</span>
      </div>
      {job.state === 'downloading' && percent !== undefined && (
        <progress class="job-progress" max={100} value={percent} aria-label={`${percent}%`} />
      )}
      <div class="job-meta">
        {sizeText && <span>{sizeText}</span>}
        {job.state === 'downloading' && percent !== undefined && <span> · {percent}%</span>}
      </div>
      {job.error && (job.state === 'failed' || job.state === 'waiting') && (
        <p class="job-reason">{describeError({ ...job.error, retryAt: job.nextAttemptAt }, lang, now)}</p>
      )}
      {job.actions.length > 0 && (
        <div class="job-actions">
          {job.actions.map((action) => (
            <button type="button" key={action} onClick={() => onAction(job.id, action)}>
              {ACTION_LABEL[action]}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
