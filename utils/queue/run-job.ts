import { abandonDownload } from '../transfer/downloads-api';
import { AppError, toErrorInfo, type AppErrorInfo } from '../onefichier/errors';
import { sanitizeFilename } from '../filename';
import type { Job } from './job';
import { conflictActionFor } from './own-file';
import { targetPath } from './places';
import { reachAria2, startInAria2, wantsAria2 } from './aria2-start';
import { settleAria2 } from './aria2-settle';
import { reconcileJob } from './reconcile';
import { toFailure, toLocked, toWrongPassword } from './transitions';
import type { EngineDeps } from './engine-deps';

/**
 * file/info.cgi answers a bare "Resource not allowed" for password-protected and restricted files
 * (1fichier-api.md §3.2); get_token.cgi then tells which ("Password not provided", …), or works
 * when the restriction lets this account in. So that answer is not final here.
 */
async function fileInfoOrRestricted(deps: EngineDeps, key: string, link: string, pass: string | undefined) {
  try {
    return await deps.client.fileInfo(key, link, pass);
  } catch (err) {
    if (err instanceof AppError && (err.kind === 'notAllowed' || err.kind === 'passwordRequired'))
      return undefined;
    throw err;
  }
}

/** A failed job's next state: a wrong password counts, and the third stops the asking. */
function failureOf(cur: Job, info: AppErrorInfo, now: number): Job {
  if (info.kind === 'locked') {
    // Locked between the claim and the key: not a failure, and not an attempt.
    return toLocked({ ...cur, attempts: Math.max(0, cur.attempts - 1) }, now);
  }
  if (info.kind === 'passwordWrong') return toWrongPassword(cur, info, now);
  return toFailure(cur, info, now);
}

/**
 * resolving → (file/info) → get_token → downloads.download → downloading. The token is fetched
 * just before the transfer and every write is conditional on the job still being `resolving`: a
 * pause, cancel or removal in between wins, and a download started meanwhile is cancelled.
 */
export async function runJob(deps: EngineDeps, job: Job): Promise<void> {
  const { store, downloads } = deps;
  const now = deps.now ?? Date.now;
  const stillResolving = (change: (cur: Job) => Job) =>
    store.update(job.id, (cur) => (cur.state === 'resolving' ? change(cur) : undefined));
  try {
    const key = await deps.getKey();
    if (!key) throw new AppError('noKey');
    const pass = await deps.passwords.get(job.id);
    let current: Job | undefined = job;
    if (current.name === undefined || current.size === undefined) {
      const info = await fileInfoOrRestricted(deps, key, job.link, pass);
      if (info) {
        current = await stillResolving((cur) => ({
          ...cur,
          name: info.name,
          size: info.size,
          updatedAt: now(),
        }));
        if (!current) return;
        deps.onChange();
      }
    }
    const options = await deps.getOptions();
    // aria2 is asked first: a stopped aria2 or a wrong secret costs no token.
    const aria2 = wantsAria2(current, options) ? await reachAria2(deps, options) : undefined;
    const url = await deps.client.getToken(key, job.link, {
      noSsl: options.noSsl,
      cdn: options.useCdnCredits,
      ...(pass !== undefined ? { pass } : {}),
    });
    const path = targetPath(current, options.subfolderTemplate);
    if (aria2) {
      const started = await startInAria2(deps, current, aria2, url, options, path);
      if (started) await settleAria2(started, aria2, store, now());
      return;
    }
    // Persist the URL before the side effect, so a dying worker cannot start it twice.
    const t = now();
    current = await stillResolving((cur) => {
      const next: Job = { ...cur, pendingUrl: url, tokenAt: t, resumes: 0, startedAt: t, updatedAt: t };
      // A browser attempt (the fallback, or the user's choice changed) after an aria2 one.
      delete next.viaAria2;
      delete next.gid;
      if (path !== undefined) next.targetPath = path;
      else delete next.targetPath;
      return next;
    });
    if (!current) return;
    const downloadId = await downloads
      .download({
        url,
        // Without a known name the browser takes it from Content-Disposition.
        ...(path !== undefined
          ? { filename: path }
          : current.name !== undefined
            ? { filename: sanitizeFilename(current.name) }
            : {}),
        conflictAction: conflictActionFor(current, path, options.conflictAction),
        saveAs: false,
      })
      .catch((err: unknown) => {
        throw new AppError('transferFailed', {
          detail: err instanceof Error ? err.message.slice(0, 200) : 'refused',
          cause: err,
        });
      });
    // The file the browser chose (Chrome may not know it yet).
    const [created] = await downloads.search({ id: downloadId }).catch(() => []);
    const ownFile = created?.filename || undefined;
    const started = await stillResolving((cur) => ({
      ...cur,
      state: 'downloading',
      downloadId,
      bytesReceived: 0,
      updatedAt: now(),
      ...(ownFile !== undefined ? { ownFile } : {}),
    }));
    if (!started) {
      await abandonDownload(downloads, downloadId);
      return;
    }
    // A small file may have finished before the id was stored (its event found no job): catch up
    // now, reading the download again AFTER that write (the read above may predate its end).
    await reconcileJob(started, downloads, store, now());
  } catch (err) {
    const info = toErrorInfo(err);
    // A wrong password is forgotten: the next attempt needs a new one from the user.
    if (info.kind === 'passwordWrong') await deps.passwords.delete(job.id).catch(() => undefined);
    await stillResolving((cur) => failureOf(cur, info, now()));
  }
}
