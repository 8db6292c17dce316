import type { PageLinkView } from '../messaging/protocol';
import type { Job } from '../queue/job';
import type { CheckCache } from './check-cache';
import { indexJobs, linkStates } from './link-states';
import type { PageRegistry } from './registry';

export interface PageViewDeps {
  registry: PageRegistry;
  jobs: () => Promise<Job[]>;
  checks: CheckCache;
  /** Asks the frame whether `page` is still its document (false or a rejection: it is gone). */
  ping: (tabId: number, frameId: number, page: string) => Promise<boolean>;
}

/**
 * A tab's 1Fichier links for the popup's grabber, every frame together, each file or folder once.
 * Frames are asked first whether they still show the document that reported the links, so a tab
 * that navigated since never lists the previous page's links.
 */
export async function pageLinkViews(tabId: number, deps: PageViewDeps): Promise<PageLinkView[]> {
  const frames = (await deps.registry.ofTab(tabId)).toSorted((a, b) => a.frameId - b.frameId);
  const live = [];
  for (const frame of frames) {
    const alive = await deps.ping(frame.tabId, frame.frameId, frame.page).catch(() => false);
    if (alive) live.push(frame);
    else await deps.registry.drop(frame.tabId, frame.frameId, frame.page);
  }
  const index = indexJobs(await deps.jobs());
  const out: PageLinkView[] = [];
  const seen = new Set<string>();
  for (const frame of live) {
    for (const link of frame.links) {
      if (seen.has(link.key)) continue;
      seen.add(link.key);
      const view: PageLinkView = { link: link.canonical, kind: link.kind, label: link.label };
      // Our own page asks: every job counts, whatever page it was queued from.
      const state = linkStates([link.url], index, new Map())[link.url]?.state;
      if (state) view.state = state;
      const check = link.kind === 'file' ? deps.checks.peek(link.key) : undefined;
      if (check) view.check = check;
      out.push(view);
    }
  }
  return out;
}
