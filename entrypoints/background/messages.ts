import { parseFileLink } from '../../utils/onefichier/links';
import { AppError, toErrorInfo } from '../../utils/onefichier/errors';
import {
  CONTENT_SCRIPT_TYPES,
  type Envelope,
  type MessageType,
  type Reply,
  type ResponseOf,
} from '../../utils/messaging/protocol';
import { senderRole, type SenderLike } from '../../utils/messaging/sender';
import { validateEnvelope } from '../../utils/messaging/validate';
import type { NewJob } from '../../utils/queue/store';
import { selfIdentity } from './identity';
import type { Services } from './services';
import { jobViews } from './views';

type Handlers = { [T in MessageType]: (payload: Envelope<T>['payload']) => Promise<ResponseOf<T>> };

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
      return { found: items.length, added: result.added.length, duplicates: result.duplicates };
    },
    getQueue: async () => jobViews(s, new Map()),
    getKeyStatus: () => s.account.status(),
    async saveKey({ key }) {
      const status = await s.account.save(key);
      void s.engine.retryKeyFailures();
      return status;
    },
    forgetKey: () => s.account.forget(),
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
    const table = handlers(await services) as Record<MessageType, (p: unknown) => Promise<unknown>>;
    const value = await table[envelope.type](envelope.payload);
    return { ok: true, value } as Reply;
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
