import { createAria2Access } from '../../utils/transfer/aria2/access.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../entrypoints/background/messages';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { legalActions } from '../../utils/queue/state';
import { createQueueExchange } from '../../utils/queue/exchange';
import { jobPasswords } from '../../utils/vault/job-passwords';
import type { Services } from '../../entrypoints/background/services';
import { createAccountService } from '../../utils/account';
import { openAppDb } from '../../utils/db';
import { AppError, type AppErrorInfo } from '../../utils/onefichier/errors';
import type { AccountInfo } from '../../utils/onefichier/types';
import type { MessageType, Reply, VaultView } from '../../utils/messaging/protocol';
import { sendMessage } from '../../utils/messaging/send';
import { senderRole, type SenderLike, type Self } from '../../utils/messaging/sender';
import { validateEnvelope } from '../../utils/messaging/validate';
import { createCheckCache } from '../../utils/page-links/check-cache';
import { createLinkPush } from '../../utils/page-links/push';
import { createPageRegistry } from '../../utils/page-links/registry';
import { createQueueEngine } from '../../utils/queue/engine';
import { enqueueLinks } from '../../utils/queue/enqueue-links';
import { createQueueStore } from '../../utils/queue/store';
import { createAutoLock } from '../../utils/vault/auto-lock';
import { createKeyVault } from '../../utils/vault/key-vault';
import { memorySlots } from '../fakes/vault-slots.ts';
import { createFakeClient, type FakeClient } from '../fakes/client';
import { createFakeDownloads } from '../fakes/downloads';

beforeEach(() => {
  fakeBrowser.reset();
});

const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const CHROME_SELF: Self = { id: CHROME_ID, origin: `chrome-extension://${CHROME_ID}` };
const FIREFOX_UUID = '3f1c9a52-7b1e-4c8e-9f55-0a1b2c3d4e5f';
const FIREFOX_SELF: Self = {
  id: 'downloader-for-1fichier@example.org',
  origin: `moz-extension://${FIREFOX_UUID}`,
};
/** What getKeyStatus answers with no key stored, in the default mode. */
const NO_KEY: VaultView = { hasKey: false, protection: 'device', locked: false, autoLockMinutes: 15 };

const TAB = { id: 12, index: 0, windowId: 1, url: 'https://forum.example/thread/1', active: true };

describe('senderRole (Chrome-shaped senders)', () => {
  it.each<[string, SenderLike, ReturnType<typeof senderRole>]>([
    [
      'popup (no tab)',
      {
        id: CHROME_ID,
        url: `chrome-extension://${CHROME_ID}/popup.html`,
        origin: `chrome-extension://${CHROME_ID}`,
      },
      'extensionPage',
    ],
    [
      'popup without origin (older Chrome)',
      { id: CHROME_ID, url: `chrome-extension://${CHROME_ID}/popup.html` },
      'extensionPage',
    ],
    [
      'options page opened in a tab',
      {
        id: CHROME_ID,
        url: `chrome-extension://${CHROME_ID}/options.html`,
        origin: `chrome-extension://${CHROME_ID}`,
        tab: { ...TAB, url: `chrome-extension://${CHROME_ID}/options.html` },
      },
      'extensionPage',
    ],
    [
      'manager page in a tab, without origin',
      { id: CHROME_ID, url: `chrome-extension://${CHROME_ID}/manager.html#x`, tab: TAB },
      'extensionPage',
    ],
    [
      'content script on an https page',
      { id: CHROME_ID, url: 'https://forum.example/thread/1', origin: 'https://forum.example', tab: TAB },
      'contentScript',
    ],
    [
      'content script in an http iframe',
      { id: CHROME_ID, url: 'http://blog.example/embed', origin: 'http://blog.example', tab: TAB },
      'contentScript',
    ],
    [
      'content script without origin (url only)',
      { id: CHROME_ID, url: 'https://forum.example/thread/1', tab: TAB },
      'contentScript',
    ],
    [
      'another extension',
      {
        id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk',
        url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/bg.html',
        origin: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk',
      },
      'untrusted',
    ],
    [
      'another extension claiming our origin',
      {
        id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk',
        url: `chrome-extension://${CHROME_ID}/popup.html`,
        origin: `chrome-extension://${CHROME_ID}`,
      },
      'untrusted',
    ],
    [
      'another extension content script',
      { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: 'https://forum.example/', tab: TAB },
      'untrusted',
    ],
    [
      'a web page (no id)',
      { url: 'https://evil.example/', origin: 'https://evil.example', tab: TAB },
      'untrusted',
    ],
    ['a web page with our url but no id', { url: `chrome-extension://${CHROME_ID}/popup.html` }, 'untrusted'],
    ['an empty sender', {}, 'untrusted'],
    ['our id, no url, no origin', { id: CHROME_ID }, 'untrusted'],
    ['our id, no url, with a tab', { id: CHROME_ID, tab: TAB }, 'untrusted'],
    [
      'our id, https page but no tab',
      { id: CHROME_ID, url: 'https://forum.example/', origin: 'https://forum.example' },
      'untrusted',
    ],
    [
      'our id, file: page in a tab',
      { id: CHROME_ID, url: 'file:///home/user/page.html', tab: TAB },
      'untrusted',
    ],
    ['our id, about:blank frame', { id: CHROME_ID, url: 'about:blank', tab: TAB }, 'untrusted'],
    ['our id, data: frame', { id: CHROME_ID, url: 'data:text/html,<a>', tab: TAB }, 'untrusted'],
    ['our id, unparsable url', { id: CHROME_ID, url: '::::', tab: TAB }, 'untrusted'],
    [
      'our id, a look-alike extension origin',
      { id: CHROME_ID, url: `chrome-extension://${CHROME_ID}x/popup.html` },
      'untrusted',
    ],
  ])('%s → %s', (_what, sender, role) => {
    expect(senderRole(sender, CHROME_SELF)).toBe(role);
  });
});

