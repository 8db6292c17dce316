import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import {
  FILES,
  KEYS,
  fileSha256,
  startEmulator,
  type Emulator,
  type FixtureFile,
} from '../emulator/index.ts';
import { freePort, pollUntil, startAria2, type Aria2Process } from '../support/aria2.ts';
import { controlWorker } from '../support/fault-worker.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/chromium.ts';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.ts';
import { finishedFiles, sha256File } from '../support/files.ts';
import { rpcCall } from '../../utils/transfer/aria2/rpc.ts';
import { openExtensionPage, saveKey } from './fixtures.ts';
import { addLinks, queueItem } from './queue-pages.ts';

/**
 * The aria2 hand-off with Debian's real aria2c on loopback, with a secret: aria2 reaches the
 * emulator under the real 1Fichier host names through a CONNECT proxy (the extension's requests
 * are redirected by Chromium's resolver rules as in every other spec). The CDN is capped per
 * connection, so the 64 MiB file is still running when aria2 is killed.
 *
 * The optional host permission cannot be granted here: Chromium's permission prompt has no answer
 * in a headless run. The settings are written as the Transfer group saves them once the prompt is
 * accepted; the group itself (and the prompt's refusal) is tested in test/e2e/transfer-options.spec.ts
 * and test/component. aria2's RPC is reached because Chromium counts the content script's
 * `http://*\/*` matches as host access (platform-notes: the same calls work from the worker).
 */
const SECRET = 'e2e-aria2-secret-4f1c9b';

const test = base.extend<
  { ext: ExtensionBrowser; aria2: Aria2Process },
  { emulator: Emulator; tunnel: ConnectProxy }
>({
  emulator: [
    // oxlint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const emulator = await startEmulator({ cdnBytesPerSecond: 4 * 1024 * 1024 });
      await use(emulator);
      await emulator.close();
    },
    { scope: 'worker' },
  ],
  tunnel: [
    async ({ emulator }, use) => {
      const proxy = await startConnectProxy({ targetPort: emulator.port });
      await use(proxy);
      await proxy.close();
    },
    { scope: 'worker' },
  ],
  aria2: async ({ tunnel }, use) => {
    const aria2 = await startAria2({ secret: SECRET, proxy: tunnel.url });
    await use(aria2);
    await aria2.stop();
  },
  ext: async ({ emulator }, use) => {
    emulator.resetLimits();
    const ext = await launchExtensionBrowser({ resolverRules: emulator.resolverRules() });
    await use(ext);
    await ext.close();
  },
});

interface Aria2Setup {
  url: string;
  secret?: string;
  fallback?: boolean;
}

/** Saves the key, aria2's secret (through the vault, like the Transfer group) and its settings. */
async function useAria2(ext: ExtensionBrowser, setup: Aria2Setup): Promise<Page> {
  const options = await saveKey(ext, KEYS.premium);
  await options.evaluate(async ({ url, secret, fallback }) => {
    const c = (globalThis as unknown as { chrome: E2eChrome }).chrome;
    if (secret) {
      const reply = await c.runtime.sendMessage({ type: 'setAria2Secret', payload: { secret } });
      if (!reply?.ok) throw new Error(`setAria2Secret refused: ${JSON.stringify(reply)}`);
    }
    const current = ((await c.storage.local.get('settings')).settings ?? {}) as object;
    const settings = {
      ...current,
      aria2Enabled: true,
      transfer: 'aria2',
      aria2Url: url,
      aria2Fallback: fallback,
    };
    await c.storage.local.set({ settings });
  }, setup);
  await options.close();
  return openExtensionPage(ext, 'popup');
}

interface E2eChrome {
  runtime: { sendMessage(msg: unknown): Promise<{ ok: boolean } | undefined> };
  storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
}

/** get_token.cgi calls counted from now (the emulator serves every test of the worker). */
function tokenCounter(emulator: Emulator): () => number {
  const count = () => emulator.requests.filter((r) => r.path === '/v1/download/get_token.cgi').length;
  const before = count();
  return () => count() - before;
}

/** Exactly this file in aria2's folder, once, with the exact bytes. */
async function expectInAria2Dir(aria2: Aria2Process, file: FixtureFile): Promise<void> {
  const at = path.join(aria2.dir, file.name);
  expect(finishedFiles(aria2.dir)).toEqual([at]);
  expect(await sha256File(at)).toBe(fileSha256(file.id, file.size));
}

test('a job sent to aria2 lands in aria2’s folder with the exact bytes, nothing in the browser’s', async ({
  ext,
  aria2,
  emulator,
}) => {
  test.setTimeout(90_000);
  const tokenCalls = tokenCounter(emulator);
  const popup = await useAria2(ext, { url: aria2.url, secret: SECRET });
  await addLinks(popup, FILES.small.link);
  await expect(queueItem(popup, FILES.small)).toContainText('Completed', { timeout: 30_000 });
  await expectInAria2Dir(aria2, FILES.small);
  expect(finishedFiles(ext.downloadDir)).toEqual([]);
  expect(tokenCalls()).toBe(1);
});

