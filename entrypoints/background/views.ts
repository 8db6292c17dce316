import type { JobView } from '../../utils/messaging/protocol';
import type { Job } from '../../utils/queue/job';
import { legalActions, MAX_PASSWORD_TRIES } from '../../utils/queue/state';
import type { Services } from './services';

const FILE_PASSWORD = new Set(['passwordRequired', 'passwordWrong']);
const FOLDER_PASSWORD = new Set(['folderPasswordRequired', 'folderPasswordWrong']);

/** Whether the popup asks for a password in this job's item (at most three wrong ones). */
function askPassword(j: Job): 'file' | 'folder' | undefined {
  if (j.state !== 'failed' || !j.error || (j.passwordTries ?? 0) >= MAX_PASSWORD_TRIES) return undefined;
  if (FILE_PASSWORD.has(j.error.kind)) return 'file';
  if (FOLDER_PASSWORD.has(j.error.kind)) return 'folder';
  return undefined;
}

/** One job as the pages see it: nothing key- or token-related, the live byte count of a running one merged in. */
export function jobView(j: Job, bytes?: number): JobView {
  const view: JobView = {
    id: j.id,
    link: j.link,
    state: j.state,
    actions: [...legalActions(j.state)],
    order: j.order,
    createdAt: j.createdAt,
  };
  if (j.name !== undefined) view.name = j.name;
  if (j.size !== undefined) view.size = j.size;
  // A live count only for a running transfer: a finished one keeps what the store recorded.
  const received = j.state === 'downloading' ? (bytes ?? j.bytesReceived) : j.bytesReceived;
  if (received !== undefined) view.bytesReceived = received;
  if (j.error) view.error = j.error;
  if (j.nextAttemptAt !== undefined) view.nextAttemptAt = j.nextAttemptAt;
  if (j.finalPath !== undefined) view.finalPath = j.finalPath;
  if (j.package) view.package = { ...j.package };
  if (j.kind) view.kind = j.kind;
  if (j.priority) view.priority = j.priority;
  if (j.passwordTries) view.passwordTries = j.passwordTries;
  if (j.completedAt !== undefined) view.completedAt = j.completedAt;
  if (j.transfer) view.transfer = j.transfer;
  if (j.viaAria2) view.viaAria2 = true;
  const ask = askPassword(j);
  if (ask) view.askPassword = ask;
  return view;
}

/** The queue as the pages see it, in queue order, with live byte counts merged in. */
export async function jobViews(s: Services, progress: ReadonlyMap<string, number>): Promise<JobView[]> {
  return (await s.store.ordered()).map((j) => jobView(j, progress.get(j.id)));
}
