import { AppError, toErrorInfo } from '../onefichier/errors';
import { parseLink } from '../onefichier/links';
import type { EngineDeps } from './engine-deps';
import type { Job } from './job';
import { toFailed, toWrongPassword } from './transitions';

/**
 * A password-protected folder link waits in the queue as one `kind: 'folder'` job. With the right
 * password its listing replaces it, at the same place in the queue, by one file job per file (a
 * package); a wrong one counts, and the third stops the asking. The folder password is only used
 * for the listing: the files of a folder have passwords of their own, if any.
 */
export async function expandProtectedFolder(
  deps: EngineDeps,
  job: Job,
  password: string | undefined,
): Promise<void> {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const link = parseLink(job.link);
  if (!deps.publicFolder || link?.kind !== 'folder') throw new AppError('badLink');
  try {
    const folder = await deps.publicFolder(link, password);
    if (folder.entries.length === 0) throw new AppError('folderEmpty');
    const ordered = await store.ordered();
    const at = ordered.findIndex((j) => j.id === job.id);
    const before = ordered[at - 1];
    const items = folder.entries.map((entry) => ({
      fileKey: entry.key,
      link: entry.link,
      name: entry.name,
      size: entry.size,
      package: { key: job.fileKey, link: job.link, name: job.package?.name ?? link.id },
      ...(job.pageUrl ? { pageUrl: job.pageUrl } : {}),
    }));
    await store.add(items, now(), { after: before?.order ?? job.order - 1, before: job.order });
    await store.remove([job.id]);
  } catch (err) {
    const info = toErrorInfo(err);
    await store.update(job.id, (cur) =>
      info.kind === 'folderPasswordWrong' ? toWrongPassword(cur, info, now()) : toFailed(cur, info, now()),
    );
    if (password !== undefined) throw err;
  }
}