describe('senderRole (Firefox-shaped senders: moz-extension, no origin field)', () => {
  it.each<[string, SenderLike, ReturnType<typeof senderRole>]>([
    ['popup', { id: FIREFOX_SELF.id, url: `moz-extension://${FIREFOX_UUID}/popup.html` }, 'extensionPage'],
    [
      'options in a tab',
      { id: FIREFOX_SELF.id, url: `moz-extension://${FIREFOX_UUID}/options.html`, tab: TAB },
      'extensionPage',
    ],
    ['content script', { id: FIREFOX_SELF.id, url: 'https://forum.example/t/1', tab: TAB }, 'contentScript'],
    ['another add-on', { id: 'other@example.org', url: 'moz-extension://0000-1111/popup.html' }, 'untrusted'],
    [
      'our id, another uuid',
      { id: FIREFOX_SELF.id, url: 'moz-extension://0000-1111/popup.html' },
      'untrusted',
    ],
  ])('%s → %s', (_what, sender, role) => {
    expect(senderRole(sender, FIREFOX_SELF)).toBe(role);
  });
});

function bad(msg: unknown): string {
  try {
    validateEnvelope(msg);
  } catch (err) {
    return err instanceof AppError ? err.kind : 'not an AppError';
  }
  return 'accepted';
}

const selfId = () => browser.runtime.id;
const error = (reply: Reply): AppErrorInfo | undefined => (reply.ok ? undefined : reply.error);

