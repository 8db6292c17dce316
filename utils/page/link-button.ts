import { displayText, truncateDisplay } from '../display-text';
import { createShadowHost } from './shadow-host';
import type { ButtonView } from './states';

export { HOST_ATTR } from './shadow-host';

/** The English start of every button's accessible name (ui-contract.md); other locales translate it. */
export const BUTTON_PREFIX = 'Download with 1Fichier';

/** Custom tag (never defined): page rules written for `span` or `button` do not match it. */
export const LINK_HOST_TAG = 'dl1f-button';

export interface LinkButton {
  host: HTMLElement;
  button: HTMLButtonElement;
  render(view: ButtonView): void;
  /** The link check's text beside the button (undefined removes it); `state` styles it. */
  annotate(text: string | undefined, state?: string): void;
}

/** Calls back for a trusted click only; any click on our button stays ours (the page never sees it). */
export function onTrustedClick(button: HTMLElement, callback: () => void): void {
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    // Only a real user's click queues a link: page scripts cannot call .click() or dispatch events on our behalf.
    if (!event.isTrusted) return;
    callback();
  });
}

/**
 * The `Download with 1Fichier` button (ui-contract.md), in an open shadow root so page CSS cannot
 * restyle it and it cannot break the page's layout. Page text reaches it only as text. `name` is
 * the accessible name: it stays the same in every state (the state is in the text and the title).
 */
export function createLinkButton(
  doc: Document,
  name: string,
  view: ButtonView,
  onClick: () => void,
  tag: string = LINK_HOST_TAG,
  kind = 'link',
): LinkButton {
  const { host, root } = createShadowHost(doc, tag, kind);
  const button = doc.createElement('button');
  button.type = 'button';
  // Neutralised here too (idempotent), whoever built the name: it carries the page's text.
  button.setAttribute('aria-label', displayText(name));
  onTrustedClick(button, onClick);
  root.append(button);
  // The visible state (`⬇ 1Fichier`, `⬇ 42 %`, `✓ Completed`) is hidden from the accessibility tree:
  // the name stays `Download with 1Fichier: …` in every state, and the state is its description
  // (the title), so the name never contradicts what is shown (WCAG 2.5.3, axe label-in-name).
  const face = button.appendChild(doc.createElement('span'));
  face.setAttribute('aria-hidden', 'true');
  let check: HTMLElement | undefined;
  const render = (v: ButtonView) => {
    button.dataset.state = v.state;
    face.textContent = v.text;
    button.title = v.title;
  };
  render(view);
  return {
    host,
    button,
    render,
    annotate(text, state) {
      if (text === undefined) {
        check?.remove();
        check = undefined;
        return;
      }
      check ??= root.appendChild(doc.createElement('span'));
      check.className = 'check';
      check.dataset.state = state ?? '';
      check.textContent = text;
    },
  };
}

/**
 * A short, single-line label from the anchor's text (the page's text: no bidi controls or
 * invisible characters, see displayText), at most 80 code points. Only the first 1,000 characters
 * are read, so a page cannot make one label cost a megabyte of work.
 */
export function anchorLabel(anchor: Element): string {
  const text = (anchor.textContent ?? '').slice(0, 1_000).replace(/[\uD800-\uDBFF]$/u, '');
  return truncateDisplay(displayText(text), 80);
}
