/**
 * The built manifests and bundles, read from disk (no browser): run after `npm run zip` has built
 * .output/chrome-mv3 and .output/firefox-mv3. Permissions must equal README's "Permissions" table;
 * no external entry points, no web-accessible resources, an explicit CSP, no remote or eval'd code,
 * and no address outside 1Fichier baked into the bundles (a test-only base URL cannot slip in).
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { CHROME_EXT_DIR, FIREFOX_EXT_DIR, ROOT } from '../support/paths.ts';

interface Manifest {
  manifest_version?: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  sandbox?: unknown;
  browser_specific_settings?: {
    gecko?: { id?: string; data_collection_permissions?: { required?: unknown; optional?: unknown } };
  };
}

const BUILDS = [
  { name: 'chrome', dir: CHROME_EXT_DIR },
  { name: 'firefox', dir: FIREFOX_EXT_DIR },
] as const;

function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing; run "npm run zip" first.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** Every file under `dir` whose name ends with one of `exts`, relative to `dir`. */
function filesOf(dir: string, exts: string[]): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .toSorted();
}

interface PermissionTable {
  permissions: string[];
  hosts: string[];
  optionalHosts: string[];
  contentScriptMatches: string[];
}

/**
 * README "### Permissions": rows whose first cell is `` `name` `` (an API permission),
 * `` host `pattern` `` / `` hosts `a`, `b` `` (host permissions), `` optional hosts `a`, `b` `` (asked for
 * at run time) or `` content script on `a`, `b` ``.
 * Any other row is an error, so the table stays machine-readable.
 */
function readmePermissions(): PermissionTable {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Permissions\n');
  expect(start, 'README has a "### Permissions" section').toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + 1);
  const next = rest.slice(1).search(/\n#{1,3} /);
  const section = next < 0 ? rest : rest.slice(0, next + 1);
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) => l.split('|')[1]!.trim());
  // Header and separator rows.
  expect(rows.slice(0, 2)).toEqual([expect.stringMatching(/^permission/), expect.stringMatching(/^-+$/)]);
  const table: PermissionTable = { permissions: [], hosts: [], optionalHosts: [], contentScriptMatches: [] };
  for (const cell of rows.slice(2)) {
    const names = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(names.length, `README permission row "${cell}" names something in backticks`).toBeGreaterThan(0);
    if (/^`[^`]+`$/.test(cell)) table.permissions.push(...names);
    else if (/^hosts? `/.test(cell)) table.hosts.push(...names);
    else if (/^optional hosts? `/.test(cell)) table.optionalHosts.push(...names);
    else if (cell.startsWith('content script on `')) table.contentScriptMatches.push(...names);
    else
      throw new Error(
        `README permission row "${cell}" is not \`name\`, host \`…\` or content script on \`…\``,
      );
  }
  return table;
}

const sorted = (list: readonly string[] | undefined) => (list ?? []).toSorted();

/** The extension_pages policy as directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/**
 * Absolute http(s) URLs that may appear in our bundles, each with the reason. Anything else (a
 * localhost, an emulator or test base URL, a tracker) fails the test.
 */
const KNOWN_URL_HOSTS: Record<string, string> = {
  'api.1fichier.com': 'the 1Fichier API (client.ts API_BASE)',
  '1fichier.com': 'check_links.pl and public folders (client.ts, public-folder.ts)',
  // aria2's own default RPC address, on this computer (utils/transfer/aria2/config.ts).
  '127.0.0.1:6800': 'aria2 default JSON-RPC address (loopback)',
  // Content-script match patterns that WXT embeds in the content script's definition.
  '*': 'content script matches http://*/*, https://*/*',
  // XML namespaces Preact uses to create SVG and MathML elements, not network addresses.
  'www.w3.org': 'SVG/MathML/XHTML namespace URIs in the Preact runtime',
  // Text of the error wxt/storage throws when loaded outside an extension; never fetched.
  'github.com': 'wxt/storage error text: https://github.com/wxt-dev/wxt/issues/371',
  'wxt.dev': 'wxt/storage error text: https://wxt.dev/guide/go-further/testing.html',
};
const KNOWN_FULL_URLS = new Set([
  'http://127.0.0.1:6800/jsonrpc',
  'https://github.com/wxt-dev/wxt/issues/371',
  'https://wxt.dev/guide/go-further/testing.html',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/2000/svg',
]);

