import { parseFileLink } from '../../utils/onefichier/links';
import { AppError, toErrorInfo } from '../../utils/onefichier/errors';
import {
  CONTENT_SCRIPT_TYPES,
  type Envelope,
  type MessageType,
  type LinkStatus,
  type Reply,
  type ResponseOf,
  type VaultView,
} from '../../utils/messaging/protocol';
import { senderRole, type SenderLike } from '../../utils/messaging/sender';
import { validateEnvelope } from '../../utils/messaging/validate';
import type { NewJob } from '../../utils/queue/store';
import { currentSettings, settingsItem } from '../../utils/settings';
import { selfIdentity } from './identity';
import type { Services } from './services';
import { jobViews } from './views';

type Handlers = { [T in MessageType]: (payload: Envelope<T>['payload']) => Promise<ResponseOf<T>> };

/** The key and vault state with the auto-lock choice (what the security controls show). */
async function vaultView(s: Services): Promise<VaultView> {
  return { ...(await s.account.status()), autoLockMinutes: (await currentSettings()).autoLockMinutes };
}

/** After any vault change: jobs become `locked` or are queued again, and the pages are told. */
async function afterVaultChange(s: Services): Promise<VaultView> {
  await s.engine.pump();
  return vaultView(s);
}

function handlers(s: Services): Handlers {
  return {
    async enqueueLinks({ links, pageUrl }) {
      // Never trust the sender's parse: every link is parsed again here.
      const items: NewJob[] = [];
      for (const raw of links) {
        const link = parseFileLink(raw);
        if (link) items.push({ fileKey: link.key, link: link.canonical, ...(pageUrl ? { pageUrl } : {}) });
      }
      if (items.length === 0) throw new AppError('badLink');
      const result = await s.engine.enqueue(items);
      return { found: items.length, added: result.added.length, duplicates: result.duplicates, problems: [] };
    },
    async linkStatus({ links }) {
      const out: LinkStatus = {};
      for (const { url } of links) {
        const link = parseFileLink(url);
        const job = link ? await s.store.byFileKey(link.key) : undefined;
        if (job) out[url] = { state: job.state };
      }
      return out;
    },
    checkLinks: async () => ({}),
    pageLinks: async () => [],
    getQueue: async () => jobViews(s, new Map()),
    getKeyStatus: () => vaultView(s),
    async saveKey({ key }) {
      await s.account.save(key);
      void s.engine.retryKeyFailures();
      return vaultView(s);
    },
    async forgetKey() {
      await s.account.forget();
      await s.autoLock.clear();
      return afterVaultChange(s);
    },
    async unlock({ passphrase }) {
      await s.vault.unlock(passphrase);
      return afterVaultChange(s);
    },
    async lock() {
      await s.vault.lock();
      await s.autoLock.clear();
      return afterVaultChange(s);
    },
    async setPassphrase({ passphrase }) {
      await s.vault.setPassphrase(passphrase);
      return afterVaultChange(s);
    },
    async changePassphrase({ current, passphrase }) {
      await s.vault.changePassphrase(current, passphrase);
      return afterVaultChange(s);
    },
    async removePassphrase({ current }) {
      await s.vault.removePassphrase(current);
      await s.autoLock.clear();
      return afterVaultChange(s);
    },
    async setAutoLock({ minutes }) {
      await settingsItem.setValue({ ...(await settingsItem.getValue()), autoLockMinutes: minutes });
      return vaultView(s);
    },
    async jobAction({ id, action }) {
      await s.engine.act(id, action);
      return null;
    },
  };
}

/**
 * Checks who is asking, validates the payload and runs the handler. Content scripts may only
 * enqueue links; everything else needs one of our own pages (security-notes.md §2.2).
 */
export async function handleMessage(
  msg: unknown,
  sender: SenderLike,
  services: Promise<Services>,
): Promise<Reply> {
  try {
    const role = senderRole(sender, selfIdentity());
    if (role === 'untrusted') throw new AppError('forbidden');
    const envelope = validateEnvelope(msg);
    if (role === 'contentScript' && !CONTENT_SCRIPT_TYPES.has(envelope.type)) throw new AppError('forbidden');
    const s = await services;
    const table = handlers(s) as Record<MessageType, (p: unknown) => Promise<unknown>>;
    try {
      const value = await table[envelope.type](envelope.payload);
      return { ok: true, value } as Reply;
    } finally {
      // Anything the user does in our pages is use: the auto-lock deadline moves (or is cleared
      // when there is nothing unlocked to time).
      if (role === 'extensionPage') await s.autoLock.touch().catch(() => undefined);
    }
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
