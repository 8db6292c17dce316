import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ARIA2_POLL_ALARM,
  createAria2Watch,
  notifiedGids,
} from '../../../entrypoints/background/aria2-watch.ts';
import type { Job } from '../../../utils/queue/job.ts';
import type { JobState } from '../../../utils/queue/state.ts';

const GID = '0123456789abcdef';
const GID2 = 'fedcba9876543210';
const note = (method: string, ...gids: unknown[]) =>
  JSON.stringify({ jsonrpc: '2.0', method, params: gids.map((gid) => ({ gid })) });

describe('notifiedGids', () => {
  it.each([
    'aria2.onDownloadStart',
    'aria2.onDownloadPause',
    'aria2.onDownloadStop',
    'aria2.onDownloadComplete',
    'aria2.onDownloadError',
    'aria2.onBtDownloadComplete',
  ])('reads the GID of %s', (method) => {
    expect(notifiedGids(note(method, GID))).toEqual([GID]);
  });

  it('reads every GID of a notification, upper-case hex too', () => {
    expect(notifiedGids(note('aria2.onDownloadComplete', GID, GID2.toUpperCase()))).toEqual([
      GID,
      GID2.toUpperCase(),
    ]);
  });

  it.each([
    ['another method', note('aria2.onSomethingElse', GID)],
    ['an answer to a call', JSON.stringify({ id: '1', jsonrpc: '2.0', result: GID })],
    ['bad JSON', '{"method":"aria2.onDownloadComplete",'],
    ['JSON null', 'null'],
    [
      'params that are not a list',
      JSON.stringify({ method: 'aria2.onDownloadComplete', params: { gid: GID } }),
    ],
    ['a non-hex GID', note('aria2.onDownloadComplete', 'zz23456789abcdef')],
    ['a GID too short', note('aria2.onDownloadComplete', GID.slice(1))],
    ['a GID too long', note('aria2.onDownloadComplete', `${GID}0`)],
    ['a numeric GID', note('aria2.onDownloadComplete', 123)],
    ['a null param', JSON.stringify({ method: 'aria2.onDownloadComplete', params: [null] })],
  ])('ignores %s', (_name, data) => {
    expect(notifiedGids(data)).toEqual([]);
  });

  it('keeps the good GIDs beside bad ones', () => {
    expect(notifiedGids(note('aria2.onDownloadError', 'nope', GID, 7))).toEqual([GID]);
  });

  it.each([undefined, 42, new ArrayBuffer(8), { method: 'aria2.onDownloadComplete' }])(
    'ignores non-string data (%s)',
    (data) => expect(notifiedGids(data)).toEqual([]),
  );
});

/** A stand-in for the browser's WebSocket: records each socket; the test plays aria2's side. */
class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];
  closed = false;
  readonly url: string;
  constructor(url: string) {
    super();
    this.url = url;
    FakeSocket.all.push(this);
  }
  /** Called by the watcher: like a browser, the close event comes later. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    queueMicrotask(() => this.dispatchEvent(new Event('close')));
  }
  /** aria2 went away (stopped, restarted). */
  drop(): void {
    this.closed = true;
    this.dispatchEvent(new Event('close'));
  }
}

const sockets = () => FakeSocket.all;
const lastSocket = (): FakeSocket => {
  const ws = FakeSocket.all.at(-1);
  if (!ws) throw new Error('no socket opened');
  return ws;
};
const openSockets = () => FakeSocket.all.filter((s) => !s.closed);

function job(state: JobState, gid?: string): Job {
  return {
    id: `j-${state}-${gid ?? 'none'}`,
    fileKey: 'abc',
    link: 'https://1fichier.com/?abc',
    state,
    order: 1,
    createdAt: 0,
    updatedAt: 0,
    attempts: 1,
    ...(gid ? { gid, viaAria2: true as const } : {}),
  };
}

