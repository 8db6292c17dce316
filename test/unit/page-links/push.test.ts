import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToContent } from '../../../utils/messaging/protocol.ts';
import type { Job } from '../../../utils/queue/job.ts';
import { createLinkPush, LINK_PROGRESS_EVERY_MS } from '../../../utils/page-links/push.ts';
import { createPageRegistry, type FrameEntry } from '../../../utils/page-links/registry.ts';

const LINK = 'https://1fichier.com/?abcdefghij';
const job = (over: Partial<Job>): Job => ({
  id: 'j1',
  fileKey: 'abcdefghij',
  link: LINK,
  state: 'queued',
  order: 1,
  createdAt: 1,
  updatedAt: 1,
  attempts: 0,
  pageUrl: 'https://forum.example/t/1',
  ...over,
});

async function world() {
  let frames: FrameEntry[] | null = null;
  const registry = createPageRegistry({ get: async () => frames, set: async (v) => void (frames = v) });
  let jobs: Job[] = [];
  let bytes = 0;
  const sent: { tabId: number; frameId: number; message: ToContent }[] = [];
  const gone = new Set<number>();
  const push = createLinkPush({
    registry,
    jobs: async () => jobs,
    progress: async () => new Map([['j1', bytes]]),
    send: async (tabId, frameId, message) => {
      if (gone.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
      sent.push({ tabId, frameId, message });
    },
  });
  await registry.register(
    { tabId: 1, frameId: 0, url: 'https://forum.example/t/1' },
    'token-aaaaaaaaaaaaaaaa',
    [{ url: LINK, label: 'movie' }],
  );
  await registry.register({ tabId: 2, frameId: 4, url: 'https://evil.example/' }, 'token-bbbbbbbbbbbbbbbb', [
    { url: LINK, label: 'movie' },
  ]);
  return {
    registry,
    push,
    sent,
    gone,
    setJobs: (j: Job[]) => void (jobs = j),
    setBytes: (b: number) => void (bytes = b),
  };
}

afterEach(() => vi.useRealTimers());

describe('link state push', () => {
  it('sends each frame its complete set, only when it changed, and only its own origin’s jobs', async () => {
    const w = await world();
    w.setJobs([job({ state: 'queued' })]);
    await w.push.push();
    // Frames are pushed in the registry's order (most recent first): compare by tab.
    expect(w.sent.toSorted((x, y) => x.tabId - y.tabId)).toEqual([
      {
        tabId: 1,
        frameId: 0,
        message: {
          type: 'linkStates',
          page: 'token-aaaaaaaaaaaaaaaa',
          states: { [LINK]: { state: 'queued' } },
        },
      },
      { tabId: 2, frameId: 4, message: { type: 'linkStates', page: 'token-bbbbbbbbbbbbbbbb', states: {} } },
    ]);
    await w.push.push();
    expect(w.sent).toHaveLength(2);
    // The job is removed: the forum's frame is told its link has no job any more.
    w.setJobs([]);
    await w.push.push();
    expect(w.sent.slice(2)).toEqual([
      { tabId: 1, frameId: 0, message: { type: 'linkStates', page: 'token-aaaaaaaaaaaaaaaa', states: {} } },
    ]);
  });

  it('drops a frame it cannot reach', async () => {
    const w = await world();
    w.gone.add(2);
    w.setJobs([job({ state: 'completed' })]);
    await w.push.push();
    expect((await w.registry.all()).map((f) => f.tabId)).toEqual([1]);
  });

  it('refreshes the percent while a watched link downloads, and stops once it is done', async () => {
    vi.useFakeTimers();
    const w = await world();
    w.setJobs([job({ state: 'downloading', size: 1_000 })]);
    w.setBytes(100);
    await w.push.push();
    const forum = () =>
      w.sent
        .filter((s) => s.tabId === 1)
        .map((s) => (s.message as { states: Record<string, unknown> }).states[LINK]);
    expect(forum()).toEqual([{ state: 'downloading', percent: 10 }]);
    w.setBytes(600);
    await vi.advanceTimersByTimeAsync(LINK_PROGRESS_EVERY_MS);
    expect(forum()).toEqual([
      { state: 'downloading', percent: 10 },
      { state: 'downloading', percent: 60 },
    ]);
    w.setJobs([job({ state: 'completed', size: 1_000, bytesReceived: 1_000 })]);
    await vi.advanceTimersByTimeAsync(LINK_PROGRESS_EVERY_MS);
    expect(forum().at(-1)).toEqual({ state: 'completed' });
    const count = w.sent.length;
    await vi.advanceTimersByTimeAsync(LINK_PROGRESS_EVERY_MS * 5);
    expect(w.sent).toHaveLength(count);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('coalesces a burst of changes into one push', async () => {
    vi.useFakeTimers();
    const w = await world();
    w.setJobs([job({ state: 'queued' })]);
    for (let i = 0; i < 20; i++) w.push.changed();
    await vi.runAllTimersAsync();
    expect(w.sent).toHaveLength(2);
  });
});
