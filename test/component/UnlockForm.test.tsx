// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UnlockForm } from '../../components/UnlockForm.tsx';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { useLocale } from '../fakes/i18n.ts';

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

/**
 * The form's live region: polite and WITHOUT role=status, because the form is on the options page
 * too, whose one role=status is the API key form's (ui-contract.md).
 */
function region(): HTMLElement {
  expect(screen.queryByRole('status')).toBeNull();
  const regions = document.querySelectorAll('[aria-live]');
  expect(regions).toHaveLength(1);
  const el = regions[0] as HTMLElement;
  expect(el.getAttribute('aria-live')).toBe('polite');
  return el;
}

const field = (name = 'Passphrase') => screen.getByLabelText(name) as HTMLInputElement;
const unlock = (name = 'Unlock') => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('UnlockForm', () => {
  it('asks for the passphrase in the region present before, and sends nothing', async () => {
    const requests = fakeBackground({});
    render(<UnlockForm idPrefix="t" onUnlocked={() => undefined} />);
    const before = region();
    expect(before.textContent).toBe('');
    fireEvent.click(unlock());
    await waitFor(() => expect(before.textContent).toBe('Enter your passphrase.'));
    expect(region()).toBe(before);
    expect(requests).toEqual([]);
  });

  it('says it is unlocked in the same region and hands the view over', async () => {
    const view = { locked: false };
    fakeBackground({ unlock: () => ok(view) });
    const onUnlocked = vi.fn();
    render(<UnlockForm idPrefix="t" onUnlocked={onUnlocked} />);
    const before = region();
    fireEvent.input(field(), { target: { value: 'correct horse' } });
    fireEvent.click(unlock());
    await waitFor(() => expect(before.textContent).toBe('Unlocked. Downloads continue.'));
    expect(region()).toBe(before);
    expect(onUnlocked).toHaveBeenCalledWith(view);
    expect(field().value).toBe('');
  });

  it('after a wrong passphrase: says how long to wait, keeps the text, disables Unlock', async () => {
    fakeBackground({ unlock: () => fail({ kind: 'wrongPassphrase', retryAt: Date.now() + 30_000 }) });
    render(<UnlockForm idPrefix="t" onUnlocked={() => undefined} />);
    const before = region();
    fireEvent.input(field(), { target: { value: 'wrong one' } });
    fireEvent.click(unlock());
    await waitFor(() =>
      expect(before.textContent).toMatch(/^Wrong passphrase\. You can try again in \d+\u00a0s\.$/),
    );
    expect(region()).toBe(before);
    expect(unlock().disabled).toBe(true);
    expect(field().value).toBe('wrong one');
  });

  it('speaks French', async () => {
    useLocale('fr');
    fakeBackground({ unlock: () => fail({ kind: 'wrongPassphrase', retryAt: Date.now() + 30_000 }) });
    render(<UnlockForm idPrefix="t" onUnlocked={() => undefined} />);
    fireEvent.input(field('Phrase secrète'), { target: { value: 'x' } });
    fireEvent.click(unlock('Déverrouiller'));
    await waitFor(() =>
      expect(region().textContent).toMatch(
        /^Phrase secrète incorrecte\. Vous pourrez réessayer dans \d+\u00a0s\.$/,
      ),
    );
  });
});
