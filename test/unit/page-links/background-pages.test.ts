import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../../entrypoints/background/messages.ts';
import { buildServices, type Services } from '../../../entrypoints/background/services.ts';
import type { LinkStatus, PageLinkView, Reply, ToContent } from '../../../utils/messaging/protocol.ts';
import type { SenderLike } from '../../../utils/messaging/sender.ts';
import { pageSettingsItem } from '../../../utils/page-settings.ts';
import { createFakeClient, type FakeClient } from '../../fakes/client.ts';
import { createFakeDownloads } from '../../fakes/downloads.ts';

const LINK = 'https://1fichier.com/?abcdefghij';
const self = () => browser.runtime.getURL('/').replace(/\/$/, '');
const popup = (): SenderLike => ({ id: browser.runtime.id, url: `${self()}/popup.html`, origin: self() });
const frame = (url: string, tabId = 7, frameId = 0): SenderLike => ({
  id: browser.runtime.id,
  url,
  origin: new URL(url).origin,
  tab: { id: tabId, index: 0, windowId: 1, active: true, url },
  frameId,
});
const FORUM = 'https://forum.example/t/1';
const TOKEN = 'token-forum-0123456789';
const report = (url: string, label: string) => ({ url, label });

interface World {
  s: Services;
  client: FakeClient;
  told: { tabId: number; frameId: number; message: ToContent }[];
  live: Set<string>;
}

async function world(): Promise<World> {
  const client = createFakeClient();
  const told: World['told'] = [];
  const live = new Set<string>();
  const s = await buildServices(() => undefined, {
    client,
    downloads: createFakeDownloads(),
    sendToFrame: async (tabId, frameId, message) => {
      told.push({ tabId, frameId, message });
      if (message.type === 'ping') return live.has(message.page);
      return undefined;
    },
  });
  return { s, client, told, live };
}

async function ok<T>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
const send = (w: World, type: string, payload: unknown, sender: SenderLike) =>
  handleMessage({ type, payload }, sender, Promise.resolve(w.s));

beforeEach(() => fakeBrowser.reset());

describe('the background for buttons, the grabber and the link check', () => {
  it('a content script’s job belongs to the frame the browser names, not to the page it claims', async () => {
    const w = await world();
    await ok(send(w, 'enqueueLinks', { links: [LINK], pageUrl: 'https://claimed.example/' }, frame(FORUM)));
    expect((await w.s.store.all()).map((j) => j.pageUrl)).toEqual([FORUM]);
  });

  it('buttons learn the states of their own origin’s jobs only, and changes are pushed to their frame', async () => {
    const w = await world();
    await ok(send(w, 'enqueueLinks', { links: [LINK] }, frame(FORUM)));
    const reports = [{ url: LINK, label: 'movie.mkv' }];
    const forum = await ok<LinkStatus>(send(w, 'linkStatus', { page: TOKEN, links: reports }, frame(FORUM)));
    expect(forum[LINK]?.state).toMatch(/queued|resolving|failed/);
    const other = await ok<LinkStatus>(
      send(
        w,
        'linkStatus',
        { page: 'token-evil-0123456789', links: reports },
        frame('https://evil.example/', 8),
      ),
    );
    expect(other).toEqual({});
    // The queue moves on (no key is stored: the job fails): the forum's frame is told, with a
    // reason that says nothing about the account; the other one only hears its link has no job.
    await vi.waitFor(async () => expect((await w.s.store.all())[0]?.state).toBe('failed'));
    expect((await w.s.store.all())[0]?.error?.kind).toBe('noKey');
    await w.s.linkPush.push();
    const toForum = w.told.filter((t) => t.tabId === 7 && t.message.type === 'linkStates');
    expect(toForum.at(-1)?.message).toEqual({
      type: 'linkStates',
      page: TOKEN,
      states: { [LINK]: { state: 'failed', error: { kind: 'seeExtension' } } },
    });
    for (const t of w.told.filter((x) => x.tabId === 8)) {
      expect(t.message).toEqual({ type: 'linkStates', page: 'token-evil-0123456789', states: {} });
    }
  });

  it('content scripts may check links only while the link check is on; our pages always, from the cache', async () => {
    const w = await world();
    w.client.on(
      'checkLinks',
      async (links) =>
        new Map(links.map(() => ['abcdefghij', { state: 'online', name: 'a.mkv', size: 9 }] as const)),
    );
    expect(await send(w, 'checkLinks', { links: [LINK] }, frame(FORUM))).toEqual({
      ok: false,
      error: { kind: 'linkCheckOff' },
    });
    expect(w.client.callsOf('checkLinks')).toEqual([]);
    expect(await ok(send(w, 'checkLinks', { links: [LINK] }, popup()))).toEqual({
      [LINK]: { state: 'online', name: 'a.mkv', size: 9 },
    });
    await pageSettingsItem.setValue({ linkCheck: true });
    expect(await ok(send(w, 'checkLinks', { links: [LINK] }, frame(FORUM)))).toEqual({
      [LINK]: { state: 'online', name: 'a.mkv', size: 9 },
    });
    expect(w.client.callsOf('checkLinks')).toHaveLength(1);
  });

  it('the grabber lists the links of every frame still showing its document, once each, with states and checks', async () => {
    const w = await world();
    await ok(
      send(
        w,
        'linkStatus',
        {
          page: 'token-top-00000000000',
          links: [report(LINK, 'movie'), report('https://1fichier.com/dir/AbCdEfGh', 'pack')],
        },
        frame(FORUM),
      ),
    );
    await ok(
      send(
        w,
        'linkStatus',
        {
          page: 'token-iframe-000000000',
          links: [
            report('https://megadl.fr/?ABCDEFGHIJ', 'same'),
            report('https://1fichier.com/?zzzzzzzzzz', 'z'),
          ],
        },
        frame('https://cdn.example/embed', 7, 3),
      ),
    );
    await ok(
      send(
        w,
        'linkStatus',
        { page: 'token-gone-0000000000', links: [report('https://1fichier.com/?oldoldoldo', 'old')] },
        frame('https://ads.example/', 7, 9),
      ),
    );
    await ok(
      send(
        w,
        'linkStatus',
        { page: 'token-other-tab-00000', links: [report('https://1fichier.com/?othertab01', 'x')] },
        frame(FORUM, 99),
      ),
    );
    w.live.add('token-top-00000000000');
    w.live.add('token-iframe-000000000');
    await ok(send(w, 'enqueueLinks', { links: ['https://1fichier.com/?zzzzzzzzzz'] }, popup()));
    const views = await ok<PageLinkView[]>(send(w, 'pageLinks', { tabId: 7 }, popup()));
    expect(views.map((v) => [v.kind, v.link, v.label, v.state === undefined ? '-' : 'job'])).toEqual([
      ['file', LINK, 'movie', '-'],
      ['folder', 'https://1fichier.com/dir/AbCdEfGh', 'pack', '-'],
      ['file', 'https://1fichier.com/?zzzzzzzzzz', 'z', 'job'],
    ]);
    // The frame that navigated away is forgotten.
    expect((await w.s.pages.ofTab(7)).map((f) => f.frameId).toSorted()).toEqual([0, 3]);
    expect(await send(w, 'pageLinks', { tabId: 7 }, frame(FORUM))).toEqual({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });
});
