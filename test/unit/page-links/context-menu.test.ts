import { describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors.ts';
import type { EnqueueResult, ToContent } from '../../../utils/messaging/protocol.ts';
import {
  linkPatterns,
  MENU_LINK,
  MENU_SELECTION,
  menuItems,
  onMenuClick,
} from '../../../utils/page-links/context-menu.ts';

function deps(selection: string[] | Error = []) {
  const queued: { links: string[]; pageUrl: string | undefined }[] = [];
  const told: { tabId: number; frameId: number; message: ToContent }[] = [];
  return {
    queued,
    told,
    deps: {
      selectionLinks: async () => {
        if (selection instanceof Error) throw selection;
        return selection;
      },
      enqueue: async (links: string[], pageUrl: string | undefined): Promise<EnqueueResult> => {
        queued.push({ links, pageUrl });
        if (links.every((l) => !l.includes('?'))) throw new AppError('badLink');
        return { found: links.length, added: links.length, duplicates: 0, problems: [] };
      },
      notify: async (tabId: number, frameId: number, message: ToContent) =>
        void told.push({ tabId, frameId, message }),
    },
  };
}

describe('context menus', () => {
  it('two items: links on every 1Fichier domain, and selections', () => {
    const [link, selection] = menuItems({
      link: 'Download with 1Fichier',
      selection: 'Download all 1Fichier links in selection',
    });
    expect(link).toMatchObject({ id: MENU_LINK, title: 'Download with 1Fichier', contexts: ['link'] });
    expect(link!.targetUrlPatterns).toContain('*://1fichier.com/*');
    expect(link!.targetUrlPatterns).toContain('*://*.dl4free.com/*');
    expect(linkPatterns()).toHaveLength(24);
    expect(selection).toMatchObject({ id: MENU_SELECTION, contexts: ['selection'] });
  });

  it('the link item queues the link under the pointer, with the frame as the page, and tells the frame', async () => {
    const w = deps();
    await onMenuClick(
      {
        menuItemId: MENU_LINK,
        linkUrl: 'https://1fichier.com/?abcdefghij',
        frameId: 2,
        frameUrl: 'https://a.example/f',
        pageUrl: 'https://a.example/',
      },
      5,
      w.deps,
    );
    expect(w.queued).toEqual([
      { links: ['https://1fichier.com/?abcdefghij'], pageUrl: 'https://a.example/f' },
    ]);
    expect(w.told).toEqual([
      {
        tabId: 5,
        frameId: 2,
        message: { type: 'enqueued', result: { found: 1, added: 1, duplicates: 0, problems: [] } },
      },
    ]);
  });

  it('the selection item takes the selected anchors from the page plus links written in the text', async () => {
    const w = deps(['https://1fichier.com/?aaaaaaaaaa', 'https://1fichier.com/?bbbbbbbbbb']);
    await onMenuClick(
      {
        menuItemId: MENU_SELECTION,
        selectionText: 'x https://1fichier.com/?bbbbbbbbbb and megadl.fr/?cccccccccc',
        pageUrl: 'https://a.example/',
      },
      5,
      w.deps,
    );
    expect(w.queued[0]!.links).toEqual([
      'https://1fichier.com/?aaaaaaaaaa',
      'https://1fichier.com/?bbbbbbbbbb',
      'https://megadl.fr/?cccccccccc',
    ]);
    // Without a content script (the site is a browser page), the text alone.
    const bare = deps(new Error('no receiver'));
    await onMenuClick(
      { menuItemId: MENU_SELECTION, selectionText: 'https://1fichier.com/?dddddddddd' },
      5,
      bare.deps,
    );
    expect(bare.queued[0]!.links).toEqual(['https://1fichier.com/?dddddddddd']);
  });

  it('says so when nothing could be queued', async () => {
    const none = deps();
    expect(
      await onMenuClick({ menuItemId: MENU_SELECTION, selectionText: 'no links' }, 5, none.deps),
    ).toEqual({
      found: 0,
      added: 0,
      duplicates: 0,
      problems: [],
    });
    expect(none.queued).toEqual([]);
    expect(none.told[0]!.message).toEqual({
      type: 'enqueued',
      result: { found: 0, added: 0, duplicates: 0, problems: [] },
    });
    const bad = deps();
    const result = await onMenuClick(
      { menuItemId: MENU_LINK, linkUrl: 'https://1fichier.com/console/' },
      5,
      bad.deps,
    );
    expect(result.problems).toEqual([{ link: 'https://1fichier.com/console/', error: { kind: 'badLink' } }]);
  });
});
