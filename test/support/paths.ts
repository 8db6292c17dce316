import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (test/support/ is two levels down). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROME_EXT_DIR = path.join(ROOT, '.output', 'chrome-mv3');
export const FIREFOX_EXT_DIR = path.join(ROOT, '.output', 'firefox-mv3');
/** Debian's Chromium; Playwright never downloads a browser here (platform-notes.md §6). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
