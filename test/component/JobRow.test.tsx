// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { JobRow } from '../../components/JobRow.tsx';
import type { JobView } from '../../utils/messaging/protocol.ts';
import { legalActions, STATUS_WORD, type JobAction, type JobState } from '../../utils/queue/state.ts';
import type { TransferKind } from '../../utils/settings.ts';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

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
    order: 1,
    createdAt: NOW,
    ...(name === undefined ? {} : { name }),
    ...extra,
  };
}

/** Renders one row inside a list (as JobList does) and returns its listitem and name element. */
function renderRow(job: JobView, onAction = vi.fn(), lang: 'en' | 'fr' = 'en') {
  const { container } = render(
    <ul aria-label="Downloads">
      <li>
        <JobRow job={job} lang={lang} now={NOW} onAction={onAction} />
      </li>
    </ul>,
  );
  const item = screen.getByRole('listitem');
  const name = item.querySelector<HTMLElement>('.job-name');
  if (!name) throw new Error('no .job-name element');
  return { container, item, name, onAction };
}

/** The single status word of a row (there must be exactly one). */
function statusWords(item: HTMLElement): string[] {
  return within(item)
    .getAllByText(STATUS_RE)
    .map((w) => w.textContent ?? '');
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

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
    const bar = within(item).getByRole('progressbar', { name: 'Download progress' });
    expect((bar as HTMLProgressElement).value).toBe(50);
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

/** The accessible names of ui-contract.md, written out here (not taken from the component). */
const NAME: Readonly<Record<JobAction, string>> = {
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Retry',
  cancel: 'Cancel',
  remove: 'Remove',
  moveTop: 'Move to top',
  moveUp: 'Move up',
  moveDown: 'Move down',
};
const FRENCH: Readonly<Record<JobAction, string>> = {
  pause: 'Mettre en pause',
  resume: 'Reprendre',
  retry: 'Réessayer',
  cancel: 'Annuler',
  remove: 'Retirer',
  moveTop: 'Placer en tête',
  moveUp: 'Monter',
  moveDown: 'Descendre',
};
const STATES = Object.keys(STATUS_WORD) as JobState[];
const buttonNames = (item: HTMLElement) =>
  within(item)
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('JobRow actions', () => {
  it.each(STATES)('a %s job has one button per legal action, named as in the UI contract', (state) => {
    const { item, onAction } = renderRow(view('file.bin', state));
    const expected = legalActions(state).map((a) => NAME[a]);
    expect(buttonNames(item)).toEqual(expected);
    for (const action of legalActions(state)) {
      fireEvent.click(within(item).getByRole('button', { name: NAME[action] }));
    }
    expect(onAction.mock.calls).toEqual(legalActions(state).map((a) => ['job1', a]));
  });

  it('shows only the actions the background sent', () => {
    const { item } = renderRow(view('file.bin', 'queued', { actions: ['moveDown', 'remove'] }));
    expect(buttonNames(item)).toEqual(['Move down', 'Remove']);
  });

  it('translates the buttons in French', () => {
    useLocale('fr');
    const all = [...new Set(STATES.flatMap(legalActions))];
    const { item } = renderRow(view('file.bin', 'waiting', { actions: all }));
    for (const action of all)
      expect(within(item).getAllByRole('button', { name: FRENCH[action] })).not.toEqual([]);
    expect(within(item).queryByRole('button', { name: 'Pause' })).toBeNull();
  });
});

describe('JobRow details', () => {
  const pkg = { key: 'dir:abcDEF123', link: 'https://1fichier.com/dir/abcDEF123' };

  it('shows the folder a file came with, by name or else by its id', () => {
    const { item } = renderRow(view('a.jpg', 'queued', { package: { ...pkg, name: 'Holiday photos' } }));
    expect(item.querySelector('.job-meta')?.textContent).toBe('Folder: Holiday photos');
    cleanup();
    const second = renderRow(view('a.jpg', 'queued', { package: pkg, size: 2_500 }));
    expect(second.item.querySelector('.job-meta')?.textContent).toBe('2.50\u00a0kB · Folder: abcDEF123');
  });

  it('renders a hostile or right-to-left folder name as text only', () => {
    const hostile = '<img src=x onerror="window.pwned=3">\u202Egpj.exe';
    const { container, item } = renderRow(view('a.jpg', 'queued', { package: { ...pkg, name: hostile } }));
    expect(container.querySelector('img')).toBeNull();
    expect(item.querySelector('.job-meta')?.textContent).toBe(
      'Folder: <img src=x onerror="window.pwned=3">gpj.exe',
    );
    expect(item.textContent).not.toMatch(INVISIBLE_RE);
  });

  it('a completed job shows the name of the file written, from either kind of path', () => {
    const { item } = renderRow(
      view('movie.mkv', 'completed', { finalPath: '/home/u/Downloads/movie (1).mkv' }),
    );
    expect(item.querySelector('.job-meta')?.textContent).toBe('Saved as movie (1).mkv');
    cleanup();
    const win = renderRow(
      view('movie.mkv', 'completed', { finalPath: 'C:\\Users\\u\\Downloads\\a\u202Evkm.exe' }),
    );
    expect(win.item.querySelector('.job-meta')?.textContent).toBe('Saved as avkm.exe');
    cleanup();
    const running = renderRow(view('movie.mkv', 'downloading', { finalPath: '/tmp/movie.mkv' }));
    expect(running.item.textContent).not.toContain('Saved as');
  });

  it('a protected folder job says so and is named after its folder', () => {
    const { item, name } = renderRow(
      view(undefined, 'paused', { kind: 'folder', package: { ...pkg, name: 'Secret stuff' } }),
    );
    expect(name.textContent).toBe('Secret stuff');
    expect(item.querySelector('.job-meta')?.textContent).toBe(
      'Protected folder: its files are queued once you give its password.',
    );
    expect(item.textContent).not.toContain('Folder: ');
  });
});

/** Password inputs have no ARIA role: found by their label, checked to be password fields. */
function secret(item: HTMLElement, label: string): HTMLInputElement {
  const el = within(item).getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
  expect(el.type).toBe('password');
  return el;
}

describe('JobRow password prompt', () => {
  it('is shown only when the background asks for a password', () => {
    const { item } = renderRow(view('x.bin', 'failed', { error: { kind: 'passwordRequired' } }));
    expect(within(item).queryByLabelText('File password')).toBeNull();
    expect(within(item).queryByRole('button', { name: 'Use password' })).toBeNull();
  });

  it('refuses an empty password without sending anything', async () => {
    const requests = fakeBackground({ setJobPassword: () => ok(null) });
    const { item } = renderRow(view('x.bin', 'paused', { askPassword: 'file' }));
    secret(item, 'File password');
    fireEvent.click(within(item).getByRole('button', { name: 'Use password' }));
    await waitFor(() => expect(item.textContent).toContain('Enter the password first.'));
    expect(requests).toEqual([]);
  });

  it('sends the password for this job, empties the field and never shows or logs it', async () => {
    const logged = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'debug'),
    ];
    const requests = fakeBackground({ setJobPassword: () => ok(null) });
    const { item } = renderRow(view('x.bin', 'paused', { id: 'job-42', askPassword: 'file' }));
    fireEvent.input(secret(item, 'File password'), { target: { value: 'hunter2 ü' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Use password' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toEqual({ type: 'setJobPassword', payload: { id: 'job-42', password: 'hunter2 ü' } });
    await waitFor(() => expect(secret(item, 'File password').value).toBe(''));
    expect(document.body.textContent).not.toContain('hunter2');
    for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain('hunter2');
  });

  it('asks for the folder password of a protected folder', async () => {
    const requests = fakeBackground({ setJobPassword: () => ok(null) });
    const { item } = renderRow(
      view(undefined, 'paused', { id: 'dir-7', kind: 'folder', askPassword: 'folder' }),
    );
    expect(within(item).queryByLabelText('File password')).toBeNull();
    fireEvent.input(secret(item, 'Folder password'), { target: { value: 'open sesame' } });
    fireEvent.submit(secret(item, 'Folder password').form!);
    await waitFor(() =>
      expect(requests).toEqual([
        { type: 'setJobPassword', payload: { id: 'dir-7', password: 'open sesame' } },
      ]),
    );
  });

  it('shows a refused reply in words and keeps the field for another try', async () => {
    fakeBackground({ setJobPassword: () => fail({ kind: 'locked' }) });
    const { item } = renderRow(view('x.bin', 'paused', { askPassword: 'file' }));
    fireEvent.input(secret(item, 'File password'), { target: { value: 'pw' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Use password' }));
    await waitFor(() =>
      expect(item.textContent).toContain('Locked: unlock with your passphrase to continue.'),
    );
    expect(secret(item, 'File password').value).toBe('pw');
    expect(item.textContent).not.toMatch(/Error:|at .*\.tsx?:/);
  });

  it('counts the wrong passwords given so far', () => {
    const { item } = renderRow(view('x.bin', 'paused', { askPassword: 'file', passwordTries: 0 }));
    expect(item.textContent).not.toContain('Wrong password');
    cleanup();
    expect(
      renderRow(view('x.bin', 'paused', { askPassword: 'file', passwordTries: 1 })).item.textContent,
    ).toContain('Wrong password: 1 of 3 tries used.');
    cleanup();
    expect(
      renderRow(view('x.bin', 'paused', { askPassword: 'file', passwordTries: 2 })).item.textContent,
    ).toContain('Wrong password: 2 of 3 tries used.');
  });

  it('in French', () => {
    useLocale('fr');
    const { item } = renderRow(
      view('x.bin', 'paused', { askPassword: 'folder', passwordTries: 1 }),
      vi.fn(),
      'fr',
    );
    secret(item, 'Mot de passe du dossier');
    expect(within(item).getByRole('button', { name: 'Utiliser ce mot de passe' })).toBeTruthy();
    expect(item.textContent).toContain('Mot de passe incorrect : 1 essai sur 3 utilisé.');
    cleanup();
    const two = renderRow(view('x.bin', 'paused', { askPassword: 'file', passwordTries: 2 }), vi.fn(), 'fr');
    expect(two.item.textContent).toContain('Mot de passe incorrect : 2 essais sur 3 utilisés.');
  });
});

const TRANSFER_STATES = new Set<JobState>(['queued', 'waiting', 'paused', 'locked', 'failed']);

function renderTransferRow(
  job: JobView,
  transfer: TransferKind | undefined,
  onTransfer = vi.fn(),
  lang: 'en' | 'fr' = 'en',
) {
  render(
    <ul aria-label="Downloads">
      <li>
        <JobRow
          job={job}
          lang={lang}
          now={NOW}
          onAction={vi.fn()}
          transfer={transfer}
          onTransfer={onTransfer}
        />
      </li>
    </ul>,
  );
  return { item: screen.getByRole('listitem'), onTransfer };
}
const sendButton = (item: HTMLElement) => within(item).queryByRole('button', { name: 'Send to aria2' });
const browserButton = (item: HTMLElement) =>
  within(item).queryByRole('button', { name: 'Download in browser' });

describe('JobRow: Send to aria2 / Download in browser', () => {
  it.each(STATES)('%s: offered only while the job is not running or done', (state) => {
    const { item } = renderTransferRow(view('a.bin', state), 'browser');
    expect(sendButton(item) !== null).toBe(TRANSFER_STATES.has(state));
    expect(browserButton(item)).toBeNull();
  });

  it('aria2 off (no transfer given): no button in any state', () => {
    for (const state of STATES) {
      const { item } = renderTransferRow(view('a.bin', state), undefined);
      expect(sendButton(item)).toBeNull();
      expect(browserButton(item)).toBeNull();
      cleanup();
    }
  });

  it('a protected folder job gets none', () => {
    const { item } = renderTransferRow(view(undefined, 'failed', { kind: 'folder' }), 'browser');
    expect(sendButton(item)).toBeNull();
    expect(browserButton(item)).toBeNull();
  });

  it.each<[TransferKind, TransferKind | undefined, string, TransferKind]>([
    ['browser', undefined, 'Send to aria2', 'aria2'],
    ['aria2', undefined, 'Download in browser', 'browser'],
    ['aria2', 'browser', 'Send to aria2', 'aria2'],
    ['browser', 'aria2', 'Download in browser', 'browser'],
  ])('setting %s, job choice %s: %s sends setJobTransfer → %s', (setting, own, name, to) => {
    const job = view('a.bin', 'queued', own ? { transfer: own } : {});
    const { item, onTransfer } = renderTransferRow(job, setting);
    expect(within(item).getAllByRole('button', { name: /aria2|browser/ })).toHaveLength(1);
    fireEvent.click(within(item).getByRole('button', { name }));
    expect(onTransfer).toHaveBeenCalledWith('job1', to);
  });

  it('shows the aria2 tag in the meta line of a job transferred by aria2, as text', () => {
    const { item } = renderTransferRow(
      view('a.bin', 'downloading', { viaAria2: true, size: 1000, bytesReceived: 500 }),
      'aria2',
    );
    const meta = item.querySelector('.job-meta');
    expect(meta?.textContent).toMatch(/ · aria2$/);
    expect(statusWords(item)).toEqual(['Downloading']);
    cleanup();
    const plain = renderTransferRow(view('b.bin', 'completed'), 'aria2');
    expect(plain.item.textContent).not.toContain('aria2');
    cleanup();
    const bare = renderTransferRow(view('c.bin', 'queued', { viaAria2: true }), undefined);
    expect(bare.item.querySelector('.job-meta')?.textContent).toBe('aria2');
  });

  it('in French', () => {
    useLocale('fr');
    const { item } = renderTransferRow(view('a.bin', 'paused'), 'browser', vi.fn(), 'fr');
    expect(within(item).getByRole('button', { name: 'Envoyer à aria2' })).toBeTruthy();
    cleanup();
    const other = renderTransferRow(view('a.bin', 'paused'), 'aria2', vi.fn(), 'fr');
    expect(within(other.item).getByRole('button', { name: 'Télécharger dans le navigateur' })).toBeTruthy();
  });
});
