import { sanitizeFilename } from '../filename';
import type { Job } from './job';

/**
 * Where a job's file goes, relative to the browser's download folder: the optional subfolder
 * template, then a subfolder per folder package, then the sanitised file name. Every component
 * goes through the filename sanitiser, because Chromium rejects (rather than fixes) a path with a
 * bad component (security-notes.md §4.1–4.2); `..`, absolute paths and empty parts cannot occur.
 *
 * Template fields: `{site}` the site of the page the link came from (`1fichier.com` when none),
 * `{date}` the day the job was queued (YYYY-MM-DD, local time), `{folder}` the folder package's
 * name (nothing for a single file). When the template places `{folder}` itself, packages get no
 * second subfolder.
 */
export const TEMPLATE_FIELDS = ['site', 'date', 'folder'] as const;
export const MAX_DEPTH = 8;

export type TemplateProblem = 'absolute' | 'parent' | 'unknownField' | 'tooDeep';

const FIELD = /\{([^{}]*)\}/g;

/** Why a template cannot be used, or undefined when it can ('' is valid: no subfolder). */
export function templateProblem(template: string): TemplateProblem | undefined {
  const t = template.trim();
  if (t === '') return undefined;
  if (/^([/\\]|[a-z]:)/i.test(t)) return 'absolute';
  const parts = t.split(/[/\\]/).map((p) => p.trim());
  if (parts.some((p) => p === '..' || p === '.')) return 'parent';
  for (const m of t.matchAll(FIELD)) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(m[1] ?? '')) return 'unknownField';
  }
  if (parts.filter((p) => p !== '').length > MAX_DEPTH) return 'tooDeep';
  return undefined;
}

/** The package's folder name: its name when known and not empty, else its id (`dir:<id>` → `<id>`). */
export function packageFolder(job: Pick<Job, 'package'>): string | undefined {
  if (!job.package) return undefined;
  return job.package.name || job.package.key.replace(/^dir:/, '');
}

function siteOf(pageUrl: string | undefined): string {
  if (!pageUrl) return '1fichier.com';
  try {
    return new URL(pageUrl).hostname.replace(/^www\./, '') || '1fichier.com';
  } catch {
    return '1fichier.com';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function day(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The subfolders for a job (each component safe), possibly none. `site` replaces the site of the
 * job's page (the options page's preview names a sample site without a URL).
 */
export function subfolders(
  job: Pick<Job, 'package' | 'pageUrl' | 'createdAt'>,
  template: string,
  site?: string,
): string[] {
  const folder = packageFolder(job);
  const usable = templateProblem(template) === undefined ? template.trim() : '';
  const values: Record<string, string> = {
    site: site ?? siteOf(job.pageUrl),
    date: day(job.createdAt),
    folder: folder ?? '',
  };
  const out = usable
    .split(/[/\\]/)
    .map((part) => part.replace(FIELD, (_, name: string) => values[name] ?? ''))
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => sanitizeFilename(part, '_'));
  if (folder !== undefined && !/\{folder\}/.test(usable)) out.push(sanitizeFilename(folder, '_'));
  return out.slice(0, MAX_DEPTH + 1);
}

/** Whether the absolute `file` is `relative` under some folder (either slash), not a renamed copy. */
export function isAtPath(file: string, relative: string): boolean {
  return file.replaceAll('\\', '/').endsWith(`/${relative}`);
}

/**
 * The relative path to ask the browser for, or undefined when the name is not known (the browser
 * then takes it from Content-Disposition, and no subfolder can be set).
 */
export function targetPath(
  job: Pick<Job, 'name' | 'package' | 'pageUrl' | 'createdAt'>,
  template: string,
  site?: string,
): string | undefined {
  if (job.name === undefined) return undefined;
  return [...subfolders(job, template, site), sanitizeFilename(job.name)].join('/');
}
