/**
 * aria2 from Firefox: `Use aria2` with the host of the address granted, JSON-RPC and notifications
 * from the event page, and a job that
 * lands in aria2's folder with the exact bytes. The real aria2c reaches the emulator through a
 * CONNECT proxy (test/support/aria2.ts).
 */
import { FILES, KEYS, fileSha256 } from '../emulator/index.ts';
import { aria2Available, startAria2, type Aria2Process } from '../support/aria2.ts';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.ts';
import { expect, test } from './fixtures.ts';
import { digestOf, downloadedFiles, listItems, saveKey, tokenCalls } from './steps.ts';

let aria2: Aria2Process;
let proxy: ConnectProxy;

test.beforeAll(async () => {
  test.skip(!aria2Available(), 'aria2c is not installed (apt-get install aria2)');
  proxy = await startConnectProxy({ targetPort: 443 });
  aria2 = await startAria2({ proxy: proxy.url });
});
test.afterAll(async () => {
  await aria2?.stop();
  await proxy?.close();
});

test('Use aria2 turns on with the host granted, and a job lands in aria2’s folder with the exact bytes', async ({
  ext,
  servers,
}) => {
  const options = await saveKey(ext, KEYS.premium);
  await options.typeInto({ role: 'textbox', name: 'aria2 address' }, aria2.url);
  await options.click({ role: 'button', name: 'Save address' });
  await options.typeInto({ name: 'aria2 secret', tag: 'input' }, aria2.secret);
  await options.click({ role: 'button', name: 'Save secret' });

  // permissions.request runs inside the click. Firefox already grants http://127.0.0.1/* through
  // the content script's matches (granted at install since Firefox 127), so it resolves at once.
  await options.click({ role: 'checkbox', name: 'Use aria2' });
  await expect.poll(() => options.text()).toContain('aria2 is on.');
  const useAria2 = await options.one({ role: 'checkbox', name: 'Use aria2' });
  expect(await options.call<boolean>('(el) => el.checked', [useAria2])).toBe(true);
  expect(await options.call('() => browser.permissions.contains({ origins: ["http://127.0.0.1/*"] })')).toBe(
    true,
  );
  await options.click({ role: 'radio', name: 'aria2' });
  await options.click({ role: 'button', name: 'Test connection' });
  await expect.poll(() => options.text()).toContain('Connected to aria2 1.36.0');
  await options.close();
  const tokens = tokenCalls(servers.emulator);

  const page = await ext.open(servers.demoUrl);
  await page.click({ role: 'button', name: `Download with 1Fichier: ${FILES.small.name}` });
  await expect
    .poll(() => digestOf(aria2.dir, FILES.small.name), { timeout: 30_000 })
    .toBe(fileSha256(FILES.small.id, FILES.small.size));
  expect(downloadedFiles(ext.downloadDir)).toEqual([]);
  expect(tokenCalls(servers.emulator) - tokens).toBe(1);
  const popup = await ext.page('popup');
  await expect
    .poll(() => listItems(popup))
    .toEqual([expect.stringMatching(/^hello-1fichier\.txt Completed .*aria2/)]);
});
