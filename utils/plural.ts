import { formatCount, type Lang } from './format';
import { t, type MessageKey } from './i18n';

/** English: 1 is singular. French: 0 and 1 are singular ("0 lien trouvé", "1 lien trouvé"). */
export function isSingular(n: number, lang: Lang): boolean {
  return lang === 'fr' ? n < 2 : n === 1;
}

/**
 * `t(one | other, n, …more)`, the number written the way the language writes it (formatCount:
 * `12,345` / `12 345`). The message takes the count as its first substitution.
 */
export function counted(
  n: number,
  one: MessageKey,
  other: MessageKey,
  lang: Lang,
  ...more: string[]
): string {
  return t(isSingular(n, lang) ? one : other, formatCount(n, lang), ...more);
}
