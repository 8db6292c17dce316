import type { TransferKind } from '../settings';
import type { AppDatabase } from '../db';
import type { AppErrorInfo } from '../onefichier/errors';
import type { Job, JobPackage, JobPriority } from './job';
import type { JobState } from './state';

export interface NewJob {
  fileKey: string;
  link: string;
  pageUrl?: string;
  /** Known before the job runs when the link came from a folder listing. */
  name?: string;
  size?: number;
  package?: JobPackage;
  kind?: 'folder';
  priority?: JobPriority;
  /** The user's transfer choice (imports keep it). */
  transfer?: TransferKind;
  /** A completed import that ran in aria2. */
  viaAria2?: true;
  /** Imports and protected folders: the state to start in (default `queued`). */
  state?: Extract<JobState, 'queued' | 'paused' | 'failed' | 'completed'>;
  error?: AppErrorInfo;
  finalPath?: string;
  bytesReceived?: number;
  completedAt?: number;
  createdAt?: number;
}

export interface AddResult {
  added: Job[];
  duplicates: number;
}

/** Called after every committed write: `before` undefined = added, `after` undefined = removed. */
export type WriteListener = (before: Job | undefined, after: Job | undefined) => void;

const OPTIONAL = [
  'transfer',
  'viaAria2',
  'pageUrl',
  'name',
  'size',
  'kind',
  'priority',
  'error',
  'finalPath',
  'bytesReceived',
  'completedAt',
] as const;

function newJob(item: NewJob, id: string, order: number, now: number): Job {
  const job: Job = {
    id,
    fileKey: item.fileKey,
    link: item.link,
    state: item.state ?? 'queued',
    order,
    createdAt: item.createdAt ?? now,
    updatedAt: now,
    attempts: 0,
  };
  for (const k of OPTIONAL) if (item[k] !== undefined) Object.assign(job, { [k]: item[k] });
  if (item.package) job.package = { ...item.package };
  return job;
}

/**
 * Queue persistence. IndexedDB is the truth; a copy of every job is kept in memory (loaded once per
 * worker life, updated after each committed write) so the scheduler and the pages do not read the
 * whole store again on every step. Only the background writes jobs. Adding is one transaction: the
 * de-duplication check and the writes cannot interleave, so a link clicked twice becomes one job.
 */
export function createQueueStore(db: AppDatabase, newId: () => string = () => crypto.randomUUID()) {
  let cache: Map<string, Job> | undefined;
  let loading: Promise<Map<string, Job>> | undefined;
  const listeners = new Set<WriteListener>();

  function jobs(): Promise<Map<string, Job>> {
    if (cache) return Promise.resolve(cache);
    loading ??= db.getAll('jobs').then((all) => {
      cache = new Map(all.map((j) => [j.id, j]));
      return cache;
    });
    return loading;
  }

  async function committed(before: Job | undefined, after: Job | undefined): Promise<void> {
    const map = await jobs();
    if (after) map.set(after.id, after);
    else if (before) map.delete(before.id);
    for (const l of listeners) l(before, after);
  }

  async function write(entries: readonly { before?: Job; after?: Job; id: string }[]): Promise<void> {
    const tx = db.transaction('jobs', 'readwrite');
    await Promise.all([
      ...entries.map((e) => (e.after ? tx.store.put(e.after) : tx.store.delete(e.id))),
      tx.done,
    ]);
    for (const e of entries) await committed(e.before, e.after);
  }

  const store = {
    /** Reads every job once (wake-up); later calls return at once. */
    async load(): Promise<number> {
      return (await jobs()).size;
    },
    onWrite(listener: WriteListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Adds jobs at the end of the queue (or after `afterOrder`, before the next job). */
    async add(
      items: readonly NewJob[],
      now: number,
      at?: { after: number; before?: number },
    ): Promise<AddResult> {
      await jobs();
      const tx = db.transaction('jobs', 'readwrite');
      const done = tx.done;
      try {
        const index = tx.store.index('byFileKey');
        // New jobs go after the last one, whatever the clock says.
        const last = await tx.store.index('byOrder').openCursor(null, 'prev');
        const start = at ? at.after : (last?.value.order ?? 0);
        const step = at ? ((at.before ?? at.after + 1) - at.after) / (items.length + 1) : 1;
        const seen = new Set<string>();
        const added: Job[] = [];
        let duplicates = 0;
        for (const item of items) {
          if (seen.has(item.fileKey) || (await index.count(item.fileKey)) > 0) {
            duplicates += 1;
            continue;
          }
          seen.add(item.fileKey);
          const job = newJob(item, newId(), start + step * (added.length + 1), now);
          added.push(job);
          await tx.store.add(job);
        }
        await done;
        for (const job of added) await committed(undefined, job);
        return { added, duplicates };
      } catch (err) {
        // The transaction aborts on a failed write; settle `done` so its rejection is not unhandled.
        await done.catch(() => undefined);
        throw err;
      }
    },
    /** Every job (the in-memory copy; do not mutate). */
    async all(): Promise<Job[]> {
      return [...(await jobs()).values()];
    },
    /** Every job in queue order. */
    async ordered(): Promise<Job[]> {
      return (await store.all()).toSorted((a, b) => a.order - b.order || a.createdAt - b.createdAt);
    },
    async get(id: string): Promise<Job | undefined> {
      return (await jobs()).get(id);
    },
    /**
     * The job whose browser download has this id and may still run (downloading or paused). A
     * finished job keeps its last id, which Firefox hands out again in a later browser session.
     */
    async byDownloadId(downloadId: number): Promise<Job | undefined> {
      for (const j of (await jobs()).values()) {
        if (j.downloadId === downloadId && (j.state === 'downloading' || j.state === 'paused')) return j;
      }
      return undefined;
    },
    /** Applies `change` to the stored job in one transaction; returns the new job, or undefined if it is gone. */
    async update(id: string, change: (job: Job) => Job | undefined): Promise<Job | undefined> {
      await jobs();
      const tx = db.transaction('jobs', 'readwrite');
      const current = await tx.store.get(id);
      const next = current ? change(current) : undefined;
      if (next) await tx.store.put(next);
      await tx.done;
      if (next) await committed(current, next);
      return next;
    },
    /** Writes a whole job (tests seed with it; the engine uses `update`). */
    async put(job: Job): Promise<void> {
      await write([{ id: job.id, before: (await jobs()).get(job.id), after: job }]);
    },
    async remove(ids: readonly string[]): Promise<Job[]> {
      const map = await jobs();
      const gone = ids.map((id) => map.get(id)).filter((j): j is Job => j !== undefined);
      await write(gone.map((j) => ({ id: j.id, before: j })));
      return gone;
    },
    /** Writes new orders for several jobs in one transaction. */
    async reorder(orders: ReadonlyMap<string, number>, now: number): Promise<void> {
      const map = await jobs();
      const entries = [...orders]
        .map(([id, order]) => ({ id, before: map.get(id), order }))
        .filter((e) => e.before !== undefined && e.before.order !== e.order)
        .map((e) => ({
          id: e.id,
          before: e.before,
          after: { ...e.before!, order: e.order, updatedAt: now },
        }));
      if (entries.length) await write(entries);
    },
  };
  return store;
}

export type QueueStore = ReturnType<typeof createQueueStore>;
