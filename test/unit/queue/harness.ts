import { openAppDb } from '../../../utils/db';
import { AppError } from '../../../utils/onefichier/errors';
import { createQueueEngine, type QueueEngine } from '../../../utils/queue/engine';
import type { Job } from '../../../utils/queue/job';
import type { JobState } from '../../../utils/queue/state';
import { createQueueStore, type QueueStore } from '../../../utils/queue/store';
import { createFakeAria2, type FakeAria2 } from '../../fakes/aria2';
import { createFakeClient, type FakeClient } from '../../fakes/client';
import { createFakeDownloads, type FakeDownloads } from '../../fakes/downloads';

export const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
export const T0 = 1_700_000_000_000;

/** Counts the engine's pending calls into its dependencies, so a test can wait until it is idle. */
function createTracker() {
  let pending = 0;
  function track<T>(value: T): T {
    if (value instanceof Promise) {
      pending += 1;
      value.then(
        () => (pending -= 1),
        () => (pending -= 1),
      );
    }
    return value;
  }
  return {
    get pending() {
      return pending;
    },
    fn<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
      return (...args) => track(f(...args));
    },
    wrap<T extends object>(target: T): T {
      return new Proxy(target, {
        get(obj, prop, receiver) {
          const value = Reflect.get(obj, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => track((value as (...a: unknown[]) => unknown).apply(obj, args));
        },
      });
    },
  };
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Flushes macrotasks (IndexedDB work, settled promises) until `check` holds; no wall-clock waiting. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 5_000; i++) {
    if (await check()) return;
    await macrotask();
  }
  throw new Error('harness: condition never reached');
}

export interface Harness {
  engine: QueueEngine;
  store: QueueStore;
  client: FakeClient;
  downloads: FakeDownloads;
  /** aria2 as the engine reaches it (used only when a test turns aria2 on in `options`). */
  aria2: FakeAria2;
  clock: { t: number };
  options: HarnessOptions;
  /** Job passwords as the vault would keep them. */
  passwords: Map<string, string>;
  /** The key getKey returns (undefined: none stored). */
  key: { value: string | undefined };
  /** The vault's lock: while true getKey rejects `locked`, as the real vault does. */
  locked: { value: boolean };
  /** Holders of keepAwake right now, and the most at once. */
  awake: { held: number; max: number };
  /** Every scheduleWake argument, in order. */
  wakes: (number | undefined)[];
  /** The states each job went through, from the engine's own writes. */
  history: Map<string, JobState[]>;
  changes: { count: number };
  /** Lets every pending call settle until the engine has nothing in flight. */
  idle(): Promise<void>;
  /** Flushes until `check` holds (for tests that keep a call pending on purpose). */
  until(check: () => boolean | Promise<boolean>): Promise<void>;
  job(id: string): Promise<Job | undefined>;
  only(): Promise<Job>;
  /** Puts a job straight into the store, as a previous worker life left it. */
  seed(partial: Partial<Job> & { id: string; state: JobState }): Promise<Job>;
}

export interface HarnessOptions {
  parallel: number;
  noSsl: boolean;
  useCdnCredits: boolean;
  subfolderTemplate: string;
  conflictAction: 'uniquify' | 'overwrite';
  smallFileDelaySec: number;
  aria2Enabled: boolean;
  transfer: 'browser' | 'aria2';
  aria2Dir: string;
  aria2Connections: number;
  aria2Fallback: boolean;
}

