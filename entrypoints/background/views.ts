import type { JobView } from '../../utils/messaging/protocol';
import { legalActions } from '../../utils/queue/state';
import type { Services } from './services';

/** The queue as the pages see it, in queue order, with live byte counts merged in. */
export async function jobViews(s: Services, progress: ReadonlyMap<string, number>): Promise<JobView[]> {
  const jobs = (await s.store.all()).toSorted((a, b) => a.order - b.order);
  return jobs.map((j) => {
    const view: JobView = { id: j.id, link: j.link, state: j.state, actions: [...legalActions(j.state)] };
    if (j.name !== undefined) view.name = j.name;
    if (j.size !== undefined) view.size = j.size;
    const bytes = progress.get(j.id) ?? j.bytesReceived;
    if (bytes !== undefined) view.bytesReceived = bytes;
    if (j.error) view.error = j.error;
    if (j.nextAttemptAt !== undefined) view.nextAttemptAt = j.nextAttemptAt;
    if (j.finalPath !== undefined) view.finalPath = j.finalPath;
    return view;
  });
}
