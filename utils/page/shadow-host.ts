/**
 * Every element the content script puts in a page is a host with an open shadow root (ui-contract:
 * tests and assistive technology reach inside), marked with HOST_ATTR, styled by one stylesheet.
 * `all: initial` on the host (important, so page rules on the host lose) keeps page CSS from
 * reaching in and our box from changing the page's layout beyond one inline element.
 */
export const HOST_ATTR = 'data-dl1f-host';

const STYLE = `
:host { all: initial !important; display: inline !important; visibility: inherit !important; }
:host([data-dl1f-host="notice"]), :host([data-dl1f-host="file-page"]) {
  position: fixed !important; z-index: 2147483647 !important; display: block !important; }
:host([data-dl1f-host="notice"]) { right: 16px !important; bottom: 16px !important; }
:host([data-dl1f-host="file-page"]) { top: 12px !important; left: 50% !important;
  transform: translateX(-50%) !important; }
button { all: initial; font: 12px/1.2 system-ui, sans-serif; margin-inline-start: 4px; padding: 1px 6px;
  border: 1px solid #0b57d0; border-radius: 4px; color: #0b57d0; background: #fff; cursor: pointer;
  vertical-align: baseline; white-space: nowrap; }
button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
button[data-state="failed"] { border-color: #b3261e; color: #b3261e; }
button[data-state="completed"] { border-color: #146c2e; color: #146c2e; }
.state:empty { display: none; }
.state { font: 12px/1.2 system-ui, sans-serif; color: #0b57d0; background: #fff; padding: 1px 4px;
  margin-inline-start: 2px; border-radius: 4px; white-space: nowrap; }
.state[data-state="failed"] { color: #b3261e; }
.state[data-state="completed"] { color: #146c2e; }
.check { font: 12px/1.2 system-ui, sans-serif; color: #444; margin-inline-start: 4px; white-space: nowrap;
  background: #fff; padding: 0 4px; border-radius: 4px; }
.check[data-state="online"] { color: #146c2e; }
.check:not([data-state="online"]) { color: #b3261e; }
.big { font-size: 15px; padding: 8px 14px; margin: 0; box-shadow: 0 2px 8px rgb(0 0 0 / 25%); }
.notice { display: flex; gap: 8px; align-items: flex-start; max-width: 420px; padding: 10px 12px;
  font: 13px/1.4 system-ui, sans-serif; color: #1f1f1f; background: #fff; border: 1px solid #0b57d0;
  border-radius: 8px; box-shadow: 0 2px 12px rgb(0 0 0 / 25%); animation: dl1f-fade 0.2s ease-out; }
.notice p { margin: 0; overflow-wrap: anywhere; }
@keyframes dl1f-fade { from { opacity: 0; } to { opacity: 1; } }
`;

// One constructed sheet per document (a frame has its own document; a sheet cannot be adopted
// across documents). null: this document cannot adopt (old browser, or Firefox's content-script
// wrappers refusing the array), so each root gets its own <style>.
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(doc: Document): CSSStyleSheet | null {
  if (sheets.has(doc)) return sheets.get(doc)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    const Ctor = doc.defaultView?.CSSStyleSheet;
    if (Ctor) {
      sheet = new Ctor();
      sheet.replaceSync(STYLE);
    }
  } catch {
    sheet = null;
  }
  sheets.set(doc, sheet);
  return sheet;
}

function adopt(root: ShadowRoot, doc: Document): boolean {
  if (!('adoptedStyleSheets' in root)) return false;
  const sheet = sharedSheet(doc);
  if (!sheet) return false;
  try {
    root.adoptedStyleSheets = [sheet];
    if (root.adoptedStyleSheets.length === 1) return true;
  } catch {
    // Falls through: remember that this document cannot adopt.
  }
  sheets.set(doc, null);
  return false;
}

/** A new host element `tag` with an open, styled shadow root; `kind` is HOST_ATTR's value. */
export function createShadowHost(
  doc: Document,
  tag: string,
  kind: string,
): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement(tag);
  host.setAttribute(HOST_ATTR, kind);
  const root = host.attachShadow({ mode: 'open' });
  if (!adopt(root, doc)) {
    const style = doc.createElement('style');
    style.textContent = STYLE;
    root.append(style);
  }
  return { host, root };
}

/** Whether a node is one of our hosts. */
export function isOurHost(node: Node): boolean {
  return node instanceof Element && node.hasAttribute(HOST_ATTR);
}
