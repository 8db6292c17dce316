import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../entrypoints/background/messages';
import { buildServices, type Services } from '../../entrypoints/background/services';
import { openAppDb, type AppDatabase } from '../../utils/db';
import type { MessageType, Reply } from '../../utils/messaging/protocol';
import type { SenderLike } from '../../utils/messaging/sender';
import { pageSettingsItem } from '../../utils/page-settings';
import { settingsItem } from '../../utils/settings';
import { KDF_MIN_ITERATIONS } from '../../utils/vault/cipher';
import { AUTO_LOCK_ALARM } from '../../utils/vault/auto-lock';
import { createFakeClient, DEFAULT_SIZE, type FakeClient } from '../fakes/client';
import { createFakeDownloads, type FakeDownloads } from '../fakes/downloads';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const PASS = 'correct horse battery';
const OTHER_PASS = 'another long passphrase';
const LINK = 'https://1fichier.com/?abcdefghij';

/** Real-shaped senders, as Chrome fills them in (security-notes.md §2.2). */
const self = () => browser.runtime.getURL('/').replace(/\/$/, '');
const TAB = { id: 7, index: 0, windowId: 1, active: true, url: 'https://forum.example/t/1' };
const SENDERS: Record<string, () => SenderLike> = {
  'the popup': () => ({ id: browser.runtime.id, url: `${self()}/popup.html`, origin: self() }),
  'the options page in a tab': () => ({
    id: browser.runtime.id,
    url: `${self()}/options.html`,
    origin: self(),
    tab: { ...TAB, url: `${self()}/options.html` },
  }),
  'our content script': () => ({
    id: browser.runtime.id,
    url: 'https://forum.example/t/1',
    origin: 'https://forum.example',
    tab: TAB,
  }),
  'another extension': () => ({
    id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk',
    url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/background.js',
    origin: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk',
  }),
  'a web page': () => ({ url: 'https://evil.example/', origin: 'https://evil.example', tab: TAB }),
};
type SenderName = keyof typeof SENDERS;

/** Who may send what: extension pages everything, our content script three types, others nothing. */
const CONTENT_OK: ReadonlySet<MessageType> = new Set(['enqueueLinks', 'linkStatus', 'checkLinks']);
function allowed(type: MessageType, sender: SenderName): boolean {
  if (sender === 'the popup' || sender === 'the options page in a tab') return true;
  if (sender === 'our content script') return CONTENT_OK.has(type);
  return false;
}

interface World {
  s: Services;
  client: FakeClient;
  downloads: FakeDownloads;
  db: AppDatabase;
}

async function world(db?: AppDatabase): Promise<World> {
  const client = createFakeClient();
  const downloads = createFakeDownloads();
  const database = db ?? (await openAppDb());
  const s = await buildServices(() => undefined, {
    db: database,
    client,
    downloads,
    kdfIterations: KDF_MIN_ITERATIONS,
    // aria2 answers getVersion (the "Test connection" button).
    aria2Fetch: async () => Response.json({ id: '1', jsonrpc: '2.0', result: { version: '1.36.0' } }),
  });
  return { s, client, downloads, db: database };
}

const send = (w: World, type: string, payload: unknown, sender: SenderLike) =>
  handleMessage({ type, payload }, sender, Promise.resolve(w.s));
const popup = () => SENDERS['the popup']!();

async function ok<T>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Each message type: a setup that makes it valid, and its payload. */
const CASES: Record<
  MessageType,
  { setup?: (w: World) => Promise<unknown>; payload: (w: World) => Promise<unknown> }
