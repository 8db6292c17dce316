import type { AppDatabase } from '../db';
import type { Job, JobPackage } from './job';

export interface NewJob {
  fileKey: string;
  link: string;
  pageUrl?: string;
  /** Known before the job runs when the link came from a folder listing. */
  name?: string;
  size?: number;
  package?: JobPackage;
}

export interface AddResult {
  added: Job[];
  duplicates: number;
}

/**
 * Queue persistence. Adding is one transaction: the de-duplication check and the writes cannot
 * interleave with another context, so a link clicked twice becomes one job.
 */
export function createQueueStore(db: AppDatabase, newId: () => string = () => crypto.randomUUID()) {
  return {
    async add(items: readonly NewJob[], now: number): Promise<AddResult> {
      const tx = db.transaction('jobs', 'readwrite');
      const done = tx.done;
      try {
        const index = tx.store.index('byFileKey');
        // New jobs go after the last one, whatever the clock says.
        const last = await tx.store.index('byOrder').openCursor(null, 'prev');
        let order = (last?.value.order ?? 0) + 1;
        const seen = new Set<string>();
        const added: Job[] = [];
        let duplicates = 0;
        for (const item of items) {
          if (seen.has(item.fileKey) || (await index.count(item.fileKey)) > 0) {
            duplicates += 1;
            continue;
          }
          seen.add(item.fileKey);
          const job: Job = {
            id: newId(),
            fileKey: item.fileKey,
            link: item.link,
            state: 'queued',
            order: order++,
            createdAt: now,
            updatedAt: now,
            attempts: 0,
          };
          if (item.pageUrl) job.pageUrl = item.pageUrl;
          if (item.name !== undefined) job.name = item.name;
          if (item.size !== undefined) job.size = item.size;
          if (item.package) job.package = { ...item.package };
          added.push(job);
          await tx.store.add(job);
        }
        await done;
        return { added, duplicates };
      } catch (err) {
        // The transaction aborts on a failed write; settle `done` so its rejection is not unhandled.
        await done.catch(() => undefined);
        throw err;
      }
    },
    all(): Promise<Job[]> {
      return db.getAll('jobs');
    },
    get(id: string): Promise<Job | undefined> {
      return db.get('jobs', id);
    },
    byFileKey(fileKey: string): Promise<Job | undefined> {
      return db.getFromIndex('jobs', 'byFileKey', fileKey);
    },
    byDownloadId(downloadId: number): Promise<Job | undefined> {
      return db.getFromIndex('jobs', 'byDownloadId', downloadId);
    },
    async put(job: Job): Promise<void> {
      await db.put('jobs', job);
    },
    /** Applies `change` to the stored job in one transaction; returns the new job, or undefined if it is gone. */
    async update(id: string, change: (job: Job) => Job | undefined): Promise<Job | undefined> {
      const tx = db.transaction('jobs', 'readwrite');
      const current = await tx.store.get(id);
      const next = current ? change(current) : undefined;
      if (next) await tx.store.put(next);
      await tx.done;
      return next;
    },
    async remove(id: string): Promise<void> {
      await db.delete('jobs', id);
    },
  };
}

export type QueueStore = ReturnType<typeof createQueueStore>;
