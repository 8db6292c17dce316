// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SelectionBar } from '../../components/SelectionBar.tsx';
import { EMPTY_SELECTION, type Selection } from '../../utils/queue-view/selection.ts';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

const ACTIONS = ['Pause selected', 'Resume selected', 'Retry selected', 'Cancel selected', 'Remove selected'];
const PRIORITIES = ['High priority', 'Normal priority', 'Low priority'];
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

function renderBar(selection: Selection, shown: string[], onChange = vi.fn()) {
  render(<SelectionBar selection={selection} shown={shown} lang="en" onChange={onChange} />);
  return onChange;
}

describe('SelectionBar', () => {
  it('with nothing selected: every action disabled, the count says 0, the live region is there and empty', () => {
    renderBar(EMPTY_SELECTION, ['a', 'b']);
    for (const name of [...ACTIONS, ...PRIORITIES]) expect(button(name).disabled).toBe(true);
    expect(screen.getByText('0 selected', { exact: true })).toBeTruthy();
    const region = document.querySelector('[aria-live="polite"]');
    expect(region?.textContent).toBe('');
  });

  it('with nothing shown, Select all shown is disabled', () => {
    renderBar(EMPTY_SELECTION, []);
    expect((screen.getByRole('checkbox', { name: 'Select all shown' }) as HTMLInputElement).disabled).toBe(
      true,
    );
  });

  it('Select all shown selects every shown id, and clears when all are selected', () => {
    const onChange = renderBar(EMPTY_SELECTION, ['a', 'b', 'c']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    expect([...(onChange.mock.calls[0]![0] as Selection).ids]).toEqual(['a', 'b', 'c']);
    cleanup();
    const again = renderBar({ ids: new Set(['a', 'b']) }, ['a', 'b']);
    const box = screen.getByRole('checkbox', { name: 'Select all shown' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect((again.mock.calls[0]![0] as Selection).ids.size).toBe(0);
  });

  it.each([
    ['Pause selected', 'pause'],
    ['Resume selected', 'resume'],
    ['Retry selected', 'retry'],
    ['Cancel selected', 'cancel'],
    ['Remove selected', 'remove'],
  ])('%s sends jobsAction with the selected ids and announces the outcome', async (name, action) => {
    const requests = fakeBackground({ jobsAction: () => ok({ changed: 1 }) });
    renderBar({ ids: new Set(['a', 'b']) }, ['a', 'b', 'c']);
    fireEvent.click(button(name));
    await waitFor(() => expect(screen.getByText('Done for 1 of 2 selected.')).toBeTruthy());
    expect(requests).toEqual([{ type: 'jobsAction', payload: { ids: ['a', 'b'], action } }]);
  });

  it.each([
    ['High priority', 'high'],
    ['Normal priority', 'normal'],
    ['Low priority', 'low'],
  ])('%s sends setJobPriority for the selection', async (name, priority) => {
    const requests = fakeBackground({ setJobPriority: () => ok({ changed: 2 }) });
    renderBar({ ids: new Set(['a', 'b']) }, ['a', 'b']);
    fireEvent.click(button(name));
    await waitFor(() => expect(screen.getByText('Done for 2 of 2 selected.')).toBeTruthy());
    expect(requests).toEqual([{ type: 'setJobPriority', payload: { ids: ['a', 'b'], priority } }]);
  });

  it('a refused action is said in words, in the same live region', async () => {
    fakeBackground({ jobsAction: () => fail({ kind: 'forbidden' }) });
    renderBar({ ids: new Set(['a']) }, ['a']);
    const region = document.querySelector('[aria-live="polite"]')!;
    fireEvent.click(button('Pause selected'));
    await waitFor(() => expect(region.textContent).not.toBe(''));
    expect(region.textContent).not.toMatch(/Error|at \w+ \(|undefined/);
    expect(button('Pause selected').disabled).toBe(false);
  });

  it('aria2 off: no transfer buttons', () => {
    renderBar({ ids: new Set(['a']) }, ['a']);
    expect(screen.queryByRole('button', { name: 'Send selected to aria2' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Download selected in browser' })).toBeNull();
  });

  it.each([
    ['Send selected to aria2', 'aria2', '1 of 2 selected sent to aria2.'],
    ['Download selected in browser', 'browser', '1 of 2 selected will download in the browser.'],
  ])(
    'aria2 on: %s sends setJobTransfer for the selection and says how many',
    async (name, transfer, said) => {
      const requests = fakeBackground({ setJobTransfer: () => ok({ changed: 1 }) });
      render(
        <SelectionBar
          selection={{ ids: new Set(['a', 'b']) }}
          shown={['a', 'b']}
          lang="en"
          onChange={vi.fn()}
          aria2
        />,
      );
      const region = document.querySelector('[aria-live="polite"]')!;
      fireEvent.click(button(name));
      await waitFor(() => expect(region.textContent).toBe(said));
      expect(requests).toEqual([{ type: 'setJobTransfer', payload: { ids: ['a', 'b'], transfer } }]);
    },
  );

  it('aria2 on, nothing selected: the transfer buttons are disabled', () => {
    render(<SelectionBar selection={EMPTY_SELECTION} shown={['a']} lang="en" onChange={vi.fn()} aria2 />);
    expect(button('Send selected to aria2').disabled).toBe(true);
    expect(button('Download selected in browser').disabled).toBe(true);
  });

  it('a refused transfer is said in words', async () => {
    fakeBackground({ setJobTransfer: () => fail({ kind: 'aria2Permission' }) });
    render(
      <SelectionBar selection={{ ids: new Set(['a']) }} shown={['a']} lang="en" onChange={vi.fn()} aria2 />,
    );
    fireEvent.click(button('Send selected to aria2'));
    await waitFor(() =>
      expect(document.querySelector('[aria-live="polite"]')!.textContent).toMatch(
        /^The extension is not allowed to reach the aria2 address/,
      ),
    );
  });

  it('in French, with French counts', () => {
    useLocale('fr');
    const ids = new Set(Array.from({ length: 1234 }, (_, i) => `j${i}`));
    render(<SelectionBar selection={{ ids }} shown={[]} lang="fr" onChange={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Mettre en pause la sélection' })).toBeTruthy();
    expect(screen.getByText(/1\s234 sélectionné/)).toBeTruthy();
    cleanup();
    render(<SelectionBar selection={{ ids }} shown={[]} lang="fr" onChange={vi.fn()} aria2 />);
    expect(screen.getByRole('button', { name: 'Envoyer la sélection à aria2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Télécharger la sélection dans le navigateur' })).toBeTruthy();
  });
});
