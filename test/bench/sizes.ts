import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The JS a page loads: its module scripts and, recursively, their static imports. */
export function pageScripts(extDir: string, htmlFile: string): string[] {
  const html = fs.readFileSync(path.join(extDir, htmlFile), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => path.join(extDir, m[1] ?? ''));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      const spec = m[1] ?? '';
      queue.push(spec.startsWith('/') ? path.join(extDir, spec) : path.resolve(path.dirname(file), spec));
    }
  }
  return [...seen];
}

/** Sum of the gzipped sizes (level 9) of the given files, in bytes. */
export function gzippedSize(files: readonly string[]): number {
  return files.reduce((sum, f) => sum + gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
}