> = {
  enqueueLinks: { payload: async () => ({ links: [LINK] }) },
  linkStatus: {
    payload: async () => ({ page: 'page-token-0123456789', links: [{ url: LINK, label: 'x' }] }),
  },
  checkLinks: {
    // Content scripts may check links only while the user has the link check on.
    setup: () => pageSettingsItem.setValue({ linkCheck: true }),
    payload: async () => ({ links: [LINK] }),
  },
  pageLinks: { payload: async () => ({ tabId: 1 }) },
  getQueue: { payload: async () => ({}) },
  getKeyStatus: { payload: async () => ({}) },
  saveKey: { payload: async () => ({ key: KEY }) },
  forgetKey: { setup: (w) => w.s.account.save(KEY), payload: async () => ({}) },
  jobAction: {
    setup: (w) => w.s.store.add([{ fileKey: 'zzzzzzzzzz', link: 'https://1fichier.com/?zzzzzzzzzz' }], 1),
    payload: async (w) => ({ id: (await w.s.store.all())[0]!.id, action: 'remove' }),
  },
  unlock: {
    setup: async (w) => {
      await w.s.vault.setPassphrase(PASS);
      await w.s.vault.lock();
    },
    payload: async () => ({ passphrase: PASS }),
  },
  lock: { setup: (w) => w.s.vault.setPassphrase(PASS), payload: async () => ({}) },
  setPassphrase: { payload: async () => ({ passphrase: PASS }) },
  changePassphrase: {
    setup: (w) => w.s.vault.setPassphrase(PASS),
    payload: async () => ({ current: PASS, passphrase: OTHER_PASS }),
  },
  removePassphrase: { setup: (w) => w.s.vault.setPassphrase(PASS), payload: async () => ({ current: PASS }) },
  setAutoLock: { setup: (w) => w.s.vault.setPassphrase(PASS), payload: async () => ({ minutes: 30 }) },
  queueAction: {
    setup: (w) => w.s.store.add([{ fileKey: 'zzzzzzzzzz', link: 'https://1fichier.com/?zzzzzzzzzz' }], 1),
    payload: async () => ({ action: 'pauseAll' }),
  },
  setJobPassword: {
    setup: (w) =>
      w.s.store.add(
        [
          {
            fileKey: 'zzzzzzzzzz',
            link: 'https://1fichier.com/?zzzzzzzzzz',
            state: 'failed',
            error: { kind: 'passwordRequired' },
          },
        ],
        1,
      ),
    payload: async (w) => ({ id: (await w.s.store.all())[0]!.id, password: 'secret6' }),
  },
  setJobPriority: {
    setup: (w) => w.s.store.add([{ fileKey: 'zzzzzzzzzz', link: 'https://1fichier.com/?zzzzzzzzzz' }], 1),
    payload: async (w) => ({ ids: [(await w.s.store.all())[0]!.id], priority: 'high' }),
  },
  jobsAction: {
    setup: (w) => w.s.store.add([{ fileKey: 'zzzzzzzzzz', link: 'https://1fichier.com/?zzzzzzzzzz' }], 1),
    payload: async (w) => ({ ids: [(await w.s.store.all())[0]!.id], action: 'pause' }),
  },
  exportQueue: {
    setup: (w) => w.s.store.add([{ fileKey: 'zzzzzzzzzz', link: 'https://1fichier.com/?zzzzzzzzzz' }], 1),
    payload: async () => ({ format: 'json' }),
  },
  importQueue: { payload: async () => ({ text: LINK }) },
  setJobTransfer: {
    setup: (w) => w.s.store.add([{ fileKey: 'zzzzzzzzzz', link: 'https://1fichier.com/?zzzzzzzzzz' }], 1),
    payload: async (w) => ({ ids: [(await w.s.store.all())[0]!.id], transfer: 'aria2' }),
  },
  testAria2: { payload: async () => ({ url: 'http://127.0.0.1:6800/jsonrpc', secret: 'aria2-secret' }) },
  setAria2Secret: { payload: async () => ({ secret: 'aria2-secret' }) },
  getAria2Info: { payload: async () => ({}) },
};

