import { AppError, toErrorInfo } from '../../utils/onefichier/errors';
import {
  CONTENT_SCRIPT_TYPES,
  type Envelope,
  type MessageType,
  type Reply,
  type ResponseOf,
  type VaultView,
} from '../../utils/messaging/protocol';
import { frameOfSender, senderRole, type SenderLike, type SenderRole } from '../../utils/messaging/sender';
import { validateEnvelope } from '../../utils/messaging/validate';
import { currentPageSettings } from '../../utils/page-settings';
import { indexJobs, linkStates, pageSafeResult } from '../../utils/page-links/link-states';
import { currentSettings, settingsItem } from '../../utils/settings';
import { selfIdentity } from './identity';
import { pageLinkViews } from './page-links';
import type { Services } from './services';
import { jobViews } from './views';

/** Who asked: the role decided from the browser's sender object, and that object. */
interface Context {
  role: Exclude<SenderRole, 'untrusted'>;
  sender: SenderLike;
}

type Handlers = {
  [T in MessageType]: (payload: Envelope<T>['payload'], ctx: Context) => Promise<ResponseOf<T>>;
};

/** The key and vault state with the auto-lock choice (what the security controls show). */
async function vaultView(s: Services): Promise<VaultView> {
  return { ...(await s.account.status()), autoLockMinutes: (await currentSettings()).autoLockMinutes };
}

/** After any vault change: jobs become `locked` or are queued again, and the pages are told. */
async function afterVaultChange(s: Services): Promise<VaultView> {
  await s.engine.pump();
  return vaultView(s);
}

/** The frame a content script runs in; refused when the browser did not say. */
function contentFrame(ctx: Context) {
  const frame = frameOfSender(ctx.sender);
  if (!frame) throw new AppError('forbidden', { detail: 'no frame' });
  return frame;
}

function handlers(s: Services): Handlers {
  return {
    enqueueLinks: async ({ links, pageUrl, tabId }, ctx) => {
      // A content script's page is the frame the browser says it runs in, never what it claims.
      // The grabber's links belong to the frame that showed them (their buttons then follow).
      const result = await s.queueLinks(
        links,
        ctx.role === 'contentScript'
          ? contentFrame(ctx).url
          : tabId !== undefined
            ? await s.pages.pageFinder(tabId)
            : pageUrl,
      );
      // What reaches a page says nothing about the account and quotes nothing from 1Fichier.
      return ctx.role === 'contentScript' ? pageSafeResult(result) : result;
    },
    async linkStatus({ page, links }, ctx) {
      const frame = ctx.role === 'contentScript' ? contentFrame(ctx) : undefined;
      const entry = frame ? await s.pages.register(frame, page, links) : undefined;
      if (entry) {
        s.linkPush.forget(entry);
        // A push computed before this registration may still arrive after the reply: the next
        // one, computed after it, sends the frame's complete set again.
        s.linkPush.changed();
      }
      const jobs = await s.store.all();
      return linkStates(
        links.map((l) => l.url),
        indexJobs(jobs),
        new Map(),
        // Content scripts see only jobs queued from their own origin.
        entry?.origin ?? (frame ? 'null' : undefined),
      );
    },
    async checkLinks({ links }, ctx) {
      // Sending a page's links to 1fichier.com is the user's choice (off by default); our own
      // pages ask only when the user presses the chooser's button.
      if (ctx.role === 'contentScript' && !(await currentPageSettings()).linkCheck) {
        throw new AppError('linkCheckOff');
      }
      return s.checks.get(links);
    },
    pageLinks: ({ tabId }) => pageLinkViews(s, tabId),
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
    // Wired in the next commits of issue 6 (engine lifecycle, passwords, export and import).
    queueAction: async ({ action }) => ({ changed: await s.engine.bulk(action) }),
    async setJobPassword({ id, password }) {
      await s.engine.setPassword(id, password);
      return null;
    },
    setJobPriority: async ({ ids, priority }) => ({ changed: await s.engine.setPriority(ids, priority) }),
    jobsAction: async ({ ids, action }) => ({ changed: await s.engine.many(ids, action) }),
    exportQueue: ({ format }) => s.exchange.exportQueue(format),
    importQueue: ({ text }) => s.exchange.importQueue(text),
    setJobTransfer: async ({ ids, transfer }) => ({ changed: await s.engine.setTransfer(ids, transfer) }),
    testAria2: async ({ url, secret }) => ({ version: await s.aria2.test(url, secret) }),
    async setAria2Secret({ secret }) {
      if (secret) await s.vault.setSecret('aria2Secret', secret);
      else await s.vault.deleteSecret('aria2Secret');
      return { secretSaved: await s.vault.hasSecret('aria2Secret') };
    },
    getAria2Info: async () => ({ secretSaved: await s.vault.hasSecret('aria2Secret') }),
  };
}

/**
 * Checks who is asking, validates the payload and runs the handler. Content scripts may only
 * queue links, read their states and (when the user turned it on) check them; everything else
 * needs one of our own pages (security-notes.md §2.2).
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
    const table = handlers(s) as Record<MessageType, (p: unknown, ctx: Context) => Promise<unknown>>;
    try {
      const value = await table[envelope.type](envelope.payload, { role, sender });
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