describe('validateEnvelope', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'enqueueLinks'],
    ['a number', 42],
    ['an array', [{ type: 'getQueue', payload: {} }]],
    ['no payload', { type: 'getQueue' }],
    ['a null payload', { type: 'getQueue', payload: null }],
    ['an array payload', { type: 'getQueue', payload: [] }],
    ['a string payload', { type: 'saveKey', payload: 'x' }],
    ['no type', { payload: {} }],
    ['a numeric type', { type: 1, payload: {} }],
    ['an unknown type', { type: 'deleteEverything', payload: {} }],
    ['type __proto__', { type: '__proto__', payload: {} }],
    ['type __proto__ from JSON', JSON.parse('{"type":"__proto__","payload":{}}')],
    ['type toString', { type: 'toString', payload: {} }],
    ['type constructor', { type: 'constructor', payload: {} }],
    ['type hasOwnProperty', { type: 'hasOwnProperty', payload: {} }],
    ['type valueOf', { type: 'valueOf', payload: {} }],
    ['enqueueLinks without links', { type: 'enqueueLinks', payload: {} }],
    [
      'enqueueLinks with a string',
      { type: 'enqueueLinks', payload: { links: 'https://1fichier.com/?abcdefghij' } },
    ],
    ['enqueueLinks with a number inside', { type: 'enqueueLinks', payload: { links: ['a', 5] } }],
    [
      'enqueueLinks with an object inside',
      { type: 'enqueueLinks', payload: { links: [{ toString: () => 'x' }] } },
    ],
    [
      'enqueueLinks with 10,001 links',
      { type: 'enqueueLinks', payload: { links: Array.from({ length: 10_001 }, () => 'x') } },
    ],
    [
      'enqueueLinks with an over-long link',
      { type: 'enqueueLinks', payload: { links: ['x'.repeat(8_193)] } },
    ],
    ['enqueueLinks with a numeric pageUrl', { type: 'enqueueLinks', payload: { links: [], pageUrl: 1 } }],
    [
      'enqueueLinks with an over-long pageUrl',
      { type: 'enqueueLinks', payload: { links: [], pageUrl: 'x'.repeat(8_193) } },
    ],
    ['saveKey without key', { type: 'saveKey', payload: {} }],
    ['saveKey with a numeric key', { type: 'saveKey', payload: { key: 12345 } }],
    ['saveKey with an over-long key', { type: 'saveKey', payload: { key: 'k'.repeat(8_193) } }],
    ['jobAction without id', { type: 'jobAction', payload: { action: 'remove' } }],
    ['jobAction with a numeric id', { type: 'jobAction', payload: { id: 1, action: 'remove' } }],
    ['jobAction with an unknown action', { type: 'jobAction', payload: { id: 'a', action: 'delete' } }],
    ['jobAction with action __proto__', { type: 'jobAction', payload: { id: 'a', action: '__proto__' } }],
    ['jobAction with action toString', { type: 'jobAction', payload: { id: 'a', action: 'toString' } }],
    [
      'jobAction with an over-long id',
      { type: 'jobAction', payload: { id: 'i'.repeat(8_193), action: 'remove' } },
    ],
  ])('refuses %s', (_what, msg) => {
    expect(bad(msg)).toBe('badMessage');
  });

  it.each<[MessageType, Record<string, unknown>]>([
    ['enqueueLinks', { links: ['https://1fichier.com/?abcdefghij'] }],
    ['enqueueLinks', { links: [], pageUrl: 'https://forum.example/' }],
    ['enqueueLinks', { links: Array.from({ length: 10_000 }, () => 'x'.repeat(100)) }],
    ['enqueueLinks', { links: ['x'.repeat(8_192)], pageUrl: 'y'.repeat(8_192) }],
    ['getQueue', {}],
    ['getKeyStatus', {}],
    ['saveKey', { key: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345' }],
    ['saveKey', { key: '' }],
    ['forgetKey', {}],
    ...(['pause', 'resume', 'retry', 'cancel', 'remove'] as const).map(
      (action): [MessageType, Record<string, unknown>] => ['jobAction', { id: 'job-1', action }],
    ),
  ])('accepts %s %#', (type, payload) => {
    expect(validateEnvelope({ type, payload })).toEqual({ type, payload });
  });
});

describe('sendMessage (page side)', () => {
  it('resolves with the value of an ok reply', async () => {
    fakeBrowser.runtime.onMessage.addListener(
      (_msg: unknown, _sender: unknown, sendResponse: (r: Reply) => void) => {
        sendResponse({ ok: true, value: NO_KEY });
        return true;
      },
    );
    await expect(sendMessage('getKeyStatus', {})).resolves.toEqual(NO_KEY);
  });

  it('rejects with the typed error of a refused request', async () => {
    fakeBrowser.runtime.onMessage.addListener(
      (_msg: unknown, _sender: unknown, sendResponse: (r: Reply) => void) => {
        sendResponse({ ok: false, error: { kind: 'flood', retryAt: 123 } });
        return true;
      },
    );
    const err = await sendMessage('saveKey', { key: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).toInfo()).toEqual({ kind: 'flood', retryAt: 123 });
  });

  it('an empty answer is an internal error', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    await expect(sendMessage('getQueue', {})).rejects.toMatchObject({ kind: 'internal' });
  });

  it('sends the envelope { type, payload }', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(
      (msg: unknown, _s: unknown, sendResponse: (r: Reply) => void) => {
        seen.push(msg);
        sendResponse({ ok: true, value: null });
        return true;
      },
    );
    await sendMessage('jobAction', { id: 'j', action: 'retry' });
    expect(seen).toEqual([{ type: 'jobAction', payload: { id: 'j', action: 'retry' } }]);
  });
});

