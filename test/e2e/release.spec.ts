/**
 * The release archives, read from disk after `npm run zip` (no browser), like manifest.spec.ts: a
 * Playwright spec because `npm test` runs Playwright after the zips are built, so these checks see
 * the very files a release uploads instead of building a second copy.
 * - names and manifests carry package.json's version, and CHANGELOG.md has a heading for it;
 * - the sources zip holds the build inputs and the documents only (no tests, certificates,
 *   node_modules, .output, dotfiles or test keys);
 * - README's "Build from source" steps, followed in an empty directory holding only the sources zip
 *   (`npm ci --offline`, then `npm run zip`), give the same three zips, byte for byte.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEYS } from '../emulator/fixtures.ts';
import { ROOT } from '../support/paths.ts';
import { readZip } from '../support/zip.ts';

interface Pkg {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Pkg;
const KINDS = ['chrome', 'firefox', 'sources'] as const;
const zipName = (kind: (typeof KINDS)[number]) => `${pkg.name}-${pkg.version}-${kind}.zip`;

function zipPath(kind: (typeof KINDS)[number], outDir = path.join(ROOT, '.output')): string {
  const file = path.join(outDir, zipName(kind));
  if (!fs.existsSync(file)) throw new Error(`${file} is missing; run "npm run zip" first.`);
  return file;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a source file may be: the build inputs (design.md's top level) and the four documents. */
const ALLOWED_SOURCE = [
  /^(entrypoints|components|utils|public)\//,
  /^(package\.json|package-lock\.json|tsconfig\.json|wxt\.config\.ts)$/,
  /^(README|SECURITY|PRIVACY|CHANGELOG)\.md$/,
];
const FORBIDDEN_SOURCE = [
  /(^|\/)(test|tests|node_modules|\.output|\.wxt|\.ci|\.ci-out|test-results|docs)\//,
  /(^|\/)\./, // dotfiles: .env, .npmrc, editor state
  /\.(pem|key|crt|cer|der|p12|pfx|jks|keystore|log)$/i,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
];

