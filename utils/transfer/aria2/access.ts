import { createAria2Client, type Aria2Client } from './client';
import type { RpcDeps } from './rpc';

/**
 * aria2 as the background reaches it: the address from the settings and the secret from the vault,
 * read at each use, so a changed setting applies to the next call.
 */
export interface Aria2AccessDeps {
  url: () => Promise<string>;
  secret: () => Promise<string | undefined>;
  /** Whether the host permission for the address is granted (chrome.permissions.contains). */
  allowed: (url: URL) => Promise<boolean>;
  fetch?: typeof fetch;
}

export function createAria2Access(deps: Aria2AccessDeps) {
  const rpcDeps: RpcDeps = { allowed: deps.allowed, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  return {
    /** A client for the saved address and secret. */
    async client(): Promise<Aria2Client> {
      const [url, secret] = await Promise.all([deps.url(), deps.secret()]);
      return createAria2Client({ url, secret }, rpcDeps);
    },
    /** "Test connection": aria2's version at `url` with `secret` (absent: the saved one). */
    async test(url: string, secret?: string): Promise<string> {
      const client = createAria2Client({ url, secret: secret ?? (await deps.secret()) }, rpcDeps);
      return client.version();
    },
  };
}

export type Aria2Access = ReturnType<typeof createAria2Access>;
