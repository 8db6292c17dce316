import { parseLink } from '../onefichier/links';
import type { PageLinkReport } from '../messaging/protocol';
import { originOf } from './link-states';

/** One link a frame reported, parsed again here. */
export interface RegisteredLink {
  /** As the content script sent it (the key of the states pushed back). */
  url: string;
  label: string;
  kind: 'file' | 'folder';
  canonical: string;
  key: string;
}

/** The 1Fichier links one document (frame) of a tab showed, and where to push their states. */
export interface FrameEntry {
  tabId: number;
  frameId: number;
  /** The document's random token (a new document in the frame replaces the entry). */
  page: string;
  /** The frame's URL and origin, from the sender (never from the payload). */
  url: string;
  origin: string;
  links: RegisteredLink[];
  at: number;
}

export interface RegistrySlot {
  get(): Promise<FrameEntry[] | null>;
  set(entries: FrameEntry[]): Promise<void>;
}

/** Limits: a page cannot grow the registry without end. */
export const MAX_LINKS_PER_FRAME = 10_000;
export const MAX_FRAMES = 500;

const same = (e: FrameEntry, tabId: number, frameId: number) => e.tabId === tabId && e.frameId === frameId;

/**
 * Which frames show which 1Fichier links, so their buttons can be told about state changes and
 * the popup's grabber can list a tab's links. Kept in storage.session (trusted contexts only) so a
 * restarted worker still knows; writes are serialised so concurrent reports cannot lose each other.
 */
export function createPageRegistry(slot: RegistrySlot, now: () => number = () => Date.now()) {
  let chain: Promise<unknown> = Promise.resolve();
  function mutate<T>(change: (entries: FrameEntry[]) => { entries: FrameEntry[]; value: T }): Promise<T> {
    const run = chain.then(async () => {
      const { entries, value } = change((await slot.get()) ?? []);
      await slot.set(entries);
      return value;
    });
    chain = run.catch(() => undefined);
    return run;
  }

  return {
    /** Records a frame's links (merged for the same document, replaced for a new one). */
    register(
      where: { tabId: number; frameId: number; url: string },
      page: string,
      reports: readonly PageLinkReport[],
    ): Promise<FrameEntry | undefined> {
      const origin = originOf(where.url);
      if (origin === undefined) return Promise.resolve(undefined);
      return mutate((entries) => {
        const old = entries.find((e) => same(e, where.tabId, where.frameId));
        const keep = old && old.page === page ? old.links : [];
        const byUrl = new Map(keep.map((l) => [l.url, l]));
        for (const r of reports) {
          if (byUrl.size >= MAX_LINKS_PER_FRAME) break;
          const link = parseLink(r.url);
          if (!link || link.kind === 'direct') continue;
          byUrl.set(r.url, {
            url: r.url,
            label: r.label,
            kind: link.kind,
            canonical: link.canonical,
            key: link.key,
          });
        }
        const entry: FrameEntry = {
          tabId: where.tabId,
          frameId: where.frameId,
          page,
          url: where.url,
          origin,
          links: [...byUrl.values()],
          at: now(),
        };
        const others = entries.filter((e) => !same(e, where.tabId, where.frameId));
        // The oldest frames go first when the registry is full.
        const next = [...others, entry].toSorted((a, b) => b.at - a.at).slice(0, MAX_FRAMES);
        return { entries: next, value: entry };
      });
    },
    async all(): Promise<FrameEntry[]> {
      await chain;
      return (await slot.get()) ?? [];
    },
    async ofTab(tabId: number): Promise<FrameEntry[]> {
      return (await this.all()).filter((e) => e.tabId === tabId);
    },
    /**
     * For one tab, read once: the URL of the frame that showed a link (by file or folder key; the
     * top frame first when several did).
     */
    async pageFinder(tabId: number): Promise<(raw: string) => string | undefined> {
      const pages = new Map<string, string>();
      const frames = (await this.ofTab(tabId)).toSorted((a, b) => a.frameId - b.frameId);
      for (const f of frames) for (const l of f.links) if (!pages.has(l.key)) pages.set(l.key, f.url);
      return (raw) => {
        const link = parseLink(raw);
        return link ? pages.get(link.key) : undefined;
      };
    },
    /** Forgets a tab, or one frame of it (closed, navigated away, no content script any more). */
    drop(tabId: number, frameId?: number, page?: string): Promise<void> {
      return mutate((entries) => ({
        entries: entries.filter(
          (e) =>
            e.tabId !== tabId ||
            (frameId !== undefined && e.frameId !== frameId) ||
            (page !== undefined && e.page !== page),
        ),
        value: undefined,
      }));
    },
  };
}

export type PageRegistry = ReturnType<typeof createPageRegistry>;
