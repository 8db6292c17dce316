// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';
import { PasteBox } from '../../components/PasteBox';
import { MAX_TEXT_LINKS } from '../../utils/onefichier/find-in-text';
import type { EnqueueResult, Reply } from '../../utils/messaging/protocol';

const A = 'https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa';
const B = 'https://1fichier.com/?bbbbbbbbbbbbbbbbbbbb';
const C = 'https://1fichier.com/?cccccccccccccccccccc';
const FOLDER = 'https://1fichier.com/dir/FoLdEr01';
/** A distinct file id per number. */
const id = (i: number) => `f${String(i).padStart(9, '0')}`;

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const box = () => screen.getByRole('textbox', { name: 'Add links' }) as HTMLTextAreaElement;
const addButton = () => screen.getByRole('button', { name: 'Add' }) as HTMLButtonElement;
/** The polite live region (not role=status). */
const region = () => {
  const el = document.querySelector('[aria-live="polite"]') as HTMLElement;
  expect(el.getAttribute('role')).toBeNull();
  return el;
};

function type(value: string) {
  fireEvent.input(box(), { target: { value } });
}

const result = (r: Partial<EnqueueResult>): EnqueueResult => ({
  found: 0,
  added: 0,
  duplicates: 0,
  problems: [],
  ...r,
});

