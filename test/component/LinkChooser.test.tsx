// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { LinkChooser, ROW_LIMIT } from '../../components/LinkChooser';
import type { PageLinkView } from '../../utils/messaging/protocol';

const link = (id: string, extra: Partial<PageLinkView> = {}): PageLinkView => ({
  link: `https://1fichier.com/?${id.padEnd(20, '0')}`,
  kind: 'file',
  label: `label ${id}`,
  ...extra,
});

const MOVIE = link('movie', {
  label: 'Movie part 1',
  check: { state: 'online', name: 'Movie.2026.mkv', size: 2_500_000_000 },
});
const SONG = link('song', {
  label: 'a song',
  check: { state: 'online', name: 'song.flac', size: 40_000_000 },
});
const DOC = link('doc', {
  label: 'Manual PDF',
  check: { state: 'online', name: 'manual.pdf', size: 300_000_000 },
});
const BARE = link('bare', { label: '' });
const QUEUED = link('queued', { label: 'Already here', state: 'completed' });
const FOLDER: PageLinkView = {
  link: 'https://1fichier.com/dir/FoLdEr01',
  kind: 'folder',
  label: 'The folder',
};

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderChooser(links: PageLinkView[], onAdd = vi.fn(async (_links: string[]) => true)) {
  render(<LinkChooser links={links} lang="en" busy={false} onAdd={onAdd} />);
  return onAdd;
}

const box = (name: string | RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const rowNames = () =>
  within(screen.getByRole('group', { name: '1Fichier links on this page' }))
    .getAllByRole('checkbox')
    .map((b) => b.closest('label')?.textContent);
const selectAll = () => box('Select all');
const addSelected = () => screen.getByRole('button', { name: 'Add selected' }) as HTMLButtonElement;
const filter = (value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name: 'Filter' }), { target: { value } });
const size = (label: string) => {
  const select = screen.getByRole('combobox', { name: 'Size' }) as HTMLSelectElement;
  const option = within(select).getByRole('option', { name: label }) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: option.value } });
};
const meta = (name: string) =>
  document.getElementById(box(name).getAttribute('aria-describedby')!)?.textContent;

