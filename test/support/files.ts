import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** sha256 of a file on disk, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Files in a download folder, without Chromium's in-progress `.crdownload` entries. */
export function finishedFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => !f.endsWith('.crdownload'))
    .map((f) => path.join(dir, f));
}
