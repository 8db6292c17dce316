import type { OneFichierClient } from '../onefichier/client';
import type { PublicFolder } from '../onefichier/public-folder';
import type { Settings } from '../settings';
import type { Aria2Access } from '../transfer/aria2/access';
import type { DownloadsApi } from '../transfer/downloads-api';
import type { QueueStore } from './store';

/** What the queue engine needs from the rest of the background (tests pass fakes). */
export interface EngineDeps {
  store: QueueStore;
  client: Pick<OneFichierClient, 'fileInfo' | 'getToken'>;
  /** Lists a public folder (the password form when `pass` is given). */
  publicFolder?: (folder: { domain: string; id: string }, pass?: string) => Promise<PublicFolder>;
  downloads: DownloadsApi;
  /** aria2, when the user set it up (absent in tests that do not use it). */
  aria2?: Pick<Aria2Access, 'client'>;
  /** The decrypted API key, or undefined when none is stored; rejects `locked` while locked. */
  getKey: () => Promise<string | undefined>;
  /** Passphrase mode without the unlocked key: jobs that need a token wait as `locked`. */
  isLocked: () => Promise<boolean>;
  /** Read before each use, so a changed setting applies at once. */
  getOptions: () => Promise<
    Pick<
      Settings,
      | 'parallel'
      | 'noSsl'
      | 'useCdnCredits'
      | 'subfolderTemplate'
      | 'conflictAction'
      | 'smallFileDelaySec'
      | 'aria2Enabled'
      | 'transfer'
      | 'aria2Dir'
      | 'aria2Connections'
      | 'aria2Fallback'
    >
  >;
  /** File and folder passwords, one per job, kept encrypted in the vault (`password:<job id>`). */
  passwords: {
    get: (jobId: string) => Promise<string | undefined>;
    set: (jobId: string, password: string) => Promise<void>;
    delete: (jobId: string) => Promise<void>;
  };
  /** When the last small file started (survives a worker restart). */
  smallStarts?: { get: () => Promise<number | undefined>; set: (at: number) => Promise<void> };
  /** Arms (or clears) the wake-up for the earliest waiting job or held-back start. */
  scheduleWake: (at: number | undefined) => Promise<void>;
  /**
   * Keeps the background alive while a job is being resolved in memory (its token, its hand-off);
   * returns the release. Firefox unloads an idle event page even while its own timers run.
   */
  keepAwake?: () => () => void;
  /** Runs `fn` while holding the queue lock (one context pumps at a time). */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Called after any change the pages should see. */
  onChange: () => void;
  now?: () => number;
}
