// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fail, fakeBackground, ok } from '../fakes/background.ts';
import { KeyForm } from '../../components/KeyForm';
import { describeError } from '../../utils/onefichier/error-messages';
import type { AppErrorInfo, ErrorKind } from '../../utils/onefichier/errors';
import type { Reply, VaultView } from '../../utils/messaging/protocol';
import { useVault } from '../../components/use-vault';
import { useLocale } from '../fakes/i18n.ts';

/** The form as the options page mounts it: fed by useVault. */
function KeyFormPage() {
  const { view, setView, error } = useVault();
  return <KeyForm view={view} onChange={setView} loadError={error} />;
}

const noKey: VaultView = { hasKey: false, protection: 'device', locked: false, autoLockMinutes: 15 };

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const NOW = 1_772_366_400_000;

const goldStatus: VaultView = {
  hasKey: true,
  protection: 'device',
  locked: false,
  autoLockMinutes: 15,
  account: { kind: 'gold', email: 'user@example.com', subscriptionEnd: '2027-01-31 23:59:59' },
  checkedAt: NOW,
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/**
 * The `API key` textbox of ui-contract.md. It is an input type=password: browsers and Playwright
 * expose it as a textbox, but aria-query (used by Testing Library) gives password inputs no role,
 * so it is found by its accessible name (its label) and checked to be that input.
 */
const keyBox = () => {
  const el = screen.getByLabelText('API key', { selector: 'input' }) as HTMLInputElement;
  expect(el.type).toBe('password');
  return el;
};
const status = () => screen.getByRole('status');

function type(value: string) {
  fireEvent.input(keyBox(), { target: { value } });
}

describe('KeyForm', () => {
  it('has the controls of the UI contract; the key field is a password field', async () => {
    fakeBackground({ getKeyStatus: () => ok(noKey) });
    render(<KeyFormPage />);
    await waitFor(() => expect(status().textContent).toBe('No key stored yet.'));
    expect(keyBox().type).toBe('password');
    expect(screen.getByRole('button', { name: 'Save key' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();
  });

  it('saves a key: shows the account kind and expiry, and clears the field', async () => {
    const requests = fakeBackground({
      getKeyStatus: () => ok(noKey),
      saveKey: () => ok(goldStatus),
    });
    render(<KeyFormPage />);
    await waitFor(() => expect(status().textContent).toBe('No key stored yet.'));
    type(KEY);
    expect(keyBox().value).toBe(KEY);
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(status().textContent).toContain('Premium GOLD'));
    expect(status().textContent).toContain('until Jan 31, 2027 (user@example.com)');
    expect(status().textContent).toContain('Key saved.');
    expect(keyBox().value).toBe('');
    expect(requests.find((r) => r.type === 'saveKey')?.payload).toEqual({ key: KEY });
    expect(screen.getByRole('button', { name: 'Forget key' })).toBeTruthy();
  });

  it.each([
    ['premium', 'Premium'],
    ['access', 'Access'],
  ] as const)('names a %s account %s', async (kind, label) => {
    fakeBackground({
      getKeyStatus: () => ok(noKey),
      saveKey: () =>
        ok({ hasKey: true, account: { kind, subscriptionEnd: '2026-12-31 00:00:00' }, checkedAt: NOW }),
    });
    render(<KeyFormPage />);
    type(KEY);
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(status().textContent).toBe(`Key saved. ${label} · until Dec 31, 2026`));
  });

  it('says it is checking while the background works', async () => {
    let release!: (r: Reply) => void;
    fakeBackground({
      getKeyStatus: () => ok(noKey),
      saveKey: () => new Promise<Reply>((r) => (release = r)),
    });
    render(<KeyFormPage />);
    type(KEY);
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(status().textContent).toBe('Checking the key with 1Fichier…'));
    release(ok(goldStatus));
    await waitFor(() => expect(status().textContent).toContain('Premium GOLD'));
  });

  it.each<[ErrorKind, AppErrorInfo, RegExp]>([
    ['emptyKey', { kind: 'emptyKey' }, /Enter your 1Fichier API key/],
    ['malformedKey', { kind: 'malformedKey' }, /does not look like a 1Fichier API key/],
    ['invalidKey', { kind: 'invalidKey' }, /does not accept this API key/],
    ['freeAccount', { kind: 'freeAccount' }, /free 1Fichier account.*Premium, Access or GOLD/],
    ['flood', { kind: 'flood', retryAt: NOW + 120_000 }, /refusing API calls.*Trying again in 2\u00a0min\./],
    ['network', { kind: 'network' }, /Cannot reach 1Fichier/],
  ])('shows the %s error and keeps the typed key', async (_kind, error, text) => {
    fakeBackground({ getKeyStatus: () => ok(noKey), saveKey: () => fail(error) });
    render(<KeyFormPage />);
    const typed = error.kind === 'emptyKey' ? '   ' : error.kind === 'malformedKey' ? 'not-a-key' : KEY;
    type(typed);
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(status().textContent).toMatch(text));
    expect(status().textContent).toBe(describeError(error, 'en', NOW));
    expect(keyBox().value).toBe(typed);
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();
  });

  it('submits with Enter as well', async () => {
    const requests = fakeBackground({ getKeyStatus: () => ok(noKey), saveKey: () => ok(goldStatus) });
    render(<KeyFormPage />);
    type(KEY);
    fireEvent.submit(keyBox().form!);
    await waitFor(() => expect(requests.map((r) => r.type)).toContain('saveKey'));
  });

  it('shows the stored key status and forgets the key', async () => {
    const requests = fakeBackground({
      getKeyStatus: () => ok(goldStatus),
      forgetKey: () => ok(noKey),
    });
    render(<KeyFormPage />);
    await waitFor(() =>
      expect(status().textContent).toContain('Key stored. Premium GOLD · until Jan 31, 2027'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Forget key' }));
    await waitFor(() => expect(status().textContent).toBe('Key forgotten.'));
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();
    expect(requests.map((r) => r.type)).toEqual(['getKeyStatus', 'forgetKey']);
  });

  it('shows an error when forgetting fails and keeps the button', async () => {
    fakeBackground({ getKeyStatus: () => ok(goldStatus), forgetKey: () => fail({ kind: 'forbidden' }) });
    render(<KeyFormPage />);
    const forget = await screen.findByRole('button', { name: 'Forget key' });
    fireEvent.click(forget);
    await waitFor(() => expect(status().textContent).toBe('This request is not allowed from here.'));
    expect(screen.getByRole('button', { name: 'Forget key' })).toBeTruthy();
  });

  it('shows an error when the key status cannot be read', async () => {
    fakeBackground({ getKeyStatus: () => fail({ kind: 'internal' }) });
    render(<KeyFormPage />);
    await waitFor(() => expect(status().textContent).toBe('Something went wrong inside the extension.'));
  });

  it('names the account in French, with the date as 1Fichier gives it, and a hostile email as plain text', async () => {
    useLocale('fr');
    const account = {
      kind: 'premium' as const,
      email: 'a\u202Eb@x.test',
      subscriptionEnd: '2026-12-31 00:00:00',
    };
    fakeBackground({ getKeyStatus: () => ok({ ...goldStatus, account }) });
    render(<KeyFormPage />);
    await waitFor(() =>
      expect(status().textContent).toBe('Clé enregistrée. Premium · jusqu’au 31 déc. 2026 (ab@x.test)'),
    );
  });
});
