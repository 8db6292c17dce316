/**
 * An in-memory aria2 for the queue's unit tests: it keeps downloads by GID like aria2 does,
 * refuses a GID twice, forgets everything on `restart()`, and can be made unreachable or to refuse
 * the secret. The real aria2c is exercised by test/unit/aria2/client.test.ts and test/e2e/aria2.spec.ts.
 */
import { AppError, type ErrorKind } from '../../utils/onefichier/errors.ts';
import type {
  Aria2Client,
  Aria2Options,
  Aria2State,
  Aria2Status,
} from '../../utils/transfer/aria2/client.ts';

export interface FakeAria2Download {
  uri: string;
  options: Aria2Options;
  status: Aria2State;
  completedLength: number;
  totalLength: number;
  errorCode?: string;
  path: string;
}

export interface FakeAria2 {
  client: Aria2Client;
  downloads: Map<string, FakeAria2Download>;
  /** Every call, in order: method and arguments. */
  calls: { method: string; args: unknown[] }[];
  /** Undefined: answers; else every call fails with this kind (aria2NotRunning, aria2Unauthorized…). */
  failure: ErrorKind | undefined;
  /** aria2 restarted without a session: every download forgotten. */
  restart(): void;
  /** The one download added for a job's URI, or throws. */
  only(): [string, FakeAria2Download];
}

export function createFakeAria2(): FakeAria2 {
  const downloads = new Map<string, FakeAria2Download>();
  const calls: { method: string; args: unknown[] }[] = [];
  const fake: FakeAria2 = {
    downloads,
    calls,
    failure: undefined,
    restart: () => downloads.clear(),
    only() {
      const all = [...downloads];
      if (all.length !== 1) throw new Error(`expected one aria2 download, found ${all.length}`);
      return all[0]!;
    },
    client: {
      async version() {
        answer('version');
        return '1.36.0';
      },
      async addUri(uri: string, options: Aria2Options) {
        answer('addUri', uri, options);
        const gid = options.gid;
        if (!gid) throw new Error('the queue always chooses the GID');
        if (downloads.has(gid)) throw new AppError('aria2Refused', { detail: `GID ${gid} is not unique` });
        downloads.set(gid, {
          uri,
          options: { ...options },
          status: 'active',
          completedLength: 0,
          totalLength: 0,
          path: `${options.dir ?? '/srv/aria2'}/${options.out ?? 'file.bin'}`,
        });
        return gid;
      },
      async status(gid: string): Promise<Aria2Status | undefined> {
        answer('status', gid);
        const d = downloads.get(gid);
        if (!d) return undefined;
        const out: Aria2Status = {
          gid,
          status: d.status,
          completedLength: d.completedLength,
          totalLength: d.totalLength,
          downloadSpeed: 0,
          path: d.path,
        };
        if (d.errorCode) out.errorCode = d.errorCode;
        return out;
      },
      async pause(gid: string) {
        answer('pause', gid);
        const d = downloads.get(gid);
        if (d && d.status === 'active') d.status = 'paused';
      },
      async remove(gid: string) {
        answer('remove', gid);
        downloads.delete(gid);
      },
    },
  };
  function answer(method: string, ...args: unknown[]): void {
    calls.push({ method, args });
    if (fake.failure) throw new AppError(fake.failure, { detail: '127.0.0.1:6800' });
  }
  return fake;
}
