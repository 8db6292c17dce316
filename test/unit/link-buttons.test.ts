// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getByRole } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EnqueueResult, Reply } from '../../utils/messaging/protocol';
import { DEFAULT_PAGE_SETTINGS, type PageSettings } from '../../utils/page-settings';
import { HOST_ATTR } from '../../utils/page/link-button';
import { startSession, type Session } from '../../utils/page/session';

/** The state shown beside a link's button (the button keeps its own words, WCAG 2.5.3). */
const shownState = (button: Element) =>
  (button.getRootNode() as ShadowRoot).querySelector('.state')?.textContent;

interface Sent {
  type: string;
  payload: Record<string, unknown>;
}

const ADDED: EnqueueResult = { found: 1, added: 1, duplicates: 0, problems: [] };
const TOKEN = 'token-0123456789abcdefghij';

let sent: Sent[];
let answers: Record<string, (payload: Record<string, unknown>) => Reply>;
let session: Session | undefined;

/** The background as the content script sees it: every message recorded, answered from `answers`. */
function fakeBackground() {
  sent = [];
  answers = {
    enqueueLinks: () => ({ ok: true, value: ADDED }),
    linkStatus: () => ({ ok: true, value: {} }),
    checkLinks: () => ({ ok: true, value: {} }),
  };
  fakeBrowser.runtime.onMessage.addListener(
    (msg: Sent, sender: { id?: string }, sendResponse: (r: Reply) => void) => {
      // Messages the content script sends arrive without a sender id in the fake.
      if (sender.id !== undefined || !(msg.type in answers)) return undefined;
      sent.push(msg);
      sendResponse(answers[msg.type]!(msg.payload));
      return true;
    },
  );
}

function start(settings: Partial<PageSettings> = {}) {
  session = startSession({
    doc: document,
    win: window,
    token: TOKEN,
    settings: { ...DEFAULT_PAGE_SETTINGS, ...settings },
    scanner: { isRendered: () => true },
  });
  return session;
}

function buttonAfter(anchor: Element): HTMLButtonElement {
  const host = anchor.nextElementSibling!;
  expect(host.hasAttribute(HOST_ATTR)).toBe(true);
  return getByRole(host.shadowRoot as unknown as HTMLElement, 'button') as HTMLButtonElement;
}

function trustedClick(target: Element, init: MouseEventInit = {}): MouseEvent {
  const event = new MouseEvent('click', {
    bubbles: true,
    cancelable: true,
    composed: true,
    button: 0,
    ...init,
  });
  // Only the browser can make a trusted event; forged here to drive the handlers.
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
  return event;
}

const enqueued = () => sent.filter((m) => m.type === 'enqueueLinks').map((m) => m.payload);

beforeEach(() => {
  fakeBrowser.reset();
  fakeBackground();
  document.body.innerHTML = '';
});

afterEach(() => {
  session?.stop();
  session = undefined;
});

