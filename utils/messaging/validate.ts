import { AppError } from '../onefichier/errors';
import type { JobAction } from '../queue/state';
import type { Envelope, MessageType } from './protocol';

const MAX_LINKS = 10_000;
const MAX_STRING = 8_192;
const ACTIONS: ReadonlySet<string> = new Set<JobAction>(['pause', 'resume', 'retry', 'cancel', 'remove']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isShortString(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_STRING;
}

const PAYLOAD_CHECKS: Readonly<Record<MessageType, (p: Record<string, unknown>) => boolean>> = {
  enqueueLinks: (p) =>
    Array.isArray(p.links) &&
    p.links.length <= MAX_LINKS &&
    p.links.every(isShortString) &&
    (p.pageUrl === undefined || isShortString(p.pageUrl)),
  getQueue: () => true,
  getKeyStatus: () => true,
  saveKey: (p) => isShortString(p.key),
  forgetKey: () => true,
  jobAction: (p) => isShortString(p.id) && typeof p.action === 'string' && ACTIONS.has(p.action),
};

/** Checks a message's shape; unknown types and bad payloads are refused with a typed error. */
export function validateEnvelope(msg: unknown): Envelope {
  if (!isRecord(msg) || typeof msg.type !== 'string' || !isRecord(msg.payload)) {
    throw new AppError('badMessage');
  }
  if (!Object.hasOwn(PAYLOAD_CHECKS, msg.type)) throw new AppError('badMessage', { detail: 'unknown type' });
  const type = msg.type as MessageType;
  if (!PAYLOAD_CHECKS[type](msg.payload)) throw new AppError('badMessage', { detail: type });
  return { type, payload: msg.payload } as Envelope;
}
