import type { JobView, QueuePush } from '../messaging/protocol';
import { byQueueOrder } from './sort';
import { createSpeedMeter, type SpeedMeter } from './speed';

/**
 * What a push changed: the list itself (jobs added or removed, order, or what filters, search,
 * sort and grouping read: state, name, size, package), or only what rows show (byte counts, speed,
 * reasons, actions), or nothing.
 */
export type PushEffect = 'structure' | 'progress' | 'none';

/** Whether `after` may sit elsewhere in a filtered, searched, sorted or grouped list than `before`. */
function movesInLists(before: JobView, after: JobView): boolean {
  return (
    before.order !== after.order ||
    before.state !== after.state ||
    before.name !== after.name ||
    before.size !== after.size ||
    before.link !== after.link ||
    before.createdAt !== after.createdAt ||
    before.package?.key !== after.package?.key ||
    before.package?.name !== after.package?.name
  );
}

/**
 * The queue as a page holds it, fed by the background's pushes (snapshot, patches, progress).
 * Jobs are replaced, never mutated, so a row can tell by identity whether it must redraw; `ids()`
 * keeps queue order and is rebuilt only when a job is added, removed or moved.
 */
export interface QueueModel {
  apply(push: QueuePush): PushEffect;
  /** False until the first snapshot. */
  readonly loaded: boolean;
  /** False while the rest of the queue (after its first screen) is on its way. */
  readonly complete: boolean;
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
  let complete = false;

  function resort(): void {
    order = [...jobs.values()].toSorted(byQueueOrder).map((j) => j.id);
  }

  /** Stores the job; 'structure' when lists must recompute, 'progress' when only its row changes. */
  function setJob(job: JobView): PushEffect {
    const before = jobs.get(job.id);
    jobs.set(job.id, job);
    if (job.state !== 'downloading') meter.forget(job.id);
    if (!before) return 'structure';
    return movesInLists(before, job) ? 'structure' : 'progress';
  }

  return {
    get loaded() {
      return loaded;
    },
    get complete() {
      return complete;
    },
    apply(push) {
      if (push.type === 'snapshot') {
        jobs.clear();
        meter.clear();
        for (const job of push.jobs) setJob(job);
        loaded = true;
        complete = !push.more;
        resort();
        return 'structure';
      }
      if (push.type === 'rest') {
        for (const job of push.jobs) setJob(job);
        complete = true;
        resort();
        return 'structure';
      }
      if (push.type === 'patch') {
        let effect: PushEffect = 'none';
        let moved = false;
        for (const job of push.upsert) {
          const before = jobs.get(job.id);
          const e = setJob(job);
          if (e === 'structure') effect = 'structure';
          else if (effect === 'none') effect = e;
          if (!before || before.order !== job.order) moved = true;
        }
        for (const id of push.remove) {
          meter.forget(id);
          if (jobs.delete(id)) {
            moved = true;
            effect = 'structure';
          }
        }
        if (moved) resort();
        return effect;
      }
      let changed = false;
      for (const [id, bytes] of Object.entries(push.bytes)) {
        const job = jobs.get(id);
        if (!job || job.state !== 'downloading') continue;
        const speedBefore = meter.speed(id);
        meter.sample(id, bytes, push.at);
        // A stalled transfer (same count, later) changes too: its speed falls, its time left grows.
        if (meter.speed(id) !== speedBefore) changed = true;
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