const popup = (): SenderLike => ({
  id: selfId(),
  url: browser.runtime.getURL('/popup.html'),
  origin: browser.runtime.getURL('/').replace(/\/$/, ''),
});
const optionsTab = (): SenderLike => ({
  id: selfId(),
  url: browser.runtime.getURL('/options.html'),
  origin: browser.runtime.getURL('/').replace(/\/$/, ''),
  tab: { ...TAB, url: browser.runtime.getURL('/options.html') },
});
const noFrames = async () => undefined;
const contentScript = (): SenderLike => ({
  id: selfId(),
  url: 'https://forum.example/thread/1',
  origin: 'https://forum.example',
  tab: TAB,
});
const untrusted = (): [string, SenderLike][] => [
  [
    'another extension',
    {
      id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk',
      url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/x.html',
      origin: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk',
    },
  ],
  ['a web page', { url: 'https://evil.example/', origin: 'https://evil.example', tab: TAB }],
  ['an empty sender', {}],
  ['our id in a file: tab', { id: selfId(), url: 'file:///tmp/x.html', tab: TAB }],
];

describe('handleMessage (background)', () => {
  const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  let client: FakeClient;
  let services: Services;
  let ready: Promise<Services>;
  let cache: { info: AccountInfo; checkedAt: number } | null;

  const ALL: [MessageType, Record<string, unknown>][] = [
    ['enqueueLinks', { links: ['https://1fichier.com/?abcdefghij'] }],
    ['getQueue', {}],
    ['getKeyStatus', {}],
    ['saveKey', { key: KEY }],
    ['forgetKey', {}],
    ['jobAction', { id: 'job-1', action: 'remove' }],
  ];

  beforeEach(async () => {
    const db = await openAppDb();
    let n = 0;
    const store = createQueueStore(db, () => `job-${++n}`);
    client = createFakeClient();
    const vault = createKeyVault({ db, ...memorySlots() });
    cache = null;
    const engine = createQueueEngine({
      store,
      client,
      downloads: createFakeDownloads(),
      getKey: () => vault.get(),
      isLocked: async () => (await vault.lockState()).locked,
      // No slot: jobs stay queued, so the tests see exactly what the handler wrote.
      getOptions: async () => ({ ...DEFAULT_SETTINGS, parallel: 0 }),
      passwords: jobPasswords(vault),
      scheduleWake: async () => undefined,
      onChange: () => undefined,
    });
    const account = createAccountService({
      vault,
      client,
      cache: { get: async () => cache, set: async (v) => void (cache = v) },
    });
    const autoLock = createAutoLock({
      minutes: async () => 15,
      unlocked: async () => false,
      busy: async () => false,
      lock: () => vault.lock(),
      deadline: { get: async () => null, set: async () => undefined },
      alarm: { set: async () => undefined, clear: async () => undefined },
    });
    let frames: unknown = null;
    const pages = createPageRegistry({
      get: async () => frames as never,
      set: async (v) => void (frames = v),
    });
    const linkPush = createLinkPush({
      registry: pages,
      jobs: () => store.all(),
      progress: async () => new Map(),
      send: noFrames,
    });
    const checks = createCheckCache((links) => client.checkLinks(links));
    const queueLinks = (links: readonly string[], page: Parameters<typeof enqueueLinks>[1]) =>
      enqueueLinks(links, page, {
        publicFolder: (folder) => client.publicFolder(folder),
        enqueue: (items) => engine.enqueue(items),
      });
    const exchange = createQueueExchange({
      store,
      client,
      getKey: () => vault.get(),
      getOptions: async () => DEFAULT_SETTINGS,
      passwords: jobPasswords(vault),
      queueLinks: (links) => queueLinks(links, undefined),
      enqueue: (items) => engine.enqueue(items),
    });
    services = {
      db,
      client,
      queueLinks,
      exchange,
      store,
      engine,
      account,
      vault,
      autoLock,
      pages,
      linkPush,
      checks,
      sendToFrame: noFrames,
      aria2: createAria2Access({
        url: async () => 'http://127.0.0.1:6800/jsonrpc',
        secret: async () => undefined,
        allowed: async () => true,
        fetch: async () => Response.json({ id: '1', jsonrpc: '2.0', result: { version: '1.36.0' } }),
      }),
      aria2Watch: { watch: async () => undefined, tick: async () => undefined },
    };
    ready = Promise.resolve(services);
  });

  const send = (type: string, payload: unknown, sender: SenderLike) =>
    handleMessage({ type, payload }, sender, ready);

  it('answers our pages for every message type', async () => {
    for (const sender of [popup(), optionsTab()]) {
      expect(await send('getQueue', {}, sender)).toEqual({ ok: true, value: [] });
      expect(await send('getKeyStatus', {}, sender)).toEqual({ ok: true, value: NO_KEY });
    }
    const saved = await send('saveKey', { key: KEY }, popup());
    expect(saved).toMatchObject({ ok: true, value: { hasKey: true, account: { kind: 'premium' } } });
    expect(JSON.stringify(saved)).not.toContain(KEY);
    const status = await send('getKeyStatus', {}, optionsTab());
    expect(status).toMatchObject({ ok: true, value: { hasKey: true } });
    expect(JSON.stringify(status)).not.toContain(KEY);
    expect(await send('forgetKey', {}, optionsTab())).toEqual({ ok: true, value: NO_KEY });
  });

  it('lets a content script enqueue links', async () => {
    const reply = await send(
      'enqueueLinks',
      { links: ['https://1fichier.com/?abcdefghij'], pageUrl: 'https://forum.example/thread/1' },
      contentScript(),
    );
    expect(reply).toEqual({ ok: true, value: { found: 1, added: 1, duplicates: 0, problems: [] } });
    const [job] = await services.store.all();
    expect(job).toMatchObject({
      link: 'https://1fichier.com/?abcdefghij',
      fileKey: 'abcdefghij',
      pageUrl: 'https://forum.example/thread/1',
      state: 'queued',
    });
  });

  it.each(['saveKey', 'getKeyStatus', 'forgetKey', 'jobAction', 'getQueue'] as const)(
    'refuses %s from a content script',
    async (type) => {
      await services.account.save(KEY);
      await services.engine.enqueue([{ fileKey: 'abcdefghij', link: 'https://1fichier.com/?abcdefghij' }]);
      const payload = ALL.find(([t]) => t === type)![1];
      const reply = await send(
        type,
        type === 'jobAction' ? { id: 'job-1', action: 'remove' } : payload,
        contentScript(),
      );
      expect(reply).toEqual({ ok: false, error: { kind: 'forbidden' } });
      // Nothing happened: the key is still there, the job too, user/info was asked only once.
      expect(await services.account.status()).toMatchObject({ hasKey: true });
      expect(await services.store.all()).toHaveLength(1);
      expect(client.callsOf('userInfo')).toHaveLength(1);
    },
  );

  it('refuses everything from untrusted senders, before looking at the message', async () => {
    for (const [what, sender] of untrusted()) {
      for (const [type, payload] of ALL) {
        expect(error(await send(type, payload, sender)), `${what} / ${type}`).toEqual({ kind: 'forbidden' });
      }
      expect(error(await handleMessage('garbage', sender, ready)), what).toEqual({ kind: 'forbidden' });
    }
    expect(await services.store.all()).toEqual([]);
    expect(client.calls).toEqual([]);
  });

  it('answers badMessage to a malformed message from a trusted sender', async () => {
    expect(error(await send('enqueueLinks', { links: 'x' }, contentScript()))).toMatchObject({
      kind: 'badMessage',
    });
    expect(error(await send('nope', {}, popup()))).toMatchObject({ kind: 'badMessage' });
    expect(error(await handleMessage(null, popup(), ready))).toMatchObject({ kind: 'badMessage' });
  });

  it('re-parses every link: only 1Fichier file and folder links are queued, with counts', async () => {
    const reply = await send(
      'enqueueLinks',
      {
        links: [
          'https://1fichier.com/?abcdefghij&af=3601079',
          'https://evil.example/?zzzzzzzzzz',
          'https://1fichier.com.evil.net/?yyyyyyyyyy',
          'javascript:alert(1)',
          'https://www.megadl.fr?ABCDEFGHIJ',
          'http://alterupload.com/?kkkkkkkkkk#x',
        ],
      },
      contentScript(),
    );
    // The same file on two mirror domains is one link found (not "already in the queue").
    expect(reply).toEqual({ ok: true, value: { found: 2, added: 2, duplicates: 0, problems: [] } });
    const links = (await services.store.all()).map((j) => j.link).toSorted();
    expect(links).toEqual(['https://1fichier.com/?abcdefghij', 'https://alterupload.com/?kkkkkkkkkk']);
  });

  it('counts links already queued as duplicates', async () => {
    await send('enqueueLinks', { links: ['https://1fichier.com/?abcdefghij'] }, popup());
    const reply = await send(
      'enqueueLinks',
      { links: ['https://1fichier.com/?abcdefghij', 'https://1fichier.com/?bbbbbbbbbb'] },
      popup(),
    );
    expect(reply).toEqual({ ok: true, value: { found: 2, added: 1, duplicates: 1, problems: [] } });
  });

  it('answers badLink when no link is a 1Fichier file or folder link', async () => {
    const reply = await send(
      'enqueueLinks',
      {
        links: [
          'https://evil.example/?abcdefghij',
          'https://a-1.1fichier.com/p123456',
          'https://1fichier.com/console/',
        ],
      },
      contentScript(),
    );
    expect(reply).toEqual({ ok: false, error: { kind: 'badLink' } });
    expect(error(await send('enqueueLinks', { links: [] }, contentScript()))).toEqual({ kind: 'badLink' });
    expect(await services.store.all()).toEqual([]);
  });

  it('passes typed errors through and hides unexpected ones', async () => {
    client.on('userInfo', new AppError('freeAccount'));
    expect(await send('saveKey', { key: KEY }, popup())).toEqual({
      ok: false,
      error: { kind: 'freeAccount' },
    });
    expect(await send('saveKey', { key: 'short' }, popup())).toEqual({
      ok: false,
      error: { kind: 'malformedKey' },
    });
    client.on('userInfo', new Error('/home/user secret stack'));
    expect(await send('saveKey', { key: KEY }, popup())).toEqual({ ok: false, error: { kind: 'internal' } });
  });

  it('runs job actions for our pages', async () => {
    await send('enqueueLinks', { links: ['https://1fichier.com/?abcdefghij'] }, popup());
    expect(await send('jobAction', { id: 'job-1', action: 'remove' }, popup())).toEqual({
      ok: true,
      value: null,
    });
    expect(await services.store.all()).toEqual([]);
    expect(error(await send('jobAction', { id: 'job-1', action: 'remove' }, popup()))).toMatchObject({
      kind: 'forbidden',
    });
  });

  it('getQueue lists jobs as views, in order, with their legal actions', async () => {
    await send(
      'enqueueLinks',
      { links: ['https://1fichier.com/?aaaaaaaaaa', 'https://1fichier.com/?bbbbbbbbbb'] },
      popup(),
    );
    const reply = await send('getQueue', {}, popup());
    expect(reply).toEqual({
      ok: true,
      value: [
        {
          id: 'job-1',
          link: 'https://1fichier.com/?aaaaaaaaaa',
          state: 'queued',
          actions: [...legalActions('queued')],
          order: expect.any(Number),
          createdAt: expect.any(Number),
        },
        {
          id: 'job-2',
          link: 'https://1fichier.com/?bbbbbbbbbb',
          state: 'queued',
          actions: [...legalActions('queued')],
          order: expect.any(Number),
          createdAt: expect.any(Number),
        },
      ],
    });
  });

  it('the fake browser path: a message from an unknown sender is refused end to end', async () => {
    fakeBrowser.runtime.onMessage.addListener(
      (msg: unknown, sender: unknown, sendResponse: (r: Reply) => void) => {
        void handleMessage(msg, sender as SenderLike, ready).then(sendResponse);
        return true;
      },
    );
    // WXT's fake runtime.sendMessage passes an empty sender object.
    await expect(sendMessage('getQueue', {})).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
