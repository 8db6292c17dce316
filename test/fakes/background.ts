import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AppErrorInfo } from '../../utils/onefichier/errors';
import type { MessageType, Reply } from '../../utils/messaging/protocol';

export type Handler = (payload: Record<string, unknown>) => Reply | Promise<Reply>;

export const ok = (value: unknown): Reply => ({ ok: true, value }) as Reply;
export const fail = (error: AppErrorInfo): Reply => ({ ok: false, error });

/**
 * A fake background for page and component tests: answers each message type with a scripted reply
 * (`badMessage` for types without one) and records every request, in order.
 */
export function fakeBackground(handlers: Partial<Record<MessageType, Handler>>) {
  const requests: { type: string; payload: Record<string, unknown> }[] = [];
  fakeBrowser.runtime.onMessage.addListener(
    (
      msg: { type: MessageType; payload: Record<string, unknown> },
      _sender: unknown,
      sendResponse: (r: Reply) => void,
    ) => {
      requests.push(msg);
      const handler = handlers[msg.type];
      void Promise.resolve(handler ? handler(msg.payload) : fail({ kind: 'badMessage' })).then(sendResponse);
      return true;
    },
  );
  return requests;
}
