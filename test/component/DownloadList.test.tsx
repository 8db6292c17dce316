// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { DownloadList } from '../../components/DownloadList.tsx';
import type { LiveQueue } from '../../components/use-queue.ts';
import type { JobView } from '../../utils/messaging/protocol.ts';
import { legalActions, STATUS_WORD, type JobState } from '../../utils/queue/state.ts';
import { createQueueModel } from '../../utils/queue-view/model.ts';

const NOW = new Date('2026-03-01T12:00:00Z').getTime();
const STATUS_WORDS = Object.values(STATUS_WORD);
const STATUS_RE = new RegExp(`^(${STATUS_WORDS.join('|')})$`);

function view(id: string, state: JobState, extra: Partial<JobView> = {}): JobView {
  return {
    id,
    link: `https://1fichier.com/?${id}xxxxx`,
    state,
    actions: [...legalActions(state)],
    order: 0,
    createdAt: NOW,
    ...extra,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const buttonNames = (el: HTMLElement) =>
  within(el)
    .queryAllByRole('button')
    .map((b) => b.textContent);

/** The list as the popup shows it: a live queue fed one snapshot (none: still loading). */
function renderList(jobs: JobView[] | undefined, onAction = vi.fn()) {
  const model = createQueueModel();
  if (jobs) model.apply({ type: 'snapshot', jobs: jobs.map((j, i) => ({ ...j, order: i + 1 })) });
  const live: LiveQueue = { model, structure: 1, progress: 0 };
  const rows = model.ids().map((id) => ({ kind: 'job' as const, id }));
  const result = render(
    <DownloadList live={live} rows={rows} lang="en" onAction={onAction} emptyText="Nothing here." />,
  );
  return { ...result, onAction, model };
}

describe('DownloadList', () => {
  it('renders the Downloads list with one listitem per job', () => {
    renderList([view('aaaaa', 'queued'), view('bbbbb', 'downloading'), view('ccccc', 'completed')]);
    const list = screen.getByRole('list', { name: 'Downloads' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
  });

  it('shows the name, or the link while the name is unknown', () => {
    renderList([view('aaaaa', 'queued'), view('bbbbb', 'queued', { name: 'Holiday video.mkv' })]);
    const [first, second] = screen.getAllByRole('listitem');
    expect(within(first!).getByText('https://1fichier.com/?aaaaaxxxxx')).toBeTruthy();
    expect(within(second!).getByText('Holiday video.mkv')).toBeTruthy();
    expect(within(second!).queryByText('https://1fichier.com/?bbbbbxxxxx')).toBeNull();
  });

  it.each(Object.keys(STATUS_WORD) as JobState[])(
    'a %s job shows exactly one status word, the right one',
    (state) => {
      const extra: Partial<JobView> =
        state === 'failed' || state === 'waiting'
          ? { error: { kind: 'network' }, nextAttemptAt: state === 'waiting' ? NOW + 30_000 : undefined }
          : state === 'downloading'
            ? { size: 1_000, bytesReceived: 10 }
            : {};
      renderList([view('aaaaa', state, { name: 'file.bin', ...extra })]);
      const item = screen.getByRole('listitem');
      const words = within(item).getAllByText(STATUS_RE);
      expect(words.map((w) => w.textContent)).toEqual([STATUS_WORD[state]]);
      // And no other status word hides in another text node.
      const text = item.textContent ?? '';
      const others = STATUS_WORDS.filter(
        (w) => w !== STATUS_WORD[state] && new RegExp(`\\b${w}\\b`).test(text),
      );
      expect(others).toEqual([]);
    },
  );

  it('a downloading job shows its percentage and bytes', () => {
    renderList([
      view('aaaaa', 'downloading', { name: 'big.iso', size: 64_000_000, bytesReceived: 16_000_000 }),
    ]);
    const item = screen.getByRole('listitem');
    expect(within(item).getByRole('progressbar', { name: 'Download progress' })).toBeTruthy();
    expect(item.textContent).toContain('25%');
    expect(item.textContent).toContain('16.0\u00a0MB of 64.0\u00a0MB');
  });

  it('a downloading job without a known size shows no percentage', () => {
    renderList([view('aaaaa', 'downloading', { bytesReceived: 5 })]);
    const item = screen.getByRole('listitem');
    expect(within(item).queryByRole('progressbar')).toBeNull();
    expect(item.textContent).not.toContain('%');
  });

  it('a completed job shows its size, not a progress bar', () => {
    renderList([view('aaaaa', 'completed', { name: 'done.zip', size: 2_500, bytesReceived: 2_500 })]);
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('2.50\u00a0kB');
    expect(within(item).queryByRole('progressbar')).toBeNull();
  });

  it('a failed job shows the reason and a Retry button', () => {
    renderList([view('aaaaa', 'failed', { name: 'gone.rar', error: { kind: 'notFound' } })]);
    const item = screen.getByRole('listitem');
    expect(within(item).getByText('The file was deleted or never existed on 1Fichier.')).toBeTruthy();
    expect(within(item).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(within(item).getByRole('button', { name: 'Remove' })).toBeTruthy();
  });

  it('a waiting job shows the time left, counting down', async () => {
    renderList([
      view('aaaaa', 'waiting', { name: 'x.bin', error: { kind: 'flood' }, nextAttemptAt: NOW + 90_000 }),
    ]);
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain(
      '1Fichier is refusing API calls for a while after too many requests. Trying again in 1\u00a0min 30\u00a0s.',
    );
    await act(async () => {
      vi.advanceTimersByTime(1_000);
    });
    expect(item.textContent).toContain('Trying again in 1\u00a0min 29\u00a0s.');
  });

  it('renders a hostile name as text only', () => {
    const hostile = '<img src=x onerror=alert(1)> "a:b" <script>alert(2)</script>';
    const { container } = renderList([
      view('aaaaa', 'failed', { name: hostile, error: { kind: 'notAllowed' } }),
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(within(screen.getByRole('listitem')).getByText(hostile)).toBeTruthy();
  });

  it('shows only the buttons of the legal actions', () => {
    renderList([
      view('aaaaa', 'queued'),
      view('bbbbb', 'completed'),
      view('ccccc', 'waiting', { error: { kind: 'network' } }),
    ]);
    const [queued, completed, waiting] = screen.getAllByRole('listitem');
    const moves = ['Move to top', 'Move up', 'Move down'];
    expect(buttonNames(queued!)).toEqual(['Pause', 'Cancel', 'Remove', ...moves]);
    expect(buttonNames(completed!)).toEqual(['Remove']);
    expect(buttonNames(waiting!)).toEqual(['Retry', 'Pause', 'Cancel', 'Remove', ...moves]);
  });

  it('clicking Retry or Remove calls onAction with the job id', () => {
    const { onAction } = renderList([
      view('aaaaa', 'failed', { error: { kind: 'network' } }),
      view('bbbbb', 'completed'),
    ]);
    const [failed, completed] = screen.getAllByRole('listitem');
    fireEvent.click(within(failed!).getByRole('button', { name: 'Retry' }));
    fireEvent.click(within(completed!).getByRole('button', { name: 'Remove' }));
    expect(onAction.mock.calls).toEqual([
      ['aaaaa', 'retry'],
      ['bbbbb', 'remove'],
    ]);
  });

  it('shows an empty state', () => {
    renderList([]);
    expect(within(screen.getByRole('list', { name: 'Downloads' })).queryAllByRole('listitem')).toHaveLength(
      0,
    );
    expect(screen.getByText(/No downloads yet/)).toBeTruthy();
  });

  it('shows a loading state before the first snapshot', () => {
    renderList(undefined);
    expect(screen.getByText('Loading the queue…')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('renders only the rows near the viewport of a 10,000-job queue, each with its position', () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) =>
      view(`j${i}`, 'completed', { name: `file-${i}.bin` }),
    );
    renderList(jobs);
    const items = screen.getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(100);
    expect(items[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(items[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(within(items[0]!).getByText('file-0.bin')).toBeTruthy();
    expect(screen.queryByText('file-9999.bin')).toBeNull();
  });

  it('says when a filter shows nothing of a non-empty queue', () => {
    const model = createQueueModel();
    model.apply({ type: 'snapshot', jobs: [view('aaaaa', 'queued')] });
    render(
      <DownloadList
        live={{ model, structure: 1, progress: 0 }}
        rows={[]}
        lang="en"
        onAction={vi.fn()}
        emptyText="Nothing here."
      />,
    );
    expect(screen.getByText('Nothing here.')).toBeTruthy();
    expect(screen.queryByText(/No downloads yet/)).toBeNull();
  });
});
