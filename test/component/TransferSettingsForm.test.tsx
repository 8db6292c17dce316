// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TransferSettingsForm } from '../../components/TransferSettingsForm.tsx';
import type { ErrorKind } from '../../utils/onefichier/errors.ts';
import { settingsItem, type Settings } from '../../utils/settings.ts';
import { fail, fakeBackground, ok, type Handler } from '../fakes/background.ts';
import { formatMessage, loadCatalogue, useLocale } from '../fakes/i18n.ts';

const EN = loadCatalogue('en');
const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;
const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const useAria2 = () => checkbox('Use aria2');
const address = () => textbox('aria2 address');
const secretField = () => screen.getByLabelText('aria2 secret') as HTMLInputElement;
/** The group's live region ("Saved.", refusals); the test button has its own, before it. */
const region = () => document.querySelector('.transfer-settings > [aria-live="polite"]') as HTMLElement;
const testRegion = () => document.querySelector('.aria2-test [aria-live="polite"]') as HTMLElement;
const stored = () => settingsItem.getValue();
/** What is said under the address field (the reason, or the warning). */
const check = () => document.getElementById('set-a2-url-check')?.textContent ?? '';

type PermissionCall = (p: { origins?: string[] }) => Promise<boolean>;
let request: Mock<PermissionCall>;
let remove: Mock<PermissionCall>;

function background(extra: Partial<Record<string, Handler>> = {}, secretSaved = false) {
  return fakeBackground({ getAria2Info: () => ok({ secretSaved }), ...extra });
}

async function renderForm() {
  render(<TransferSettingsForm />);
  await waitFor(() => expect(useAria2()).toBeTruthy());
  await waitFor(() => expect(document.getElementById('set-a2-secret-state')?.textContent).not.toBe(''));
}

const type = (el: HTMLInputElement, value: string) => fireEvent.input(el, { target: { value } });

