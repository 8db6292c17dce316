// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { JobPassword } from '../../components/JobPassword.tsx';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

/** The form's polite live region (not role=status: the job list has many forms). */
function region(): HTMLElement {
  const regions = document.querySelectorAll('[aria-live]');
  expect(regions).toHaveLength(1);
  const el = regions[0] as HTMLElement;
  expect(el.getAttribute('aria-live')).toBe('polite');
  expect(el.getAttribute('role')).toBeNull();
  return el;
}

const field = (name = 'File password') => screen.getByLabelText(name) as HTMLInputElement;
const use = (name = 'Use password') => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('JobPassword', () => {
  it('says an empty password is missing in the region that was there before, sends nothing', async () => {
    const requests = fakeBackground({});
    render(<JobPassword id="j1" kind="file" tries={0} lang="en" />);
    const before = region();
    expect(before.textContent).toBe('');
    fireEvent.click(use());
    await waitFor(() => expect(before.textContent).toBe('Enter the password first.'));
    expect(region()).toBe(before);
    expect(requests).toEqual([]);
  });

  it('sends the password to the background only, empties the field and the region', async () => {
    const requests = fakeBackground({ setJobPassword: () => ok(undefined) });
    render(<JobPassword id="j1" kind="folder" tries={0} lang="en" />);
    const before = region();
    fireEvent.input(field('Folder password'), { target: { value: 's3cret' } });
    fireEvent.click(use());
    await waitFor(() => expect(field('Folder password').value).toBe(''));
    expect(requests).toEqual([{ type: 'setJobPassword', payload: { id: 'j1', password: 's3cret' } }]);
    expect(region()).toBe(before);
    expect(before.textContent).toBe('');
    expect(document.body.textContent).not.toContain('s3cret');
  });

  it('reports a refused request in the same region', async () => {
    fakeBackground({ setJobPassword: () => fail({ kind: 'locked' }) });
    render(<JobPassword id="j1" kind="file" tries={0} lang="en" />);
    const before = region();
    fireEvent.input(field(), { target: { value: 'x' } });
    fireEvent.click(use());
    await waitFor(() => expect(before.textContent).toBe('Locked: unlock with your passphrase to continue.'));
    expect(region()).toBe(before);
  });

  it('speaks French: label, button, tries and errors', async () => {
    useLocale('fr');
    fakeBackground({ setJobPassword: () => fail({ kind: 'network' }) });
    render(<JobPassword id="j1" kind="file" tries={1} lang="fr" />);
    expect(screen.getByText('Mot de passe incorrect : 1 essai sur 3 utilisé.')).toBeTruthy();
    fireEvent.input(field('Mot de passe du fichier'), { target: { value: 'x' } });
    fireEvent.click(use('Utiliser ce mot de passe'));
    await waitFor(() =>
      expect(region().textContent).toBe('Impossible de joindre 1Fichier. Vérifiez votre connexion.'),
    );
  });
});