export async function createHarness(): Promise<Harness> {
  const db = await openAppDb();
  let ids = 0;
  const rawStore = createQueueStore(db, () => `job-${++ids}`);
  const client = createFakeClient();
  const downloads = createFakeDownloads();
  const clock = { t: T0 };
  const options: HarnessOptions = {
    parallel: 3,
    noSsl: false,
    useCdnCredits: false,
    subfolderTemplate: '',
    conflictAction: 'uniquify',
    smallFileDelaySec: 0,
    aria2Enabled: false,
    transfer: 'browser',
    aria2Dir: '',
    aria2Connections: 3,
    aria2Fallback: false,
  };
  const passwords = new Map<string, string>();
  let lastSmall: number | undefined;
  const key = { value: KEY as string | undefined };
  const locked = { value: false };
  const wakes: (number | undefined)[] = [];
  const awake = { held: 0, max: 0 };
  const history = new Map<string, JobState[]>();
  const changes = { count: 0 };
  const tracker = createTracker();

  const note = (job: Job | undefined) => {
    if (!job) return;
    const list = history.get(job.id) ?? [];
    if (list[list.length - 1] !== job.state) list.push(job.state);
    history.set(job.id, list);
  };
  rawStore.onWrite((_before, after) => note(after));

  const aria2 = createFakeAria2();
  const engine = createQueueEngine({
    aria2: { client: tracker.fn(async () => tracker.wrap(aria2.client)) },
    store: tracker.wrap(rawStore),
    client: tracker.wrap(client),
    publicFolder: tracker.fn((folder: { domain: string; id: string }, pass?: string) =>
      client.publicFolder(folder, pass),
    ),
    passwords: {
      get: tracker.fn(async (id: string) => passwords.get(id)),
      set: tracker.fn(async (id: string, p: string) => void passwords.set(id, p)),
      delete: tracker.fn(async (id: string) => void passwords.delete(id)),
    },
    smallStarts: {
      get: async () => lastSmall,
      set: async (at) => {
        lastSmall = at;
      },
    },
    downloads: tracker.wrap(downloads),
    getKey: tracker.fn(async () => {
      if (locked.value) throw new AppError('locked');
      return key.value;
    }),
    isLocked: tracker.fn(async () => locked.value),
    getOptions: tracker.fn(async () => ({ ...options })),
    scheduleWake: tracker.fn(async (at: number | undefined) => {
      wakes.push(at);
    }),
    keepAwake: () => {
      awake.held += 1;
      awake.max = Math.max(awake.max, awake.held);
      let released = false;
      return () => {
        if (!released) awake.held -= 1;
        released = true;
      };
    },
    onChange: () => {
      changes.count += 1;
    },
    now: () => clock.t,
  });

  return {
    engine,
    aria2,
    store: rawStore,
    client,
    downloads,
    clock,
    options,
    passwords,
    key,
    locked,
    wakes,
    awake,
    history,
    changes,
    async idle() {
      // Idle = nothing pending over several consecutive macrotask turns.
      let quiet = 0;
      await until(() => {
        quiet = tracker.pending === 0 ? quiet + 1 : 0;
        return quiet >= 3;
      });
    },
    until,
    job: (id) => rawStore.get(id),
    async only() {
      const all = await rawStore.all();
      if (all.length !== 1) throw new Error(`expected one job, found ${all.length}`);
      return all[0]!;
    },
    async seed(partial) {
      const job: Job = {
        fileKey: partial.id,
        link: `https://1fichier.com/?${partial.id}`,
        order: 1,
        createdAt: T0 - 60_000,
        updatedAt: T0 - 60_000,
        attempts: 1,
        ...partial,
      };
      await rawStore.put(job);
      return job;
    },
  };
}

/** A NewJob for a 1Fichier id. */
export function item(id: string, pageUrl?: string) {
  return pageUrl
    ? { fileKey: id.toLowerCase(), link: `https://1fichier.com/?${id}`, pageUrl }
    : { fileKey: id.toLowerCase(), link: `https://1fichier.com/?${id}` };
}

/** Queues one job per file key, lets the engine settle, and returns the new jobs' ids. */
export async function enqueueKeys(h: Harness, ...fileKeys: string[]): Promise<string[]> {
  const result = await h.engine.enqueue(fileKeys.map((k) => item(k)));
  await h.idle();
  return result.added.map((j) => j.id);
}
