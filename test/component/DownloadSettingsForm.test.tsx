// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DownloadSettingsForm } from '../../components/DownloadSettingsForm.tsx';
import { settingsItem, type Settings } from '../../utils/settings.ts';
import { useLocale } from '../fakes/i18n.ts';

const STORED: Partial<Settings> = {
  parallel: 5,
  noSsl: true,
  apiSpacingMs: 2_000,
  subfolderTemplate: '1Fichier/{site}',
  conflictAction: 'overwrite',
  smallFileDelaySec: 10,
  notifyFlood: false,
};

const spin = (name: string) => screen.getByRole('spinbutton', { name }) as HTMLInputElement;
const template = (name = 'Subfolder template') => screen.getByRole('textbox', { name }) as HTMLInputElement;
const conflict = (name = 'If the file exists') => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
/** The group's polite live region (the options page keeps role=status for the key form). */
const region = () => document.querySelector('.download-settings > [aria-live="polite"]') as HTMLElement;
const stored = () => settingsItem.getValue();

async function renderForm() {
  render(<DownloadSettingsForm />);
  await waitFor(() => expect(spin('Parallel downloads')).toBeTruthy());
}

/** Types into a field and commits it (what leaving the field or Enter does). */
const commit = (el: HTMLInputElement, value: string) => {
  fireEvent.input(el, { target: { value } });
  fireEvent.change(el, { target: { value } });
};

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 10, 23, 12, 0, 0));
  await settingsItem.setValue(STORED);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('DownloadSettingsForm', () => {
  it('shows the stored settings, defaults for the rest', async () => {
    await renderForm();
    expect(spin('Parallel downloads').value).toBe('5');
    expect(spin('Parallel downloads').min).toBe('1');
    expect(spin('Parallel downloads').max).toBe('10');
    expect(template().value).toBe('1Fichier/{site}');
    expect(conflict().value).toBe('overwrite');
    expect([...conflict().options].map((o) => [o.value, o.textContent])).toEqual([
      ['uniquify', 'Keep both (add a number)'],
      ['overwrite', 'Replace the old file'],
    ]);
    expect(spin('Pause between small files (seconds)').value).toBe('10');
    expect(screen.getByText(/files up to 50 MB/)).toBeTruthy();
    expect(box('Notify when a folder is downloaded').checked).toBe(true);
    expect(box('Notify when a download needs me').checked).toBe(true);
    expect(box('Notify when 1Fichier asks to slow down').checked).toBe(false);
    expect(region().textContent).toBe('');
  });

  it('saves each change merged into the stored settings, and says so', async () => {
    await renderForm();
    commit(spin('Parallel downloads'), '7');
    await waitFor(() => expect(region().textContent).toBe('Saved.'));
    expect(await stored()).toEqual({ ...STORED, parallel: 7 });
    fireEvent.change(conflict(), { target: { value: 'uniquify' } });
    commit(spin('Pause between small files (seconds)'), '0');
    fireEvent.click(box('Notify when a download needs me'));
    fireEvent.click(box('Notify when 1Fichier asks to slow down'));
    await waitFor(async () =>
      expect(await stored()).toEqual({
        ...STORED,
        parallel: 7,
        conflictAction: 'uniquify',
        smallFileDelaySec: 0,
        notifyNeedsUser: false,
        notifyFlood: true,
      }),
    );
    expect(box('Notify when a download needs me').checked).toBe(false);
  });

  it.each([
    ['Parallel downloads', '11', 'Not saved. Parallel downloads: choose a whole number from 1 to 10.'],
    ['Parallel downloads', '0', 'Not saved. Parallel downloads: choose a whole number from 1 to 10.'],
    ['Parallel downloads', '2.5', 'Not saved. Parallel downloads: choose a whole number from 1 to 10.'],
    [
      'Pause between small files (seconds)',
      '61',
      'Not saved. Pause between small files: choose a whole number of seconds from 0 to 60.',
    ],
    [
      'Pause between small files (seconds)',
      '-1',
      'Not saved. Pause between small files: choose a whole number of seconds from 0 to 60.',
    ],
  ])('%s = %s is refused, not saved, and stays in the field', async (name, value, message) => {
    await renderForm();
    commit(spin(name), value);
    await waitFor(() => expect(region().textContent).toBe(message));
    expect(await stored()).toEqual(STORED);
    expect(spin(name).value).toBe(value);
    expect(spin(name).getAttribute('aria-invalid')).toBe('true');
  });

  it.each([
    ['/home/me/files', 'write a folder inside your download folder, not a full path'],
    ['C:\\Downloads', 'write a folder inside your download folder, not a full path'],
    ['1Fichier/../..', '“..” and “.” cannot be used as a folder name'],
    ['1Fichier/{user}', 'unknown field. Use only {site}, {date} and {folder}'],
    ['a/b/c/d/e/f/g/h/i', 'at most 8 levels of folders'],
    ['x'.repeat(201), 'at most 200 characters'],
  ])('the template %j is refused with a clear reason', async (value, reason) => {
    await renderForm();
    fireEvent.input(template(), { target: { value } });
    // Said as it is typed, before anything is committed.
    expect(screen.getByText(new RegExp(`Subfolder template: ${escape(reason)}`))).toBeTruthy();
    expect(template().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/^Example:/)).toBeNull();
    fireEvent.change(template(), { target: { value } });
    await waitFor(() => expect(region().textContent).toMatch(/^Not saved\. Subfolder template: /));
    expect(region().textContent).toContain(reason);
    expect(await stored()).toEqual(STORED);
    expect(template().value).toBe(value);
  });

  it('previews where files go, and saves a valid template', async () => {
    await renderForm();
    expect(screen.getByText('Example: 1Fichier/example.com/movie.mkv')).toBeTruthy();
    commit(template(), '1Fichier/{site}/{date}');
    expect(screen.getByText('Example: 1Fichier/example.com/2026-11-23/movie.mkv')).toBeTruthy();
    expect(
      screen.getByText(
        'A file of a 1Fichier folder: 1Fichier/example.com/2026-11-23/Holiday photos/photo-001.jpg',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(region().textContent).toBe('Saved.'));
    expect(await stored()).toEqual({ ...STORED, subfolderTemplate: '1Fichier/{site}/{date}' });
    commit(template(), '');
    await waitFor(async () => expect((await stored()).subfolderTemplate).toBe(''));
    expect(screen.getByText('Example: movie.mkv')).toBeTruthy();
    expect(screen.getByText('A file of a 1Fichier folder: Holiday photos/photo-001.jpg')).toBeTruthy();
  });

  it('follows changes made elsewhere without losing a refused value being typed', async () => {
    await renderForm();
    commit(spin('Pause between small files (seconds)'), '99');
    await waitFor(() => expect(region().textContent).toMatch(/^Not saved/));
    await act(async () => {
      await settingsItem.setValue({ ...STORED, parallel: 2, notifyPackageDone: false });
    });
    await waitFor(() => expect(spin('Parallel downloads').value).toBe('2'));
    expect(box('Notify when a folder is downloaded').checked).toBe(false);
    expect(spin('Pause between small files (seconds)').value).toBe('99');
  });

  it('in French', async () => {
    useLocale('fr');
    render(<DownloadSettingsForm />);
    await waitFor(() => expect(spin('Téléchargements simultanés').value).toBe('5'));
    expect(template('Modèle de sous-dossier').value).toBe('1Fichier/{site}');
    expect([...conflict('Si le fichier existe').options].map((o) => o.textContent)).toEqual([
      'Garder les deux (ajouter un numéro)',
      'Remplacer l’ancien fichier',
    ]);
    expect(spin('Pause entre les petits fichiers (secondes)')).toBeTruthy();
    expect(box('Me prévenir quand 1Fichier demande de ralentir').checked).toBe(false);
    expect(screen.getByText('Exemple : 1Fichier/example.com/movie.mkv')).toBeTruthy();
    commit(spin('Téléchargements simultanés'), '12');
    await waitFor(() =>
      expect(region().textContent).toBe(
        'Non enregistré. Téléchargements simultanés : choisissez un nombre entier de 1 à 10.',
      ),
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
