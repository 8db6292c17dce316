import { displayText } from '../utils/display-text';
import { formatBytes, type Lang } from '../utils/format';
import { t, type MessageKey } from '../utils/i18n';
import type { PageLinkView } from '../utils/messaging/protocol';
import type { LinkCheck } from '../utils/onefichier/check-links';
import { statusWord } from './status-word';

/** One row of the link chooser: the page's link and the freshest check known for it. */
export interface LinkRow {
  view: PageLinkView;
  check?: LinkCheck;
}

export type SizeRange = 'any' | 'small' | 'medium' | 'large';

export const SIZE_RANGES: readonly { value: SizeRange; label: MessageKey }[] = [
  { value: 'any', label: 'sizeAny' },
  { value: 'small', label: 'sizeSmall' },
  { value: 'medium', label: 'sizeMedium' },
  { value: 'large', label: 'sizeLarge' },
];

const MB100 = 100_000_000;
const GB1 = 1_000_000_000;

/** The name a row is known by: the checked file name, else the page's label, else the link. */
export function rowName(row: LinkRow): string {
  const checked = row.check?.state === 'online' ? displayText(row.check.name) : '';
  return checked || displayText(row.view.label) || displayText(row.view.link);
}

export function rowSize(row: LinkRow): number | undefined {
  return row.check?.state === 'online' ? row.check.size : undefined;
}

/** Known sizes only: a row of unknown size passes only with `any`. Decimal units, as shown. */
export function inRange(row: LinkRow, range: SizeRange): boolean {
  if (range === 'any') return true;
  const size = rowSize(row);
  if (size === undefined) return false;
  if (range === 'small') return size < MB100;
  if (range === 'medium') return size >= MB100 && size <= GB1;
  return size > GB1;
}

/** Case-insensitive match on the page label or the checked name (`needle` already lower-cased). */
export function matches(row: LinkRow, needle: string): boolean {
  if (needle === '') return true;
  const name = row.check?.state === 'online' ? row.check.name : '';
  return row.view.label.toLowerCase().includes(needle) || name.toLowerCase().includes(needle);
}

const CHECK_WORD: Readonly<Record<LinkCheck['state'], MessageKey>> = {
  online: 'checkOnline',
  notFound: 'checkNotFound',
  badLink: 'checkBadLink',
  private: 'checkPrivate',
  unknown: 'checkUnknown',
};

/** "Folder", "File · 64.0 MB · Queued", "File · Deleted or not found"… as plain text. */
export function rowMeta(row: LinkRow, lang: Lang): string {
  const parts = [t(row.view.kind === 'folder' ? 'kindFolder' : 'kindFile')];
  const size = rowSize(row);
  if (size !== undefined) parts.push(formatBytes(size, lang));
  if (row.check && row.check.state !== 'online') parts.push(t(CHECK_WORD[row.check.state]));
  if (row.view.state) parts.push(statusWord(row.view.state));
  return parts.join(' · ');
}
