import { browser } from 'wxt/browser';
import { AppError } from '../onefichier/errors';
import type { MessageType, Reply, RequestOf, ResponseOf } from './protocol';

/** Sends a typed message to the background; a refused request rejects with its AppError. */
export async function sendMessage<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<T> | undefined;
  if (!reply) throw new AppError('internal', { detail: 'no answer from the background' });
  if (!reply.ok) throw new AppError(reply.error.kind, reply.error);
  return reply.value;
}
