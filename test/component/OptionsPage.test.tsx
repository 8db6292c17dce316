// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/options/App.tsx';
import type { VaultView } from '../../utils/messaging/protocol.ts';
import { useLocale } from '../fakes/i18n.ts';
import { fakeBackground, ok } from '../fakes/background.ts';

const NOW = Date.UTC(2026, 10, 23, 11, 0, 0);
const noKey: VaultView = { hasKey: false, protection: 'device', locked: false, autoLockMinutes: 15 };
const withKey: VaultView = {
  hasKey: true,
  protection: 'device',
  locked: false,
  autoLockMinutes: 15,
  account: {
    kind: 'gold',
    email: 'gold@\u202Eexample.test',
    subscriptionEnd: '2026-12-05 12:00:00',
    cdnGb: 12.5,
  },
  checkedAt: Date.UTC(2026, 10, 20, 8, 30),
};

const GROUPS = ['Account and key', 'Security', 'Downloads', '1Fichier', 'Transfer', 'Pages', 'Queue'];

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The summary's rows, `term: value`. */
function summaryRows(name = 'Your account'): string[] {
  const list = screen.getByLabelText(name);
  return [...list.querySelectorAll('dt')].map(
    (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
  );
}

describe('Options page', () => {
  it('lists its groups in a navigation, one section each, with exactly one status', async () => {
    fakeBackground({ getKeyStatus: () => ok(noKey) });
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(GROUPS);
    for (const link of links) {
      const target = document.getElementById(link.getAttribute('href')!.slice(1));
      expect(target?.tagName).toBe('SECTION');
      expect(screen.getByRole('region', { name: link.textContent! })).toBe(target);
    }
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(GROUPS);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Use CDN credits' })).toBeTruthy());
    expect(screen.getAllByRole('status')).toHaveLength(1);
  });

  it('without a key: what the key is, where to get it, then the form', async () => {
    const requests = fakeBackground({ getKeyStatus: () => ok(noKey) });
    render(<App />);
    await waitFor(() => expect(screen.getByText(/lets this extension download/)).toBeTruthy());
    expect(
      screen.getByText(/kept encrypted in this browser and sent only to api\.1fichier\.com/),
    ).toBeTruthy();
    expect(
      screen.getByText(/Parameters page of your account \(1fichier\.com\/console\/params\.pl\)/),
    ).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Open the Parameters page on 1fichier.com' });
    expect(link.getAttribute('href')).toBe('https://1fichier.com/console/params.pl');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('button', { name: 'Save key' })).toBeTruthy();
    expect(screen.queryByLabelText('Your account')).toBeNull();
    // The Transfer group asks only whether aria2's secret is saved.
    expect(requests.map((r) => r.type).toSorted()).toEqual(['getAria2Info', 'getKeyStatus']);
  });

  it('with a key: the cached account summary, no onboarding, no extra call', async () => {
    const requests = fakeBackground({ getKeyStatus: () => ok(withKey) });
    render(<App />);
    await waitFor(() => expect(screen.getByLabelText('Your account')).toBeTruthy());
    expect(summaryRows()).toEqual([
      'Offer: Premium GOLD',
      'Email: gold@example.test',
      'Subscription ends: Dec 5, 2026 (12 days left)',
      'CDN credits: 12.5\u00a0GB',
      `Last checked: ${new Date(withKey.checkedAt!).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' })}`,
    ]);
    expect(screen.queryByText(/lets this extension download/)).toBeNull();
    expect(document.getElementById('set-cdn-balance')?.textContent).toBe(
      'Your balance: 12.5\u00a0GB (when the key was last checked).',
    );
    // The Transfer group asks only whether aria2's secret is saved.
    expect(requests.map((r) => r.type).toSorted()).toEqual(['getAria2Info', 'getKeyStatus']);
  });

  it('a key whose details were never cached says how to get them', async () => {
    fakeBackground({ getKeyStatus: () => ok({ ...withKey, account: undefined, checkedAt: undefined }) });
    render(<App />);
    await waitFor(() =>
      expect(screen.getByText(/The account details show once 1Fichier has checked/)).toBeTruthy(),
    );
  });

  it('in French', async () => {
    useLocale('fr');
    fakeBackground({ getKeyStatus: () => ok(withKey) });
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Sections des paramètres' });
    expect(within(nav).getAllByRole('link')[0]!.textContent).toBe('Compte et clé');
    await waitFor(() => expect(screen.getByLabelText('Votre compte')).toBeTruthy());
    expect(summaryRows('Votre compte').slice(0, 4)).toEqual([
      'Offre: Premium GOLD',
      'E-mail: gold@example.test',
      'Fin de l’abonnement: 5 déc. 2026 (12 jours restants)',
      'Crédits CDN: 12,5\u00a0Go',
    ]);
  });
});