describe('LinkChooser', () => {
  it('names each row by its checked name, else its page label, else its link; shows kind, size, state', () => {
    renderChooser([MOVIE, BARE, QUEUED, FOLDER]);
    expect(rowNames()).toEqual(['Movie.2026.mkv', BARE.link, 'Already here', 'The folder']);
    expect(meta('Movie.2026.mkv')).toMatch(/^File · 2\.50\sGB$/);
    expect(meta('Already here')).toBe('File · Completed');
    expect(meta('The folder')).toBe('Folder');
  });

  it('links already in the queue start unticked, the others ticked', () => {
    renderChooser([MOVIE, QUEUED, FOLDER]);
    expect(box('Movie.2026.mkv').checked).toBe(true);
    expect(box('Already here').checked).toBe(false);
    expect(box('The folder').checked).toBe(true);
    expect(screen.getByText('2 selected')).toBeTruthy();
  });

  it('filters by page label or checked name, ignoring case, and counts the hidden rows', () => {
    renderChooser([MOVIE, SONG, DOC, FOLDER]);
    filter('MKV');
    expect(rowNames()).toEqual(['Movie.2026.mkv']);
    expect(screen.getByText('3 links hidden by the filter.')).toBeTruthy();
    filter('manual pdf'); // the page label
    expect(rowNames()).toEqual(['manual.pdf']);
    filter('zzz');
    expect(screen.queryByRole('group', { name: '1Fichier links on this page' })?.textContent).toBe('');
    expect(screen.getByText('4 links hidden by the filter.')).toBeTruthy();
    filter('');
    expect(rowNames()).toHaveLength(4);
    expect(screen.queryByText(/hidden by the filter/)).toBeNull();
  });

  it('filters by known size; unknown sizes pass only with Any size', () => {
    renderChooser([MOVIE, SONG, DOC, BARE, FOLDER]);
    size('Under 100 MB');
    expect(rowNames()).toEqual(['song.flac']);
    size('100 MB to 1 GB');
    expect(rowNames()).toEqual(['manual.pdf']);
    size('Over 1 GB');
    expect(rowNames()).toEqual(['Movie.2026.mkv']);
    expect(screen.getByText('4 links hidden by the filter.')).toBeTruthy();
    size('Any size');
    expect(rowNames()).toHaveLength(5);
  });

  it('Select all ticks the visible rows; it is indeterminate when only some are ticked', () => {
    renderChooser([MOVIE, SONG, QUEUED]);
    expect(selectAll().checked).toBe(false);
    expect(selectAll().indeterminate).toBe(true);
    fireEvent.click(selectAll());
    expect([box('Movie.2026.mkv'), box('song.flac'), box('Already here')].map((b) => b.checked)).toEqual([
      true,
      true,
      true,
    ]);
    expect(selectAll().checked).toBe(true);
    expect(selectAll().indeterminate).toBe(false);
    fireEvent.click(selectAll());
    expect(rowNames()).toHaveLength(3);
    expect(screen.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).checked)).toHaveLength(0);
    expect(selectAll().indeterminate).toBe(false);
    expect(addSelected().disabled).toBe(true);
  });

  it('Select all works on the filtered rows only', async () => {
    const onAdd = renderChooser([MOVIE, SONG, DOC]);
    fireEvent.click(selectAll()); // all three were ticked: untick all
    filter('song');
    fireEvent.click(selectAll());
    filter('');
    expect(box('song.flac').checked).toBe(true);
    expect(box('Movie.2026.mkv').checked).toBe(false);
    expect(box('manual.pdf').checked).toBe(false);
    fireEvent.click(addSelected());
    await waitFor(() => expect(onAdd).toHaveBeenCalledWith([SONG.link]));
  });

  it('Add selected sends exactly the ticked canonical links (never a filtered-out one)', async () => {
    const onAdd = renderChooser([MOVIE, SONG, DOC, QUEUED, FOLDER]);
    fireEvent.click(box('song.flac')); // untick
    fireEvent.click(box('Already here')); // tick a queued one on purpose
    fireEvent.click(addSelected());
    await waitFor(() => expect(onAdd).toHaveBeenCalledTimes(1));
    expect(onAdd.mock.calls[0]![0]).toEqual([MOVIE.link, DOC.link, QUEUED.link, FOLDER.link]);
    size('Over 1 GB');
    fireEvent.click(addSelected());
    await waitFor(() => expect(onAdd).toHaveBeenCalledTimes(2));
    expect(onAdd.mock.calls[1]![0]).toEqual([MOVIE.link]);
  });

  it('Add selected is disabled with nothing ticked, and while an Add runs', () => {
    const { rerender } = render(
      <LinkChooser links={[QUEUED]} lang="en" busy={false} onAdd={vi.fn(async () => true)} />,
    );
    expect(addSelected().disabled).toBe(true);
    fireEvent.click(box('Already here'));
    expect(addSelected().disabled).toBe(false);
    rerender(<LinkChooser links={[QUEUED]} lang="en" busy={true} onAdd={vi.fn(async () => true)} />);
    expect(addSelected().disabled).toBe(true);
  });

  it('Check names and sizes asks about the file links without an answer and updates their rows', async () => {
    const plain = link('plain', { label: 'plain label' });
    const requests = fakeBackground({
      checkLinks: () =>
        ok({
          [plain.link]: { state: 'online', name: 'real-name.zip', size: 123_000_000 },
          [BARE.link]: { state: 'notFound' },
        }),
    });
    renderChooser([MOVIE, plain, BARE, FOLDER]);
    fireEvent.click(screen.getByRole('button', { name: 'Check names and sizes' }));
    await waitFor(() => expect(box('real-name.zip')).toBeTruthy());
    expect(requests).toEqual([{ type: 'checkLinks', payload: { links: [plain.link, BARE.link] } }]);
    expect(meta('real-name.zip')).toMatch(/^File · 123\sMB$/);
    expect(meta(BARE.link)).toBe('File · Deleted or not found');
    expect(screen.getByText('Names and sizes updated.')).toBeTruthy();
    // Every file link now has an answer: nothing left to check.
    expect(screen.queryByRole('button', { name: 'Check names and sizes' })).toBeNull();
    // The new names are filterable.
    filter('REAL-NAME');
    expect(rowNames()).toEqual(['real-name.zip']);
  });

  it('a link the answer leaves out reads as unknown (no endless re-check)', async () => {
    fakeBackground({ checkLinks: () => ok({}) });
    renderChooser([BARE]);
    fireEvent.click(screen.getByRole('button', { name: 'Check names and sizes' }));
    await waitFor(() => expect(meta(BARE.link)).toBe('File · No answer from 1Fichier'));
    expect(screen.queryByRole('button', { name: 'Check names and sizes' })).toBeNull();
  });

  it('no Check button when every file link already has an answer (folders are never checked)', () => {
    renderChooser([MOVIE, SONG, FOLDER]);
    expect(screen.queryByRole('button', { name: 'Check names and sizes' })).toBeNull();
  });

  it('a refused check says why clearly and leaves the rows as they were', async () => {
    fakeBackground({ checkLinks: () => fail({ kind: 'flood', retryAt: Date.now() + 60_000 }) });
    renderChooser([BARE]);
    fireEvent.click(screen.getByRole('button', { name: 'Check names and sizes' }));
    await waitFor(() => expect(screen.getByText(/refusing API calls for a while/)).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Check names and sizes' })).toBeTruthy();
    expect(rowNames()).toEqual([BARE.link]);
  });

  it(`draws at most ${ROW_LIMIT} rows and says how many more are not shown`, async () => {
    const many = Array.from({ length: ROW_LIMIT + 120 }, (_, i) => link(`m${i}`, { label: `file ${i}` }));
    const onAdd = renderChooser(many);
    expect(screen.getAllByRole('checkbox', { name: /^file \d+$/ })).toHaveLength(ROW_LIMIT);
    expect(
      screen.getByText(
        `120 more links not shown: only the first ${ROW_LIMIT} are listed. Narrow the filter to see them.`,
      ),
    ).toBeTruthy();
    expect(screen.getByText(`${ROW_LIMIT} selected`)).toBeTruthy();
    fireEvent.click(addSelected());
    await waitFor(() => expect(onAdd).toHaveBeenCalledTimes(1));
    expect(onAdd.mock.calls[0]![0]).toHaveLength(ROW_LIMIT);
    filter('file 55');
    expect(rowNames()).toEqual(['file 55', ...Array.from({ length: 10 }, (_, i) => `file 55${i}`)]);
    expect(screen.queryByText(/more links? not shown/)).toBeNull();
  });

  it('shows hostile, long and right-to-left labels and names as text only', () => {
    const hostile = link('hostile', { label: '<img src=x onerror=alert(1)>' });
    const rtl = link('rtl', { label: 'invoice\u202Etxt.exe' });
    const long = link('long', { label: 'x'.repeat(5_000) });
    const evilName = link('evil', {
      check: { state: 'online', name: '<script>alert(1)</script>\u05e9\u05dc\u05d5\u05dd', size: 1 },
    });
    renderChooser([hostile, rtl, long, evilName]);
    expect(box('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(box('invoicetxt.exe')).toBeTruthy(); // the bidi override is removed
    expect(box('x'.repeat(5_000))).toBeTruthy();
    expect(box('<script>alert(1)</script>\u05e9\u05dc\u05d5\u05dd')).toBeTruthy();
    expect(document.querySelector('img, script')).toBeNull();
  });
});
