import { checkLinksBody, CHECK_LINKS_MAX, parseCheckLinks, type LinkCheck } from './check-links';
import { AppError, classifyApiFailure, classifyUnreadable, isFloodText } from './errors';
import { exchange, failureOptions, type HttpDeps, type RawAnswer } from './http';
import { parseFileLink } from './links';
import type { Pacer } from './pacer';
import { parseAccountInfo, parseDirectUrl, parseFileInfo, parseFileList, parseFolder } from './parse';
import { publicFolderUrl, readPublicFolderAnswer, type PublicFolder } from './public-folder';
import type {
  AccountFileList,
  AccountFolder,
  AccountInfo,
  AccountKind,
  FileInfo,
  TokenOptions,
} from './types';

/** The only host the API key is ever sent to. */
export const API_BASE = 'https://api.1fichier.com/v1/';
/** The website host for the bulk link check (no key, §8). */
export const CHECK_LINKS_URL = 'https://1fichier.com/check_links.pl';

/** 1Fichier allows one listing of a folder per 30 s, and of all files once an hour (§3.3). */
export const FOLDER_LIST_TTL_MS = 30_000;
export const ALL_FILES_TTL_MS = 60 * 60_000;

export interface ClientDeps {
  pacer: Pacer;
  fetch?: typeof fetch;
  /** Per-call timeout (default 20 s). */
  timeoutMs?: number;
  now?: () => number;
}

export interface OneFichierClient {
  userInfo(key: string): Promise<AccountInfo>;
  fileInfo(key: string, url: string, pass?: string): Promise<FileInfo>;
  /** A fresh direct download URL; request it right before the transfer (tokens live ~5 min). */
  getToken(key: string, url: string, opts?: TokenOptions): Promise<string>;
  /** One of the user's folders (`0` = root), with its files when asked (`folder/ls.cgi`). */
  listFolder(key: string, folderId?: number, opts?: { files?: boolean }): Promise<AccountFolder>;
  /** The files of one of the user's folders, or of the whole account with `-1` (`file/ls.cgi`). */
  listFiles(key: string, folderId?: number): Promise<AccountFileList>;
  /**
   * A public folder link's files (`/dir/<ID>?json=1`, the password form when `pass` is given).
   * Always read from 1fichier.com: `domain` (the one the link used) does not choose the host
   * (see `publicFolderUrl`).
   */
  publicFolder(folder: { domain: string; id: string }, pass?: string): Promise<PublicFolder>;
  /**
   * Name, size and availability of many file links (`check_links.pl`, no key, ≤ 100 per request).
   * Keys of the result are the files' keys (lower-cased ids); links that are not file links are left out.
   */
  checkLinks(links: readonly string[]): Promise<Map<string, LinkCheck>>;
}

export type { AccountInfo, AccountKind, FileInfo };

/** Reads an API answer: the JSON object, or the typed failure (KO, HTTP status, unreadable). */
function readApi(answer: RawAnswer): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new AppError(classifyUnreadable(answer.status, answer.text), failureOptions(answer));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError(answer.ok ? 'badResponse' : classifyApiFailure(answer.status, undefined), {
      ...failureOptions(answer),
    });
  }
  const record = json as Record<string, unknown>;
  const message = typeof record.message === 'string' ? record.message : undefined;
  if (!answer.ok || record.status === 'KO') {
    throw new AppError(classifyApiFailure(answer.status, message), failureOptions(answer, message));
  }
  return record;
}

/**
 * A typed 1Fichier client. Every call goes through the pacer (one in flight, spaced, flood gate)
 * with a timeout. API calls are POST JSON with the Bearer key to api.1fichier.com only; website
 * calls (public folders, link check) never carry the key.
 */
