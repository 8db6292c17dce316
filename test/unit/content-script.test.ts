// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getByRole, queryByRole } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EnqueueResult, Reply, ToContent } from '../../utils/messaging/protocol';
import type { LinkCheck } from '../../utils/onefichier/check-links';
import { pageSettingsItem, type PageSettings } from '../../utils/page-settings';
import { HOST_ATTR } from '../../utils/page/link-button';
import { startContentScript, type ContentScript } from '../../utils/page/lifecycle';

/** The state shown beside a link's button (the button keeps its own words, WCAG 2.5.3). */
const shownState = (button: Element) =>
  (button.getRootNode() as ShadowRoot).querySelector('.state')?.textContent;

interface Sent {
  type: string;
  payload: Record<string, unknown>;
}

const NO_ANSWER = Symbol('no answer');
const happyDOM = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;

let sent: Sent[];
let checks: Record<string, LinkCheck>;
let controller: AbortController;

function fakeBackground() {
  sent = [];
  checks = {};
  const answers: Record<string, (p: Record<string, unknown>) => unknown> = {
    enqueueLinks: () => ({ found: 1, added: 1, duplicates: 0, problems: [] }),
    linkStatus: () => ({}),
    checkLinks: (p) =>
      Object.fromEntries((p.links as string[]).map((l) => [l, checks[l] ?? { state: 'unknown' }])),
  };
  fakeBrowser.runtime.onMessage.addListener(
    (msg: Sent, sender: { id?: string }, sendResponse: (r: Reply) => void) => {
      if (sender.id !== undefined || !(msg.type in answers)) return undefined;
      sent.push(msg);
      sendResponse({ ok: true, value: answers[msg.type]!(msg.payload) } as Reply);
      return true;
    },
  );
}

/** A message from the extension (background or popup) to this frame; the answer, or NO_ANSWER. */
async function toContent(
  msg: ToContent | Record<string, unknown>,
  sender: Record<string, unknown> = { id: fakeBrowser.runtime.id },
): Promise<unknown> {
  let answer: unknown = NO_ANSWER;
  const results = await fakeBrowser.runtime.onMessage.trigger(msg, sender, (r: unknown) => {
    answer = r;
  });
  return results.some((r: unknown) => r === true) ? answer : NO_ANSWER;
}

async function start(settings: Partial<PageSettings> = {}): Promise<ContentScript> {
  await pageSettingsItem.setValue(settings);
  controller = new AbortController();
  const script = startContentScript({
    doc: document,
    win: window,
    signal: controller.signal,
    session: { scanner: { isRendered: () => true } },
  });
  await script.ready;
  return script;
}

