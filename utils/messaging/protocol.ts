import type { AppErrorInfo } from '../onefichier/errors';
import type { LinkCheck } from '../onefichier/check-links';
import type { AccountInfo } from '../onefichier/types';
import type { JobPackage, JobPriority } from '../queue/job';
import type { JobAction, JobState, QueueAction, SelectionAction } from '../queue/state';
import type { TransferKind } from '../settings';
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
  /** The folder it came with (file jobs), or the protected folder itself (`kind: 'folder'`). */
  package?: JobPackage;
  kind?: 'folder';
  priority?: JobPriority;
  /** The popup asks for a password (file or folder) in this item; absent once asked three times. */
  askPassword?: 'file' | 'folder';
  /** Wrong passwords given so far (at most three are asked for). */
  passwordTries?: number;
  completedAt?: number;
  /** Queue position (ascending; gaps allowed) and when it was queued: the pages sort with them. */
  order: number;
  createdAt: number;
  /** The user's transfer choice for this job (absent = the setting). */
  transfer?: TransferKind;
  /** The current or finished transfer runs in aria2. */
  viaAria2?: true;
}

/** What the options page shows of aria2's secret (never the secret). */
export interface Aria2Info {
  secretSaved: boolean;
}

/** What an export produces: a file the page saves. */
export type ExportFormat = 'links' | 'json' | 'aria2';

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  /** Jobs written, and jobs left out (an aria2 file holds only unfinished jobs it got a link for). */
  count: number;
  skipped: number;
}

