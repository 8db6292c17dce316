import { findLinksInText, mayContainLinks } from '../onefichier/find-in-text';
import { DOMAIN_WORD_RE, type PageLink } from './scan';

/** One 1Fichier URL written as plain text: `node.data.slice(start, end)` is `written`. */
export interface TextHit {
  node: Text;
  start: number;
  end: number;
  /** The URL as findLinksInText reports it (scheme added when the text had none). */
  raw: string;
  link: PageLink;
}

/** Shortest text worth a look: `megadl.fr/?abcde`. */
const MIN_LENGTH = 16;

/**
 * Text where a button must not go: inside a link (the anchor has its own), code that runs or
 * styles, form fields, buttons, SVG/MathML (an HTML element there is not rendered), the title.
 */
const EXCLUDED_TAGS = [
  'a',
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'option',
  'button',
  'title',
  'svg',
  'math',
];
const EXCLUDED = EXCLUDED_TAGS.join(', ');
const SKIPPED: ReadonlySet<string> = new Set(EXCLUDED_TAGS);
/** Below this much text a subtree is walked node by node rather than split further. */
const SMALL_TEXT = 2_048;
/**
 * Deepest split: a page nesting huge text thousands of levels deep would make each level rebuild
 * it; from here on the subtree is walked.
 */
const MAX_SPLIT_DEPTH = 24;

function wanted(node: Text, data: string): boolean {
  const parent = node.parentElement;
  if (!parent || parent.closest(EXCLUDED) || parent.isContentEditable) return false;
  return mayContainLinks(data);
}

/** Where `raw` is written in `data` from `from` on: as is, or without the scheme findLinksInText added. */
function locate(data: string, raw: string, from: number): [number, number] | undefined {
  let at = data.indexOf(raw, from);
  if (at >= 0) return [at, at + raw.length];
  if (!raw.startsWith('https://')) return undefined;
  const written = raw.slice('https://'.length);
  at = data.indexOf(written, from);
  return at >= 0 ? [at, at + written.length] : undefined;
}

function hitsIn(node: Text, limit: number, out: TextHit[]): void {
  const data = node.data;
  let from = 0;
  for (const { raw, link } of findLinksInText(data, limit)) {
    const where = locate(data, raw, from);
    if (!where) continue;
    out.push({ node, start: where[0], end: where[1], raw, link });
    from = where[1];
  }
}

/**
 * Appends to `out` the 1Fichier file and folder URLs written as plain text at or below `root`,
 * outside anchors and the other EXCLUDED elements, in text nodes `skip` does not refuse, at most
 * `limit`.
 */
export function collectTextLinks(
  root: Node,
  skip: (node: Text) => boolean,
  limit: number,
  out: TextHit[],
): void {
  const start = out.length;
  const visit = (node: Text) => {
    const data = node.data;
    // The length and the one regex first: that is all most text nodes cost.
    if (data.length >= MIN_LENGTH && DOMAIN_WORD_RE.test(data) && !skip(node) && wanted(node, data)) {
      hitsIn(node, limit - (out.length - start), out);
    }
  };
  if (root.nodeType === Node.TEXT_NODE) {
    visit(root as Text);
    return;
  }
  const doc = root.ownerDocument ?? (root as Document);
  const top = root === doc ? doc.documentElement : root;
  const full = () => out.length - start >= limit;
  const walk = (el: Node) => {
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && !full(); n = walker.nextNode()) visit(n as Text);
  };
  // Large subtrees are split by their text (textContent is built in C++, tested with one regex):
  // children without a 1Fichier word are skipped whole, so on most pages few text nodes are visited.
  const descend = (el: Node, text: string, depth: number) => {
    if (text.length <= SMALL_TEXT || depth >= MAX_SPLIT_DEPTH) {
      walk(el);
      return;
    }
    for (let child = el.firstChild; child && !full(); child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        visit(child as Text);
      } else if (child.nodeType === Node.ELEMENT_NODE && !SKIPPED.has((child as Element).localName)) {
        const t = child.textContent;
        if (t && DOMAIN_WORD_RE.test(t)) descend(child, t, depth + 1);
      }
    }
  };
  const whole = top?.textContent;
  if (top && whole && DOMAIN_WORD_RE.test(whole)) descend(top, whole, 0);
  out.length = Math.min(out.length, start + limit);
}

/**
 * Puts `makeHost(hit)` right after each URL, splitting its text node (hits of one node in any
 * order). Every piece of a split node goes into `done`: its links have their buttons. Returns the
 * hosts in the order of `hits`.
 */
export function insertAfterText<T extends TextHit>(
  hits: readonly T[],
  done: WeakSet<Text>,
  makeHost: (hit: T) => Node,
): Node[] {
  const hosts: Node[] = Array.from({ length: hits.length });
  const byNode = new Map<Text, number[]>();
  hits.forEach((hit, i) => {
    const list = byNode.get(hit.node);
    if (list) list.push(i);
    else byNode.set(hit.node, [i]);
  });
  for (const [node, indices] of byNode) {
    // Last URL first, so the earlier offsets stay valid in the node that keeps the start of the text.
    for (const i of indices.toSorted((a, b) => hits[b]!.end - hits[a]!.end)) {
      const hit = hits[i]!;
      if (hit.end < node.data.length) done.add(node.splitText(hit.end));
      done.add(node);
      const host = makeHost(hit);
      node.after(host);
      hosts[i] = host;
    }
  }
  return hosts;
}
