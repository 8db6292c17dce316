/**
 * A small tmpfs as a download folder, to fill the disk on purpose (Linux, root: CI runs as root).
 * Not being allowed to mount is an error with a clear message, never a silent skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  dir: string;
  /** Unmounts and removes the mount point (safe to call twice). */
  dispose(): void;
}

const errText = (err: unknown): string =>
  err instanceof Error
    ? `${err.message}${'stderr' in err && err.stderr ? ` ${String(err.stderr as Buffer | string).trim()}` : ''}`
    : String(err);

/** Mounts a tmpfs of `bytes` (rounded up to KiB) on a new temp folder. */
export function mountTmpfs(bytes: number): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(bytes / 1024)}k,mode=0777`, 'tmpfs', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `Cannot mount a ${bytes}-byte tmpfs on ${dir} for the disk-full scenario: this test needs Linux ` +
        `and permission to mount (root, or CAP_SYS_ADMIN). ${errText(err)}`,
      { cause: err },
    );
  }
  let mounted = true;
  return {
    dir,
    dispose() {
      if (mounted) {
        try {
          execFileSync('umount', [dir], { stdio: ['ignore', 'ignore', 'pipe'] });
        } catch {
          // Still busy (a browser that did not exit cleanly): detach it now, freed when unused.
          execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
        }
        mounted = false;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