test.describe('release archives', () => {
  test("zip names and manifests carry package.json's version; CHANGELOG.md and the lock file agree", () => {
    for (const kind of KINDS) expect(fs.existsSync(zipPath(kind)), zipName(kind)).toBe(true);
    for (const kind of ['chrome', 'firefox'] as const) {
      const manifest = readZip(zipPath(kind)).get('manifest.json');
      expect(manifest, `${kind} zip has a manifest.json`).toBeDefined();
      expect((JSON.parse(manifest!.toString('utf8')) as { version?: string }).version, kind).toBe(
        pkg.version,
      );
    }
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      version?: string;
      packages?: Record<string, { version?: string }>;
    };
    expect(lock.version, 'package-lock.json (bump with npm version)').toBe(pkg.version);
    expect(lock.packages?.['']?.version).toBe(pkg.version);
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog, `CHANGELOG.md has a "## …" heading for ${pkg.version}`).toMatch(
      new RegExp(`^## .*(?<![\\d.])${escapeRe(pkg.version)}(?![\\d.])`, 'm'),
    );
  });

  test('the sources zip: build inputs and documents only, nothing secret', () => {
    const entries = readZip(zipPath('sources'));
    const names = [...entries.keys()];
    for (const must of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json']) {
      expect(names, must).toContain(must);
    }
    for (const doc of ['README.md', 'PRIVACY.md', 'SECURITY.md', 'CHANGELOG.md'])
      expect(names).toContain(doc);
    expect(names.some((n) => n.startsWith('entrypoints/background/'))).toBe(true);
    for (const name of names) {
      expect(
        ALLOWED_SOURCE.some((re) => re.test(name)),
        `${name} is a build input or a document`,
      ).toBe(true);
      for (const re of FORBIDDEN_SOURCE) expect(name, `${name} must not be shipped`).not.toMatch(re);
    }
    // The archived package.json is the repository's own (no rewritten overrides, same version).
    expect(entries.get('package.json')!.equals(fs.readFileSync(path.join(ROOT, 'package.json')))).toBe(true);
    const secrets = [...Object.values(KEYS), 'PRIVATE KEY', 'BEGIN CERTIFICATE'];
    const spki = path.join(ROOT, 'test', 'emulator', 'certs', 'spki.txt');
    if (fs.existsSync(spki)) secrets.push(fs.readFileSync(spki, 'utf8').trim());
    for (const [name, bytes] of entries) {
      const text = bytes.toString('latin1');
      for (const secret of secrets) expect(text.includes(secret), `${name} contains ${secret}`).toBe(false);
    }
    // The build instructions travel with the sources and name the Node the build runs on.
    const readme = entries.get('README.md')!.toString('utf8');
    const section = /\n### Build from source\n([\s\S]*?)(?=\n#{1,3} )/.exec(readme)?.[1] ?? '';
    expect(section, 'README.md has a "### Build from source" section').not.toBe('');
    expect(section).toContain('npm ci');
    expect(section).toContain('npm run zip');
    expect(section, 'names the Node version of the `node` devDependency').toContain(
      pkg.devDependencies.node!,
    );
  });

  test('the sources zip rebuilds the same three zips, byte for byte', () => {
    test.setTimeout(300_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-rebuild-'));
    try {
      for (const [name, bytes] of readZip(zipPath('sources'))) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), bytes);
      }
      const install = rebuild(dir);
      for (const note of install.notes) test.info().annotations.push({ type: 'rebuild', description: note });
      for (const kind of KINDS) {
        const ours = readZip(zipPath(kind));
        const theirs = readZip(zipPath(kind, path.join(dir, '.output')));
        const differ = [...new Set([...ours.keys(), ...theirs.keys()])].filter(
          (n) => !ours.get(n) || !theirs.get(n) || !ours.get(n)!.equals(theirs.get(n)!),
        );
        expect(differ, `${kind}: entries that differ after the rebuild`).toEqual([]);
        const a = sha256(fs.readFileSync(zipPath(kind)));
        const b = sha256(fs.readFileSync(zipPath(kind, path.join(dir, '.output'))));
        expect(b, `${zipName(kind)}: the rebuilt archive's SHA-256`).toBe(a);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * README's steps in `dir`: `npm ci` (offline: the packages come from the npm cache this machine's
 * own `npm ci` filled; nothing is fetched), then `npm run zip`, in a clean environment (no `npm_*`
 * variables or node_modules/.bin of the calling run). A cache that lacks a package is this machine's
 * state, not the project's: the repository's node_modules is then linked instead, and a note says so.
 */
function rebuild(dir: string): { notes: string[] } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((p) => !p.endsWith(path.join('node_modules', '.bin')))
    .join(path.delimiter);
  const run = (args: string[]) => {
    const started = Date.now();
    const r = spawnSync('npm', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`rebuild: npm ${args.join(' ')} → exit ${r.status} in ${seconds} s`);
    return { ...r, note: `npm ${args[0]}: ${seconds} s` };
  };
  const notes: string[] = [];
  const ci = run(['ci', '--offline', '--no-audit', '--no-fund']);
  if (ci.status === 0) notes.push(ci.note);
  else {
    const output = `${ci.stdout}\n${ci.stderr}`;
    expect(output, 'npm ci failed for another reason than a package missing from the cache').toMatch(
      /ENOTCACHED/,
    );
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    notes.push("npm ci --offline: the npm cache lacks a package; linked the repository's node_modules");
  }
  const zip = run(['run', '--silent', 'zip']);
  expect(zip.status, `npm run zip in the rebuilt tree:\n${zip.stdout}\n${zip.stderr}`).toBe(0);
  notes.push(zip.note);
  return { notes };
}
