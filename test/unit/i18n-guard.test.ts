import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { uiLang } from '../../utils/format';
import { loadCatalogue, useLocale, type Catalogue } from '../fakes/i18n.ts';
import { ROOT } from '../support/paths.ts';

/**
 * The i18n guard (issue 7): (a) the English and French catalogues stay in step, (b) no page or
 * component writes user-visible English in its source instead of a t() key.
 */

const en = loadCatalogue('en');
const fr = loadCatalogue('fr');

/** `$NAME$` references in a message, lower-cased (Chrome matches them case-insensitively). */
const named = (message: string) =>
  [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].toSorted();
/** `$1`…`$9` written straight in a message (outside `$NAME$` references and `$$`). */
const positional = (message: string) =>
  [
    ...message
      .replace(/\$\$/g, '')
      .replace(/\$[A-Za-z0-9_@]+\$/g, '')
      .matchAll(/\$(\d)/g),
  ]
    .map((m) => m[1]!)
    .toSorted();
/** What each placeholder of an entry substitutes: `{ count: '$1', name: '$2' }`. */
const contents = (catalogue: Catalogue, key: string) =>
  Object.fromEntries(
    Object.entries(catalogue[key]!.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );

describe('i18n guard (a): the catalogues', () => {
  it('English and French have exactly the same keys', () => {
    expect(Object.keys(fr).toSorted()).toEqual(Object.keys(en).toSorted());
  });

  it('every message is non-empty in both languages', () => {
    const empty = [...Object.entries(en), ...Object.entries(fr)]
      .filter(([, entry]) => typeof entry.message !== 'string' || entry.message.trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('every message uses the same placeholders in both languages, each defined, each substituting the same $n', () => {
    const wrong: string[] = [];
    for (const key of Object.keys(en)) {
      if (!fr[key]) continue;
      const [e, f] = [en[key]!.message, fr[key]!.message];
      if (named(e).join() !== named(f).join()) wrong.push(`${key}: $NAME$ ${named(e)} vs ${named(f)}`);
      if (positional(e).join() !== positional(f).join())
        wrong.push(`${key}: $n ${positional(e)} vs ${positional(f)}`);
      const [ce, cf] = [contents(en, key), contents(fr, key)];
      if (JSON.stringify(Object.entries(ce).toSorted()) !== JSON.stringify(Object.entries(cf).toSorted())) {
        wrong.push(`${key}: placeholder contents differ`);
      }
      for (const name of named(e)) {
        if (!/^\$\d$/.test(ce[name] ?? '')) wrong.push(`${key}: $${name}$ has no $n content`);
      }
      for (const name of Object.keys(ce)) {
        if (!named(e).includes(name)) wrong.push(`${key}: placeholder ${name} is never used`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('each catalogue names its own language (uiLanguage), which uiLang() follows over getUILanguage()', () => {
    expect(en.uiLanguage?.message).toBe('en');
    expect(fr.uiLanguage?.message).toBe('fr');
    useLocale('fr');
    // Debian's Chromium without chromium-l10n: French messages under --lang=fr, UI language en-US.
    (fakeBrowser.i18n as unknown as { getUILanguage: () => string }).getUILanguage = () => 'en-US';
    expect(uiLang()).toBe('fr');
    useLocale('en');
    expect(uiLang()).toBe('en');
  });

  it('catches a catalogue pair that drifted (the checks above can fail)', () => {
    expect(named('$COUNT$ links, $Name$')).toEqual(['count', 'name']);
    expect(positional('$1 of $2, $$5, $NAME$')).toEqual(['1', '2']);
  });
});

/**
 * Texts allowed in source, each with its reason. Removed from a text before it is judged, so
 * `Downloader for 1Fichier — {t('settings')}` passes (what is left, ` — `, has no letters).
 */
const ALLOWED: readonly { text: string; reason: string }[] = [
  { text: 'Downloader for 1Fichier', reason: 'the product name, the same in every language' },
  { text: '1Fichier', reason: 'the service name, the same in every language' },
  {
    text: '1Fichier/{site}/{date}',
    reason: 'an example file-name template: {site} and {date} are template fields, not words to translate',
  },
];
/** Longest first, so the product name is removed before the service name inside it. */
const ALLOWED_TEXTS = ALLOWED.map((a) => a.text).toSorted((a, b) => b.length - a.length);

interface Finding {
  file: string;
  line: number;
  what: string;
  text: string;
}

const ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);
const hasLetters = (s: string) => /\p{L}/u.test(s);

/** The static text of a string-like expression (template literal parts joined), else undefined. */
function staticText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isParenthesizedExpression(node)) return staticText(node.expression);
  if (ts.isConditionalExpression(node)) {
    const parts = [staticText(node.whenTrue), staticText(node.whenFalse)].filter((p) => p !== undefined);
    return parts.length > 0 ? parts.join(' ') : undefined;
  }
  return undefined;
}

/** Hard-coded user-visible text in one TSX source: JSX text, string children, labelling attributes. */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const add = (node: ts.Node, what: string, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!hasLetters(ALLOWED_TEXTS.reduce((rest, allowed) => rest.split(allowed).join(' '), clean))) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, what, text: clean });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, 'JSX text', node.text);
    else if (
      ts.isJsxExpression(node) &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      const text = staticText(node.expression);
      if (text !== undefined) add(node, 'JSX text', text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (ATTRIBUTES.has(name)) {
        const init = node.initializer;
        const text = init && ts.isJsxExpression(init) ? staticText(init.expression) : staticText(init);
        if (text !== undefined) add(node, name, text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.posix.join(dir, d.name);
    if (d.isDirectory()) return tsxFiles(rel);
    return d.name.endsWith('.tsx') ? [rel] : [];
  });
}

describe('i18n guard (b): no hard-coded English in components and pages', () => {
  const files = [...tsxFiles('components'), ...tsxFiles('entrypoints')];
  const findings = files.flatMap((file) => scanSource(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));

  it('scans the components and the pages', () => {
    expect(files).toContain('components/PasteBox.tsx');
    expect(files).toContain('entrypoints/popup/App.tsx');
    expect(files).toContain('entrypoints/manager/App.tsx');
  });

  it('every user-visible text comes from t() (public/_locales)', () => {
    const report = findings.map((f) => `${f.file}:${f.line} ${f.what}: ${f.text}`);
    expect(report).toEqual([]);
  });

  it('finds what it must find, and lets through what it must', () => {
    const source = `
      export const A = () => (
        <div title="Close" aria-label={'Queue'} placeholder={\`Search \${x}\`} alt={ok ? 'Yes' : t('no')}>
          Loading…
          {'More'}
          <b>Downloader for 1Fichier</b> — {count} · 42 % <h1>Downloader for 1Fichier — Settings</h1>
          <i title={t('x')} aria-label={label} class="Not text" data-x="Nope">{t('key')}</i>
        </div>
      );`;
    expect(scanSource('x.tsx', source).map((f) => `${f.what}: ${f.text}`)).toEqual([
      'title: Close',
      'aria-label: Queue',
      'placeholder: Search',
      'alt: Yes',
      'JSX text: Loading…',
      'JSX text: More',
      'JSX text: Downloader for 1Fichier — Settings',
    ]);
  });
});
