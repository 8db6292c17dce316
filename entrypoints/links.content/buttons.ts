import { errorMessage } from '../../utils/onefichier/error-messages';
import { uiLang } from '../../utils/format';
import { sendMessage } from '../../utils/messaging/send';
import { findFileLinks, type FoundLink } from '../../utils/page/find-links';
import { anchorLabel, createLinkButton, HOST_ATTR } from '../../utils/page/link-button';

/** Injects a button after every 1Fichier file link, now and as the page changes. */
export function startLinkButtons(doc: Document, signal: AbortSignal): void {
  const seen = new WeakSet<HTMLAnchorElement>();
  const add = (found: FoundLink[]) => found.forEach((f) => attach(doc, f));
  add(findFileLinks(doc, seen));
  // One observer that looks only at added nodes.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && !node.hasAttribute(HOST_ATTR)) add(findFileLinks(node, seen));
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect());
}

function attach(doc: Document, { anchor, link }: FoundLink): void {
  const button = createLinkButton(doc, link, anchorLabel(anchor), async () => {
    button.setState('busy', '⬇ …');
    try {
      // The link parsed when the button was made (and named): a page changing the href later
      // cannot swap the file behind the user's click.
      const result = await sendMessage('enqueueLinks', { links: [link.canonical], pageUrl: location.href });
      button.setState('done', result.added ? '✓ Queued' : '✓ Already queued');
    } catch (err) {
      button.setState('error', '⚠ 1Fichier', errorMessage(err, uiLang()));
    }
  });
  anchor.after(button.host);
}