/** Everything a refused message must leave untouched. */
async function snapshot(w: World) {
  return JSON.stringify({
    vault: await w.s.vault.status(),
    records: (await w.db.getAll('vault')).map((r) => r.id).toSorted(),
    jobs: (await w.s.store.all()).map((j) => [j.id, j.state]),
    settings: await settingsItem.getValue(),
    session: await fakeBrowser.storage.session.get(null),
    calls: w.client.calls.length,
  });
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('sender checks for every message type, with real-shaped senders', () => {
  const rows = (Object.keys(CASES) as MessageType[]).flatMap((type) =>
    (Object.keys(SENDERS) as SenderName[]).map((sender) => [type, sender, allowed(type, sender)] as const),
  );

  it.each(rows)('%s from %s → %s', async (type, senderName, expected) => {
    const w = await world();
    await CASES[type].setup?.(w);
    const before = await snapshot(w);
    const reply = await send(w, type, await CASES[type].payload(w), SENDERS[senderName]!());
    if (expected) {
      expect(reply).toMatchObject({ ok: true });
    } else {
      expect(reply).toEqual({ ok: false, error: { kind: 'forbidden' } });
      expect(await snapshot(w)).toBe(before);
    }
    // No answer ever carries the key or a passphrase.
    expect(JSON.stringify(reply)).not.toMatch(new RegExp(`${KEY}|${PASS}|${OTHER_PASS}`));
  });

  it('extra fields in a payload are refused, not ignored', async () => {
    const w = await world();
    for (const [type, payload] of [
      ['lock', { force: true }],
      ['unlock', { passphrase: PASS, remember: true }],
      ['enqueueLinks', { links: [LINK], autoStart: true }],
      ['setAutoLock', { minutes: 7 }],
      ['setAutoLock', { minutes: '15' }],
      ['unlock', { passphrase: '' }],
      ['unlock', { passphrase: 'x'.repeat(1_025) }],
    ] as const) {
      expect(await send(w, type, payload, popup()), `${type} ${JSON.stringify(payload)}`).toEqual({
        ok: false,
        error: { kind: 'badMessage', detail: type },
      });
    }
  });
});

describe('the vault through the background', () => {
  it('a restarted browser is locked: queued jobs show Locked, no token is asked, unlock finishes the queue', async () => {
    const first = await world();
    await ok(send(first, 'saveKey', { key: KEY }, popup()));
    await ok(send(first, 'setPassphrase', { passphrase: PASS }, popup()));
    // The browser closes: storage.session is gone; the database stays.
    await fakeBrowser.storage.session.clear();
    const w = await world(first.db);
    const view = await ok<{ locked: boolean; hasKey: boolean }>(send(w, 'getKeyStatus', {}, popup()));
    expect(view).toMatchObject({ locked: true, hasKey: true, protection: 'passphrase' });
    await ok(
      send(
        w,
        'enqueueLinks',
        { links: [LINK, 'https://1fichier.com/?bbbbbbbbbb'] },
        SENDERS['our content script']!(),
      ),
    );
    await w.s.engine.pump();
    expect((await w.s.store.all()).map((j) => j.state)).toEqual(['locked', 'locked']);
    expect(w.client.callsOf('getToken')).toEqual([]);
    const reports = [LINK, 'https://1fichier.com/?unknownid1'].map((url) => ({ url, label: url }));
    expect(
      await ok(send(w, 'linkStatus', { page: 'page-token-0123456789', links: reports }, popup())),
    ).toEqual({
      [LINK]: { state: 'locked' },
    });
    // Saving a key while locked is refused before any API call.
    expect(await send(w, 'saveKey', { key: KEY }, popup())).toEqual({ ok: false, error: { kind: 'locked' } });
    expect(w.client.callsOf('userInfo')).toEqual([]);

    const wrong = await send(w, 'unlock', { passphrase: 'not the passphrase' }, popup());
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'wrongPassphrase' } });
    expect((await w.s.store.all()).map((j) => j.state)).toEqual(['locked', 'locked']);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 1_500);
    expect(await ok(send(w, 'unlock', { passphrase: PASS }, popup()))).toMatchObject({ locked: false });
    // The pump starts the jobs without waiting for them: wait until both transfers run.
    await vi.waitFor(async () =>
      expect((await w.s.store.all()).map((j) => j.state)).toEqual(['downloading', 'downloading']),
    );
    const jobs = await w.s.store.all();
    for (const job of jobs) {
      w.downloads.complete(job.downloadId!, { fileSize: DEFAULT_SIZE });
      await w.s.engine.onDownloadChanged({ id: job.downloadId!, state: { current: 'complete' } });
    }
    expect((await w.s.store.all()).map((j) => j.state)).toEqual(['completed', 'completed']);
    expect(w.client.callsOf('getToken').map((c) => c[0])).toEqual([KEY, KEY]);
  });

  it('Lock from a page: jobs waiting for a token show Locked at once', async () => {
    const w = await world();
    await ok(send(w, 'saveKey', { key: KEY }, popup()));
    await ok(send(w, 'setPassphrase', { passphrase: PASS }, popup()));
    await settingsItem.setValue({ parallel: 1 });
    w.client.on('getToken', () => new Promise<string>(() => undefined));
    await ok(send(w, 'enqueueLinks', { links: [LINK, 'https://1fichier.com/?bbbbbbbbbb'] }, popup()));
    await w.s.engine.pump();
    // The first job's token request is in flight (it never answers) when the lock comes.
    await vi.waitFor(() => expect(w.client.callsOf('getToken')).toHaveLength(1));
    await ok(send(w, 'lock', {}, popup()));
    const states = (await w.s.store.all()).toSorted((a, b) => a.order - b.order).map((j) => j.state);
    expect(states).toEqual(['resolving', 'locked']);
  });

  it('auto-lock: the alarm is armed on use and locks once the chosen time passed without use', async () => {
    const w = await world();
    await ok(send(w, 'saveKey', { key: KEY }, popup()));
    await ok(send(w, 'setPassphrase', { passphrase: PASS }, popup()));
    await ok(send(w, 'setAutoLock', { minutes: 5 }, popup()));
    const alarm = await browser.alarms.get(AUTO_LOCK_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 4.9 * 60_000);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    // Too early: nothing happens.
    await w.s.autoLock.check();
    expect((await w.s.vault.status()).locked).toBe(false);
    vi.spyOn(Date, 'now').mockReturnValue(alarm!.scheduledTime + 1);
    await w.s.autoLock.check();
    expect((await w.s.vault.status()).locked).toBe(true);
    expect(await browser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('the auto-lock choice is validated and kept; "only when the browser closes" arms no alarm', async () => {
    const w = await world();
    await ok(send(w, 'setPassphrase', { passphrase: PASS }, popup()));
    expect(await ok(send(w, 'setAutoLock', { minutes: 0 }, popup()))).toMatchObject({ autoLockMinutes: 0 });
    expect(await browser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
    expect(await ok(send(w, 'getKeyStatus', {}, popup()))).toMatchObject({ autoLockMinutes: 0 });
  });

  it('Forget key while locked erases everything and locked jobs then fail for want of a key', async () => {
    const w = await world();
    await ok(send(w, 'saveKey', { key: KEY }, popup()));
    await ok(send(w, 'setPassphrase', { passphrase: PASS }, popup()));
    await ok(send(w, 'lock', {}, popup()));
    await ok(send(w, 'enqueueLinks', { links: [LINK] }, popup()));
    await w.s.engine.pump();
    expect(await ok(send(w, 'forgetKey', {}, popup()))).toEqual({
      hasKey: false,
      protection: 'device',
      locked: false,
      autoLockMinutes: 15,
    });
    expect(await w.db.getAll('vault')).toEqual([]);
    expect(await browser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
    await vi.waitFor(async () =>
      expect(await w.s.store.all()).toMatchObject([{ state: 'failed', error: { kind: 'noKey' } }]),
    );
  });
});
