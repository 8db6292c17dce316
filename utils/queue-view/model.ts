import type { JobView, QueuePush } from '../messaging/protocol';
import { byQueueOrder } from './sort';
import { createSpeedMeter, type SpeedMeter } from './speed';

/** What a push changed: the list itself (jobs, states, order) or only byte counts. */
export type PushEffect = 'structure' | 'progress' | 'none';

/**
 * The queue as a page holds it, fed by the background's pushes (snapshot, patches, progress).
 * Jobs are replaced, never mutated, so a row can tell by identity whether it must redraw; `ids()`
 * keeps queue order and is rebuilt only when a job is added, removed or moved.
 */
export interface QueueModel {
  apply(push: QueuePush): PushEffect;
  /** False until the first snapshot. */
  readonly loaded: boolean;
  get(id: string): JobView | undefined;
  /** Every job id in queue order. */
  ids(): readonly string[];
  /** Smoothed bytes per second of a running job. */
  speed(id: string): number | undefined;
}

export function createQueueModel(meter: SpeedMeter = createSpeedMeter()): QueueModel {
  const jobs = new Map<string, JobView>();
  let order: string[] = [];
  let loaded = false;

  function resort(): void {
    order = [...jobs.values()].toSorted(byQueueOrder).map((j) => j.id);
  }

  function setJob(job: JobView): boolean {
    const before = jobs.get(job.id);
    jobs.set(job.id, job);
    if (job.state !== 'downloading') meter.forget(job.id);
    return !before || before.order !== job.order;
  }

  return {
    get loaded() {
      return loaded;
    },
    apply(push) {
      if (push.type === 'snapshot') {
        jobs.clear();
        for (const job of push.jobs) setJob(job);
        loaded = true;
        resort();
        return 'structure';
      }
      if (push.type === 'patch') {
        let moved = false;
        for (const job of push.upsert) moved = setJob(job) || moved;
        for (const id of push.remove) {
          moved = jobs.delete(id) || moved;
          meter.forget(id);
        }
        if (moved) resort();
        return push.upsert.length > 0 || push.remove.length > 0 ? 'structure' : 'none';
      }
      let changed = false;
      for (const [id, bytes] of Object.entries(push.bytes)) {
        const job = jobs.get(id);
        if (!job || job.state !== 'downloading') continue;
        meter.sample(id, bytes, push.at);
        if (job.bytesReceived !== bytes) {
          jobs.set(id, { ...job, bytesReceived: bytes });
          changed = true;
        }
      }
      return changed ? 'progress' : 'none';
    },
    get: (id) => jobs.get(id),
    ids: () => order,
    speed: (id) => meter.speed(id),
  };
}
