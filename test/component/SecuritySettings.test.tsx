// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeBackground, ok } from '../fakes/background.ts';
import { SecuritySettings } from '../../components/SecuritySettings';
import { UnlockForm } from '../../components/UnlockForm';
import type { Reply, VaultView } from '../../utils/messaging/protocol';
import { useLocale } from '../fakes/i18n.ts';

const view = (v: Partial<VaultView>): VaultView => ({
  hasKey: true,
  protection: 'device',
  locked: false,
  autoLockMinutes: 15,
  ...v,
});

/** Password inputs have no ARIA role in Testing Library's tables: found by their label, checked to be password fields. */
function secret(label: string): HTMLInputElement {
  const el = screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
  expect(el.type).toBe('password');
  return el;
}
const type = (label: string, value: string) => fireEvent.input(secret(label), { target: { value } });
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SecuritySettings', () => {
  it('default mode: the honest wording, and Set passphrase with a confirmation', async () => {
    const requests = fakeBackground({ setPassphrase: () => ok(view({ protection: 'passphrase' })) });
    const onChange = vi.fn();
    render(<SecuritySettings view={view({})} onChange={onChange} />);
    expect(screen.getByText(/It is not protected by a password/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    type('Passphrase', 'correct horse');
    type('Confirm passphrase', 'correct horse!');
    fireEvent.click(button('Set passphrase'));
    expect(screen.getByText('The two passphrases differ.')).toBeTruthy();
    type('Passphrase', 'short');
    type('Confirm passphrase', 'short');
    fireEvent.click(button('Set passphrase'));
    expect(screen.getByText('Choose a passphrase of at least 8 characters.')).toBeTruthy();
    // Nothing was sent for the two mistakes; what was typed is still there.
    expect(requests).toEqual([]);
    expect(secret('Passphrase').value).toBe('short');
    type('Passphrase', 'correct horse');
    type('Confirm passphrase', 'correct horse');
    fireEvent.click(button('Set passphrase'));
    await waitFor(() => expect(screen.getByText(/Passphrase set\./)).toBeTruthy());
    expect(requests).toEqual([{ type: 'setPassphrase', payload: { passphrase: 'correct horse' } }]);
    expect(onChange).toHaveBeenCalledWith(view({ protection: 'passphrase' }));
    expect(secret('Passphrase').value).toBe('');
  });

  it('unlocked: Lock, Change (current passphrase required), Remove, auto-lock', async () => {
    const requests = fakeBackground({
      lock: () => ok(view({ protection: 'passphrase', locked: true })),
      changePassphrase: () => ({
        ok: false,
        error: { kind: 'wrongPassphrase', retryAt: Date.now() + 2_000 },
      }),
      removePassphrase: () => ok(view({})),
      setAutoLock: (p) => ok(view({ protection: 'passphrase', autoLockMinutes: p.minutes as number })),
    });
    render(<SecuritySettings view={view({ protection: 'passphrase' })} onChange={() => undefined} />);
    expect(screen.getByText(/encrypted with a key derived from your passphrase/)).toBeTruthy();
    fireEvent.click(button('Change passphrase'));
    expect(screen.getByText('Enter your passphrase.')).toBeTruthy();
    type('Current passphrase', 'old passphrase');
    type('New passphrase', 'new passphrase');
    type('Confirm passphrase', 'new passphrase');
    fireEvent.click(button('Change passphrase'));
    await waitFor(() =>
      expect(screen.getByText(/Wrong passphrase\. You can try again in 2\ss\./)).toBeTruthy(),
    );
    // Refused: the fields keep what was typed.
    expect(secret('New passphrase').value).toBe('new passphrase');
    fireEvent.click(button('Remove passphrase'));
    await waitFor(() => expect(screen.getByText(/Passphrase removed\./)).toBeTruthy());
    const select = screen.getByRole('combobox', { name: 'Lock automatically' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Only when the browser closes',
      'After 5 minutes without use',
      'After 15 minutes without use',
      'After 30 minutes without use',
      'After 60 minutes without use',
      'After 4 hours without use',
    ]);
    fireEvent.change(select, { target: { value: '30' } });
    await waitFor(() => expect(screen.getByText('Auto-lock saved.')).toBeTruthy());
    fireEvent.click(button('Lock'));
    await waitFor(() => expect(requests.map((r) => r.type)).toContain('lock'));
    expect(requests).toEqual([
      { type: 'changePassphrase', payload: { current: 'old passphrase', passphrase: 'new passphrase' } },
      { type: 'removePassphrase', payload: { current: 'old passphrase' } },
      { type: 'setAutoLock', payload: { minutes: 30 } },
      { type: 'lock', payload: {} },
    ]);
  });

  it('locked: only the unlock form and the auto-lock choice', () => {
    fakeBackground({});
    render(
      <SecuritySettings view={view({ protection: 'passphrase', locked: true })} onChange={() => undefined} />,
    );
    expect(button('Unlock')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change passphrase' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Lock automatically' })).toBeTruthy();
  });

  it('in French', () => {
    useLocale('fr');
    fakeBackground({});
    render(<SecuritySettings view={view({ protection: 'passphrase' })} onChange={() => undefined} />);
    expect(button('Verrouiller')).toBeTruthy();
    expect(button('Changer la phrase secrète')).toBeTruthy();
    expect(button('Retirer la phrase secrète')).toBeTruthy();
    expect(secret('Phrase secrète actuelle')).toBeTruthy();
    expect(screen.getByText(/600 000 itérations/)).toBeTruthy();
  });
});

describe('UnlockForm', () => {
  it('a wrong passphrase: the message with the wait, the button disabled until then, the text kept', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const now = Date.now();
    let answer: Reply = { ok: false, error: { kind: 'wrongPassphrase', retryAt: now + 4_000 } };
    const requests = fakeBackground({ unlock: () => answer });
    const onUnlocked = vi.fn();
    render(<UnlockForm idPrefix="t" onUnlocked={onUnlocked} />);
    fireEvent.click(button('Unlock'));
    expect(screen.getByText('Enter your passphrase.')).toBeTruthy();
    type('Passphrase', 'guess one');
    fireEvent.click(button('Unlock'));
    await waitFor(() =>
      expect(screen.getByText(/^Wrong passphrase\. You can try again in [34]\ss\.$/)).toBeTruthy(),
    );
    expect(button('Unlock').disabled).toBe(true);
    expect(secret('Passphrase').value).toBe('guess one');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(4_100);
    });
    expect(button('Unlock').disabled).toBe(false);
    answer = ok(view({ protection: 'passphrase' }));
    type('Passphrase', 'the right one');
    fireEvent.click(button('Unlock'));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(view({ protection: 'passphrase' })));
    expect(requests.map((r) => r.payload)).toEqual([
      { passphrase: 'guess one' },
      { passphrase: 'the right one' },
    ]);
  });

  it('starts disabled while an earlier wait is still running', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeBackground({});
    render(<UnlockForm idPrefix="t" retryAt={Date.now() + 2_000} onUnlocked={() => undefined} />);
    expect(button('Unlock').disabled).toBe(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_100);
    });
    expect(button('Unlock').disabled).toBe(false);
  });
});
