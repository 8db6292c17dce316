/**
 * The store documents against the built extension (no browser; run after `npm run zip`, like
 * manifest.spec.ts), so they cannot go stale:
 * - docs/store/permissions.md justifies exactly the permissions, host permissions, optional hosts
 *   and content-script matches of both built manifests, and states the Firefox manifest's
 *   `data_collection_permissions`;
 * - each store listing's name and summary are the manifest's own in that language, the summary
 *   within the Chrome Web Store's 132 characters; both listings have every section;
 * - PRIVACY.md exists and README's privacy section links it.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { CHROME_EXT_DIR, FIREFOX_EXT_DIR, ROOT } from '../support/paths.ts';

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  browser_specific_settings?: {
    gecko?: { data_collection_permissions?: { required?: string[]; optional?: string[] } };
  };
}

function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing; run "npm run zip" first.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

const read = (...parts: string[]) => fs.readFileSync(path.join(ROOT, ...parts), 'utf8');
const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The text under a `## heading` up to the next heading of level 1 or 2. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  expect(start, `section "## ${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start + heading.length + 5);
  const end = rest.search(/\n#{1,2} /);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

for (const build of [
  { name: 'chrome', dir: CHROME_EXT_DIR },
  { name: 'firefox', dir: FIREFOX_EXT_DIR },
]) {
  test(`${build.name}: every permission has a justification in docs/store/permissions.md, and only those`, () => {
    const manifest = readManifest(build.dir);
    const rows = section(read('docs', 'store', 'permissions.md'), 'Permission justifications')
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(2)
      .map((l) => l.split('|').map((c) => c.trim()));
    const justified = new Set<string>();
    for (const [, first, why] of rows) {
      expect(ticked(first!).length, `row "${first}" names a permission in backticks`).toBe(1);
      expect(why!.length, `${first}: a real justification`).toBeGreaterThan(40);
      justified.add(ticked(first!)[0]!);
    }
    const asked = new Set([
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
      ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    ]);
    expect([...asked].toSorted()).toEqual([...justified].toSorted());
  });
}

test('docs/store/permissions.md states the Firefox data_collection_permissions of the manifest', () => {
  const declared =
    readManifest(FIREFOX_EXT_DIR).browser_specific_settings?.gecko?.data_collection_permissions;
  const line = /\*\*Declared:\*\* required (.*?); optional: (.*?)\.\n/.exec(
    section(read('docs', 'store', 'permissions.md'), 'AMO: `data_collection_permissions`') + '\n',
  );
  expect(line, 'a "**Declared:** required …; optional: ….". line').not.toBeNull();
  expect(ticked(line![1]!).toSorted()).toEqual((declared?.required ?? []).toSorted());
  expect(ticked(line![2]!).toSorted()).toEqual((declared?.optional ?? []).toSorted());
});

const LISTINGS = [
  { lang: 'en', sections: ['Name', 'Summary', 'Description', 'What you need', 'Single purpose'] },
  { lang: 'fr', sections: ['Nom', 'Résumé', 'Description', 'Ce qu’il vous faut', 'Objectif unique'] },
] as const;

for (const listing of LISTINGS) {
  test(`store listing (${listing.lang}): the manifest's name and summary, within 132 characters`, () => {
    const doc = read('docs', 'store', `listing.${listing.lang}.md`);
    const messages = JSON.parse(read('public', '_locales', listing.lang, 'messages.json')) as Record<
      string,
      { message: string }
    >;
    const [name, summary, description, needs, purpose] = listing.sections.map((s) => section(doc, s));
    expect(name).toBe(messages.extName!.message);
    expect(summary).toBe(messages.extDescription!.message);
    expect([...summary!].length, 'Chrome Web Store summary limit').toBeLessThanOrEqual(132);
    // The listing must say that a paid account is needed (AMO: "disclose when payment is required").
    for (const text of [description!, needs!]) expect(text).toMatch(/Premium, Access (or|ou) GOLD/);
    expect(description!.length).toBeGreaterThan(800);
    expect(purpose!.length).toBeGreaterThan(80);
  });
}

test('the single purpose is the same in the permissions form and the English listing', () => {
  const purpose = section(read('docs', 'store', 'permissions.md'), 'Single purpose');
  expect(section(read('docs', 'store', 'listing.en.md'), 'Single purpose')).toBe(purpose);
});

test("PRIVACY.md exists and README's privacy section links it", () => {
  const privacy = read('PRIVACY.md');
  for (const host of ['api.1fichier.com', 'check_links.pl', 'aria2']) expect(privacy).toContain(host);
  const readme = read('README.md');
  const start = readme.indexOf('\n## Privacy and security in plain words\n');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n### ', start);
  expect(readme.slice(start, end)).toContain('(PRIVACY.md)');
});