/** Every `http(s)://host…` in a text, with its host. */
function urlsIn(text: string): { url: string; host: string }[] {
  return [...text.matchAll(/\bhttps?:\/\/([^/\s"'`\\)<>,;]+)[^\s"'`\\)<>,;]*/g)].map((m) => ({
    url: m[0],
    host: m[1]!,
  }));
}

for (const build of BUILDS) {
  test.describe(`${build.name} build`, () => {
    test('permissions and host permissions are exactly the README table', () => {
      const manifest = readManifest(build.dir);
      const table = readmePermissions();
      expect(manifest.manifest_version).toBe(3);
      expect(sorted(manifest.permissions)).toEqual(sorted(table.permissions));
      expect(sorted(manifest.host_permissions)).toEqual(sorted(table.hosts));
      const matches = new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []));
      expect(sorted([...matches])).toEqual(sorted(table.contentScriptMatches));
      expect(sorted(manifest.optional_host_permissions)).toEqual(sorted(table.optionalHosts));
      // Nothing is granted outside the table either.
      expect(manifest.optional_permissions).toBeUndefined();
    });

    test('no web-accessible resources, no sandbox pages; external messaging closed', () => {
      const manifest = readManifest(build.dir);
      expect(manifest.web_accessible_resources).toBeUndefined();
      expect(manifest.sandbox).toBeUndefined();
      if (build.name === 'chrome') {
        // No other extension (ids) and no web page (no `matches`) may message us.
        expect(manifest.externally_connectable).toStrictEqual({ ids: [] });
      } else {
        // Firefox does not implement externally_connectable; it has no meaning there.
        expect(manifest.externally_connectable).toBeUndefined();
      }
    });

    test('an explicit CSP: own scripts only, no eval, no remote source', () => {
      const csp = readManifest(build.dir).content_security_policy;
      expect(csp?.sandbox).toBeUndefined();
      const policy = csp?.extension_pages ?? '';
      expect(policy).toContain("script-src 'self'");
      const directives = parseCsp(policy);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'self'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      for (const [name, sources] of directives) {
        for (const source of sources) {
          expect(["'self'", "'none'"], `${name} ${source}`).toContain(source);
        }
      }
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    });

    if (build.name === 'firefox') {
      test('Firefox: gecko id and data collection declaration', () => {
        const gecko = readManifest(build.dir).browser_specific_settings?.gecko;
        expect(gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
        const required = gecko?.data_collection_permissions?.required;
        expect(Array.isArray(required) && required.length > 0).toBe(true);
        // "none" means nothing is collected, so it cannot stand next to a data category.
        if ((required as string[]).includes('none')) expect(required).toEqual(['none']);
      });
    }

    test('no external message listener, no remote script, no eval in any built file', () => {
      const files = filesOf(build.dir, ['.js', '.html']);
      expect(files).toEqual(expect.arrayContaining(['background.js', 'popup.html', 'options.html']));
      for (const file of files) {
        const text = fs.readFileSync(path.join(build.dir, file), 'utf8');
        // webextension-polyfill lists onMessageExternal once in its wrapper table
        // (`onMessageExternal:u(f)`, an object key); any other use of the names is a listener or a
        // reference of our own.
        const mentions = [...text.matchAll(/on(?:Message|Connect)External(?=(.{0,12}))/gs)];
        for (const m of mentions) {
          const seen = m[0] + m[1]!;
          expect(seen, `${file}: ${seen}`).toMatch(/^onMessageExternal:[\w$]+\([\w$]+\)/);
        }
        expect(mentions.length, file).toBeLessThanOrEqual(1);
        expect(text, file).not.toMatch(/\.on(?:Message|Connect)External\s*\.\s*addListener/);
        expect(text, file).not.toMatch(/\[\s*["'`]on(?:Message|Connect)External["'`]\s*\]/);
        // The polyfill's metadata has `inspectedWindow:{eval:{…}}` and `Function.call.bind`:
        // neither is a call to eval or the Function constructor, which these patterns require.
        expect(text, file).not.toMatch(/(?<![\w$.])eval\s*\(/);
        expect(text, file).not.toMatch(/\bnew\s+Function\s*\(/);
        expect(text, file).not.toMatch(/(?<![\w$.])Function\s*\(/);
        expect(text, file).not.toMatch(/<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i);
        expect(text, file).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
      }
    });

    test('every script of the HTML pages is a file of the package', () => {
      for (const page of filesOf(build.dir, ['.html'])) {
        const html = fs.readFileSync(path.join(build.dir, page), 'utf8');
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
        expect(scripts.length, page).toBeGreaterThan(0);
        for (const [, attrs, body] of scripts) {
          expect(body!.trim(), `${page}: no inline script (the CSP would block it)`).toBe('');
          const src = /\bsrc\s*=\s*"([^"]+)"/.exec(attrs!)?.[1];
          expect(src, page).toMatch(/^\/(?!\/)/);
          expect(fs.existsSync(path.join(build.dir, src!)), `${page}: ${src}`).toBe(true);
        }
      }
    });

    test('no address outside 1Fichier in the bundles except the listed ones', () => {
      const seen = new Set<string>();
      for (const file of filesOf(build.dir, ['.js', '.html'])) {
        for (const { url, host } of urlsIn(fs.readFileSync(path.join(build.dir, file), 'utf8'))) {
          seen.add(host);
          // Hosts built at run time from a parsed 1Fichier link (`https://${domain}/?${id}`).
          if (/^\$\{[\w$]+\}$/.test(host)) continue;
          expect(Object.keys(KNOWN_URL_HOSTS), `${file}: ${url}`).toContain(host);
          if (!host.endsWith('1fichier.com') && host !== '*') {
            expect([...KNOWN_FULL_URLS], `${file}: ${url}`).toContain(url);
          }
        }
      }
      // The background really holds the 1Fichier addresses this check relies on.
      const background = fs.readFileSync(path.join(build.dir, 'background.js'), 'utf8');
      expect(background).toContain('https://api.1fichier.com/v1/');
      expect(background).toContain('https://1fichier.com/check_links.pl');
      expect(background).toContain('https://1fichier.com/dir/');
      expect(seen.has('api.1fichier.com')).toBe(true);
    });
  });
}
