// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fail, fakeBackground, ok, type Handler } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';
import { PageLinks } from '../../components/PageLinks';
import type { EnqueueResult, PageLinkView, Reply } from '../../utils/messaging/protocol';

const TAB = 42;
const link = (id: string, extra: Partial<PageLinkView> = {}): PageLinkView => ({
  link: `https://1fichier.com/?${id.padEnd(20, '0')}`,
  kind: 'file',
  label: `label ${id}`,
  ...extra,
});
const A = link('a');
const B = link('b');
const Q = link('q', { state: 'queued' });
const F: PageLinkView = { link: 'https://1fichier.com/dir/FoLdEr01', kind: 'folder', label: 'folder' };

function activeTab(tabId: number | null = TAB) {
  vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockImplementation((async () => ({ id: 7 })) as never);
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () =>
    tabId === null ? [] : [{ id: tabId }]) as never);
}

const result = (r: Partial<EnqueueResult>): EnqueueResult => ({
  found: 0,
  added: 0,
  duplicates: 0,
  problems: [],
  ...r,
});

function background(pages: PageLinkView[][], handlers: Record<string, Handler> = {}) {
  let call = 0;
  return fakeBackground({
    pageLinks: () => ok(pages[Math.min(call++, pages.length - 1)]),
    ...handlers,
  });
}

const heading = () => screen.getByRole('heading', { level: 2 });
const region = () => document.querySelector('.page-links > [aria-live="polite"]') as HTMLElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

beforeEach(() => {
  fakeBrowser.reset();
  activeTab();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('PageLinks', () => {
  it('says it is looking, then how many links the active tab has', async () => {
    let release!: (r: Reply) => void;
    const requests = fakeBackground({ pageLinks: () => new Promise<Reply>((r) => (release = r)) });
    render(<PageLinks />);
    expect(heading().textContent).toBe('Looking for 1Fichier links on this page…');
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toEqual({ type: 'pageLinks', payload: { tabId: TAB } });
    release(ok([A, B, F]));
    await waitFor(() => expect(heading().textContent).toBe('3 1Fichier links on this page'));
    expect(button('Add all')).toBeTruthy();
    expect(button('Choose links').getAttribute('aria-expanded')).toBe('false');
  });

  it.each<[PageLinkView[], 'en' | 'fr', string]>([
    [[A], 'en', '1 1Fichier link on this page'],
    [[A], 'fr', '1 lien 1Fichier sur cette page'],
    [[A, B], 'fr', '2 liens 1Fichier sur cette page'],
    [[], 'fr', 'Aucun lien 1Fichier sur cette page'],
  ])('counts %# in words (%s)', async (links, lang, text) => {
    useLocale(lang);
    background([links]);
    render(<PageLinks />);
    await waitFor(() => expect(heading().textContent).toBe(text));
  });

  it('no links: says so and offers no actions', async () => {
    background([[]]);
    render(<PageLinks />);
    await waitFor(() => expect(heading().textContent).toBe('No 1Fichier links on this page'));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('no active tab: no links, and nothing asked', async () => {
    activeTab(null);
    const requests = background([[A]]);
    render(<PageLinks />);
    await waitFor(() => expect(heading().textContent).toBe('No 1Fichier links on this page'));
    expect(requests).toHaveLength(0);
  });

  it('a refused request shows the error in plain words, no actions', async () => {
    fakeBackground({ pageLinks: () => fail({ kind: 'forbidden' }) });
    render(<PageLinks />);
    await waitFor(() => expect(screen.getByText('This request is not allowed from here.')).toBeTruthy());
    expect(heading().textContent).toBe('1Fichier links on this page');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('Add all queues the canonical links not yet queued and counts the skipped ones as already there', async () => {
    const requests = background(
      [
        [A, Q, B, F],
        [A, Q, B, F],
      ],
      {
        enqueueLinks: () => ok(result({ found: 3, added: 5, duplicates: 0 })),
      },
    );
    render(<PageLinks />);
    await waitFor(() => expect(button('Add all')).toBeTruthy());
    fireEvent.click(button('Add all'));
    await waitFor(() => expect(region().textContent).toBe('4 links found: 5 added, 1 already in the queue.'));
    expect(requests.filter((r) => r.type === 'enqueueLinks').map((r) => r.payload)).toEqual([
      { links: [A.link, B.link, F.link], tabId: TAB },
    ]);
    // Asked again so the rows show their new state.
    await waitFor(() => expect(requests.filter((r) => r.type === 'pageLinks')).toHaveLength(2));
  });

  it('Add all with everything already queued sends nothing and says so', async () => {
    const requests = background([[Q, link('r', { state: 'downloading' })]]);
    render(<PageLinks />);
    await waitFor(() => expect(button('Add all')).toBeTruthy());
    fireEvent.click(button('Add all'));
    await waitFor(() => expect(region().textContent).toBe('2 links found: 0 added, 2 already in the queue.'));
    expect(requests.filter((r) => r.type === 'enqueueLinks')).toHaveLength(0);
  });

  it('a refused Add all shows the error message; the button comes back', async () => {
    background([[A]], { enqueueLinks: () => fail({ kind: 'noKey' }) });
    render(<PageLinks />);
    await waitFor(() => expect(button('Add all')).toBeTruthy());
    fireEvent.click(button('Add all'));
    await waitFor(() =>
      expect(region().textContent).toBe('No API key yet: add your 1Fichier API key in the options.'),
    );
    expect(button('Add all').disabled).toBe(false);
  });

  it('shows problems with their reason', async () => {
    background([[F]], {
      enqueueLinks: () =>
        ok(result({ found: 1, added: 0, problems: [{ link: F.link, error: { kind: 'folderNotFound' } }] })),
    });
    render(<PageLinks />);
    await waitFor(() => expect(button('Add all')).toBeTruthy());
    fireEvent.click(button('Add all'));
    await waitFor(() =>
      expect(region().textContent).toContain('1 link found: 0 added, 1 could not be added.'),
    );
    expect(region().textContent).toContain(
      `${F.link} — The folder was deleted or never existed on 1Fichier.`,
    );
  });

  it('Choose links opens the chooser; Add selected queues exactly the ticked links and shows the result', async () => {
    const requests = background([[A, Q, B]], {
      enqueueLinks: () => ok(result({ found: 1, added: 1 })),
    });
    render(<PageLinks />);
    await waitFor(() => expect(button('Choose links')).toBeTruthy());
    expect(screen.queryByRole('textbox', { name: 'Filter' })).toBeNull();
    fireEvent.click(button('Choose links'));
    expect(button('Choose links').getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('checkbox', { name: 'label a' })); // untick A; Q starts unticked
    fireEvent.click(button('Add selected'));
    await waitFor(() => expect(region().textContent).toBe('1 link found: 1 added.'));
    expect(requests.filter((r) => r.type === 'enqueueLinks').map((r) => r.payload)).toEqual([
      { links: [B.link], tabId: TAB },
    ]);
  });

  it('asks again when the popup comes back into view', async () => {
    const requests = background([[A], [A, B]]);
    render(<PageLinks />);
    await waitFor(() => expect(heading().textContent).toBe('1 1Fichier link on this page'));
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(heading().textContent).toBe('2 1Fichier links on this page'));
    expect(requests.filter((r) => r.type === 'pageLinks')).toHaveLength(2);
  });
});
