import type { LinkCheck } from '../../utils/onefichier/check-links';
import type { OneFichierClient } from '../../utils/onefichier/client';
import type { PublicFolder } from '../../utils/onefichier/public-folder';
import type {
  AccountFileList,
  AccountFolder,
  AccountInfo,
  FileInfo,
  TokenOptions,
} from '../../utils/onefichier/types';

type Methods = {
  userInfo: { args: [key: string]; result: AccountInfo };
  fileInfo: { args: [key: string, url: string, pass?: string]; result: FileInfo };
  getToken: { args: [key: string, url: string, opts?: TokenOptions]; result: string };
  listFolder: { args: [key: string, folderId?: number, opts?: { files?: boolean }]; result: AccountFolder };
  listFiles: { args: [key: string, folderId?: number]; result: AccountFileList };
  publicFolder: { args: [folder: { domain: string; id: string }, pass?: string]; result: PublicFolder };
  checkLinks: { args: [links: readonly string[]]; result: Map<string, LinkCheck> };
};
export type ClientMethod = keyof Methods;

/** A scripted answer: a value, an error to throw, or a function of the call's arguments. */
export type Answer<M extends ClientMethod> =
  | Methods[M]['result']
  | Error
  | ((...args: Methods[M]['args']) => Methods[M]['result'] | Promise<Methods[M]['result']>);

export interface ClientCall<M extends ClientMethod = ClientMethod> {
  method: M;
  args: Methods[M]['args'];
}

export interface FakeClient extends OneFichierClient {
  readonly calls: ClientCall[];
  callsOf<M extends ClientMethod>(method: M): Methods[M]['args'][];
  /** The answer used whenever no one-shot answer is queued. */
  on<M extends ClientMethod>(method: M, answer: Answer<M>): void;
  /** One-shot answers, used in order before the default one. */
  once<M extends ClientMethod>(method: M, ...answers: Answer<M>[]): void;
}

/** The file name the default file/info answer gives a link: `file-<id>.bin`. */
export function defaultName(url: string): string {
  return `file-${url.slice(url.indexOf('?') + 1)}.bin`;
}

export const DEFAULT_SIZE = 1_000;

/**
 * A fake 1Fichier client with scripted answers. Defaults: a Premium account, file/info giving
 * `file-<id>.bin` of 1,000 bytes, and a new direct link on every get_token call.
 */
export function createFakeClient(): FakeClient {
  const calls: ClientCall[] = [];
  let tokens = 0;
  const defaults: { [M in ClientMethod]: Answer<M> } = {
    userInfo: { kind: 'premium', email: 'user@example.com', subscriptionEnd: '2027-01-31 23:59:59' },
    fileInfo: (_key, url) => ({ url, name: defaultName(url), size: DEFAULT_SIZE, passwordProtected: false }),
    getToken: () => `https://a-1.1fichier.com/p${++tokens}`,
    listFolder: (_key, folderId = 0) => ({
      id: folderId,
      name: '',
      passwordProtected: false,
      subFolders: [],
      skipped: 0,
    }),
    listFiles: () => ({ files: [], skipped: 0 }),
    publicFolder: () => ({ entries: [], skipped: 0 }),
    checkLinks: () => new Map(),
  };
  const queued: { [M in ClientMethod]: Answer<M>[] } = {
    userInfo: [],
    fileInfo: [],
    getToken: [],
    listFolder: [],
    listFiles: [],
    publicFolder: [],
    checkLinks: [],
  };

  async function answer<M extends ClientMethod>(
    method: M,
    args: Methods[M]['args'],
  ): Promise<Methods[M]['result']> {
    calls.push({ method, args } as ClientCall);
    const a = (queued[method].shift() ?? defaults[method]) as Answer<M>;
    if (a instanceof Error) throw a;
    if (typeof a === 'function') return (a as (...x: Methods[M]['args']) => Methods[M]['result'])(...args);
    return a;
  }

  return {
    calls,
    callsOf(method) {
      return calls.filter((c) => c.method === method).map((c) => c.args) as never;
    },
    on(method, a) {
      (defaults as Record<ClientMethod, unknown>)[method] = a;
    },
    once(method, ...answers) {
      (queued[method] as unknown[]).push(...answers);
    },
    userInfo: (key) => answer('userInfo', [key]),
    fileInfo: (key, url, pass) => answer('fileInfo', pass === undefined ? [key, url] : [key, url, pass]),
    getToken: (key, url, opts) => answer('getToken', opts === undefined ? [key, url] : [key, url, opts]),
    listFolder: (...args) => answer('listFolder', args),
    listFiles: (...args) => answer('listFiles', args),
    publicFolder: (...args) => answer('publicFolder', args),
    checkLinks: (...args) => answer('checkLinks', args),
  };
}
