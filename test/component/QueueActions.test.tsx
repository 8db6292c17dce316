// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { QueueActions } from '../../components/QueueActions.tsx';
import type { JobView } from '../../utils/messaging/protocol.ts';
import { legalActions, type JobState } from '../../utils/queue/state.ts';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

const NAMES = ['Pause all', 'Resume all', 'Retry failed', 'Clear completed'] as const;

function job(id: string, state: JobState): JobView {
  return {
    id,
    link: `https://1fichier.com/?${id}`,
    state,
    actions: [...legalActions(state)],
    order: 1,
    createdAt: 1,
  };
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
/** Which of the four buttons are enabled, in order. */
const enabled = () => NAMES.filter((n) => !button(n).disabled);

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('QueueActions', () => {
  it('has the four buttons, all disabled before the first snapshot and for an empty queue', () => {
    const { rerender } = render(<QueueActions jobs={undefined} />);
    expect(enabled()).toEqual([]);
    rerender(<QueueActions jobs={[]} />);
    expect(enabled()).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it.each<[JobState[], string[]]>([
    [['queued'], ['Pause all']],
    [['downloading', 'waiting', 'locked'], ['Pause all']],
    [['paused'], ['Resume all']],
    [['failed'], ['Retry failed']],
    [['completed'], ['Clear completed']],
    [
      ['paused', 'failed', 'completed'],
      ['Resume all', 'Retry failed', 'Clear completed'],
    ],
    [['resolving', 'paused', 'failed', 'completed'], [...NAMES]],
  ])('jobs %j enable %j', (states, expected) => {
    render(<QueueActions jobs={states.map((s, i) => job(`j${i}`, s))} />);
    expect(enabled()).toEqual(expected);
  });

  it('Pause all follows the actions the background sent, not the state', () => {
    render(<QueueActions jobs={[{ ...job('a', 'queued'), actions: ['remove'] }]} />);
    expect(button('Pause all').disabled).toBe(true);
  });

  it.each<[string, string, number, string]>([
    ['Pause all', 'pauseAll', 1, '1 download paused.'],
    ['Resume all', 'resumeAll', 3, '3 downloads resumed.'],
    ['Retry failed', 'retryFailed', 2, '2 failed downloads queued again.'],
    ['Clear completed', 'clearCompleted', 2, '2 completed downloads cleared.'],
    ['Clear completed', 'clearCompleted', 0, '0 completed downloads cleared.'],
  ])('%s sends %s and says what changed', async (name, action, changed, text) => {
    const requests = fakeBackground({ queueAction: () => ok({ changed }) });
    const all: JobState[] = ['queued', 'paused', 'failed', 'completed'];
    render(<QueueActions jobs={all.map((s, i) => job(`j${i}`, s))} />);
    fireEvent.click(button(name));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));
    expect(requests).toEqual([{ type: 'queueAction', payload: { action } }]);
  });

  it('shows a refused request in words', async () => {
    fakeBackground({ queueAction: () => fail({ kind: 'badMessage' }) });
    render(<QueueActions jobs={[job('a', 'failed')]} />);
    fireEvent.click(button('Retry failed'));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'The extension received a request it does not understand.',
      ),
    );
    expect(button('Retry failed').disabled).toBe(false);
  });

  it('in French, with French plurals', async () => {
    useLocale('fr');
    fakeBackground({ queueAction: () => ok({ changed: 1 }) });
    render(<QueueActions jobs={[job('a', 'completed'), job('b', 'queued')]} />);
    expect(screen.getByRole('button', { name: 'Tout mettre en pause' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tout reprendre' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réessayer les échecs' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Effacer les terminés' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('1 téléchargement terminé effacé.'),
    );
  });

  it('says what it did in the one role=status region, present (empty) before the first action', async () => {
    fakeBackground({ queueAction: () => ok({ changed: 2 }) });
    render(<QueueActions jobs={[job('a', 'paused')]} />);
    const before = screen.getByRole('status');
    expect(before.textContent).toBe('');
    fireEvent.click(button('Resume all'));
    await waitFor(() => expect(before.textContent).toBe('2 downloads resumed.'));
    expect(screen.getAllByRole('status')).toEqual([before]);
  });
});