beforeEach(async () => {
  fakeBrowser.reset();
  request = vi.fn<PermissionCall>(() => Promise.resolve(true));
  remove = vi.fn<PermissionCall>(() => Promise.resolve(true));
  // WXT's fake browser does not implement permissions: the browser's answer is scripted here.
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request as never);
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(remove as never);
  await settingsItem.setValue({ parallel: 2 });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('TransferSettingsForm', () => {
  it('starts with aria2 off, the browser chosen, aria2 not choosable, the defaults, no secret', async () => {
    background();
    await renderForm();
    expect(useAria2().checked).toBe(false);
    expect(radio('The browser').checked).toBe(true);
    expect(radio('aria2').disabled).toBe(true);
    expect(screen.getByRole('group', { name: 'New downloads go to' })).toBeTruthy();
    expect(address().value).toBe('http://127.0.0.1:6800/jsonrpc');
    expect(address().getAttribute('aria-invalid')).toBe('false');
    expect(secretField().type).toBe('password');
    expect(secretField().value).toBe('');
    expect(screen.getByText('No secret saved.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove secret' })).toBeNull();
    expect(textbox('aria2 download folder').value).toBe('');
    expect((screen.getByRole('spinbutton', { name: 'Connections per file' }) as HTMLInputElement).value).toBe(
      '3',
    );
    expect(screen.getByText(/about 30 connections per account in total/)).toBeTruthy();
    expect(checkbox('If aria2 cannot be reached, download in the browser').checked).toBe(false);
    // No warning about the secret while aria2 is off, none about the address on loopback.
    expect(screen.queryByText(/without a secret/)).toBeNull();
    expect(screen.queryByText(/travel unencrypted/)).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('turning aria2 on asks for the typed address host, in the click; granted → saved and on', async () => {
    background();
    await renderForm();
    type(address(), 'http://192.168.1.20:6800/jsonrpc');
    fireEvent.click(useAria2());
    // Asked at once (the user gesture), for that host only.
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ origins: ['http://192.168.1.20/*'] });
    await waitFor(() => expect(region().textContent).toBe('aria2 is on.'));
    expect(await stored()).toEqual({
      parallel: 2,
      aria2Enabled: true,
      aria2Url: 'http://192.168.1.20:6800/jsonrpc',
    });
    expect(useAria2().checked).toBe(true);
    expect(radio('aria2').disabled).toBe(false);
    // aria2 on without a secret: the warning.
    expect(screen.getByText(/aria2 is on without a secret/)).toBeTruthy();
    fireEvent.click(radio('aria2'));
    await waitFor(async () => expect((await stored()).transfer).toBe('aria2'));
  });

  it('refused → aria2 stays off, nothing saved, the reason in words', async () => {
    background();
    request.mockImplementation(() => Promise.resolve(false));
    await renderForm();
    fireEvent.click(useAria2());
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await waitFor(() => expect(region().textContent).toMatch(/^Permission refused: aria2 stays off/));
    expect(region().className).toContain('status-error');
    expect(useAria2().checked).toBe(false);
    expect(radio('aria2').disabled).toBe(true);
    expect(await stored()).toEqual({ parallel: 2 });
  });

  it('turning aria2 off: the browser again, the permission given back', async () => {
    background({}, true);
    await settingsItem.setValue({
      aria2Enabled: true,
      transfer: 'aria2',
      aria2Url: 'http://nas.lan:6800/jsonrpc',
    });
    await renderForm();
    expect(useAria2().checked).toBe(true);
    expect(radio('aria2').checked).toBe(true);
    fireEvent.click(useAria2());
    await waitFor(() =>
      expect(region().textContent).toBe('aria2 is off: every download goes to the browser.'),
    );
    expect(request).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledWith({ origins: ['http://nas.lan/*'] });
    expect(await stored()).toMatchObject({ aria2Enabled: false, transfer: 'browser' });
    expect(radio('The browser').checked).toBe(true);
  });

  it.each([
    ['', 'Enter aria2’s address.'],
    ['ftp://127.0.0.1:6800/jsonrpc', 'The address must start with http:// or https://.'],
    ['127.0.0.1:6800/jsonrpc', 'The address must start with http:// or https://.'],
    ['http://user:pw@127.0.0.1:6800/jsonrpc', formatMessage(EN, 'a2UrlInvalid')],
    ['not an address', 'The address must start with http:// or https://.'],
    ['http://', formatMessage(EN, 'a2UrlInvalid')],
  ])('refuses the address %j: the reason, never saved, the text kept', async (text, message) => {
    background();
    await renderForm();
    type(address(), text);
    expect(address().getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('set-a2-url-check')?.textContent).toBe(message);
    fireEvent.click(button('Save address'));
    await waitFor(() => expect(region().textContent).toBe(`Not saved. ${message}`));
    // Turning aria2 on with it is refused the same way, without asking the browser.
    fireEvent.click(useAria2());
    expect(request).not.toHaveBeenCalled();
    expect(useAria2().checked).toBe(false);
    expect(address().value).toBe(text);
    expect(await stored()).toEqual({ parallel: 2 });
  });

  it('warns when a remote address is plain http, not over https or on loopback', async () => {
    background();
    await renderForm();
    type(address(), 'http://nas.example.lan:6800/jsonrpc');
    expect(check()).toMatch(/secret and the download links travel unencrypted.*https.*SSH tunnel/);
    type(address(), 'https://nas.example.lan:6800/jsonrpc');
    expect(check()).toBe('');
    type(address(), 'http://localhost:6800/jsonrpc');
    expect(check()).toBe('');
  });

  it('saves an address; while aria2 is on, a new host is asked for in the Save click', async () => {
    background();
    await renderForm();
    type(address(), 'http://127.0.0.1:6801/jsonrpc');
    fireEvent.click(button('Save address'));
    await waitFor(async () => expect((await stored()).aria2Url).toBe('http://127.0.0.1:6801/jsonrpc'));
    expect(request).not.toHaveBeenCalled();
    await settingsItem.setValue({ aria2Enabled: true, aria2Url: 'http://127.0.0.1:6801/jsonrpc' });
    await waitFor(() => expect(useAria2().checked).toBe(true));
    // Same host, another port: the permission covers it.
    type(address(), 'http://127.0.0.1:6802/jsonrpc');
    fireEvent.click(button('Save address'));
    await waitFor(async () => expect((await stored()).aria2Url).toBe('http://127.0.0.1:6802/jsonrpc'));
    expect(request).not.toHaveBeenCalled();
    // Another host, refused: not saved, typed text kept.
    request.mockImplementationOnce(() => Promise.resolve(false));
    type(address(), 'https://nas.lan/jsonrpc');
    fireEvent.click(button('Save address'));
    expect(request).toHaveBeenLastCalledWith({ origins: ['https://nas.lan/*'] });
    await waitFor(() =>
      expect(region().textContent).toMatch(/^Permission refused: the new address is not saved/),
    );
    expect((await stored()).aria2Url).toBe('http://127.0.0.1:6802/jsonrpc');
    expect(address().value).toBe('https://nas.lan/jsonrpc');
    // Granted: saved, the old host given back.
    fireEvent.click(button('Save address'));
    await waitFor(async () => expect((await stored()).aria2Url).toBe('https://nas.lan/jsonrpc'));
    expect(remove).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
  });

  it('folder, connections and fallback: saved, refused values kept with the reason', async () => {
    background();
    await renderForm();
    const folder = textbox('aria2 download folder');
    fireEvent.change(folder, { target: { value: ' /srv/downloads ' } });
    await waitFor(async () => expect((await stored()).aria2Dir).toBe('/srv/downloads'));
    fireEvent.change(folder, { target: { value: 'x'.repeat(501) } });
    await waitFor(() =>
      expect(region().textContent).toBe('Not saved. aria2 download folder: 500 characters at most.'),
    );
    expect((await stored()).aria2Dir).toBe('/srv/downloads');
    const connections = screen.getByRole('spinbutton', { name: 'Connections per file' }) as HTMLInputElement;
    fireEvent.change(connections, { target: { value: '8' } });
    await waitFor(async () => expect((await stored()).aria2Connections).toBe(8));
    fireEvent.change(connections, { target: { value: '17' } });
    await waitFor(() =>
      expect(region().textContent).toBe(
        'Not saved. Connections per file: choose a whole number from 1 to 16.',
      ),
    );
    expect((await stored()).aria2Connections).toBe(8);
    expect(connections.value).toBe('17');
    fireEvent.click(checkbox('If aria2 cannot be reached, download in the browser'));
    await waitFor(async () => expect((await stored()).aria2Fallback).toBe(true));
  });
});

