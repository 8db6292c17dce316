import type { ConflictAction } from '../settings';
import type { Job } from './job';
import { isAtPath } from './places';

/**
 * How a new browser attempt treats a file already at its path. When the job's own previous
 * attempt created exactly that file, it is overwritten: Firefox leaves an empty placeholder behind
 * when a browser restart drops a running download, and the new attempt would otherwise be saved as
 * `name(1).ext` next to it. Any other file at that path is the user's, and the setting decides.
 */
export function conflictActionFor(
  job: Pick<Job, 'ownFile'>,
  path: string | undefined,
  setting: ConflictAction,
): ConflictAction {
  if (path === undefined || job.ownFile === undefined) return setting;
  return isAtPath(job.ownFile, path) ? 'overwrite' : setting;
}
