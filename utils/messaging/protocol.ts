import type { AppErrorInfo } from '../onefichier/errors';
import type { AccountInfo } from '../onefichier/types';
import type { JobAction, JobState } from '../queue/state';
import type { VaultStatus } from '../vault/types';

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

/** The key and vault as the pages see them (never the key itself). */
export interface KeyStatus extends VaultStatus {
  account?: AccountInfo;
  checkedAt?: number;
}

/** KeyStatus plus the auto-lock choice, for the pages that show the security controls. */
export interface VaultView extends KeyStatus {
  autoLockMinutes: number;
}

/** The queue state of each link that has a job (content scripts: the button's live state). */
export type LinkStatus = Record<string, JobState>;

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
  // Content scripts may send these two (and nothing else).
  enqueueLinks: [{ links: string[]; pageUrl?: string }, EnqueueResult];
  linkStatus: [{ links: string[] }, LinkStatus];
  // Privileged: our own extension pages only.
  getQueue: [Empty, JobView[]];
  getKeyStatus: [Empty, VaultView];
  saveKey: [{ key: string }, VaultView];
  forgetKey: [Empty, VaultView];
  jobAction: [{ id: string; action: JobAction }, null];
  unlock: [{ passphrase: string }, VaultView];
  lock: [Empty, VaultView];
  setPassphrase: [{ passphrase: string }, VaultView];
  changePassphrase: [{ current: string; passphrase: string }, VaultView];
  removePassphrase: [{ current: string }, VaultView];
  setAutoLock: [{ minutes: number }, VaultView];
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
export const CONTENT_SCRIPT_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  'enqueueLinks',
  'linkStatus',
]);

/** Port name the pages connect with to receive live queue snapshots. */
export const QUEUE_PORT = 'queue-live';

/** Pushed on the queue port whenever the queue or a transfer's progress changes. */
export interface QueuePush {
  type: 'queue';
  jobs: JobView[];
}
