import { describe, it, expect, beforeEach, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { createLiveHub } from '../../entrypoints/background/live.ts';
import type { Services } from '../../entrypoints/background/services.ts';
import { openAppDb } from '../../utils/db.ts';
import { QUEUE_PORT, type QueuePush } from '../../utils/messaging/protocol.ts';
import { createQueueStore, type QueueStore } from '../../utils/queue/store.ts';
import { createQueueModel } from '../../utils/queue-view/model.ts';

/** A port as the background sees it: what it was sent, and its disconnect. */
function fakePort(sender: Record<string, unknown>) {
  const sent: QueuePush[] = [];
  const onDisconnect: (() => void)[] = [];
  const port = {
    name: QUEUE_PORT,
    sender,
    postMessage: (m: QueuePush) => sent.push(structuredClone(m)),
    disconnect: vi.fn(),
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
  };
  return { port, sent, close: () => onDisconnect.forEach((f) => f()) };
}

const page = () => ({
  id: browser.runtime.id,
  url: browser.runtime.getURL('/popup.html'),
  origin: browser.runtime.getURL('/').replace(/\/$/, ''),
});

let store: QueueStore;
let bytes: Map<string, number>;
const links = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const id = `f${String(i).padStart(9, '0')}`;
    return { fileKey: id, link: `https://1fichier.com/?${id}` };
  });

beforeEach(async () => {
  let n = 0;
  store = createQueueStore(await openAppDb(), () => `job-${String(++n).padStart(6, '0')}`);
  bytes = new Map();
});

function hub() {
  const services = { store, engine: { progress: async () => bytes } } as unknown as Services;
  return createLiveHub(Promise.resolve(services));
}

describe('the live queue hub', () => {
  it('sends a page that connects its first screen of jobs, then the rest; a model fed both equals the store', async () => {
    await store.add(links(250), 1);
    const { port, sent } = fakePort(page());
    hub().onConnect(port as never);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    const [first, rest] = sent as [
      Extract<QueuePush, { type: 'snapshot' }>,
      Extract<QueuePush, { type: 'rest' }>,
    ];
    expect(first.type).toBe('snapshot');
    expect(first.more).toBe(true);
    expect(first.jobs).toHaveLength(100);
    expect(rest.type).toBe('rest');
    expect(rest.jobs).toHaveLength(150);
    const model = createQueueModel();
    for (const m of sent) model.apply(m);
    expect(model.complete).toBe(true);
    expect(model.ids()).toEqual((await store.ordered()).map((j) => j.id));
  });

  it('then sends only the jobs written or removed, as one patch per burst', async () => {
    await store.add(links(3), 1);
    const { port, sent } = fakePort(page());
    hub().onConnect(port as never);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ type: 'snapshot', more: false });
    const [a, b] = await store.ordered();
    await store.update(a!.id, (j) => ({ ...j, state: 'paused', updatedAt: 2 }));
    await store.remove([b!.id]);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    const patch = sent[1] as Extract<QueuePush, { type: 'patch' }>;
    expect(patch.type).toBe('patch');
    expect(patch.upsert.map((j) => [j.id, j.state])).toEqual([[a!.id, 'paused']]);
    expect(patch.remove).toEqual([b!.id]);
  });

  it('sends byte counts while a transfer runs, never a live count for a job that is not running', async () => {
    await store.add(links(2), 1);
    const [run, done] = await store.ordered();
    await store.update(run!.id, (j) => ({
      ...j,
      state: 'downloading',
      downloadId: 7,
      size: 100,
      updatedAt: 2,
    }));
    await store.update(done!.id, (j) => ({
      ...j,
      state: 'completed',
      size: 100,
      bytesReceived: 100,
      updatedAt: 2,
    }));
    bytes = new Map([
      [run!.id, 40],
      [done!.id, 55],
    ]);
    const h = hub();
    const { port, sent, close } = fakePort(page());
    h.onConnect(port as never);
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'progress')).toBe(true), { timeout: 3_000 });
    const progress = sent.find((m) => m.type === 'progress') as Extract<QueuePush, { type: 'progress' }>;
    expect(progress.bytes[run!.id]).toBe(40);
    // The counts read include one for the completed job; a page that connects now still sees its own.
    const other = fakePort(page());
    h.onConnect(other.port as never);
    await vi.waitFor(() => expect(other.sent).toHaveLength(1));
    const snap = other.sent[0] as Extract<QueuePush, { type: 'snapshot' }>;
    expect(snap.jobs.find((j) => j.id === done!.id)!.bytesReceived).toBe(100);
    close();
    other.close();
  });

  it('refuses a port from outside the extension: disconnected, sent nothing', async () => {
    await store.add(links(1), 1);
    const { port, sent } = fakePort({ id: 'another-extension', url: 'https://evil.example/' });
    const h = hub();
    h.onConnect(port as never);
    h.changed();
    expect(port.disconnect).toHaveBeenCalled();
    // A page that is let in afterwards gets its snapshot; the refused port still got nothing.
    const ok = fakePort(page());
    h.onConnect(ok.port as never);
    await vi.waitFor(() => expect(ok.sent).toHaveLength(1));
    expect(sent).toEqual([]);
  });
});
