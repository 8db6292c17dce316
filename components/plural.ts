import type { Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';

/** English: 1 is singular. French: 0 and 1 are singular ("0 lien trouvé", "1 lien trouvé"). */
export function isSingular(n: number, lang: Lang): boolean {
  return lang === 'fr' ? n < 2 : n === 1;
}

/** `t(one | other, n)`, the number written the way the language writes it. */
export function counted(
  n: number,
  one: MessageKey,
  other: MessageKey,
  lang: Lang,
  ...more: string[]
): string {
  const number = n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US');
  return t(isSingular(n, lang) ? one : other, number, ...more);
}
