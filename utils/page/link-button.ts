import { displayText, truncateDisplay } from '../display-text';
import type { FileLink } from '../onefichier/links';

export const BUTTON_PREFIX = 'Download with 1Fichier';
export const HOST_ATTR = 'data-dl1f-host';

const STYLE = `
:host { all: initial; display: inline; }
button { all: initial; font: 12px/1.2 system-ui, sans-serif; margin-inline-start: 4px; padding: 1px 6px;
  border: 1px solid #0b57d0; border-radius: 4px; color: #0b57d0; background: #fff; cursor: pointer;
  vertical-align: baseline; white-space: nowrap; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
button[data-state="error"] { border-color: #b3261e; color: #b3261e; }
`;

export interface LinkButton {
  host: HTMLElement;
  setState(state: 'ready' | 'busy' | 'done' | 'error', text: string, title?: string): void;
}

/**
 * The `Download with 1Fichier` button (ui-contract.md), in an open shadow root so page CSS cannot
 * restyle it and it cannot break the page's layout. Page text reaches it only as text.
 */
export function createLinkButton(
  doc: Document,
  link: FileLink,
  label: string,
  onTrustedClick: () => void,
): LinkButton {
  const host = doc.createElement('span');
  host.setAttribute(HOST_ATTR, '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = '⬇ 1Fichier';
  // Neutralised here too (idempotent), whoever built the label: it is the page's text.
  button.setAttribute('aria-label', `${BUTTON_PREFIX}: ${displayText(label) || link.canonical}`);
  button.title = `${BUTTON_PREFIX} (${link.canonical})`;
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    // Only a real user's click queues a link: page scripts cannot call .click() or dispatch events on our behalf.
    if (!event.isTrusted) return;
    onTrustedClick();
  });
  shadow.append(style, button);
  return {
    host,
    setState(state, text, title) {
      button.dataset.state = state;
      button.textContent = text;
      if (title !== undefined) button.title = title;
    },
  };
}

/**
 * A short, single-line label from the anchor's text (the page's text: no bidi controls or
 * invisible characters, see displayText), at most 80 code points.
 */
export function anchorLabel(anchor: HTMLAnchorElement): string {
  return truncateDisplay(displayText(anchor.textContent ?? ''), 80);
}
