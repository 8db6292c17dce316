import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, type Page } from '@playwright/test';
import { displayText } from '../../utils/display-text.ts';
import { bulkFiles, FILES, FOLDERS, KEYS, type FixtureFile } from '../emulator/index.ts';
import { registerFiles } from '../emulator/fixtures.ts';
import type { ExtensionBrowser } from './chromium.ts';
import { ROOT } from './paths.ts';

// Resolving several links is paced by the API's flood rules: slower than the default 5 s outside a test.
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * A queue that looks like real use, built through the product itself (the options form, the
 * popup's `Add links` box and its buttons) in the browser's UI language: finished and failed
 * items (a folder package, a deleted file), then large files that keep running, one paused and,
 * when there are more of them than parallel slots, one still queued. Shared by the accessibility
 * gate and `npm run screenshots`.
 */

export type Lang = 'en' | 'fr';

/** A message of public/_locales/<lang>/messages.json (the texts the product shows). */
export function uiText(lang: Lang): (key: string) => string {
  const file = path.join(ROOT, 'public', '_locales', lang, 'messages.json');
  const messages = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  return (key) => {
    const m = messages[key]?.message;
    if (m === undefined) throw new Error(`no message "${key}" in ${lang}`);
    return m;
  };
}

const NAMES = [
  'Holiday video 2025.mp4',
  'debian-13.1.0-amd64-netinst.iso',
  'Project backup (March).tar.gz',
  'Concert — live recording.flac',
  'Photos été 2024.zip',
];

/**
 * `n` large files with ordinary names (generated content the emulator serves like any fixture),
 * big enough to stay mid-way for a while behind the emulator's CDN speed cap.
 */
export function largeFiles(n: number, size: number): FixtureFile[] {
  const files = bulkFiles(n, size, 7).map((f, i) => ({ ...f, name: NAMES[i % NAMES.length]! }));
  registerFiles(files);
  return files;
}

/** Links that settle (complete or fail) quickly: a public folder (six files) and a deleted file. */
export const SETTLING_LINKS = [FOLDERS.public.link, FILES.deleted.link];
/** How many list items {@link SETTLING_LINKS} become. */
export const SETTLING_ITEMS = FOLDERS.public.files.length + 1;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The popup's or the manager's `Downloads` list (its name may be translated). */
export function downloadsList(page: Page) {
  return page.getByRole('list', { name: /^(Downloads|Téléchargements)$/ });
}

/** A file's item: by its name once known, by its id before. */
export function fileItem(page: Page, file: FixtureFile) {
  return downloadsList(page)
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`${escapeRe(displayText(file.name))}|${file.id}`) });
}

/** Saves the premium key through the options form; returns the options tab. */
export async function saveKey(ext: ExtensionBrowser, lang: Lang): Promise<Page> {
  const m = uiText(lang);
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByRole('textbox', { name: m('apiKeyLabel') }).fill(KEYS.premium);
  await options.getByRole('button', { name: m('saveKey') }).click();
  await expect(options.getByRole('status')).toContainText('Premium');
  return options;
}

/** Pastes links into the popup's `Add links` box and presses `Add`. */
export async function addLinks(popup: Page, lang: Lang, links: readonly string[]): Promise<void> {
  const m = uiText(lang);
  await popup.getByRole('textbox', { name: m('pasteLabel') }).fill(links.join('\n'));
  await popup.getByRole('button', { name: m('pasteAdd'), exact: true }).click();
}

/** Waits until the list has `count` items, `settled` of them (default all) Completed or Failed. */
export async function waitSettled(popup: Page, lang: Lang, count: number, settled = count): Promise<void> {
  const m = uiText(lang);
  const done = [m('statusCompleted'), m('statusFailed')];
  await expect
    .poll(
      async () => {
        const texts = await downloadsList(popup).getByRole('listitem').allInnerTexts();
        const finished = texts.filter((t) => done.some((w) => t.includes(w)));
        return texts.length === count && finished.length === settled;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** Queues `files` and pauses the first one once it downloads (the others fill the slots). */
async function addAndPauseFirst(popup: Page, lang: Lang, files: readonly FixtureFile[]): Promise<void> {
  const m = uiText(lang);
  await addLinks(
    popup,
    lang,
    files.map((f) => f.link),
  );
  const [first] = files;
  if (first === undefined) return;
  await expect(fileItem(popup, first)).toContainText(m('statusDownloading'));
  await fileItem(popup, first)
    .getByRole('button', { name: m('actPause'), exact: true })
    .click();
  await expect(fileItem(popup, first)).toContainText(m('statusPaused'));
}

/**
 * The whole busy queue in `popup` (a tab of popup.html) with the default three parallel downloads:
 * the settling links first, then `running` (the first one paused once it downloads).
 */
export async function buildBusyQueue(
  popup: Page,
  lang: Lang,
  running: readonly FixtureFile[],
): Promise<void> {
  await addLinks(popup, lang, SETTLING_LINKS);
  await waitSettled(popup, lang, SETTLING_ITEMS);
  await addAndPauseFirst(popup, lang, running);
}

/** Sets `Parallel downloads` in the options page and waits for `Saved.`. */
export async function setParallel(options: Page, lang: Lang, parallel: number): Promise<void> {
  const m = uiText(lang);
  const field = options.getByRole('spinbutton', { name: m('setParallel') });
  await field.fill(String(parallel));
  await field.blur();
  await expect(options.getByText(m('settingSaved'), { exact: true })).toBeVisible();
}

/**
 * The same queue with the running files at the top of the list, as after a while of real use.
 * Needs `Parallel downloads` = `first.length` (setParallel): `first` is queued and its first file
 * paused, which frees the slot the settling links go through; then `later` is queued: its first
 * file takes the last free slot, the others wait their turn (Queued).
 */
export async function buildRunningFirstQueue(
  popup: Page,
  lang: Lang,
  first: readonly FixtureFile[],
  later: readonly FixtureFile[],
): Promise<void> {
  await addAndPauseFirst(popup, lang, first);
  await addLinks(popup, lang, SETTLING_LINKS);
  await waitSettled(popup, lang, first.length + SETTLING_ITEMS, SETTLING_ITEMS);
  await addLinks(
    popup,
    lang,
    later.map((f) => f.link),
  );
  const total = first.length + SETTLING_ITEMS + later.length;
  await expect(downloadsList(popup).getByRole('listitem')).toHaveCount(total);
}
