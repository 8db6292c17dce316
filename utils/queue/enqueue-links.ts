import { AppError, toErrorInfo } from '../onefichier/errors';
import { parseLink } from '../onefichier/links';
import type { PublicFolder } from '../onefichier/public-folder';
import type { EnqueueResult } from '../messaging/protocol';
import type { AddResult, NewJob } from './store';

export interface EnqueueDeps {
  /** A public folder's files (paced; read from 1fichier.com). */
  publicFolder: (folder: { domain: string; id: string }) => Promise<PublicFolder>;
  /** Writes the jobs in one transaction (de-duplicated by file). */
  enqueue: (items: readonly NewJob[]) => Promise<AddResult>;
}

/**
 * Queues raw links from any source. Every link is parsed again here (a content script's parse is
 * never trusted); files become jobs; a public folder becomes a package: one job per file of its
 * listing, with the names and sizes the listing gives. A password-protected folder is queued as
 * one job that asks for its password (see protected-folder.ts). A folder that cannot be listed
 * (gone, empty, 1Fichier refusing) is reported in `problems`; the other links are still queued.
 * Throws `badLink` when nothing in the request is a 1Fichier file or folder link.
 */
export async function enqueueLinks(
  raws: readonly string[],
  pageUrl: string | undefined | ((raw: string) => string | undefined),
  deps: EnqueueDeps,
): Promise<EnqueueResult> {
  const pageOf = typeof pageUrl === 'function' ? pageUrl : () => pageUrl;
  const items: NewJob[] = [];
  const problems: EnqueueResult['problems'] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const link = parseLink(raw);
    if (!link || link.kind === 'direct' || seen.has(link.key)) continue;
    seen.add(link.key);
    const url = pageOf(raw);
    const page = url ? { pageUrl: url } : {};
    if (link.kind === 'file') {
      items.push({ fileKey: link.key, link: link.canonical, ...page });
      continue;
    }
    try {
      const folder = await deps.publicFolder(link);
      if (folder.entries.length === 0) throw new AppError('folderEmpty');
      for (const entry of folder.entries) {
        items.push({
          fileKey: entry.key,
          link: entry.link,
          name: entry.name,
          size: entry.size,
          package: { key: link.key, link: link.canonical, name: link.id },
          ...page,
        });
      }
    } catch (err) {
      const error = toErrorInfo(err);
      if (error.kind === 'folderPasswordRequired') {
        // Queued as one job that asks for the password in the popup, then becomes the package.
        items.push({
          fileKey: link.key,
          link: link.canonical,
          kind: 'folder',
          state: 'failed',
          error,
          package: { key: link.key, link: link.canonical, name: link.id },
          ...page,
        });
      } else problems.push({ link: link.canonical, error });
    }
  }
  if (seen.size === 0) throw new AppError('badLink');
  const result = items.length > 0 ? await deps.enqueue(items) : { added: [], duplicates: 0 };
  return { found: seen.size, added: result.added.length, duplicates: result.duplicates, problems };
}
