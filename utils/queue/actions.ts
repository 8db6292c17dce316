import { abandonDownload } from '../transfer/downloads-api';
import { AppError } from '../onefichier/errors';
import type { EngineDeps } from './engine-deps';
import type { Job, JobPriority } from './job';
import { letGoOfTransfer, pauseTransfer } from './let-go';
import { expandProtectedFolder } from './protected-folder';
import type { TransferKind } from '../settings';
import {
  isLegal,
  TRANSFER_CHOICE_STATES,
  type JobAction,
  type QueueAction,
  type SelectionAction,
} from './state';
import { toFailed, toPaused, toQueued, toResumed } from './transitions';

/** Errors a password given in the popup answers. */
const PASSWORD_ERRORS = new Set([
  'passwordRequired',
  'passwordWrong',
  'folderPasswordRequired',
  'folderPasswordWrong',
]);

/** The user's actions on one job and on the whole queue; each is written before its side effect. */
export function createJobActions(deps: EngineDeps, pump: () => Promise<void>) {
  const { store, downloads } = deps;
  const now = deps.now ?? Date.now;

  /** Updates the job only while `action` is still legal in its current state. */
  const whileLegal = (id: string, action: JobAction, change: (cur: Job) => Job) =>
    store.update(id, (cur) => (isLegal(cur.state, action) ? change(cur) : undefined));

  async function pause(job: Job): Promise<void> {
    const next = await whileLegal(job.id, 'pause', (cur) => toPaused(cur, now()));
    if (next) await pauseTransfer(deps, next);
  }

  /** A paused browser download continues where it stopped when the browser can; else a fresh token. */
  async function resume(job: Job): Promise<void> {
    const [item] = job.downloadId !== undefined ? await downloads.search({ id: job.downloadId }) : [];
    if (item && item.state !== 'complete' && item.canResume) {
      const next = await whileLegal(job.id, 'resume', (cur) =>
        cur.downloadId === item.id
          ? { ...toResumed(cur, now()), resumes: cur.resumes ?? 0 }
          : toQueued(cur, now()),
      );
      if (next?.state !== 'downloading') return;
      try {
        await downloads.resume(item.id);
        // A resume the browser ignored leaves the item where it was: start afresh instead.
        const [after] = await downloads.search({ id: item.id });
        if (after?.state !== 'in_progress' || after.paused) throw new Error('not resumed');
      } catch {
        // The browser could not continue it after all: a fresh token and a new download.
        await store.update(job.id, (cur) =>
          cur.state === 'downloading' && cur.downloadId === item.id ? toQueued(cur, now()) : undefined,
        );
        await abandonDownload(downloads, item.id);
      }
      return;
    }
    // An aria2 download starts afresh with a fresh link; aria2 continues its file (aria2Path).
    const queued = await whileLegal(job.id, 'resume', (cur) => toQueued(cur, now()));
    if (queued && job.gid !== undefined) await letGoOfTransfer(deps, { gid: job.gid });
    if (item && item.state !== 'complete') await abandonDownload(downloads, item.id);
  }

  async function cancel(job: Job): Promise<void> {
    const next = await whileLegal(job.id, 'cancel', (cur) => toFailed(cur, { kind: 'cancelled' }, now()));
    if (next) await letGoOfTransfer(deps, job);
  }

  async function remove(jobs: readonly Job[]): Promise<void> {
    const gone = await store.remove(jobs.map((j) => j.id));
    for (const job of gone) {
      await deps.passwords.delete(job.id).catch(() => undefined);
      if (job.state !== 'completed') await letGoOfTransfer(deps, job);
    }
  }

  async function move(job: Job, action: 'moveTop' | 'moveUp' | 'moveDown'): Promise<void> {
    const ordered = await store.ordered();
    const at = ordered.findIndex((j) => j.id === job.id);
    if (action === 'moveTop') {
      const first = ordered[0];
      if (first && first.id !== job.id) await store.reorder(new Map([[job.id, first.order - 1]]), now());
      return;
    }
    const other = ordered[action === 'moveUp' ? at - 1 : at + 1];
    if (other)
      await store.reorder(
        new Map([
          [job.id, other.order],
          [other.id, job.order],
        ]),
        now(),
      );
  }

  async function act(id: string, action: JobAction): Promise<void> {
    const job = await store.get(id);
    if (!job || !isLegal(job.state, action)) throw new AppError('forbidden', { detail: action });
    if (action === 'pause') await pause(job);
    else if (action === 'resume') await resume(job);
    else if (action === 'cancel') await cancel(job);
    else if (action === 'remove') await remove([job]);
    else if (action === 'retry') await retry(job);
    else await move(job, action);
    await pump();
  }

  async function retry(job: Job): Promise<void> {
    // A protected folder lists itself again (its password may have been removed meanwhile).
    if (job.kind === 'folder') {
      await expandProtectedFolder(deps, job, undefined);
      return;
    }
    await whileLegal(job.id, 'retry', (cur) => {
      const next = toQueued(cur, now(), true);
      if (cur.error?.kind === 'passwordTries') delete next.passwordTries;
      return next;
    });
  }

  return {
    act,
    /** Pause all, resume all, retry failed, clear completed: how many jobs it applied to. */
    async bulk(action: QueueAction): Promise<number> {
      const jobs = await store.ordered();
      let targets: Job[];
      if (action === 'clearCompleted') {
        targets = jobs.filter((j) => j.state === 'completed');
        await remove(targets);
      } else {
        const one: JobAction = action === 'pauseAll' ? 'pause' : action === 'resumeAll' ? 'resume' : 'retry';
        targets = jobs.filter(
          (j) => isLegal(j.state, one) && (action !== 'retryFailed' || j.state === 'failed'),
        );
        for (const job of targets) {
          if (one === 'pause') await pause(job);
          else if (one === 'resume') await resume(job);
          else await retry(job);
        }
      }
      await pump();
      return targets.length;
    },
    /**
     * One action on the jobs the user selected (the manager): applied to each job where it is legal
     * now, skipped for the others; how many it applied to. Removal is one transaction.
     */
    async many(ids: readonly string[], action: SelectionAction): Promise<number> {
      const jobs: Job[] = [];
      for (const id of new Set(ids)) {
        const job = await store.get(id);
        if (job && isLegal(job.state, action)) jobs.push(job);
      }
      if (action === 'remove') await remove(jobs);
      else {
        for (const job of jobs) {
          if (action === 'pause') await pause(job);
          else if (action === 'resume') await resume(job);
          else if (action === 'cancel') await cancel(job);
          else await retry(job);
        }
      }
      await pump();
      return jobs.length;
    },
    /** Sets the priority of each job that still exists; how many changed. */
    async setPriority(ids: readonly string[], priority: JobPriority | 'normal'): Promise<number> {
      let changed = 0;
      for (const id of new Set(ids)) {
        const next = await store.update(id, (cur) => {
          if ((cur.priority ?? 'normal') === priority) return undefined;
          const out: Job = { ...cur, updatedAt: now() };
          if (priority === 'normal') delete out.priority;
          else out.priority = priority;
          return out;
        });
        if (next) changed += 1;
      }
      await pump();
      return changed;
    },
    /**
     * "Send to aria2" / "Download in browser": kept on each job not running now (a running transfer
     * is not moved under the user); a paused or failed job is queued again, as the user asked for
     * it to be downloaded. How many changed.
     */
    async setTransfer(ids: readonly string[], transfer: TransferKind): Promise<number> {
      let changed = 0;
      for (const id of new Set(ids)) {
        const before = await store.get(id);
        const next = await store.update(id, (cur) => {
          if (!TRANSFER_CHOICE_STATES.has(cur.state) || cur.kind === 'folder') return undefined;
          if (cur.transfer === transfer && cur.state !== 'failed' && cur.state !== 'paused') return undefined;
          const out: Job =
            cur.state === 'failed' || cur.state === 'paused' ? toQueued(cur, now(), true) : { ...cur };
          out.transfer = transfer;
          out.updatedAt = now();
          return out;
        });
        if (!next) continue;
        changed += 1;
        // A paused transfer is let go of: the job starts afresh where the user sent it.
        if (before?.state === 'paused') await letGoOfTransfer(deps, before);
      }
      await pump();
      return changed;
    },
    /** The password of a protected file or folder job, asked for in the popup. */
    async setPassword(id: string, password: string): Promise<void> {
      const job = await store.get(id);
      if (!job || job.state !== 'failed' || !job.error || !PASSWORD_ERRORS.has(job.error.kind)) {
        throw new AppError('forbidden', { detail: 'no password asked' });
      }
      if (job.kind === 'folder') {
        await expandProtectedFolder(deps, job, password);
      } else {
        await deps.passwords.set(id, password);
        await store.update(id, (cur) => (cur.state === 'failed' ? toQueued(cur, now(), true) : undefined));
      }
      await pump();
    },
  };
}
