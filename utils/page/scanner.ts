import type { Entry, Registry } from './registry';
import { createDormantWatcher, isRendered as browserIsRendered, MAX_DORMANT } from './rendered';
import { collectAnchors, relativeMayBeLinks, type AnchorHit } from './scan';
import { isOurHost } from './shadow-host';
import { collectTextLinks, type TextHit } from './text-links';

/** Most added nodes kept for the next pass; beyond, the next pass rescans the whole document. */
const MAX_PENDING = 10_000;

export interface ScannerOptions {
  doc: Document;
  registry: Registry;
  /** The buttons each pass made (to report them and check their links). */
  onAdded(entries: Entry[]): void;
  /** Whether an element is rendered (default: checkVisibility; see rendered.ts). */
  isRendered?: (el: Element) => boolean;
  /** Most hidden links watched until shown. */
  maxDormant?: number;
  IntersectionObserver?: typeof IntersectionObserver;
}

export interface Scanner {
  stop(): void;
}

/**
 * Finds the page's 1Fichier links now, then in every node the page adds (one MutationObserver,
 * childList + subtree, added nodes only), and gives each rendered one its button. Mutations are
 * coalesced: at most one pass per task, over the nodes added since the last one.
 */
export function startScanner(opts: ScannerOptions): Scanner {
  const { doc, registry, onAdded } = opts;
  const rendered = opts.isRendered ?? browserIsRendered;
  let pending: Node[] = [];
  let rescanAll = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      const roots = rescanAll ? [doc] : pending;
      pending = [];
      rescanAll = false;
      pass(roots);
    }, 0);
  };
  const dormant = createDormantWatcher(
    (el) => {
      pending.push(el);
      schedule();
    },
    opts.maxDormant ?? MAX_DORMANT,
    opts.IntersectionObserver ?? globalThis.IntersectionObserver,
  );
  const shown = (el: Element) => {
    if (rendered(el)) return true;
    dormant.watch(el);
    return false;
  };

  function pass(roots: readonly Node[]): void {
    const room = registry.room();
    if (room <= 0) return;
    const found = readPass(roots, registry, room, shown);
    const made: Entry[] = [];
    for (const hit of found.anchors) {
      const entry = registry.addAnchor(hit);
      if (!entry) break;
      made.push(entry);
    }
    made.push(...registry.addText(found.texts));
    // An anchor the page moved (removed and inserted again) takes its button along.
    for (const entry of found.moved) entry.anchor!.after(entry.button.host);
    if (made.length > 0) onAdded(made);
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        // Our own buttons and the text nodes we split are ours already.
        if (node.nodeType === Node.ELEMENT_NODE ? isOurHost(node) : registry.doneText.has(node as Text))
          continue;
        if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.TEXT_NODE) continue;
        if (pending.length >= MAX_PENDING) rescanAll = true;
        else pending.push(node);
      }
    }
    if (pending.length > 0 || rescanAll) schedule();
  });

  pass([doc]);
  observer.observe(doc, { childList: true, subtree: true });
  return {
    stop() {
      observer.disconnect();
      dormant.stop();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}

export interface PassReads {
  /** Rendered anchors that need a button. */
  anchors: AnchorHit[];
  /** Rendered text URLs that need a button (at most `room`). */
  texts: TextHit[];
  /** Entries whose anchor the page moved away from its button. */
  moved: Entry[];
}

/**
 * The read half of a scan pass over `roots`: every candidate link, then which are rendered
 * (`shown`). No write happens before the last read, so checkVisibility updates style at most once.
 */
export function readPass(
  roots: readonly Node[],
  registry: Pick<Registry, 'entryOf' | 'doneText'>,
  room: number,
  shown: (el: Element) => boolean,
): PassReads {
  const seen = new Set<Node>();
  const moved: Entry[] = [];
  const skip = (anchor: HTMLAnchorElement) => {
    if (seen.has(anchor)) return true;
    seen.add(anchor);
    const entry = registry.entryOf(anchor);
    if (entry && anchor.nextSibling !== entry.button.host) moved.push(entry);
    return entry !== undefined;
  };
  const skipText = (node: Text) => {
    if (seen.has(node) || registry.doneText.has(node)) return true;
    seen.add(node);
    return false;
  };
  const anchors: AnchorHit[] = [];
  const texts: TextHit[] = [];
  let anyHref: boolean | undefined;
  for (const root of roots) {
    if (!root.isConnected || isOurHost(root)) continue;
    anyHref ??= relativeMayBeLinks(root.ownerDocument ?? (root as Document));
    collectAnchors(root, skip, anchors, anyHref);
    if (texts.length < room) collectTextLinks(root, skipText, room - texts.length, texts);
  }
  return {
    anchors: anchors.filter((hit) => shown(hit.anchor)),
    texts: texts.filter((hit) => shown(hit.node.parentElement!)),
    moved,
  };
}
