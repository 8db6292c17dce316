// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { QueueExport } from '../../components/QueueExport.tsx';
import { REVOKE_AFTER_MS } from '../../components/save-file.ts';
import type { ExportFile } from '../../utils/messaging/protocol.ts';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

const file = (f: Partial<ExportFile>): ExportFile => ({
  filename: '1fichier-queue.txt',
  mime: 'text/plain',
  text: 'https://1fichier.com/?aaaaaaaaaa\n',
  count: 1,
  skipped: 0,
  ...f,
});

/** What the page saved: the blobs given to createObjectURL and the anchors clicked. */
function watchSaves() {
  const blobs: Blob[] = [];
  const clicked: { href: string; download: string; inDocument: boolean }[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  });
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
  });
  return { blobs, clicked, revoke };
}

const region = () => document.querySelector('.queue-export [aria-live="polite"]') as HTMLElement;
const select = () => screen.getByRole('combobox', { name: 'Export format' }) as HTMLSelectElement;
const exportButton = () => screen.getByRole('button', { name: 'Export queue' }) as HTMLButtonElement;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('QueueExport', () => {
  it('offers the three formats, links first', () => {
    render(<QueueExport />);
    expect([...select().options].map((o) => [o.value, o.textContent])).toEqual([
      ['links', 'Links (one per line)'],
      ['json', 'JSON (can be imported again)'],
      ['aria2', 'aria2 input file'],
    ]);
    expect(select().value).toBe('links');
    expect(region().textContent).toBe('');
  });

  it('sends the chosen format, saves the text under the file name, then revokes the URL', async () => {
    const saves = watchSaves();
    const text = 'https://1fichier.com/?aaaaaaaaaa\n  out=a.bin\n';
    const requests = fakeBackground({
      exportQueue: () => ok(file({ filename: 'queue.aria2.txt', text, count: 3, skipped: 2 })),
    });
    render(<QueueExport />);
    fireEvent.change(select(), { target: { value: 'aria2' } });
    fireEvent.click(exportButton());
    await vi.waitFor(() =>
      expect(region().textContent).toBe(
        '3 downloads exported to queue.aria2.txt. 2 left out: an aria2 file holds only unfinished downloads.',
      ),
    );
    expect(requests).toEqual([{ type: 'exportQueue', payload: { format: 'aria2' } }]);
    expect(saves.clicked).toEqual([{ href: 'blob:test/1', download: 'queue.aria2.txt', inDocument: true }]);
    expect(saves.blobs).toHaveLength(1);
    expect(await saves.blobs[0]!.text()).toBe(text);
    expect(saves.blobs[0]!.type).toBe('text/plain');
    // The anchor is gone again; the URL lives on until the download had time to start.
    expect(document.querySelector('a[download]')).toBeNull();
    expect(saves.revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(saves.revoke.mock.calls).toEqual([['blob:test/1']]);
  });

  it('a JSON export with one download, nothing left out', async () => {
    const saves = watchSaves();
    const requests = fakeBackground({
      exportQueue: () => ok(file({ filename: 'queue.json', mime: 'application/json', text: '{}' })),
    });
    render(<QueueExport />);
    fireEvent.change(select(), { target: { value: 'json' } });
    fireEvent.click(exportButton());
    await vi.waitFor(() => expect(region().textContent).toBe('1 download exported to queue.json.'));
    expect(requests[0]?.payload).toEqual({ format: 'json' });
    expect(saves.blobs[0]!.type).toBe('application/json');
    expect(saves.clicked.map((c) => c.download)).toEqual(['queue.json']);
  });

  it('saves nothing when no download went into the file', async () => {
    const saves = watchSaves();
    fakeBackground({ exportQueue: () => ok(file({ text: '', count: 0, skipped: 4 })) });
    render(<QueueExport />);
    fireEvent.click(exportButton());
    await vi.waitFor(() => expect(region().textContent).toBe('Nothing to export. 4 left out.'));
    expect(saves.blobs).toEqual([]);
    expect(saves.clicked).toEqual([]);
  });

  it('shows a refused export in words and saves nothing', async () => {
    const saves = watchSaves();
    fakeBackground({ exportQueue: () => fail({ kind: 'forbidden' }) });
    render(<QueueExport />);
    fireEvent.click(exportButton());
    await vi.waitFor(() => expect(region().textContent).toBe('This request is not allowed from here.'));
    expect(saves.clicked).toEqual([]);
    expect(exportButton().disabled).toBe(false);
  });

  it('in French', async () => {
    useLocale('fr');
    watchSaves();
    fakeBackground({ exportQueue: () => ok(file({ filename: 'file.txt', count: 2, skipped: 1 })) });
    render(<QueueExport />);
    const choice = screen.getByRole('combobox', { name: 'Format d’export' }) as HTMLSelectElement;
    fireEvent.change(choice, { target: { value: 'aria2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Exporter la file' }));
    await vi.waitFor(() =>
      expect(region().textContent).toBe(
        '2 téléchargements exportés dans file.txt. 1 laissé de côté : un fichier aria2 ne contient que les téléchargements non terminés.',
      ),
    );
  });

  it('announces in a polite region without role=status (the options page has one), the same node before and after', async () => {
    watchSaves();
    fakeBackground({ exportQueue: () => ok(file({})) });
    render(<QueueExport />);
    const before = region();
    expect(before.getAttribute('role')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(before.textContent).toBe('');
    fireEvent.click(exportButton());
    await vi.waitFor(() => expect(before.textContent).toBe('1 download exported to 1fichier-queue.txt.'));
    expect(region()).toBe(before);
  });
});