describe('TransferSettingsForm: the secret', () => {
  it('is write-only: saved through the background, the field emptied, then "A secret is saved." and Remove', async () => {
    const requests = background({ setAria2Secret: (p) => ok({ secretSaved: p.secret !== '' }) });
    await renderForm();
    fireEvent.click(button('Save secret'));
    await waitFor(() => expect(region().textContent).toBe('Type the secret first.'));
    type(secretField(), 's3cret');
    fireEvent.click(button('Save secret'));
    await waitFor(() => expect(screen.getByText('A secret is saved.')).toBeTruthy());
    expect(region().textContent).toBe('Secret saved.');
    expect(secretField().value).toBe('');
    expect(requests.filter((r) => r.type === 'setAria2Secret')).toEqual([
      { type: 'setAria2Secret', payload: { secret: 's3cret' } },
    ]);
    // The secret is nowhere in the page or in the settings.
    expect(document.body.innerHTML).not.toContain('s3cret');
    expect(JSON.stringify(await stored())).not.toContain('s3cret');
    fireEvent.click(button('Remove secret'));
    await waitFor(() => expect(screen.getByText('No secret saved.')).toBeTruthy());
    expect(region().textContent).toBe('Secret removed.');
    expect(requests.at(-1)).toEqual({ type: 'setAria2Secret', payload: { secret: '' } });
    expect(screen.queryByRole('button', { name: 'Remove secret' })).toBeNull();
  });

  it('a saved secret shows as saved, with no warning while aria2 is on', async () => {
    background({}, true);
    await settingsItem.setValue({ aria2Enabled: true });
    await renderForm();
    expect(screen.getByText('A secret is saved.')).toBeTruthy();
    expect(button('Remove secret')).toBeTruthy();
    expect(screen.queryByText(/without a secret/)).toBeNull();
  });
});