/** Lets pending promise chains run until `cond` holds (no timers involved: works with fake timers). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await Promise.resolve();
  expect(cond()).toBe(true);
}

function setup(initial: Job[]) {
  const state = { jobs: initial, url: 'http://127.0.0.1:6800/jsonrpc', still: true };
  const deps = {
    jobs: vi.fn(async () => state.jobs),
    url: vi.fn(async () => state.url),
    poll: vi.fn(async () => state.still),
    onEvent: vi.fn(async (_gid: string) => undefined),
  };
  return { state, deps, watch: createAria2Watch(deps) };
}

const alarm = () => browser.alarms.get(ARIA2_POLL_ALARM);

describe('createAria2Watch', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('does nothing while no aria2 download runs', async () => {
    const { watch } = setup([job('downloading'), job('queued', GID), job('completed', GID2)]);
    await watch.watch();
    expect(sockets()).toEqual([]);
    expect(await alarm()).toBeUndefined();
  });

  it('clears the poll alarm a previous worker left when no aria2 download runs', async () => {
    // Alarms outlive the service worker: a new worker must not leave a stale one firing every 30 s.
    await browser.alarms.create(ARIA2_POLL_ALARM, { periodInMinutes: 0.5 });
    const { watch } = setup([job('completed', GID)]);
    await watch.watch();
    expect(await alarm()).toBeUndefined();
    expect(sockets()).toEqual([]);
  });

  it.each(['downloading', 'resolving'] as const)(
    'a %s aria2 job: one socket to ws://…/jsonrpc and the poll alarm',
    async (state) => {
      const { watch } = setup([job(state, GID)]);
      await watch.watch();
      await watch.watch();
      expect(sockets().map((s) => s.url)).toEqual(['ws://127.0.0.1:6800/jsonrpc']);
      expect(await alarm()).toMatchObject({ name: ARIA2_POLL_ALARM, periodInMinutes: 0.5 });
    },
  );

  it('uses wss:// for an https address, and a new socket when the address changes', async () => {
    const { watch, state } = setup([job('downloading', GID)]);
    state.url = 'https://nas.lan:6801/jsonrpc';
    await watch.watch();
    state.url = 'http://nas.lan:6800/jsonrpc';
    await watch.watch();
    // The old socket's late close event must not drop the new one.
    await watch.watch();
    expect(sockets().map((s) => [s.url, s.closed])).toEqual([
      ['wss://nas.lan:6801/jsonrpc', true],
      ['ws://nas.lan:6800/jsonrpc', false],
    ]);
  });

  it('opens no socket for a bad address but keeps the alarm', async () => {
    const { watch, state } = setup([job('downloading', GID)]);
    state.url = 'ftp://nas.lan/jsonrpc';
    await watch.watch();
    expect(sockets()).toEqual([]);
    expect(await alarm()).toBeDefined();
  });

  it("hands each notified GID to onEvent, and survives onEvent's failure", async () => {
    const { watch, deps } = setup([job('downloading', GID)]);
    deps.onEvent.mockRejectedValueOnce(new Error('store busy'));
    await watch.watch();
    const data = note('aria2.onDownloadComplete', GID, GID2);
    lastSocket().dispatchEvent(new MessageEvent('message', { data }));
    lastSocket().dispatchEvent(new MessageEvent('message', { data: 'not json' }));
    expect(deps.onEvent.mock.calls).toEqual([[GID], [GID2]]);
  });

  it('polls aria2 once the socket connects (catching up)', async () => {
    const { watch, deps } = setup([job('downloading', GID)]);
    await watch.watch();
    expect(deps.poll).not.toHaveBeenCalled();
    lastSocket().dispatchEvent(new Event('open'));
    await until(() => deps.poll.mock.calls.length === 1);
    expect(openSockets()).toHaveLength(1);
  });

  it('socket lost: polls again after 2 s and reconnects while a job runs', async () => {
    vi.useFakeTimers();
    const { watch, deps } = setup([job('downloading', GID)]);
    await watch.watch();
    const first = lastSocket();
    first.drop();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(deps.poll).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await until(() => sockets().length === 2);
    expect(deps.poll).toHaveBeenCalledTimes(1);
    expect(lastSocket()).not.toBe(first);
    expect(lastSocket().url).toBe('ws://127.0.0.1:6800/jsonrpc');
  });

  it('socket lost and the poll settles the last download: no new socket, the alarm cleared', async () => {
    vi.useFakeTimers();
    const { watch, deps, state } = setup([job('downloading', GID)]);
    await watch.watch();
    // The poll finds the download complete: the queue has no running aria2 job any more.
    deps.poll.mockImplementationOnce(async () => {
      state.jobs = [job('completed', GID)];
      return false;
    });
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(2_000);
    await until(() => deps.poll.mock.calls.length === 1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets()).toHaveLength(1);
    expect(deps.poll).toHaveBeenCalledTimes(1);
    expect(await alarm()).toBeUndefined();
  });

  it('whatever the poll answers, the queue decides: a job still running gets its socket back', async () => {
    vi.useFakeTimers();
    const { watch, state } = setup([job('downloading', GID)]);
    await watch.watch();
    state.still = false;
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(2_000);
    await until(() => sockets().length === 2);
  });

  it('a failing poll counts as "still running" and reconnects', async () => {
    vi.useFakeTimers();
    const { watch, deps } = setup([job('downloading', GID)]);
    deps.poll.mockRejectedValueOnce(new Error('aria2 down'));
    await watch.watch();
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(2_000);
    await until(() => sockets().length === 2);
  });

  it('once no aria2 job runs: the socket is closed, the alarm cleared, no retry', async () => {
    vi.useFakeTimers();
    const { watch, deps, state } = setup([job('downloading', GID)]);
    await watch.watch();
    expect(await alarm()).toBeDefined();
    state.jobs = [job('completed', GID)];
    await watch.watch();
    expect(openSockets()).toEqual([]);
    expect(await alarm()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(deps.poll).not.toHaveBeenCalled();
    expect(sockets()).toHaveLength(1);
  });

  it('a pending retry is cancelled when the last job ends', async () => {
    vi.useFakeTimers();
    const { watch, deps, state } = setup([job('downloading', GID)]);
    await watch.watch();
    lastSocket().drop();
    state.jobs = [];
    await watch.watch();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(deps.poll).not.toHaveBeenCalled();
  });
});