export function createOneFichierClient(deps: ClientDeps): OneFichierClient {
  const now = deps.now ?? Date.now;
  const http: HttpDeps = {
    fetch: deps.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: deps.timeoutMs ?? 20_000,
    now,
  };

  const api = (endpoint: string, key: string, body: object) =>
    deps.pacer.run(async () =>
      readApi(
        await exchange(http, API_BASE + endpoint, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    );

  /** Short-lived listings, so the 30 s / 1 h listing limits are never hit by repeated asks. */
  const listings = new Map<string, { at: number; value: unknown }>();
  let listingsOwner: string | undefined;
  async function cached<T>(key: string, id: string, ttl: number, load: () => Promise<T>): Promise<T> {
    if (listingsOwner !== key) {
      listings.clear();
      listingsOwner = key;
    }
    const hit = listings.get(id);
    if (hit && now() - hit.at < ttl) return hit.value as T;
    const value = await load();
    listings.set(id, { at: now(), value });
    return value;
  }

  return {
    async userInfo(key) {
      return parseAccountInfo(await api('user/info.cgi', key, {}));
    },
    async fileInfo(key, url, pass) {
      return parseFileInfo(await api('file/info.cgi', key, pass ? { url, pass } : { url }));
    },
    async getToken(key, url, opts = {}) {
      const body: Record<string, unknown> = { url, no_ssl: opts.noSsl ? 1 : 0 };
      if (opts.pass) body.pass = opts.pass;
      // CDN credits cost the user money: asked for only when they turned it on (§6.9).
      if (opts.cdn) body.cdn = 1;
      // No `single`: the browser may resume the transfer with Range on the same link (§6.3).
      return parseDirectUrl(await api('download/get_token.cgi', key, body));
    },
    listFolder(key, folderId = 0, opts = {}) {
      const files = opts.files === true;
      return cached(key, `folder:${folderId}:${files}`, FOLDER_LIST_TTL_MS, async () =>
        parseFolder(
          await api(
            'folder/ls.cgi',
            key,
            files ? { folder_id: folderId, files: 1 } : { folder_id: folderId },
          ),
          files,
        ),
      );
    },
    listFiles(key, folderId = 0) {
      const ttl = folderId === -1 ? ALL_FILES_TTL_MS : FOLDER_LIST_TTL_MS;
      return cached(key, `files:${folderId}`, ttl, async () =>
        parseFileList(await api('file/ls.cgi', key, { folder_id: folderId })),
      );
    },
    publicFolder(folder, pass) {
      const url = publicFolderUrl(folder);
      return deps.pacer.run(async () => {
        const answer = pass
          ? await exchange(http, url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ json: '1', pass }).toString(),
            })
          : await exchange(http, `${url}?json=1`, { method: 'GET' });
        return readPublicFolderAnswer(answer, pass);
      });
    },
    async checkLinks(links) {
      const out = new Map<string, LinkCheck>();
      // One line per file: keyed by file id, whatever domain or decoration the link had.
      const byKey = new Map<string, string>();
      for (const raw of links) {
        const link = parseFileLink(raw);
        if (link && !byKey.has(link.key)) byKey.set(link.key, link.canonical);
      }
      const unique = [...byKey];
      for (let i = 0; i < unique.length; i += CHECK_LINKS_MAX) {
        const batch = unique.slice(i, i + CHECK_LINKS_MAX);
        const answer = await deps.pacer.run(async () => {
          const a = await exchange(http, CHECK_LINKS_URL, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: checkLinksBody(batch.map(([, link]) => link)),
          });
          // The whole body `IP Locked` when blocked (§8): a flood, so the pacer's gate closes.
          if (isFloodText(a.text)) {
            throw new AppError('flood', failureOptions(a, a.text.trim().slice(0, 80)));
          }
          if (!a.ok) throw new AppError(classifyUnreadable(a.status, a.text), failureOptions(a));
          return a;
        });
        const checks = parseCheckLinks(
          answer.text,
          batch.map(([fileId]) => fileId),
        );
        for (const [fileId, check] of checks) out.set(fileId, check);
      }
      return out;
    },
  };
}
