import type { ToContent } from '../messaging/protocol';
import type { Job } from '../queue/job';
import { indexJobs, linkStates } from './link-states';
import type { FrameEntry, PageRegistry } from './registry';

export interface LinkPushDeps {
  registry: PageRegistry;
  jobs: () => Promise<Job[]>;
  /** Live byte counts of running transfers (polled only while a watched link downloads). */
  progress: () => Promise<ReadonlyMap<string, number>>;
  /** tabs.sendMessage to one frame; rejects when the frame has no content script any more. */
  send: (tabId: number, frameId: number, message: ToContent) => Promise<unknown>;
}

/** While a watched link is resolving or downloading, its percent is refreshed this often. */
export const LINK_PROGRESS_EVERY_MS = 1_000;

const frameKey = (f: FrameEntry) => `${f.tabId}:${f.frameId}:${f.page}`;

/**
 * Pushes button states to the frames that show the links. Each push is the frame's complete set:
 * every registered link with a job, keyed as the script reported it (a link left out has no job,
 * its button is back to ready). A frame is told only when its set changed; a frame that cannot be
 * reached (closed, navigated) is dropped from the registry.
 */
export function createLinkPush(deps: LinkPushDeps) {
  const last = new Map<string, string>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  function stopPolling(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  async function pushOnce(): Promise<void> {
    const frames = await deps.registry.all();
    if (frames.length === 0) {
      last.clear();
      return stopPolling();
    }
    const jobs = await deps.jobs();
    const progress = jobs.some((j) => j.state === 'downloading') ? await deps.progress() : new Map();
    const index = indexJobs(jobs);
    let busy = false;
    const alive = new Set<string>();
    for (const frame of frames) {
      const key = frameKey(frame);
      alive.add(key);
      const states = linkStates(
        frame.links.map((l) => l.url),
        index,
        progress,
        frame.origin,
      );
      if (Object.values(states).some((s) => s.state === 'downloading' || s.state === 'resolving'))
        busy = true;
      const json = JSON.stringify(states);
      if (last.get(key) === json) continue;
      last.set(key, json);
      await deps
        .send(frame.tabId, frame.frameId, { type: 'linkStates', page: frame.page, states })
        .catch(async () => {
          last.delete(key);
          await deps.registry.drop(frame.tabId, frame.frameId, frame.page);
        });
    }
    for (const key of last.keys()) if (!alive.has(key)) last.delete(key);
    if (busy) timer ??= setInterval(() => void push(), LINK_PROGRESS_EVERY_MS);
    else stopPolling();
  }

  function push(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pushOnce();
      } while (again);
    })()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    push,
    /** Coalesces bursts of queue changes into one push. */
    changed(): void {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        void push();
      }, 30);
    },
    /** A frame just got its states in a linkStatus reply: the next push must send its full set. */
    forget(frame: FrameEntry): void {
      last.delete(frameKey(frame));
    },
  };
}

export type LinkPush = ReturnType<typeof createLinkPush>;