describe('PasteBox', () => {
  it('has the textbox and button of the UI contract, and an empty live region', () => {
    render(<PasteBox />);
    expect(box().tagName).toBe('TEXTAREA');
    expect(addButton().disabled).toBe(false);
    expect(region().textContent).toBe('');
  });

  it('says clearly when the text holds no 1Fichier link, keeps the text, sends nothing', async () => {
    const requests = fakeBackground({});
    render(<PasteBox />);
    type('see https://example.com/?aaaaaaaaaa and not1fichier.com/?x');
    fireEvent.click(addButton());
    await waitFor(() => expect(region().textContent).toBe('No 1Fichier link found in this text.'));
    expect(box().value).toBe('see https://example.com/?aaaaaaaaaa and not1fichier.com/?x');
    expect(requests).toHaveLength(0);
  });

  it('queues every link in the text (as written), shows the counts and clears the box', async () => {
    const requests = fakeBackground({
      enqueueLinks: () => ok(result({ found: 3, added: 2, duplicates: 1 })),
    });
    render(<PasteBox />);
    type(`Part 1: ${A}\nPart 2 <a href="${B}&af=123">x</a>, part 3 (${C}).`);
    fireEvent.click(addButton());
    await waitFor(() => expect(region().textContent).toBe('3 links found: 2 added, 1 already in the queue.'));
    expect(requests).toEqual([{ type: 'enqueueLinks', payload: { links: [A, `${B}&af=123`, C] } }]);
    expect(box().value).toBe('');
  });

  it.each<[EnqueueResult, string]>([
    [result({ found: 1, added: 1 }), '1 link found: 1 added.'],
    [result({ found: 2, added: 0, duplicates: 2 }), '2 links found: 0 added, 2 already in the queue.'],
    [result({ found: 1, added: 12 }), '1 link found: 12 added.'],
  ])('English singular and plural: %o', async (r, text) => {
    fakeBackground({ enqueueLinks: () => ok(r) });
    render(<PasteBox />);
    type(A);
    fireEvent.click(addButton());
    await waitFor(() => expect(region().textContent).toBe(text));
  });

  it.each<[EnqueueResult, string]>([
    [result({ found: 1, added: 1 }), '1 lien trouvé : 1 ajouté.'],
    [result({ found: 3, added: 2, duplicates: 1 }), '3 liens trouvés : 2 ajoutés, 1 déjà dans la file.'],
    [result({ found: 1, added: 0, duplicates: 1 }), '1 lien trouvé : 0 ajouté, 1 déjà dans la file.'],
  ])('French singular and plural: %o', async (r, text) => {
    useLocale('fr');
    fakeBackground({ enqueueLinks: () => ok(r) });
    render(<PasteBox />);
    fireEvent.input(screen.getByRole('textbox', { name: 'Ajouter des liens' }), { target: { value: A } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(region().textContent).toBe(text));
  });

  it('keeps exactly the links that could not be queued in the box, each with its reason', async () => {
    fakeBackground({
      enqueueLinks: () =>
        ok(
          result({
            found: 3,
            added: 1,
            duplicates: 1,
            problems: [{ link: FOLDER, error: { kind: 'folderPasswordRequired' } }],
          }),
        ),
    });
    render(<PasteBox />);
    type(`${A}\n${B}\n${FOLDER}`);
    fireEvent.click(addButton());
    await waitFor(() => expect(box().value).toBe(FOLDER));
    const text = region().textContent ?? '';
    expect(text).toContain('3 links found: 1 added, 1 already in the queue, 1 could not be added.');
    expect(text).toContain(`${FOLDER} — This folder is protected by a password.`);
    expect(text).toContain('The links that could not be added stay in the box.');
  });

  it('a refused request keeps the whole text and shows the error message, never a stack', async () => {
    fakeBackground({ enqueueLinks: () => fail({ kind: 'locked' }) });
    render(<PasteBox />);
    type(`two links: ${A} ${B}`);
    fireEvent.click(addButton());
    await waitFor(() =>
      expect(region().textContent).toBe('Locked: unlock with your passphrase to continue.'),
    );
    expect(box().value).toBe(`two links: ${A} ${B}`);
  });

  it('an unexpected failure reads as the internal error, not its details', async () => {
    fakeBackground({});
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('at foo (bar.js:1:2)'));
    render(<PasteBox />);
    type(A);
    fireEvent.click(addButton());
    await waitFor(() => expect(region().textContent).toBe('Something went wrong inside the extension.'));
    expect(region().textContent).not.toContain('bar.js');
    expect(box().value).toBe(A);
  });

  it('disables Add while sending (no double submit) and keeps the text read-only meanwhile', async () => {
    let release!: (r: Reply) => void;
    const requests = fakeBackground({ enqueueLinks: () => new Promise<Reply>((r) => (release = r)) });
    render(<PasteBox />);
    type(A);
    fireEvent.click(addButton());
    await waitFor(() => expect(addButton().disabled).toBe(true));
    expect(box().readOnly).toBe(true);
    expect(region().textContent).toBe('Adding…');
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    release(ok(result({ found: 1, added: 1 })));
    await waitFor(() => expect(addButton().disabled).toBe(false));
    expect(requests.filter((r) => r.type === 'enqueueLinks')).toHaveLength(1);
  });

  it('Enter alone does not submit; Ctrl+Enter and ⌘+Enter do', async () => {
    const requests = fakeBackground({ enqueueLinks: () => ok(result({ found: 1, added: 1 })) });
    render(<PasteBox />);
    type(A);
    const plain = fireEvent.keyDown(box(), { key: 'Enter' });
    expect(plain).toBe(true); // not prevented: the textarea adds its newline
    expect(requests).toHaveLength(0);
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(requests).toHaveLength(1));
    await waitFor(() => expect(box().value).toBe(''));
    type(B);
    fireEvent.keyDown(box(), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.payload).toEqual({ links: [B] });
  });

  it('shows a hostile problem link as text', async () => {
    const hostile = 'https://1fichier.com/dir/<img src=x onerror=alert(1)>';
    fakeBackground({
      enqueueLinks: () =>
        ok(result({ found: 1, added: 0, problems: [{ link: hostile, error: { kind: 'folderNotFound' } }] })),
    });
    render(<PasteBox />);
    type(FOLDER);
    fireEvent.click(addButton());
    await waitFor(() => expect(region().textContent).toContain(hostile));
    expect(region().querySelector('img')).toBeNull();
    expect(box().value).toBe(hostile);
  });

  it(`a text with more than ${MAX_TEXT_LINKS} links: adds the first ones, keeps the rest of the text`, async () => {
    const lines = Array.from({ length: MAX_TEXT_LINKS + 2 }, (_, i) => `1fichier.com/?${id(i)}`);
    const requests = fakeBackground({
      enqueueLinks: (p) =>
        ok(result({ found: (p.links as string[]).length, added: (p.links as string[]).length })),
    });
    render(<PasteBox />);
    type(lines.join('\n'));
    fireEvent.click(addButton());
    await waitFor(() =>
      expect(region().textContent).toBe(
        '10,000 links found: 10,000 added. At most 10,000 links are added at once: the rest of the text stays in the box.',
      ),
    );
    const sent = requests[0]!.payload.links as string[];
    expect(sent).toHaveLength(MAX_TEXT_LINKS);
    expect(sent.at(-1)).toBe(`https://1fichier.com/?${id(MAX_TEXT_LINKS - 1)}`);
    expect(box().value).toBe(lines.slice(MAX_TEXT_LINKS).join('\n'));
  });

  it('announces in the live region that was there before, the same node, errors and outcomes alike', async () => {
    fakeBackground({ enqueueLinks: () => ok(result({ found: 1, added: 1 })) });
    render(<PasteBox />);
    const before = region();
    expect(before.textContent).toBe('');
    fireEvent.click(addButton());
    await waitFor(() => expect(before.textContent).toBe('No 1Fichier link found in this text.'));
    type(A);
    fireEvent.click(addButton());
    await waitFor(() => expect(before.textContent).toBe('1 link found: 1 added.'));
    expect(region()).toBe(before);
    expect(before.isConnected).toBe(true);
  });

  it('in French: button, counts grouped the French way', async () => {
    useLocale('fr');
    fakeBackground({ enqueueLinks: () => ok(result({ found: 1_500, added: 1_500 })) });
    render(<PasteBox />);
    fireEvent.input(screen.getByRole('textbox', { name: 'Ajouter des liens' }), { target: { value: A } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(region().textContent).toBe('1\u202f500 liens trouvés : 1\u202f500 ajoutés.'));
  });
});
