// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { JobRow } from '../../components/JobRow.tsx';
import type { JobView } from '../../utils/messaging/protocol.ts';
import { legalActions, STATUS_WORD, type JobState } from '../../utils/queue/state.ts';

const NOW = new Date('2026-03-01T12:00:00Z').getTime();
const STATUS_RE = new RegExp(`^(${Object.values(STATUS_WORD).join('|')})$`);
// Bidi controls and zero-width/invisible characters (security-notes.md §2.4).
const INVISIBLE_RE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C\u2060-\u2064\uFEFF\u180E\u00AD]/u;

function view(
  name: string | undefined,
  state: JobState = 'completed',
  extra: Partial<JobView> = {},
): JobView {
  return {
    id: 'job1',
    link: 'https://1fichier.com/?abcdefghij',
    state,
    actions: [...legalActions(state)],
    ...(name === undefined ? {} : { name }),
    ...extra,
  };
}

/** Renders one row inside a list (as JobList does) and returns its listitem and name element. */
function renderRow(job: JobView) {
  const { container } = render(
    <ul aria-label="Downloads">
      <JobRow job={job} lang="en" now={NOW} onAction={vi.fn()} />
    </ul>,
  );
  const item = screen.getByRole('listitem');
  const name = item.querySelector<HTMLElement>('.job-name');
  if (!name) throw new Error('no .job-name element');
  return { container, item, name };
}

/** The single status word of a row (there must be exactly one). */
function statusWords(item: HTMLElement): string[] {
  return within(item)
    .getAllByText(STATUS_RE)
    .map((w) => w.textContent ?? '');
}

afterEach(() => cleanup());

describe('JobRow shows uploader-controlled names safely', () => {
  it('renders markup in a name as text: no img element, no script', () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>.zip';
    const { container, name } = renderRow(view(hostile));
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(name.children).toHaveLength(0);
    expect(name.textContent).toBe(hostile);
    expect(name.title).toBe(hostile);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('drops a right-to-left override: `invoice\\u202Etxt.exe` reads invoicetxt.exe, in the text and the title', () => {
    const { item, name } = renderRow(view('invoice\u202Etxt.exe'));
    expect(name.textContent).toBe('invoicetxt.exe');
    expect(name.title).toBe('invoicetxt.exe');
    expect(item.textContent).not.toMatch(INVISIBLE_RE);
    expect(within(item).getByText('invoicetxt.exe')).toBeTruthy();
  });

  it('drops zero-width and other invisible characters, and flattens control characters', () => {
    const { item, name } = renderRow(view('\uFEFFpay\u200Bpal\u200C-\u200Dre\u2060ceipt\u00AD.pdf\n\t.exe'));
    expect(name.textContent).toBe('paypal-receipt.pdf .exe');
    expect(name.title).toBe('paypal-receipt.pdf .exe');
    expect(item.textContent).not.toMatch(INVISIBLE_RE);
  });

  it('keeps Arabic and Hebrew names as written', () => {
    const arabic = 'تقرير مالي ٢٠٢٤.pdf';
    const hebrew = 'דוח שנתי סופי.docx';
    expect(renderRow(view(arabic)).name.textContent).toBe(arabic);
    cleanup();
    const { name } = renderRow(view(hebrew));
    expect(name.textContent).toBe(hebrew);
    expect(name.title).toBe(hebrew);
  });

  it('keeps the bidi isolation class on the name (base.css: unicode-bidi: isolate)', () => {
    const { name } = renderRow(view('שלום.txt'));
    expect(name.classList.contains('job-name')).toBe(true);
  });

  it('renders a very long name in full, with exactly one status word', () => {
    const long = `${'long-name-'.repeat(5_000)}.bin`;
    const { item, name } = renderRow(view(long, 'downloading', { size: 100, bytesReceived: 50 }));
    expect(name.textContent).toBe(long);
    expect(statusWords(item)).toEqual([STATUS_WORD.downloading]);
    expect(within(item).getByRole('progressbar', { name: '50%' })).toBeTruthy();
  });

  it('falls back to the link when the name is unknown or nothing visible is left of it', () => {
    expect(renderRow(view(undefined, 'queued')).name.textContent).toBe('https://1fichier.com/?abcdefghij');
    cleanup();
    const { name, item } = renderRow(view('\u202E\u200B \u2066', 'queued'));
    expect(name.textContent).toBe('https://1fichier.com/?abcdefghij');
    expect(name.title).toBe('https://1fichier.com/?abcdefghij');
    expect(statusWords(item)).toEqual([STATUS_WORD.queued]);
  });

  it('leaves the status word and the actions as they were', () => {
    const { item } = renderRow(view('x\u202Ey.bin', 'failed', { error: { kind: 'network' } }));
    expect(statusWords(item)).toEqual(['Failed']);
    expect(
      within(item)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Retry', 'Remove']);
  });
});
