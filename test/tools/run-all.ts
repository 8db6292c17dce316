/**
 * `npm test`: every gate in order — type check, lint, unit and component tests, build and zips,
 * the Firefox lint, end-to-end tests in Chromium, then in Firefox (firefox-esr over WebDriver BiDi)
 * — then one closing line `N passed, N failed`
 * (each vitest and Playwright test counts once, each other gate counts once).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/paths.ts';

const OUT = path.join(ROOT, '.ci-out');
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const env = {
  ...process.env,
  PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
};

let passed = 0;
let failed = 0;
const lines: string[] = [];

function step(name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function gate(name: string, cmd: string, args: string[]): boolean {
  const ok = step(name, cmd, args);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

/** Counts from a JSON report; a runner that crashed before writing one counts as one failure. */
function countReport(file: string, read: (json: Record<string, unknown>) => [number, number]): void {
  if (!fs.existsSync(file)) {
    failed += 1;
    return;
  }
  const [p, f] = read(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
  passed += p;
  failed += f;
}

gate('typecheck', 'tsc', ['--noEmit']);
gate('lint', 'npm', ['run', '--silent', 'lint']);

const vitestJson = path.join(OUT, 'vitest.json');
step('unit and component tests', 'vitest', [
  'run',
  '--config',
  'test/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
countReport(vitestJson, (j) => [
  Number(j.numPassedTests ?? 0),
  Number(j.numFailedTests ?? 0) + Number(j.numFailedTestSuites ?? 0),
]);

const built = gate('build and zips (Chrome, Firefox, sources)', 'npm', ['run', '--silent', 'zip']);
if (built) gate('addons-linter on the Firefox zip', 'node', ['test/tools/lint-firefox.ts']);
else failed += 1;

/** One Playwright run, counted from its JSON report (a flaky test counts as failed). */
function playwright(name: string, config: string, report: string): void {
  const json = path.join(OUT, report);
  step(name, 'playwright', ['test', '--config', config], { PW_JSON_OUTPUT: json });
  countReport(json, (j) => {
    const stats = (j.stats ?? {}) as Record<string, number>;
    return [stats.expected ?? 0, (stats.unexpected ?? 0) + (stats.flaky ?? 0)];
  });
}

if (built) {
  playwright('end-to-end tests (Chromium)', 'test/e2e/playwright.config.ts', 'playwright.json');
  playwright('end-to-end tests (Firefox)', 'test/firefox/playwright.config.ts', 'playwright-firefox.json');
} else failed += 2;

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
