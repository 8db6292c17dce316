import { t } from '../utils/i18n';
import type { JobPackage } from '../utils/queue/job';
import { MAX_DEPTH, targetPath, templateProblem } from '../utils/queue/places';
import { SUBFOLDER_TEMPLATE_MAX } from '../utils/settings';

/** A whole number typed in a field, when it is one within [min, max]; undefined otherwise. */
export function wholeNumber(text: string, min: number, max: number): number | undefined {
  const s = text.trim();
  if (!/^\d{1,6}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/** Why a subfolder template cannot be saved, in words; undefined when it can. */
export function templateMessage(template: string): string | undefined {
  if (template.trim().length > SUBFOLDER_TEMPLATE_MAX) return t('tplTooLong', String(SUBFOLDER_TEMPLATE_MAX));
  switch (templateProblem(template)) {
    case 'absolute':
      return t('tplAbsolute');
    case 'parent':
      return t('tplParent');
    case 'unknownField':
      return t('tplUnknownField');
    case 'tooDeep':
      return t('tplTooDeep', String(MAX_DEPTH));
    case undefined:
      return undefined;
  }
}

/** A site name, not a URL: the bundles hold no address outside 1Fichier (manifest.spec.ts). */
const SAMPLE_SITE = 'example.com';
const SAMPLE_FOLDER: JobPackage = {
  key: 'dir:sample',
  link: 'https://1fichier.com/dir/sample',
  name: 'Holiday photos',
};

/** Where a sample file, and a sample file of a folder, would go with this (valid) template. */
export function templateExamples(template: string, now: number): { file: string; folderFile: string } {
  const file = { name: 'movie.mkv', createdAt: now };
  const folderFile = { name: 'photo-001.jpg', createdAt: now, package: SAMPLE_FOLDER };
  return {
    file: targetPath(file, template, SAMPLE_SITE) ?? '',
    folderFile: targetPath(folderFile, template, SAMPLE_SITE) ?? '',
  };
}

/**
 * A number typed with a point or a comma (`1.5`, `1,5`, `.5`), at most 3 decimals, when it is one
 * within [min, max]; undefined otherwise.
 */
export function decimalNumber(text: string, min: number, max: number): number | undefined {
  const s = text.trim().replace(',', '.');
  if (!/^(?:\d{1,6}(?:\.\d{0,3})?|\.\d{1,3})$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}
