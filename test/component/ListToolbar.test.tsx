// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ListToolbar, type ListView } from '../../components/ListToolbar.tsx';
import { QueueFilters } from '../../components/QueueFilters.tsx';
import { GroupRow } from '../../components/GroupRow.tsx';
import { useLocale } from '../fakes/i18n.ts';

afterEach(() => cleanup());

const VIEW: ListView = { filter: 'all', query: '', sort: 'queue', descending: false, grouped: true };

describe('ListToolbar', () => {
  it('reports each change as a whole new view', () => {
    const onChange = vi.fn();
    render(<ListToolbar value={VIEW} onChange={onChange} />);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search downloads' }), {
      target: { value: 'café' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'size' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Reverse order' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by folder' }));
    expect(onChange.mock.calls.map((c) => c[0])).toEqual([
      { ...VIEW, query: 'café' },
      { ...VIEW, sort: 'size' },
      { ...VIEW, descending: true },
      { ...VIEW, grouped: false },
    ]);
  });

  it('offers every sort, named in the UI language', () => {
    useLocale('fr');
    render(<ListToolbar value={VIEW} onChange={vi.fn()} />);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Ordre de la file', 'Nom', 'Taille', 'État', 'Date d’ajout']);
    expect(screen.getByRole('searchbox', { name: 'Rechercher dans les téléchargements' })).toBeTruthy();
  });
});

describe('QueueFilters', () => {
  it('one pressed toggle, the counts shown, a click reports the filter', () => {
    const onChange = vi.fn();
    render(
      <QueueFilters
        value="failed"
        counts={{ all: 12_345, active: 3, completed: 12_000, failed: 342 }}
        lang="en"
        onChange={onChange}
      />,
    );
    const group = screen.getByRole('group', { name: 'Show' });
    const pressed = [...group.querySelectorAll('button')].filter(
      (b) => b.getAttribute('aria-pressed') === 'true',
    );
    expect(pressed.map((b) => b.textContent)).toEqual(['Failed 342']);
    expect(screen.getByRole('button', { name: /^All/ }).textContent).toBe('All 12,345');
    fireEvent.click(screen.getByRole('button', { name: /^Active/ }));
    expect(onChange).toHaveBeenCalledWith('active');
  });

  it('in French, with French grouping', () => {
    useLocale('fr');
    render(
      <QueueFilters
        value="all"
        counts={{ all: 12_345, active: 0, completed: 0, failed: 0 }}
        lang="fr"
        onChange={vi.fn()}
      />,
    );
    expect(screen.getByRole('button', { name: /^Tous/ }).textContent).toMatch(/^Tous 12\s345$/);
    expect(screen.getByRole('button', { name: /^En échec/ })).toBeTruthy();
  });
});

describe('GroupRow', () => {
  it('names the toggle after the folder, as text only, with bidi controls removed', () => {
    const onToggle = vi.fn();
    const name = '<img src=x onerror=alert(1)>\u202Efdp.exe';
    const { container } = render(
      <GroupRow
        row={{ kind: 'group', key: 'k1', name, total: 6, done: 2, collapsed: false }}
        lang="en"
        onToggle={onToggle}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    const toggle = screen.getByRole('button', { name: '<img src=x onerror=alert(1)>fdp.exe' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('2 of 6 files done')).toBeTruthy();
    fireEvent.click(toggle);
    expect(onToggle).toHaveBeenCalledWith('k1');
  });

  it('a collapsed group says so; a nameless one shows its key', () => {
    render(
      <GroupRow
        row={{ kind: 'group', key: 'WhipfPYG', name: '\u200B', total: 1, done: 1, collapsed: true }}
        lang="en"
      />,
    );
    expect(screen.getByRole('button', { name: 'WhipfPYG' }).getAttribute('aria-expanded')).toBe('false');
  });
});