describe('TransferSettingsForm: Test connection', () => {
  it('sends the typed address and typed secret; says the version in a polite region, not a status', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const requests = background({
      testAria2: async () => {
        await gate;
        return ok({ version: '1.36.0' });
      },
    });
    await renderForm();
    type(address(), 'http://127.0.0.1:6900/jsonrpc');
    type(secretField(), 'typed');
    fireEvent.click(button('Test connection'));
    await waitFor(() => expect(button('Test connection').disabled).toBe(true));
    expect(testRegion().textContent).toBe('Testing the connection to aria2…');
    release();
    await waitFor(() => expect(testRegion().textContent).toBe('Connected to aria2 1.36.0'));
    expect(button('Test connection').disabled).toBe(false);
    expect(requests.find((r) => r.type === 'testAria2')?.payload).toEqual({
      url: 'http://127.0.0.1:6900/jsonrpc',
      secret: 'typed',
    });
    expect(screen.queryByRole('status')).toBeNull();
    // Nothing was saved by testing.
    expect(await stored()).toEqual({ parallel: 2 } satisfies Partial<Settings>);
  });

  it('with the secret field empty, the saved secret is used (no secret sent)', async () => {
    const requests = background({ testAria2: () => ok({ version: '1.37.0' }) }, true);
    await renderForm();
    fireEvent.click(button('Test connection'));
    await waitFor(() => expect(testRegion().textContent).toBe('Connected to aria2 1.37.0'));
    expect(requests.find((r) => r.type === 'testAria2')?.payload).toEqual({
      url: 'http://127.0.0.1:6800/jsonrpc',
    });
  });

  it.each<[ErrorKind, string]>([
    ['aria2BadUrl', 'errAria2BadUrl'],
    ['aria2NotRunning', 'errAria2NotRunning'],
    ['aria2Unreachable', 'errAria2Unreachable'],
    ['aria2Unauthorized', 'errAria2Unauthorized'],
    ['aria2NotAria2', 'errAria2NotAria2'],
    ['aria2Permission', 'errAria2Permission'],
    ['aria2Refused', 'errAria2Refused'],
  ])('%s reads as its sentence', async (kind, key) => {
    background({ testAria2: () => fail({ kind }) });
    await renderForm();
    fireEvent.click(button('Test connection'));
    const sentence = formatMessage(EN, key);
    expect(sentence).not.toBe('');
    await waitFor(() => expect(testRegion().textContent).toBe(sentence));
    expect(testRegion().className).toContain('status-error');
  });
});

describe('TransferSettingsForm in French', () => {
  it('labels, choices and messages', async () => {
    useLocale('fr');
    background({ testAria2: () => fail({ kind: 'aria2NotRunning' }) });
    request.mockImplementation(() => Promise.resolve(false));
    render(<TransferSettingsForm />);
    await waitFor(() => expect(checkbox('Utiliser aria2')).toBeTruthy());
    expect(radio('Le navigateur').checked).toBe(true);
    expect(screen.getByRole('group', { name: 'Les nouveaux téléchargements vont vers' })).toBeTruthy();
    expect(textbox('Adresse d’aria2').value).toBe('http://127.0.0.1:6800/jsonrpc');
    expect(screen.getByRole('spinbutton', { name: 'Connexions par fichier' })).toBeTruthy();
    fireEvent.click(checkbox('Utiliser aria2'));
    await waitFor(() =>
      expect(region().textContent).toMatch(/^Autorisation refusée : aria2 reste désactivé/),
    );
    fireEvent.click(button('Tester la connexion'));
    await waitFor(() => expect(testRegion().textContent).toMatch(/^aria2 ne fonctionne pas/));
  });
});
