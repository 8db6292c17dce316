/** Job views for the queue-view tests (the shape the background pushes). */
import type { JobView } from '../../../utils/messaging/protocol.ts';
import type { JobState } from '../../../utils/queue/state.ts';

export function view(id: string, patch: Partial<JobView> = {}): JobView {
  return {
    id,
    link: `https://1fichier.com/?${id}`,
    state: 'queued',
    actions: [],
    order: 1,
    createdAt: 1_000,
    ...patch,
  };
}

export const ALL_STATES: readonly JobState[] = [
  'queued',
  'resolving',
  'downloading',
  'paused',
  'waiting',
  'locked',
  'completed',
  'failed',
];
