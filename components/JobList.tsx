import type { Lang } from '../utils/format';
import type { JobView } from '../utils/messaging/protocol';
import type { JobAction } from '../utils/queue/state';
import { JobRow } from './JobRow';
import { useTicker } from './use-queue';

export interface JobListProps {
  jobs: JobView[] | undefined;
  lang: Lang;
  onAction: (id: string, action: JobAction) => void;
}

/** The `Downloads` list of ui-contract.md. */
export function JobList({ jobs, lang, onAction }: JobListProps) {
  const now = useTicker(jobs?.some((j) => j.state === 'waiting') ?? false);
  if (jobs === undefined) return <p class="muted">Loading…</p>;
  return (
    <>
      <ul class="jobs" aria-label="Downloads">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} lang={lang} now={now} onAction={onAction} />
        ))}
      </ul>
      {jobs.length === 0 && (
        <p class="muted">
          No downloads yet. Click “Download with 1Fichier” next to a 1Fichier link on any page.
        </p>
      )}
    </>
  );
}
