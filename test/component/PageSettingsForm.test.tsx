// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useLocale } from '../fakes/i18n.ts';
import { PageSettingsForm } from '../../components/PageSettingsForm';
import { currentPageSettings, pageSettingsItem, type PageSettings } from '../../utils/page-settings';

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const description = (el: HTMLElement) =>
  document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
const GLOBAL = 'Buttons on web pages';
const INTERCEPT = 'Download when I click a 1Fichier link';
const CHECK = 'Check links (name, size, availability)';

describe('PageSettingsForm', () => {
  it('shows the three switches with their defaults: on, on, off', async () => {
    render(<PageSettingsForm />);
    await waitFor(() => expect(box(GLOBAL).checked).toBe(true));
    expect(box(INTERCEPT).checked).toBe(true);
    expect(box(CHECK).checked).toBe(false);
    expect(screen.getByText('The extension is on for every site.')).toBeTruthy();
  });

  it('says what each switch does; the link check says what is sent, where, and that it is off by default', async () => {
    render(<PageSettingsForm />);
    await waitFor(() => expect(box(INTERCEPT)).toBeTruthy());
    expect(description(box(INTERCEPT))).toContain(
      'Ctrl/⌘, Shift or Alt + click, or a middle click, opens the 1Fichier page as usual.',
    );
    const note = description(box(CHECK));
    expect(note).toContain('Off by default.');
    expect(note).toContain('sent to 1fichier.com');
    expect(note).toContain('Only those links are sent: never your key, nothing else from the page.');
    expect(description(box(GLOBAL))).toContain('download button after each 1Fichier link');
  });

  it.each<[string, keyof PageSettings, boolean]>([
    [GLOBAL, 'enabled', false],
    [INTERCEPT, 'intercept', false],
    [CHECK, 'linkCheck', true],
  ])('%s writes PageSettings.%s at once', async (name, option, after) => {
    render(<PageSettingsForm />);
    await waitFor(() => expect(box(name).checked).toBe(!after));
    fireEvent.click(box(name));
    await waitFor(async () => expect((await currentPageSettings())[option]).toBe(after));
    expect(box(name).checked).toBe(after);
    fireEvent.click(box(name));
    await waitFor(async () => expect((await currentPageSettings())[option]).toBe(!after));
  });

  it('lists the sites where the extension is off, each with a way to turn it on again', async () => {
    await pageSettingsItem.setValue({ disabledSites: ['example.com', 'forum.example.org'] });
    render(<PageSettingsForm />);
    const again = await screen.findByRole('button', { name: 'Turn on again: forum.example.org' });
    expect(screen.getByRole('button', { name: 'Turn on again: example.com' })).toBeTruthy();
    fireEvent.click(again);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Turn on again: forum.example.org' })).toBeNull(),
    );
    expect((await currentPageSettings()).disabledSites).toEqual(['example.com']);
    fireEvent.click(screen.getByRole('button', { name: 'Turn on again: example.com' }));
    await waitFor(() => expect(screen.getByText('The extension is on for every site.')).toBeTruthy());
    expect((await currentPageSettings()).disabledSites).toEqual([]);
  });

  it('follows changes made elsewhere (the popup) without a reload', async () => {
    render(<PageSettingsForm />);
    await waitFor(() => expect(box(CHECK).checked).toBe(false));
    await act(() => pageSettingsItem.setValue({ linkCheck: true, disabledSites: ['news.example'] }));
    await waitFor(() => expect(box(CHECK).checked).toBe(true));
    expect(screen.getByRole('button', { name: 'Turn on again: news.example' })).toBeTruthy();
  });

  it('shows a hostile or right-to-left stored site as text only', async () => {
    const site = '<img src=x onerror=alert(1)>\u05d0\u05d1.example';
    await pageSettingsItem.setValue({ disabledSites: [site] });
    const { container } = render(<PageSettingsForm />);
    expect(await screen.findByRole('button', { name: `Turn on again: ${site}` })).toBeTruthy();
    expect(screen.getByText(site)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('is in French when the browser is', async () => {
    useLocale('fr');
    await pageSettingsItem.setValue({ disabledSites: ['example.com'] });
    render(<PageSettingsForm />);
    expect(await screen.findByRole('checkbox', { name: 'Boutons sur les pages web' })).toBeTruthy();
    expect(
      screen.getByRole('checkbox', { name: 'Télécharger quand je clique sur un lien 1Fichier' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('checkbox', { name: 'Vérifier les liens (nom, taille, disponibilité)' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réactiver : example.com' })).toBeTruthy();
  });

  it('says so when a change cannot be stored, and shows the stored state', async () => {
    render(<PageSettingsForm />);
    await waitFor(() => expect(box(INTERCEPT).checked).toBe(true));
    vi.spyOn(pageSettingsItem, 'setValue').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    fireEvent.click(box(INTERCEPT));
    await waitFor(() => expect(screen.getByText('Something went wrong inside the extension.')).toBeTruthy());
    expect(box(INTERCEPT).checked).toBe(true);
  });
});
