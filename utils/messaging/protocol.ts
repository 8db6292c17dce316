import type { AppErrorInfo } from '../onefichier/errors';
import type { AccountInfo } from '../onefichier/types';
import type { JobAction, JobState } from '../queue/state';

/** A job as the pages see it (never anything key-related). */
export interface JobView {
  id: string;
  link: string;
  name?: string;
  size?: number;
  state: JobState;
  bytesReceived?: number;
  error?: AppErrorInfo;
  nextAttemptAt?: number;
  finalPath?: string;
  actions: JobAction[];
}

export interface KeyStatus {
  hasKey: boolean;
  account?: AccountInfo;
  checkedAt?: number;
}

export interface EnqueueResult {
  found: number;
  added: number;
  duplicates: number;
}

type Empty = Record<string, never>;

/**
 * The one protocol map: message type → [request payload, response value]. Handlers live in
 * entrypoints/background; every payload is validated there (./validate.ts).
 */
export interface ProtocolMap {
  enqueueLinks: [{ links: string[]; pageUrl?: string }, EnqueueResult];
  getQueue: [Empty, JobView[]];
  getKeyStatus: [Empty, KeyStatus];
  saveKey: [{ key: string }, KeyStatus];
  forgetKey: [Empty, KeyStatus];
  jobAction: [{ id: string; action: JobAction }, null];
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<T extends MessageType> = ProtocolMap[T][0];
export type ResponseOf<T extends MessageType> = ProtocolMap[T][1];

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: RequestOf<T>;
}

export type Reply<T extends MessageType = MessageType> =
  { ok: true; value: ResponseOf<T> } | { ok: false; error: AppErrorInfo };

/** The only messages a content script may send (design.md, Security). */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<MessageType> = new Set<MessageType>(['enqueueLinks']);

/** Port name the pages connect with to receive live queue snapshots. */
export const QUEUE_PORT = 'queue-live';

/** Pushed on the queue port whenever the queue or a transfer's progress changes. */
export interface QueuePush {
  type: 'queue';
  jobs: JobView[];
}