describe('link buttons', () => {
  it('a trusted click queues the link the button was made for, even if the page changed the href since', async () => {
    document.body.innerHTML = '<a id="a" href="https://1fichier.com/?abcdefghij">movie.mkv</a>';
    start();
    const anchor = document.querySelector('a')!;
    anchor.href = 'https://1fichier.com/?zzzzzzzzzz';
    const button = buttonAfter(anchor);
    trustedClick(button);
    // Busy at once, before any answer.
    expect(button.dataset.state).toBe('busy');
    expect(shownState(button)).toBe('⬇ …');
    await vi.waitFor(() => expect(shownState(button)).toBe('✓ Queued'));
    // No pageUrl: the background takes the page from the sender.
    expect(enqueued()).toEqual([{ links: ['https://1fichier.com/?abcdefghij'] }]);
    expect(button.getAttribute('aria-label')).toBe('Download with 1Fichier: movie.mkv');
    expect(button.dataset.state).toBe('added');
  });

  it('untrusted clicks do nothing at all', async () => {
    document.body.innerHTML = '<a href="https://1fichier.com/?abcdefghij">movie.mkv</a>';
    start();
    const button = buttonAfter(document.querySelector('a')!);
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'linkStatus')).toBe(true));
    expect(enqueued()).toEqual([]);
    expect(button.dataset.state).toBe('ready');
  });

  it('says "Already queued" for a duplicate, and the reason for a refusal or a problem', async () => {
    document.body.innerHTML = `<a href="https://1fichier.com/?aaaaaaaaaa">a</a> <a href="https://1fichier.com/?bbbbbbbbbb">b</a>
      <a href="https://1fichier.com/dir/CcCc1234">c</a>`;
    start();
    const [a, b, c] = [...document.querySelectorAll('a')].map(buttonAfter);
    answers.enqueueLinks = () => ({ ok: true, value: { found: 1, added: 0, duplicates: 1, problems: [] } });
    trustedClick(a!);
    await vi.waitFor(() => expect(shownState(a!)).toBe('✓ Already queued'));
    answers.enqueueLinks = () => ({ ok: false, error: { kind: 'forbidden' } });
    trustedClick(b!);
    await vi.waitFor(() => expect(b!.dataset.state).toBe('failed'));
    expect(shownState(b!)).toBe('⚠ Failed');
    expect(b!.title).toBe('This request is not allowed from here.');
    answers.enqueueLinks = () => ({
      ok: true,
      value: {
        found: 1,
        added: 0,
        duplicates: 0,
        problems: [{ link: 'https://1fichier.com/dir/CcCc1234', error: { kind: 'folderPasswordRequired' } }],
      },
    });
    trustedClick(c!);
    await vi.waitFor(() => expect(c!.dataset.state).toBe('failed'));
    expect(c!.title).toBe('This folder is protected by a password.');
  });

  it('reports the links with the page token and shows their live states', async () => {
    document.body.innerHTML = `<a href="https://1fichier.com/?abcdefghij&af=1">movie.mkv</a>
      <a href="https://1fichier.com/dir/AbCd1234">folder</a>`;
    answers.linkStatus = () => ({
      ok: true,
      value: { 'https://1fichier.com/?abcdefghij&af=1': { state: 'downloading', percent: 42 } },
    });
    const s = start();
    const [file, folder] = [...document.querySelectorAll('a')].map(buttonAfter);
    await vi.waitFor(() => expect(shownState(file!)).toBe('⬇ 42\u00a0%'));
    expect(sent.filter((m) => m.type === 'linkStatus').map((m) => m.payload)).toEqual([
      {
        page: TOKEN,
        links: [
          { url: 'https://1fichier.com/?abcdefghij&af=1', label: 'movie.mkv' },
          { url: 'https://1fichier.com/dir/AbCd1234', label: 'folder' },
        ],
      },
    ]);
    expect(file!.dataset.state).toBe('downloading');
    expect(folder!.dataset.state).toBe('ready');
    // Pushed later (linkStates).
    s.apply({
      'https://1fichier.com/dir/AbCd1234': { state: 'downloading', files: { done: 2, total: 5 } },
      'https://1fichier.com/?abcdefghij&af=1': { state: 'failed', error: { kind: 'notFound' } },
      'https://1fichier.com/?unknown': { state: 'completed' },
      bogus: { state: 'exploded' } as never,
    });
    expect(shownState(folder!)).toBe('⬇ Downloading · 2/5 files');
    expect(shownState(file!)).toBe('⚠ Failed');
    expect(file!.title).toBe('Failed: The file was deleted or never existed on 1Fichier.');
    expect(file!.getAttribute('aria-label')).toBe('Download with 1Fichier: movie.mkv');
  });

  it('a live state that arrives before the click’s answer is not overwritten by it', async () => {
    document.body.innerHTML = '<a href="https://1fichier.com/?abcdefghij">movie.mkv</a>';
    const s = start();
    const button = buttonAfter(document.querySelector('a')!);
    let reply!: (r: Reply) => void;
    answers.enqueueLinks = () => ({ ok: true, value: ADDED });
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener((msg: Sent, _s: unknown, sendResponse: (r: Reply) => void) => {
      sent.push(msg);
      reply = sendResponse;
      return true;
    });
    trustedClick(button);
    await vi.waitFor(() => expect(reply).toBeDefined());
    s.apply({ 'https://1fichier.com/?abcdefghij': { state: 'resolving' } });
    reply({ ok: true, value: ADDED });
    await vi.waitFor(() => expect(button.dataset.state).toBe('resolving'));
    await Promise.resolve();
    expect(shownState(button)).toBe('Resolving');
  });

  it('stop() removes every button', () => {
    document.body.innerHTML =
      '<p>See https://1fichier.com/?abcdefghij <a href="https://1fichier.com/?klmnopqrst">x</a></p>';
    const s = start();
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(2);
    s.stop();
    session = undefined;
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(0);
    expect(document.querySelector('p')!.textContent).toBe('See https://1fichier.com/?abcdefghij x');
  });
});

