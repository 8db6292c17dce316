import type { PageLinkView } from '../../utils/messaging/protocol';
import { pageLinkViews as views } from '../../utils/page-links/page-view';
import type { Services } from './services';

export function pageLinkViews(s: Services, tabId: number): Promise<PageLinkView[]> {
  return views(tabId, {
    registry: s.pages,
    jobs: () => s.store.all(),
    checks: s.checks,
    ping: async (tab, frameId, page) => (await s.sendToFrame(tab, frameId, { type: 'ping', page })) === true,
  });
}
