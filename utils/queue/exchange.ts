import type { ExportFile, ExportFormat, ImportResult, EnqueueResult } from '../messaging/protocol';
import { AppError } from '../onefichier/errors';
import { sanitizeFilename } from '../filename';
import type { EngineDeps } from './engine-deps';
import { aria2Input, exportFilename, exportJson, exportLinks, inQueueOrder, type Aria2Entry } from './export';
import { parseImport } from './import';
import { subfolders } from './places';
import type { AddResult, NewJob } from './store';

/** Direct links fetched for one aria2 file at most (the API is paced at ≥ 1 s a call). */
export const ARIA2_MAX_LINKS = 50;

export interface ExchangeDeps extends Pick<
  EngineDeps,
  'store' | 'client' | 'getKey' | 'getOptions' | 'passwords'
> {
  /** Queues plain links (files, and folders as packages), as the paste box does. */
  queueLinks: (links: readonly string[]) => Promise<EnqueueResult>;
  /** Writes jobs (de-duplicated by file) and lets the engine run them. */
  enqueue: (items: readonly NewJob[]) => Promise<AddResult>;
  now?: () => number;
}

const MIME: Readonly<Record<ExportFormat, string>> = {
  links: 'text/plain',
  json: 'application/json',
  aria2: 'text/plain',
};

/**
 * Export and import of the queue. Plain links and JSON are read from the store. An aria2 input
 * file needs direct links: one fresh token per unfinished file job (its own password included),
 * valid about 5 minutes, so the file is for now, not for keeping; jobs whose link cannot be had
 * (gone, password needed, more than ARIA2_MAX_LINKS) are counted as left out.
 */
export function createQueueExchange(deps: ExchangeDeps) {
  const now = deps.now ?? Date.now;

  async function aria2Entries(): Promise<{ entries: Aria2Entry[]; skipped: number }> {
    const jobs = inQueueOrder(await deps.store.all()).filter((j) => j.state !== 'completed');
    const files = jobs.filter((j) => j.kind !== 'folder');
    const key = await deps.getKey();
    if (!key) throw new AppError('noKey');
    const { noSsl, useCdnCredits, subfolderTemplate } = await deps.getOptions();
    const entries: Aria2Entry[] = [];
    for (const job of files.slice(0, ARIA2_MAX_LINKS)) {
      try {
        const pass = await deps.passwords.get(job.id);
        const url = await deps.client.getToken(key, job.link, {
          noSsl,
          cdn: useCdnCredits,
          ...(pass !== undefined ? { pass } : {}),
        });
        const dir = subfolders(job, subfolderTemplate).join('/');
        entries.push({
          url,
          ...(job.name !== undefined ? { out: sanitizeFilename(job.name) } : {}),
          ...(dir ? { dir } : {}),
        });
      } catch (err) {
        // A flood or a lock stops the whole export (every next call would fail the same way).
        if (err instanceof AppError && (err.kind === 'flood' || err.kind === 'locked')) throw err;
      }
    }
    return { entries, skipped: jobs.length - entries.length };
  }

  return {
    async exportQueue(format: ExportFormat): Promise<ExportFile> {
      const t = now();
      const base = { filename: exportFilename(format, t), mime: MIME[format] };
      if (format === 'aria2') {
        const { entries, skipped } = await aria2Entries();
        return { ...base, text: aria2Input(entries, t), count: entries.length, skipped };
      }
      const jobs = await deps.store.all();
      if (format === 'json') return { ...base, text: exportJson(jobs, t), count: jobs.length, skipped: 0 };
      const text = exportLinks(jobs);
      return { ...base, text, count: text === '' ? 0 : text.trimEnd().split('\n').length, skipped: 0 };
    },

    /** A JSON export (jobs come back with their states, in their order) or any text with links. */
    async importQueue(text: string): Promise<ImportResult> {
      const parsed = parseImport(text);
      if (parsed.kind === 'links') return { ...(await deps.queueLinks(parsed.links)), invalid: 0 };
      const result = parsed.jobs.length ? await deps.enqueue(parsed.jobs) : { added: [], duplicates: 0 };
      return {
        found: parsed.jobs.length,
        added: result.added.length,
        duplicates: result.duplicates,
        problems: [],
        invalid: parsed.invalid,
      };
    },
  };
}
