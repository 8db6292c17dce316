import { displayText, truncateDisplay } from '../display-text';
import { t } from '../i18n';
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
  /** The state shown beside the button (empty while ready). */
  status: HTMLElement;
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

export interface LinkButtonLook {
  /** Custom tag of the host (file-page control: its own). */
  tag?: string;
  /** Shadow host kind (styles). */
  kind?: string;
  /** The button's constant visible text (default `⬇ 1Fichier`); words its name contains. */
  face?: string;
  /** A folder link: `(folder)` is shown beside the button while it is ready, as its name says. */
  folder?: boolean;
}

/**
 * The `Download with 1Fichier` button (ui-contract.md), in an open shadow root so page CSS cannot
 * restyle it and it cannot break the page's layout. Page text reaches it only as text. `name` is
 * the accessible name: it stays the same in every state (the state is shown beside it and is its title).
 */
export function createLinkButton(
  doc: Document,
  name: string,
  view: ButtonView,
  onClick: () => void,
  look: LinkButtonLook = {},
): LinkButton {
  const { host, root } = createShadowHost(doc, look.tag ?? LINK_HOST_TAG, look.kind ?? 'link');
  const button = doc.createElement('button');
  button.type = 'button';
  // Neutralised here too (idempotent), whoever built the name: it carries the page's text.
  button.setAttribute('aria-label', displayText(name));
  onTrustedClick(button, onClick);
  root.append(button);
  // The button always reads `⬇ 1Fichier`, words its name contains (WCAG 2.5.3 label in name: a
  // speech user says what they see); the state (`⬇ 42 %`, `✓ Completed`, `3 / 6 files`) is shown
  // beside it, and is the button's description (its title) for screen readers.
  button.textContent = look.face ?? t('pageButtonReady');
  const status = root.appendChild(doc.createElement('span'));
  status.className = 'state';
  let check: HTMLElement | undefined;
  const render = (v: ButtonView) => {
    button.dataset.state = v.state;
    status.dataset.state = v.state;
    status.textContent = v.state === 'ready' ? (look.folder ? t('pageButtonFolderHint') : '') : v.text;
    button.title = v.title;
  };
  render(view);
  return {
    host,
    button,
    status,
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
