import type { ErrorKind } from '../onefichier/errors';
import type { DownloadDeltaLike } from '../transfer/downloads-api';
import { createJobActions } from './actions';
import type { EngineDeps } from './engine-deps';
import { reconcileJob } from './reconcile';
import { runJob } from './run-job';
import { dueWaiting, isSmall, nextWake, pickNext } from './scheduler';
import type { NewJob } from './store';
import { toLocked, toQueued } from './transitions';

export type { EngineDeps } from './engine-deps';

/** Errors fixed by saving a (new) key: those jobs are retried when a key is saved. */
const KEY_ERRORS: ReadonlySet<ErrorKind> = new Set(['noKey', 'invalidKey', 'freeAccount']);

const earliest = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/**
 * The queue's side effects. IndexedDB is the truth and is written before every side effect; this
 * object only keeps a pump flag. Only the background creates it; a lock keeps a second context
 * (another worker life overlapping this one) from pumping at the same time.
 */
export function createQueueEngine(deps: EngineDeps) {
  const { store, downloads } = deps;
  const now = deps.now ?? Date.now;
  const withLock = deps.withLock ?? (<T>(fn: () => Promise<T>) => fn());
  let pumping: Promise<void> | undefined;
  let again = false;

  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = withLock(async () => {
      do {
        again = false;
        await pumpOnce();
      } while (again);
    }).finally(() => {
      pumping = undefined;
    });
    return pumping;
  }

  async function pumpOnce(): Promise<void> {
    const t = now();
    for (const job of dueWaiting(await store.all(), t)) {
      await store.update(job.id, (cur) => (cur.state === 'waiting' ? toQueued(cur, t) : undefined));
    }
    // While locked, every job that would need a token shows `locked`; once unlocked (or the key
    // forgotten, when they fail for want of a key instead) they are queued again, in their order.
    const locked = await deps.isLocked();
    for (const job of await store.all()) {
      if (locked && job.state === 'queued' && job.kind !== 'folder') {
        await store.update(job.id, (cur) => (cur.state === 'queued' ? toLocked(cur, t) : undefined));
      } else if (!locked && job.state === 'locked') {
        await store.update(job.id, (cur) => (cur.state === 'locked' ? toQueued(cur, t) : undefined));
      }
    }
    let heldUntil: number | undefined;
    if (!locked) {
      const options = await deps.getOptions();
      const lastSmall = await deps.smallStarts?.get();
      const schedule = pickNext(await store.all(), {
        limit: options.parallel,
        now: t,
        smallFileDelayMs: options.smallFileDelaySec * 1_000,
        ...(lastSmall !== undefined ? { lastSmallStartAt: lastSmall } : {}),
      });
      heldUntil = schedule.wakeAt;
      for (const job of schedule.start) {
        const claimed = await store.update(job.id, (cur) =>
          cur.state === 'queued'
            ? { ...cur, state: 'resolving', attempts: cur.attempts + 1, updatedAt: t }
            : undefined,
        );
        if (!claimed) continue;
        if (options.smallFileDelaySec > 0 && isSmall(claimed)) {
          await deps.smallStarts?.set(t);
        }
        void runJob(deps, claimed).finally(() => void pump());
      }
    }
    await deps.scheduleWake(earliest(nextWake(await store.all()), heldUntil));
    deps.onChange();
  }

  const actions = createJobActions(deps, pump);
  // A finished file needs its password no more: it is not kept longer than the job needs it.
  store.onWrite((before, after) => {
    if (after?.state === 'completed' && before?.state !== 'completed' && after.kind !== 'folder') {
      void deps.passwords.delete(after.id).catch(() => undefined);
    }
  });

  return {
    pump,
    ...actions,
    async enqueue(items: readonly NewJob[]) {
      const result = await store.add(items, now());
      if (result.added.length) void pump();
      return result;
    },
    /** On every worker start: load the store, settle each active job against the browser, then pump. */
    async start(): Promise<void> {
      await store.load();
      for (const job of await store.all()) {
        if (job.state === 'resolving' || job.downloadId !== undefined) {
          await reconcileJob(job, downloads, store, now());
        }
      }
      await pump();
    },
    async onDownloadChanged(delta: DownloadDeltaLike): Promise<void> {
      // The final name is read from the item when it completes; only state changes matter here.
      if (!delta.state?.current) return;
      const job = await store.byDownloadId(delta.id);
      if (!job) return;
      await reconcileJob(job, downloads, store, now());
      await pump();
    },
    /** After a key is saved: jobs that failed for want of a usable key run again. */
    async retryKeyFailures(): Promise<void> {
      for (const job of await store.all()) {
        if (job.state === 'failed' && job.error && KEY_ERRORS.has(job.error.kind)) {
          await store.update(job.id, (cur) =>
            cur.state === 'failed' ? toQueued(cur, now(), true) : undefined,
          );
        }
      }
      await pump();
    },
    /** A token request or a browser transfer is running (auto-lock waits for it). */
    async busy(): Promise<boolean> {
      return (await store.all()).some((j) => j.state === 'resolving' || j.state === 'downloading');
    },
    /** Live byte counts of running transfers (downloads.onChanged does not report progress). */
    async progress(): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      let settled = false;
      for (const job of await store.all()) {
        if (job.state !== 'downloading' || job.downloadId === undefined) continue;
        const [item] = await downloads.search({ id: job.downloadId });
        if (item) out.set(job.id, item.bytesReceived);
        if (!item || item.state !== 'in_progress') {
          await reconcileJob(job, downloads, store, now());
          settled = true;
        }
      }
      if (settled) void pump();
      return out;
    },
  };
}

export type QueueEngine = ReturnType<typeof createQueueEngine>;
