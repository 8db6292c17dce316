// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OneFichierSettingsForm } from '../../components/OneFichierSettingsForm.tsx';
import { settingsItem, type Settings } from '../../utils/settings.ts';
import { useLocale } from '../fakes/i18n.ts';

const STORED: Partial<Settings> = { parallel: 4, apiSpacingMs: 2_000 };

const cdnBox = (name = 'Use CDN credits') => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const spacing = (name = 'Seconds between API calls') =>
  screen.getByRole('textbox', { name }) as HTMLInputElement;
const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;
const https = () => radio('HTTPS (encrypted, recommended)');
const http = () => radio('HTTP');
/** The group's polite live region (the options page keeps role=status for the key form). */
const region = () => document.querySelector('.onefichier-settings > [aria-live="polite"]') as HTMLElement;
const stored = () => settingsItem.getValue();

async function renderForm(cdnGb?: number) {
  render(<OneFichierSettingsForm cdnGb={cdnGb} />);
  await waitFor(() => expect(cdnBox()).toBeTruthy());
}

/** Types into a field and commits it (what leaving the field or Enter does). */
const commit = (el: HTMLInputElement, value: string) => {
  fireEvent.input(el, { target: { value } });
  fireEvent.change(el, { target: { value } });
};

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue(STORED);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('OneFichierSettingsForm', () => {
  it('shows nothing while the settings load, then the stored values and the defaults', async () => {
    render(<OneFichierSettingsForm />);
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    await waitFor(() => expect(cdnBox()).toBeTruthy());
    expect(cdnBox().checked).toBe(false);
    expect(spacing().value).toBe('2');
    expect(spacing().getAttribute('aria-invalid')).toBe('false');
    expect(https().checked).toBe(true);
    expect(http().checked).toBe(false);
    expect(screen.getByRole('group', { name: 'Download links' })).toBeTruthy();
    expect(screen.getByText('Your balance shows once a key is saved.')).toBeTruthy();
    expect(region().textContent).toBe('');
  });

  it('shows the CDN balance when it is known, tied to the checkbox', async () => {
    await renderForm(1.5);
    expect(cdnBox().getAttribute('aria-describedby')).toBe('set-cdn-hint set-cdn-balance');
    expect(document.getElementById('set-cdn-balance')?.textContent).toBe(
      'Your balance: 1.5\u00a0GB (when the key was last checked).',
    );
  });

  it('saves each change merged into the stored settings, and says so', async () => {
    await renderForm();
    fireEvent.click(cdnBox());
    await waitFor(() => expect(region().textContent).toBe('Saved.'));
    expect(await stored()).toEqual({ ...STORED, useCdnCredits: true });
    fireEvent.click(http());
    await waitFor(async () =>
      expect(await stored()).toEqual({ ...STORED, useCdnCredits: true, noSsl: true }),
    );
    expect(http().checked).toBe(true);
    expect(https().checked).toBe(false);
    commit(spacing(), '0.5');
    await waitFor(async () => expect((await stored()).apiSpacingMs).toBe(500));
    expect(spacing().value).toBe('0.5');
    fireEvent.click(https());
    await waitFor(async () => expect((await stored()).noSsl).toBe(false));
  });

  it.each([
    ['1,5', 1_500],
    ['.75', 750],
    [' 30 ', 30_000],
    ['2.125', 2_125],
  ])('accepts %j as seconds (%i ms)', async (text, ms) => {
    await renderForm();
    commit(spacing(), text);
    await waitFor(() => expect(region().textContent).toBe('Saved.'));
    expect((await stored()).apiSpacingMs).toBe(ms);
  });

  it.each(['0.4', '31', '0', '-1', 'abc', '', '1.2345', '1e3', '1,5,0'])(
    'refuses %j: not saved, the reason shown, the text kept',
    async (text) => {
      await renderForm();
      commit(spacing(), text);
      const message = 'Seconds between API calls: choose a number from 0.5 to 30 (for example 1.5).';
      await waitFor(() => expect(region().textContent).toBe(`Not saved. ${message}`));
      expect(await stored()).toEqual(STORED);
      expect(spacing().value).toBe(text);
      expect(spacing().getAttribute('aria-invalid')).toBe('true');
      // The reason is also under the field, and read with it.
      expect(document.getElementById('set-spacing-check')?.textContent).toBe(message);
      expect(spacing().getAttribute('aria-describedby')).toBe('set-spacing-hint set-spacing-check');
    },
  );

  it('says when storage refuses the change, and nothing is stored', async () => {
    await renderForm();
    const write = vi.spyOn(settingsItem, 'setValue').mockRejectedValueOnce(new Error('QUOTA_BYTES exceeded'));
    fireEvent.click(cdnBox());
    await waitFor(() => expect(region().textContent).toBe('Something went wrong inside the extension.'));
    expect(region().className).toContain('status-error');
    expect(write).toHaveBeenCalledTimes(1);
    expect(await stored()).toEqual(STORED);
  });

  it('says when the settings cannot be read', async () => {
    vi.spyOn(settingsItem, 'getValue').mockRejectedValue(new Error('storage gone'));
    render(<OneFichierSettingsForm />);
    await waitFor(() => expect(screen.getByText('Something went wrong inside the extension.')).toBeTruthy());
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('follows changes made elsewhere; damaged stored values read as the defaults', async () => {
    await renderForm();
    await act(async () => {
      await settingsItem.setValue({ noSsl: true, useCdnCredits: true, apiSpacingMs: 4_000 });
    });
    await waitFor(() => expect(http().checked).toBe(true));
    expect(cdnBox().checked).toBe(true);
    expect(spacing().value).toBe('4');
    await act(async () => {
      await settingsItem.setValue({
        noSsl: 'yes' as unknown as boolean,
        useCdnCredits: 1 as unknown as boolean,
        apiSpacingMs: 10,
      });
    });
    await waitFor(() => expect(https().checked).toBe(true));
    expect(cdnBox().checked).toBe(false);
    expect(spacing().value).toBe('0.5');
  });

  it('in French: labels, decimal comma, reason', async () => {
    useLocale('fr');
    render(<OneFichierSettingsForm cdnGb={12.5} />);
    await waitFor(() => expect(cdnBox('Utiliser les crédits CDN')).toBeTruthy());
    const field = spacing('Secondes entre deux appels à l’API');
    expect(field.value).toBe('2');
    expect(radio('HTTPS (chiffré, recommandé)').checked).toBe(true);
    expect(screen.getByRole('group', { name: 'Liens de téléchargement' })).toBeTruthy();
    expect(document.getElementById('set-cdn-balance')?.textContent).toBe(
      'Votre solde : 12,5\u00a0Go (lors de la dernière vérification de la clé).',
    );
    commit(field, '1,25');
    await waitFor(() => expect(region().textContent).toBe('Enregistré.'));
    expect((await stored()).apiSpacingMs).toBe(1_250);
    expect(field.value).toBe('1,25');
    commit(field, '45');
    await waitFor(() =>
      expect(region().textContent).toBe(
        'Non enregistré. Secondes entre deux appels à l’API : choisissez un nombre de 0,5 à 30 (par exemple 1,5).',
      ),
    );
  });
});