export interface ImportResult extends EnqueueResult {
  /** Entries of a JSON export that were not valid jobs (left out, counted). */
  invalid: number;
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

/** One 1Fichier link of a page, as the content script reports it (the background re-parses it). */
export interface PageLinkReport {
  /** The href (or the URL written in the text) as found. */
  url: string;
  /** The anchor's text, display-safe and short (see utils/display-text). */
  label: string;
}

/** The live state of a link's job, or of a folder's package, as its button shows it. */
export interface LinkState {
  state: JobState;
  /** 0–100 while downloading, when the size is known. */
  percent?: number;
  /**
   * Why it failed or waits. Page-safe: reasons that would tell the page about the user's account or
   * key (invalid key, free account, locked…) are replaced by `needsUser` (see pageSafeError).
   */
  error?: AppErrorInfo;
  /** Folder packages: files completed and total. */
  files?: { done: number; total: number };
}

/** Keyed by the `url` the content script reported; links without a job are left out. */
export type LinkStatus = Record<string, LinkState>;

export interface EnqueueResult {
  /** Distinct 1Fichier file and folder links recognised in the request. */
  found: number;
  /** New jobs written (a folder adds one per file). */
  added: number;
  /** Files that were already in the queue. */
  duplicates: number;
  /** Links that could not be queued (a folder that is gone or needs a password), with the reason. */
  problems: { link: string; error: AppErrorInfo }[];
}

/** One link of the active tab for the popup's page grabber (all frames together). */
export interface PageLinkView {
  /** Canonical link (what Add queues). */
  link: string;
  kind: 'file' | 'folder';
  /** The anchor's text on the page (already display-safe). */
  label: string;
  /** The job's state when the link is already queued. */
  state?: JobState;
  /** Name, size, availability when known (link check on, or asked for in the chooser). */
  check?: LinkCheck;
}

/** What the top frame's content script says about its page (popup → tabs.sendMessage, frame 0). */
export interface PageInfo {
  /** The site as the per-site switch names it (page-settings.siteOf). */
  site: string | undefined;
  /** Buttons and scanning are on for this page. */
  active: boolean;
}

/**
 * Background and popup → content script (`tabs.sendMessage`), answered with sendResponse. The
 * content script accepts these only from our own extension (sender.id) and never from a tab.
 */
export type ToContent =
  /** Fresh states of some of the page's links (pushed when they change). */
  | { type: 'linkStates'; page: string; states: LinkStatus }
  /** Is `page` (the token the script sent with linkStatus) still the document in this frame? → boolean */
  | { type: 'ping'; page: string }
  /** The 1Fichier links in the user's selection (context menu) → string[] */
  | { type: 'selectionLinks' }
  /** Tell the user what a context-menu action queued (a short in-page notice). */
  | { type: 'enqueued'; result: EnqueueResult }
  /** → PageInfo */
  | { type: 'pageInfo' };

type Empty = Record<string, never>;

/**
 * The one protocol map: message type → [request payload, response value]. Handlers live in
 * entrypoints/background; every payload is validated there (./validate.ts).
 */
export interface ProtocolMap {
  // Content scripts may send these three (and nothing else).
  /**
   * Queue links. From a content script the page is the sender's URL. Our pages may give `pageUrl`,
   * or `tabId` (the grabber): each link then belongs to the frame of that tab that showed it.
   */
  enqueueLinks: [{ links: string[]; pageUrl?: string; tabId?: number }, EnqueueResult];
  /**
   * The states of a page's links, and a subscription: later changes are pushed to that frame as
   * `linkStates`. `page` is a random token per document (≥ 16 characters). Only jobs queued from
   * the same origin are reported, so a page cannot learn what its visitor downloaded elsewhere.
   */
  linkStatus: [{ page: string; links: PageLinkReport[] }, LinkStatus];
  /** check_links.pl for a page's links (content scripts: only while the link check is on). */
  checkLinks: [{ links: string[] }, Record<string, LinkCheck>];
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
  /** The 1Fichier links the content scripts found in a tab (the popup's page grabber). */
  pageLinks: [{ tabId: number }, PageLinkView[]];
  /** Pause all, resume all, retry failed, clear completed → how many jobs changed. */
  queueAction: [{ action: QueueAction }, { changed: number }];
  /** The password of a protected file or folder job (kept encrypted in the vault for that job). */
  setJobPassword: [{ id: string; password: string }, null];
  setJobPriority: [{ ids: string[]; priority: JobPriority | 'normal' }, { changed: number }];
  jobsAction: [{ ids: string[]; action: SelectionAction }, { changed: number }];
  /** The queue as a file: plain links, JSON (full fidelity, re-importable) or an aria2 input file. */
  exportQueue: [{ format: ExportFormat }, ExportFile];
  /** A JSON export, or any text with 1Fichier links. */
  importQueue: [{ text: string }, ImportResult];
  /**
   * "Send to aria2" / "Download in browser" for jobs not running now: the choice is kept on each
   * job; a paused or failed one is queued again. → how many changed.
   */
  setJobTransfer: [{ ids: string[]; transfer: TransferKind }, { changed: number }];
  /** aria2.getVersion at `url` with `secret` (absent: the saved one) → aria2's version. */
  testAria2: [{ url: string; secret?: string }, { version: string }];
  /** Saves aria2's secret in the vault ('' removes it). */
  setAria2Secret: [{ secret: string }, Aria2Info];
  getAria2Info: [Empty, Aria2Info];
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
  'checkLinks',
]);

/** Port name the pages connect with to receive live queue snapshots. */
export const QUEUE_PORT = 'queue-live';

/**
 * Pushed on the queue port: the whole queue once when a page connects (its first screen first), then only what changed —
 * jobs written or removed, and the byte counts of running transfers (twice a second while any
 * runs), so a page with 50,000 jobs is not sent 50,000 jobs per change.
 */
export type QueuePush =
  /**
   * The queue's first jobs in queue order; `more`: the rest follows at once in a `rest` message,
   * so a page draws its first screen without waiting for 50,000 jobs to be copied.
   */
  | { type: 'snapshot'; jobs: JobView[]; more?: boolean }
  | { type: 'rest'; jobs: JobView[] }
  | { type: 'patch'; upsert: JobView[]; remove: string[] }
  /** `at`: when the counts were read (ms); `bytes`: job id → bytes received. */
  | { type: 'progress'; at: number; bytes: Record<string, number> };