function trustedClick(target: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

const hosts = (kind = 'link') => [...document.querySelectorAll(`[${HOST_ATTR}="${kind}"]`)];
const PAGE = `<p><a id="f" href="https://1fichier.com/?abcdefghij">movie.mkv</a>
  <a id="d" href="https://1fichier.com/dir/AbCd1234">folder</a> https://megadl.fr/?klmnopqrst</p>`;

beforeEach(() => {
  fakeBrowser.reset();
  fakeBackground();
  happyDOM.setURL('http://localhost:3000/');
  document.body.innerHTML = PAGE;
});

afterEach(() => {
  controller.abort();
  document.body.innerHTML = '';
  happyDOM.setURL('http://localhost:3000/');
});

describe('site switch', () => {
  it('does nothing at all to a page where it is off: no scan, no observer, no page listener', async () => {
    const Real = globalThis.MutationObserver;
    let observers = 0;
    globalThis.MutationObserver = class extends Real {
      constructor(cb: MutationCallback) {
        super(cb);
        observers += 1;
      }
    };
    const onWindow = vi.spyOn(window, 'addEventListener');
    const onDocument = vi.spyOn(document, 'addEventListener');
    try {
      const script = await start({ disabledSites: ['localhost'] });
      expect(hosts()).toHaveLength(0);
      expect(observers).toBe(0);
      expect(onWindow).not.toHaveBeenCalled();
      expect(onDocument).not.toHaveBeenCalled();
      expect(sent).toEqual([]);
      expect(await toContent({ type: 'pageInfo' })).toEqual({ site: 'localhost', active: false });
      // Off here: a registration of this page is dropped by the background (ping false).
      expect(await toContent({ type: 'ping', page: script.token })).toBe(false);
    } finally {
      globalThis.MutationObserver = Real;
      onWindow.mockRestore();
      onDocument.mockRestore();
    }
  });

  it('the global switch off does the same', async () => {
    await start({ enabled: false });
    expect(hosts()).toHaveLength(0);
  });

  it('turned off live: every injected element goes, the observer and the interception stop; on again: scans', async () => {
    await start();
    expect(hosts()).toHaveLength(3);
    expect(await toContent({ type: 'pageInfo' })).toEqual({ site: 'localhost', active: true });
    await toContent({ type: 'enqueued', result: { found: 1, added: 1, duplicates: 0, problems: [] } });
    expect(hosts('notice')).toHaveLength(1);

    await pageSettingsItem.setValue({ disabledSites: ['localhost'] });
    await vi.waitFor(() => expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(0));
    expect(document.querySelector('p')!.textContent).toContain('folder https://megadl.fr/?klmnopqrst');
    // Nothing watches the page any more.
    const div = document.createElement('div');
    div.innerHTML = '<a href="https://1fichier.com/?laterabcde">later</a>';
    document.body.append(div);
    const page = vi.fn((e: Event) => e.preventDefault());
    document.addEventListener('click', page);
    trustedClick(document.getElementById('f')!);
    document.removeEventListener('click', page);
    expect(page).toHaveBeenCalledTimes(1);
    expect(sent.filter((m) => m.type === 'enqueueLinks')).toEqual([]);
    expect(await toContent({ type: 'pageInfo' })).toEqual({ site: 'localhost', active: false });

    await pageSettingsItem.setValue({ disabledSites: [] });
    await vi.waitFor(() => expect(hosts()).toHaveLength(4));
  });
});

describe('messages from the extension', () => {
  it('answers only our own extension, never a tab or another extension', async () => {
    const script = await start();
    const ping = { type: 'ping', page: script.token } as const;
    expect(await toContent(ping)).toBe(true);
    expect(await toContent(ping, { id: fakeBrowser.runtime.id, tab: { id: 1 } })).toBe(NO_ANSWER);
    expect(await toContent(ping, { id: 'other-extension' })).toBe(NO_ANSWER);
    expect(await toContent(ping, {})).toBe(NO_ANSWER);
    expect(await toContent({ type: 'pageInfo' }, { id: 'other-extension' })).toBe(NO_ANSWER);
    expect(await toContent({ type: 'unknown' })).toBe(NO_ANSWER);
    expect(await toContent({ type: 'ping' })).toBe(NO_ANSWER);
  });

  it('ping is true only for this document’s token, a random URL-safe one', async () => {
    const script = await start();
    expect(script.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(await toContent({ type: 'ping', page: script.token })).toBe(true);
    expect(await toContent({ type: 'ping', page: 'another-document-token' })).toBe(false);
    controller.abort();
    const other = await start();
    expect(other.token).not.toBe(script.token);
  });

  it('applies linkStates for this document only', async () => {
    const script = await start();
    const button = hosts()[0]!.shadowRoot!.querySelector('button')!;
    const states = { 'https://1fichier.com/?abcdefghij': { state: 'completed' } };
    expect(await toContent({ type: 'linkStates', page: 'someone-else-token', states })).toBe(false);
    expect(button.dataset.state).toBe('ready');
    expect(await toContent({ type: 'linkStates', page: script.token, states })).toBe(true);
    expect(button.dataset.state).toBe('completed');
    expect(shownState(button)).toBe('✓ Completed');
    // A push is the page's complete set: a link left out has no job any more (removed).
    expect(await toContent({ type: 'linkStates', page: script.token, states: {} })).toBe(true);
    expect(button.dataset.state).toBe('ready');
  });

  it('selectionLinks: the links of the anchors in the selection and the URLs in its text, even when off', async () => {
    document.body.innerHTML = `<p id="p">Take <a href="https://1fichier.com/?aaaaaaaaaa&af=1">a</a>, https://megadl.fr/?bbbbbbbbbb,
      <a href="https://1fichier.com/dir/FoLd1234">dir</a>, <a href="https://a-6.1fichier.com/p123">direct</a>
      and <a href="https://example.com/">x</a> and again <a href="https://megadl.fr/?bbbbbbbbbb">b</a></p>
      <p id="q"><a href="https://1fichier.com/?cccccccccc">not selected</a></p>`;
    await start({ enabled: false });
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('p')!);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    expect(await toContent({ type: 'selectionLinks' })).toEqual([
      'https://1fichier.com/?aaaaaaaaaa',
      'https://1fichier.com/dir/FoLd1234',
      'https://megadl.fr/?bbbbbbbbbb',
    ]);
    // A selection inside one link's text.
    const inside = document.createRange();
    inside.selectNodeContents(document.querySelector('#q a')!.firstChild!);
    selection.removeAllRanges();
    selection.addRange(inside);
    expect(await toContent({ type: 'selectionLinks' })).toEqual(['https://1fichier.com/?cccccccccc']);
    selection.removeAllRanges();
    expect(await toContent({ type: 'selectionLinks' })).toEqual([]);
  });

  it('enqueued shows a notice (role=status) until dismissed or replaced', async () => {
    await start();
    const result: EnqueueResult = { found: 3, added: 2, duplicates: 1, problems: [] };
    expect(await toContent({ type: 'enqueued', result })).toBe(true);
    const notice = () => hosts('notice')[0]?.shadowRoot as unknown as HTMLElement | undefined;
    expect(getByRole(notice()!, 'status').textContent).toContain('2 added to the queue, 1 already there');
    await toContent({
      type: 'enqueued',
      result: {
        found: 1,
        added: 0,
        duplicates: 0,
        problems: [{ link: 'https://1fichier.com/dir/AbCd1234', error: { kind: 'folderNotFound' } }],
      },
    });
    expect(hosts('notice')).toHaveLength(1);
    expect(getByRole(notice()!, 'status').textContent).toBe(
      'https://1fichier.com/dir/AbCd1234: The folder was deleted or never existed on 1Fichier.Dismiss',
    );
    const dismiss = getByRole(notice()!, 'button', { name: 'Dismiss' });
    dismiss.click();
    expect(hosts('notice')).toHaveLength(1);
    trustedClick(dismiss);
    expect(hosts('notice')).toHaveLength(0);
    expect(await toContent({ type: 'enqueued', result: { found: 0 } })).toBe(NO_ANSWER);
  });

  it('the notice lists three problems and counts the others; page text in it stays text', async () => {
    await start();
    const problems = Array.from({ length: 5 }, (_, i) => ({
      link: `<b>https://1fichier.com/dir/Fold${i}abc</b>`,
      error: { kind: 'folderPasswordRequired' as const },
    }));
    await toContent({ type: 'enqueued', result: { found: 6, added: 1, duplicates: 0, problems } });
    const root = hosts('notice')[0]!.shadowRoot!;
    expect([...root.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '1 added to the queue',
      '<b>https://1fichier.com/dir/Fold0abc</b>: This folder is protected by a password.',
      '<b>https://1fichier.com/dir/Fold1abc</b>: This folder is protected by a password.',
      '<b>https://1fichier.com/dir/Fold2abc</b>: This folder is protected by a password.',
      '2 more links could not be added.',
    ]);
    expect(root.querySelector('b')).toBeNull();
  });

  it('the notice follows the UI language and counts', async () => {
    const { useLocale } = await import('../fakes/i18n.ts');
    useLocale('fr');
    await start();
    await toContent({ type: 'enqueued', result: { found: 1, added: 1, duplicates: 3, problems: [] } });
    const status = getByRole(hosts('notice')[0]!.shadowRoot as unknown as HTMLElement, 'status');
    expect(status.textContent).toContain('1 ajouté à la file, 3 déjà présents');
  });
});

describe('1Fichier file page', () => {
  it('shows one control named "Download with your premium key" that queues this file', async () => {
    happyDOM.setURL('https://1fichier.com/?abcdefghij&af=5');
    document.body.innerHTML = '<h1>movie.mkv</h1>';
    document.title = '1fichier.com: movie\u202E.mkv';
    await start();
    const host = hosts('file-page');
    expect(host).toHaveLength(1);
    const button = getByRole(host[0]!.shadowRoot as unknown as HTMLElement, 'button', {
      name: 'Download with your premium key',
    });
    expect(button.getAttribute('aria-label')).toBe('Download with your premium key');
    expect(button.textContent).toBe('⬇ Download with your premium key');
    trustedClick(button);
    await vi.waitFor(() => expect(shownState(button)).toBe('✓ Queued'));
    expect(sent.filter((m) => m.type === 'enqueueLinks').map((m) => m.payload)).toEqual([
      { links: ['https://1fichier.com/?abcdefghij'] },
    ]);
    expect(sent.find((m) => m.type === 'linkStatus')!.payload.links).toEqual([
      { url: 'https://1fichier.com/?abcdefghij', label: '1fichier.com: movie.mkv' },
    ]);
  });

  it('is not shown on other 1Fichier pages, nor when the site is off', async () => {
    happyDOM.setURL('https://1fichier.com/console/index.pl');
    await start();
    expect(hosts('file-page')).toHaveLength(0);
    controller.abort();
    happyDOM.setURL('https://1fichier.com/?abcdefghij');
    await start({ disabledSites: ['1fichier.com'] });
    expect(hosts('file-page')).toHaveLength(0);
  });
});

const annotation = (i: number) => hosts()[i]!.shadowRoot!.querySelector('.check')?.textContent;

describe('link check', () => {
  it('is off by default: nothing is asked', async () => {
    await start();
    expect(sent.filter((m) => m.type === 'checkLinks')).toEqual([]);
    expect(annotation(0)).toBeUndefined();
  });

  it('annotates file links (not folders) with name and size, or what 1Fichier said; follows the switch live', async () => {
    checks = {
      'https://1fichier.com/?abcdefghij': { state: 'online', name: 'movie\u202E.mkv', size: 1_500_000 },
      'https://megadl.fr/?klmnopqrst': { state: 'notFound' },
    };
    await start({ linkCheck: true });
    await vi.waitFor(() => expect(annotation(2)).toBe('File not found'));
    expect(annotation(0)).toBe('movie.mkv · 1.50\u00a0MB');
    expect(annotation(1)).toBeUndefined();
    expect(sent.filter((m) => m.type === 'checkLinks').map((m) => m.payload)).toEqual([
      { links: ['https://1fichier.com/?abcdefghij', 'https://megadl.fr/?klmnopqrst'] },
    ]);
    await pageSettingsItem.setValue({ linkCheck: false });
    await vi.waitFor(() => expect(annotation(0)).toBeUndefined());
    expect(annotation(2)).toBeUndefined();
    await pageSettingsItem.setValue({ linkCheck: true });
    await vi.waitFor(() => expect(annotation(0)).toBe('movie.mkv · 1.50\u00a0MB'));
    // Known answers are not asked again.
    expect(sent.filter((m) => m.type === 'checkLinks')).toHaveLength(1);
  });

  it('asks at most 100 links per message', async () => {
    document.body.innerHTML = Array.from(
      { length: 150 },
      (_, i) => `<a href="https://1fichier.com/?chk${String(i).padStart(5, '0')}">f${i}</a>`,
    ).join(' ');
    await start({ linkCheck: true });
    await vi.waitFor(() => expect(sent.filter((m) => m.type === 'checkLinks')).toHaveLength(2));
    const sizes = sent
      .filter((m) => m.type === 'checkLinks')
      .map((m) => (m.payload.links as string[]).length);
    expect(sizes).toEqual([100, 50]);
    await vi.waitFor(() => expect(annotation(149)).toBe('Availability unknown'));
    expect(queryByRole(hosts()[0]!.shadowRoot as unknown as HTMLElement, 'button')).not.toBeNull();
  });
});