test('aria2 killed mid-transfer and restarted: the job completes once, with a fresh link', async ({
  ext,
  aria2,
  emulator,
}) => {
  test.setTimeout(120_000);
  const tokenCalls = tokenCounter(emulator);
  const popup = await useAria2(ext, { url: aria2.url, secret: SECRET });
  await addLinks(popup, FILES.big.link);
  const item = queueItem(popup, FILES.big);
  await expect(item).toContainText('Downloading', { timeout: 30_000 });
  // Some bytes are on aria2's disk before it dies, over several connections to the one link.
  await expect.poll(() => activeBytes(aria2), { timeout: 30_000 }).toBeGreaterThan(1024 * 1024);
  expect(emulator.transfers().get(FILES.big.id)?.requests).toBeGreaterThanOrEqual(3);
  await aria2.kill();
  await aria2.restart();
  await expect(item).toContainText('Completed', { timeout: 90_000 });
  await expectInAria2Dir(aria2, FILES.big);
  expect(tokenCalls()).toBe(2);
  await expect(popup.getByRole('listitem').filter({ hasText: 'Completed' })).toHaveCount(1);
});

/** Bytes aria2 reports for its running downloads (it allocates the whole file first). */
async function activeBytes(aria2: Aria2Process): Promise<number> {
  const active = (await rpcCall({ url: aria2.url, secret: SECRET }, 'aria2.tellActive', [
    ['completedLength'],
  ])) as {
    completedLength: string;
  }[];
  return active.reduce((sum, d) => sum + Number(d.completedLength), 0);
}

test('the service worker stopped while aria2 downloads: on wake the job is settled from aria2, once', async ({
  ext,
  aria2,
  emulator,
}) => {
  test.setTimeout(120_000);
  const tokenCalls = tokenCounter(emulator);
  const popup = await useAria2(ext, { url: aria2.url, secret: SECRET });
  await addLinks(popup, FILES.big.link);
  await expect(queueItem(popup, FILES.big)).toContainText('Downloading', { timeout: 30_000 });
  await popup.close();
  // A blank page carries the CDP session (no extension page stays open to wake the worker).
  const holder = await ext.context.newPage();
  const worker = await controlWorker(ext.context, holder, ext.extensionId);
  await worker.stop();
  // aria2 finishes on its own while nothing of the extension runs.
  await pollUntil(
    async () => (await stoppedStatus(aria2)) === 'complete',
    'aria2 finished the file',
    60_000,
    250,
  );
  // Any extension page wakes the worker, which asks aria2 (tellStatus) instead of starting again.
  const again = await openExtensionPage(ext, 'popup');
  await expect(queueItem(again, FILES.big)).toContainText('Completed', { timeout: 30_000 });
  await expectInAria2Dir(aria2, FILES.big);
  expect(tokenCalls()).toBe(1);
  await worker.detach();
});

/** The status of aria2's one finished download ('' while none). */
async function stoppedStatus(aria2: Aria2Process): Promise<string> {
  const done = (await rpcCall({ url: aria2.url, secret: SECRET }, 'aria2.tellStopped', [
    0,
    10,
    ['status'],
  ])) as {
    status: string;
  }[];
  return done[0]?.status ?? '';
}

test('Test connection reaches the real aria2 with the typed secret, and says when the secret is wrong', async ({
  ext,
  aria2,
}) => {
  const options = await openExtensionPage(ext, 'options');
  const transfer = options.getByRole('region', { name: 'Transfer' });
  await transfer.getByRole('textbox', { name: 'aria2 address' }).fill(aria2.url);
  const secret = transfer.getByRole('textbox', { name: 'aria2 secret' });
  const testButton = transfer.getByRole('button', { name: 'Test connection' });
  await secret.fill(SECRET);
  await testButton.click();
  await expect(transfer.getByText(/^Connected to aria2 1\.\d+\.\d+$/)).toBeVisible();
  await secret.fill('not-the-secret');
  await testButton.click();
  // aria2 answers a wrong secret after a deliberate delay (about 2 s).
  await expect(transfer.getByText(/^aria2 refused the secret/)).toBeVisible({ timeout: 15_000 });
});

test('a wrong secret: the job fails with aria2’s refusal, and no token is spent', async ({
  ext,
  aria2,
  emulator,
}) => {
  test.setTimeout(60_000);
  const tokenCalls = tokenCounter(emulator);
  const popup = await useAria2(ext, { url: aria2.url, secret: 'not-the-secret' });
  await addLinks(popup, FILES.small.link);
  const item = queueItem(popup, FILES.small);
  await expect(item).toContainText('Failed', { timeout: 30_000 });
  await expect(item).toContainText('aria2 refused the secret');
  expect(tokenCalls()).toBe(0);
  expect(finishedFiles(aria2.dir)).toEqual([]);
});

test('aria2 absent: a clear failure; with the fallback on, the same job downloads in the browser', async ({
  ext,
  emulator,
}) => {
  test.setTimeout(60_000);
  const tokenCalls = tokenCounter(emulator);
  const url = `http://127.0.0.1:${await freePort()}/jsonrpc`;
  const popup = await useAria2(ext, { url, secret: SECRET });
  await addLinks(popup, FILES.small.link);
  const item = queueItem(popup, FILES.small);
  await expect(item).toContainText('Failed', { timeout: 30_000 });
  await expect(item).toContainText('aria2 is not running');
  expect(tokenCalls()).toBe(0);

  await popup.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: E2eChrome }).chrome;
    const current = ((await c.storage.local.get('settings')).settings ?? {}) as object;
    await c.storage.local.set({ settings: { ...current, aria2Fallback: true } });
  });
  await item.getByRole('button', { name: 'Retry' }).click();
  await expect(item).toContainText('Completed', { timeout: 30_000 });
  const at = path.join(ext.downloadDir, FILES.small.name);
  expect(await sha256File(at)).toBe(fileSha256(FILES.small.id, FILES.small.size));
});
