import type { ErrorKind } from '../onefichier/errors';
import type { DownloadDeltaLike } from '../transfer/downloads-api';
import { createJobActions } from './actions';
import type { EngineDeps } from './engine-deps';
import type { Aria2Client, Aria2Status } from '../transfer/aria2/client';
import { settleAria2 } from './aria2-settle';
import { aria2Connections, wantsAria2 } from './aria2-start';
import type { Job } from './job';
import { adoptDeadline, reconcileJob } from './reconcile';
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
 * While a job is being resolved, the queue's alarm is set no later than this: if the background
 * is unloaded or killed mid-resolve anyway, it wakes, finds the job `resolving` and starts it again.
 */
export const RESOLVE_GUARD_MS = 60_000;

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
  /** Jobs this background life is resolving right now (any other `resolving` job is an orphan). */
  const inFlight = new Set<string>();

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
    // A job left resolving by a background that died: adopted once its download shows, else
    // queued again when the grace for a late download has passed (reconcile.ts).
    for (const job of await store.all()) {
      if (job.state === 'resolving' && job.gid === undefined && !inFlight.has(job.id)) {
        await reconcileJob(job, downloads, store, t);
      }
    }
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
        // An aria2 download uses several connections of 1Fichier's per-account budget.
        connectionsOf: (j) =>
          j.gid !== undefined
            ? (j.connections ?? 1)
            : j.state === 'queued' && wantsAria2(j, options)
              ? aria2Connections(options)
              : 1,
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
        const release = deps.keepAwake?.();
        inFlight.add(claimed.id);
        void runJob(deps, claimed).finally(() => {
          inFlight.delete(claimed.id);
          release?.();
          void pump();
        });
      }
    }
    const all = await store.all();
    const guard = all.some((j) => j.state === 'resolving') ? t + RESOLVE_GUARD_MS : undefined;
    const orphans = all.filter((j) => !inFlight.has(j.id)).map(adoptDeadline);
    const adoption = orphans.reduce<number | undefined>(earliest, undefined);
    await deps.scheduleWake(earliest(earliest(nextWake(all), heldUntil), earliest(guard, adoption)));
    deps.onChange();
  }

  /** Settles one job against its transfer: its aria2 download (GID) or its browser download. */
  async function settle(job: Job, client?: Aria2Client, known?: Aria2Status | null): Promise<void> {
    if (job.gid === undefined) {
      await reconcileJob(job, downloads, store, now());
      return;
    }
    const c = client ?? (await deps.aria2?.client().catch(() => undefined));
    if (c) await settleAria2(job, c, store, now(), known);
  }

  /** Jobs whose aria2 download is, or may be, running. */
  const aria2Jobs = async () =>
    (await store.all()).filter(
      (j) =>
        j.gid !== undefined && (j.state === 'resolving' || j.state === 'downloading' || j.state === 'paused'),
    );

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
        if (job.state === 'resolving' || job.downloadId !== undefined || job.gid !== undefined) {
          await settle(job);
        }
      }
      await pump();
    },
    /** An aria2 notification (download started, paused, stopped, complete, failed) for `gid`. */
    async onAria2Event(gid: string): Promise<void> {
      const job = (await aria2Jobs()).find((j) => j.gid === gid);
      if (!job) return;
      await settle(job);
      await pump();
    },
    /**
     * Every aria2 download asked about (the alarm, a lost notification socket): completions,
     * failures, stalls and a restarted aria2 are noticed even while no page is open. → whether any
     * aria2 download still runs (the caller keeps watching while one does).
     */
    async pollAria2(): Promise<boolean> {
      const jobs = await aria2Jobs();
      if (!jobs.length) return false;
      const client = await deps.aria2?.client().catch(() => undefined);
      for (const job of jobs) await settle(job, client);
      await pump();
      return (await aria2Jobs()).length > 0;
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
      let client: Aria2Client | undefined;
      for (const job of await store.all()) {
        if (job.state !== 'downloading') continue;
        if (job.gid !== undefined) {
          client ??= await deps.aria2?.client().catch(() => undefined);
          const status = await client?.status(job.gid).then(
            (st) => st ?? null,
            () => undefined,
          );
          if (status) out.set(job.id, status.completedLength);
          if (client && status !== undefined && status?.status !== 'active' && status?.status !== 'waiting') {
            await settle(job, client, status);
            settled = true;
          }
          continue;
        }
        if (job.downloadId === undefined) continue;
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
