import type { AppErrorInfo } from '../onefichier/errors';
import type { TransferKind } from '../settings';
import type { JobState } from './state';

/** One queue entry, persisted in IndexedDB before every side effect. */
export interface Job {
  id: string;
  /** De-duplication key: the 1Fichier file id (lower case). */
  fileKey: string;
  /** Canonical link sent to the API: `https://<domain>/?<id>`. */
  link: string;
  state: JobState;
  /** Position in the queue (smaller first). */
  order: number;
  createdAt: number;
  updatedAt: number;
  /** File name and size from file/info.cgi, once known. */
  name?: string;
  size?: number;
  /** Attempts made so far (resolving or transferring). */
  attempts: number;
  /** When a `waiting` job may run again. */
  nextAttemptAt?: number;
  error?: AppErrorInfo;
  /**
   * The direct link handed to the browser, written BEFORE `downloads.download` is called: if the
   * worker dies before the download id is recorded, reconciliation finds the download by this URL
   * instead of starting a second one.
   */
  pendingUrl?: string;
  /** The browser download running this job. */
  downloadId?: number;
  bytesReceived?: number;
  /** The path the browser finally wrote (another extension may have renamed it). */
  finalPath?: string;
  /** The page the link came from (stays on this machine). */
  pageUrl?: string;
  /** The folder this file was queued with (a folder link becomes a package of file jobs). */
  package?: JobPackage;
  /**
   * `folder`: a password-protected folder link waiting for its password (never transferred; once
   * the password lists it, the job is replaced by the package's file jobs at the same place).
   * Absent for file jobs.
   */
  kind?: 'folder';
  /** Scheduling priority (absent = normal); manual order decides within a priority. */
  priority?: JobPriority;
  /** When the direct link in `pendingUrl` / of the running download was issued (tokens live ~5 min). */
  tokenAt?: number;
  /** Browser-level resumes of the current download (Range on the same link), reset on each new token. */
  resumes?: number;
  /** Wrong passwords given for this job so far (the popup asks at most three times). */
  passwordTries?: number;
  /** The relative path asked of the browser (subfolders and sanitised name), for reconciliation. */
  targetPath?: string;
  /** When the current browser download was started (Firefox reconciles by URL, name and time). */
  startedAt?: number;
  /**
   * The file (absolute path) the browser created for the job's latest browser attempt. A new
   * attempt asking for that same path overwrites it instead of writing `name(1).ext` beside it
   * (own-file.ts); kept across attempts, never exported.
   */
  ownFile?: string;
  completedAt?: number;
  /** The user's choice of transfer for this job ("Send to aria2"); absent = the setting. */
  transfer?: TransferKind;
  /**
   * The aria2 download of the current attempt (16 hex digits, chosen by us and written with
   * `pendingUrl` BEFORE `aria2.addUri`): a worker that dies in between finds it by that id instead
   * of adding it twice, and aria2 refuses a second download with the same id.
   */
  gid?: string;
  /** Connections the aria2 download uses (what the scheduler counts against the host budget). */
  connections?: number;
  /**
   * The file aria2 writes, as aria2 reported it: a retry asks for the same file (aria2 continues
   * it from its control file, or starts it over), never a renamed second copy.
   */
  aria2Path?: string;
  /** The current or finished transfer ran in aria2. */
  viaAria2?: true;
  /** When the aria2 download last made progress (a stalled one is restarted with a fresh link). */
  progressAt?: number;
}

export type JobPriority = 'high' | 'low';

/** A public folder queued as a whole: `key` is the folder link's key (`dir:<id>`). */
export interface JobPackage {
  key: string;
  /** The folder's canonical link. */
  link: string;
  /** The folder's name as shown and used for its subfolder (the folder id when 1Fichier gives none). */
  name?: string;
}
