/**
 * The Firefox gate: addons-linter (offline, pinned 10.13.0) on the Firefox zip must report zero
 * errors. Warnings are printed; the README explains each one that remains.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/paths.ts';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const zip = path.join(ROOT, '.output', `${pkg.name}-${pkg.version}-firefox.zip`);
if (!fs.existsSync(zip)) {
  console.error(`lint-firefox: ${zip} is missing; run "npm run zip" first.`);
  process.exit(1);
}
const run = spawnSync('addons-linter', ['--self-hosted', '--output', 'json', zip], {
  cwd: ROOT,
  encoding: 'utf8',
  maxBuffer: 32 * 1024 * 1024,
});
const start = run.stdout.indexOf('{');
if (start < 0) {
  console.error(`lint-firefox: addons-linter printed no report.\n${run.stderr}`);
  process.exit(1);
}
interface Finding {
  code: string;
  message: string;
  file?: string;
}
const report = JSON.parse(run.stdout.slice(start)) as {
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
};
for (const w of report.warnings)
  console.log(`warning ${w.code}: ${w.message}${w.file ? ` (${w.file})` : ''}`);
for (const e of report.errors) console.log(`ERROR ${e.code}: ${e.message}${e.file ? ` (${e.file})` : ''}`);
console.log(
  `addons-linter: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`,
);
process.exit(report.errors.length === 0 ? 0 : 1);