/** A page handler (bubble phase) that also keeps happy-dom from navigating. */
function pageHandler() {
  const seen = vi.fn((e: Event) => e.preventDefault());
  document.addEventListener('click', seen);
  return seen;
}

function setup(settings: Partial<PageSettings> = {}) {
  document.body.innerHTML = `<a id="file" href="https://1fichier.com/?abcdefghij"><b>movie.mkv</b></a>
    <a id="folder" href="https://1fichier.com/dir/AbCd1234">folder</a>
    <a id="other" href="https://example.com/movie.mkv">elsewhere</a>`;
  const s = start(settings);
  return { s, page: pageHandler() };
}

describe('click interception', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('a plain left click on a file link queues it instead of opening 1Fichier; its button shows the state', async () => {
    const { page } = setup();
    const anchor = document.getElementById('file')!;
    const event = trustedClick(anchor.querySelector('b')!);
    expect(event.defaultPrevented).toBe(true);
    expect(page).not.toHaveBeenCalled();
    expect(buttonAfter(anchor).dataset.state).toBe('busy');
    await vi.waitFor(() => expect(shownState(buttonAfter(anchor))).toBe('✓ Queued'));
    expect(enqueued()).toEqual([{ links: ['https://1fichier.com/?abcdefghij'] }]);
  });

  it.each([
    ['Ctrl', { ctrlKey: true }],
    ['Meta', { metaKey: true }],
    ['Shift', { shiftKey: true }],
    ['Alt', { altKey: true }],
    ['the middle button', { button: 1 }],
    ['the right button', { button: 2 }],
  ])('a click with %s opens as usual', (_name, init) => {
    const { page } = setup();
    const event = trustedClick(document.getElementById('file')!, init);
    expect(page).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true); // by the page handler only
    expect(enqueued()).toEqual([]);
    expect(buttonAfter(document.getElementById('file')!).dataset.state).toBe('ready');
  });

  it('folder links, other links and script clicks open as usual', () => {
    const { page } = setup();
    trustedClick(document.getElementById('folder')!);
    trustedClick(document.getElementById('other')!);
    document.getElementById('file')!.click();
    expect(page).toHaveBeenCalledTimes(3);
    expect(enqueued()).toEqual([]);
  });

  it('follows the intercept setting live', () => {
    const { s, page } = setup({ intercept: false });
    trustedClick(document.getElementById('file')!);
    expect(page).toHaveBeenCalledTimes(1);
    s.update({ ...DEFAULT_PAGE_SETTINGS, intercept: true });
    trustedClick(document.getElementById('file')!);
    expect(page).toHaveBeenCalledTimes(1);
    expect(enqueued()).toHaveLength(1);
    s.update({ ...DEFAULT_PAGE_SETTINGS, intercept: false });
    trustedClick(document.getElementById('file')!);
    expect(page).toHaveBeenCalledTimes(2);
    expect(enqueued()).toHaveLength(1);
  });

  it('a clicked link that had no button (hidden when scanned) gets one showing the state', () => {
    document.body.innerHTML = '<a id="late" href="https://1fichier.com/?lateabcdef">late</a>';
    session = startSession({
      doc: document,
      win: window,
      token: TOKEN,
      settings: DEFAULT_PAGE_SETTINGS,
      scanner: { isRendered: () => false, IntersectionObserver: undefined },
    });
    const page = pageHandler();
    const anchor = document.getElementById('late')!;
    expect(anchor.nextElementSibling).toBeNull();
    trustedClick(anchor);
    expect(page).not.toHaveBeenCalled();
    expect(buttonAfter(anchor).dataset.state).toBe('busy');
  });

  it('is off on 1Fichier’s own pages', () => {
    const happyDOM = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
    happyDOM.setURL('https://www.1fichier.com/console/index.pl');
    try {
      const { page } = setup();
      trustedClick(document.getElementById('file')!);
      expect(page).toHaveBeenCalledTimes(1);
      expect(enqueued()).toEqual([]);
    } finally {
      happyDOM.setURL('http://localhost:3000/');
    }
  });
});
