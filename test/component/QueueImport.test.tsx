// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_IMPORT_BYTES, QueueImport } from '../../components/QueueImport.tsx';
import type { ImportResult } from '../../utils/messaging/protocol.ts';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

const result = (r: Partial<ImportResult>): ImportResult => ({
  found: 0,
  added: 0,
  duplicates: 0,
  problems: [],
  invalid: 0,
  ...r,
});

/** File inputs have no ARIA role: found by their label. */
const picker = (label = 'Import file') =>
  screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
const importButton = (name = 'Import') => screen.getByRole('button', { name });
const region = () => document.querySelector('.queue-import [aria-live="polite"]') as HTMLElement;

function choose(file: File, label?: string) {
  const input = picker(label);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('QueueImport', () => {
  it('is a file input for exports and text files, with an Import button', () => {
    render(<QueueImport />);
    expect(picker().type).toBe('file');
    expect(picker().accept).toBe('.json,.txt,text/plain,application/json');
    expect(importButton()).toBeTruthy();
    expect(region().textContent).toBe('');
  });

  it('asks for a file first, sending nothing', async () => {
    const requests = fakeBackground({});
    render(<QueueImport />);
    fireEvent.click(importButton());
    await waitFor(() => expect(region().textContent).toBe('Choose a file first.'));
    expect(requests).toEqual([]);
  });

  it('refuses a file over 16 MiB without reading or sending it', async () => {
    const requests = fakeBackground({ importQueue: () => ok(result({})) });
    render(<QueueImport />);
    const big = new File(['{}'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    const read = vi.spyOn(big, 'text');
    choose(big);
    fireEvent.click(importButton());
    await waitFor(() =>
      expect(region().textContent).toBe(
        'This file is larger than 16 MiB: it is not a queue export. Nothing was imported.',
      ),
    );
    expect(requests).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });

  it('sends the text of the file and says what was queued, with the unreadable entries', async () => {
    const text = '{"format":"downloader-for-1fichier-queue","jobs":[]}';
    const requests = fakeBackground({
      importQueue: () =>
        ok(
          result({
            found: 4,
            added: 2,
            duplicates: 1,
            problems: [{ link: 'https://1fichier.com/dir/<b>gone', error: { kind: 'folderNotFound' } }],
            invalid: 2,
          }),
        ),
    });
    const { container } = render(<QueueImport />);
    choose(new File([text], 'queue.json', { type: 'application/json' }));
    fireEvent.click(importButton());
    await waitFor(() =>
      expect(region().querySelector('.status')?.textContent).toBe(
        '4 links found: 2 added, 1 already in the queue, 1 could not be added. 2 entries could not be read.',
      ),
    );
    expect(requests).toEqual([{ type: 'importQueue', payload: { text } }]);
    expect(region().textContent).toContain(
      'https://1fichier.com/dir/<b>gone — The folder was deleted or never existed on 1Fichier.',
    );
    expect(container.querySelector('b')).toBeNull();
  });

  it('a clean import of one link', async () => {
    fakeBackground({ importQueue: () => ok(result({ found: 1, added: 1 })) });
    render(<QueueImport />);
    choose(new File(['https://1fichier.com/?aaaaaaaaaa'], 'links.txt', { type: 'text/plain' }));
    fireEvent.click(importButton());
    await waitFor(() => expect(region().textContent).toBe('1 link found: 1 added.'));
    expect(region().querySelector('.status-ok')).not.toBeNull();
  });

  it('shows the background’s refusal of a file that is neither an export nor links', async () => {
    fakeBackground({ importQueue: () => fail({ kind: 'badImport' }) });
    render(<QueueImport />);
    choose(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    fireEvent.click(importButton());
    await waitFor(() =>
      expect(region().textContent).toBe('This file is not a queue export or a list of links.'),
    );
  });

  it('in French', async () => {
    useLocale('fr');
    fakeBackground({ importQueue: () => ok(result({ found: 2, added: 2, invalid: 1 })) });
    render(<QueueImport />);
    choose(new File(['x'], 'a.json'), 'Fichier à importer');
    fireEvent.click(importButton('Importer'));
    await waitFor(() =>
      expect(region().querySelector('.status')?.textContent).toBe(
        '2 liens trouvés : 2 ajoutés. 1 entrée n’a pas pu être lue.',
      ),
    );
  });

  it('announces in a polite region without role=status (the options page has one), the same node before and after', async () => {
    fakeBackground({ importQueue: () => ok(result({ found: 1, added: 1 })) });
    render(<QueueImport />);
    const before = region();
    expect(before.getAttribute('role')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(before.textContent).toBe('');
    fireEvent.click(importButton());
    await waitFor(() => expect(before.textContent).toBe('Choose a file first.'));
    choose(new File(['https://1fichier.com/?aaaaaaaaaa'], 'links.txt', { type: 'text/plain' }));
    fireEvent.click(importButton());
    await waitFor(() => expect(before.textContent).toBe('1 link found: 1 added.'));
    expect(region()).toBe(before);
  });

  it('in French, the size limit in French units', async () => {
    useLocale('fr');
    render(<QueueImport />);
    const big = new File(['{}'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    choose(big, 'Fichier à importer');
    fireEvent.click(importButton('Importer'));
    await waitFor(() =>
      expect(region().textContent).toBe(
        'Ce fichier dépasse 16 Mio : ce n’est pas un export de file. Rien n’a été importé.',
      ),
    );
  });
});
