import { FILES, type FixtureFile } from '../emulator/index.ts';
import { escapeHtml } from './web-server.ts';

/**
 * How a hidden link is hidden; each way is used for a quarter of the hidden links. `rendered`:
 * whether the browser still renders the link (checkVisibility), so the extension gives it a button
 * (it skips links that are not rendered: display:none, opacity:0; see utils/page/rendered.ts).
 */
const HIDING_STYLES = [
  { style: 'display:none', rendered: false },
  { style: 'display:inline-block;width:0;height:0;overflow:hidden', rendered: true },
  { style: 'position:absolute;left:-10000px;top:-10000px', rendered: true },
  { style: 'opacity:0', rendered: false },
] as const;

/**
 * Links that must get no button: look-alike hosts and shapes `utils/onefichier/links.ts` rejects
 * (other hosts, credentials, ports, other schemes, IDN homoglyphs), and `javascript:` links whose
 * text reads like a 1Fichier link. A trailing-dot host (`1fichier.com.`) is NOT here: it is the
 * same host in DNS and the parser accepts it.
 */
export const LOOKALIKE_HREFS: readonly string[] = [
  'https://1fichier.com.evil.test/?abcdefghij',
  'https://1fichier.co/?abcdefghij',
  'https://evil1fichier.com/?abcdefghij',
  'https://xn--1fichier-q4a.com/?abcdefghij',
  // Cyrillic і (U+0456) in place of the i: the URL parser turns it into an xn-- host.
  'https://1f\u0456chier.com/?abcdefghij',
  'https://evil.test/?1fichier.com',
  'https://evil.test/https://1fichier.com/?abcdefghij',
  'https://1fichier.com@evil.test/?abcdefghij',
  'https://user:pass@1fichier.com/?abcdefghij',
  'https://1fichier.com:8443/?abcdefghij',
  'ftp://1fichier.com/?abcdefghij',
  'https://1fichier.com/remove/abcdefghij/xyz',
  'https://1fichier.com/?ab',
];

/** `javascript:` links whose visible text looks like a 1Fichier link. */
export const JAVASCRIPT_HREFS: readonly string[] = [
  'javascript:void(0)',
  "javascript:void('https://1fichier.com/?abcdefghij')",
  'javascript://1fichier.com/?abcdefghij%0Avoid(0)',
];

export interface HostilePageOptions {
  /** Visible genuine links (the only ones a user could mean to click). */
  genuine?: readonly FixtureFile[];
  /** Hidden 1Fichier links present in the HTML (default 2,000). */
  hidden?: number;
  /** Off-screen 1Fichier links the page's script adds after the first attack (default 100). */
  dynamic?: number;
}

export interface HostilePage {
  html: string;
  /**
   * Buttons the extension should inject in all: genuine + the hidden links still rendered + dynamic
   * (look-alikes and links that are not rendered get none).
   */
  expectedButtons: number;
  /** Hidden links that are not rendered (display:none, opacity:0): no button. */
  unrenderedHidden: number;
  genuine: readonly FixtureFile[];
}

/** A file id for hidden link `i` (8 alphanumerics, no fixture file has it). */
const hiddenId = (i: number) => `hid${String(i).padStart(5, '0')}`;

/**
 * A page that does its best to get links queued without a user (security-notes.md §2.1). Its
 * own script, once the extension's buttons are in the DOM (it waits with a MutationObserver):
 * - calls `.click()` on every injected button (reached through the open shadow root of each
 *   `[data-dl1f-host]`), dispatches `click` (MouseEvent and plain Event), pointer and mouse
 *   down/up, focuses it and dispatches Enter and Space key events;
 * - posts messages shaped like ours (`{type:'enqueueLinks', payload:{links}}` and variants) with
 *   `window.postMessage`, and waits until its own listener has seen every one;
 * - calls `chrome.runtime.sendMessage(<extension id from ?ext=>, …)` if `chrome.runtime` exists;
 * - adds more links (off-screen), waits for their buttons and attacks them too;
 * - clobbers globals (`id="chrome"`, `id="browser"`, `name="sendMessage"`).
 * It writes what it did to `document.body.dataset` and sets `data-done="1"` last:
 * `buttons` (buttons attacked), `changed` (buttons whose text or state changed: a click accepted
 * by the extension sets its button busy synchronously), `posted`, `runtime` (`absent`, or what
 * the call did).
 */
export function hostilePageHtml(opts: HostilePageOptions = {}): HostilePage {
  const genuine = opts.genuine ?? [FILES.small, FILES.unicode, FILES.hostile];
  const hidden = opts.hidden ?? 2_000;
  const dynamic = opts.dynamic ?? 100;
  const renderedHidden = Array.from(
    { length: hidden },
    (_, i) => HIDING_STYLES[i % HIDING_STYLES.length]!,
  ).filter((h) => h.rendered).length;
  const hiddenLinks = Array.from({ length: hidden }, (_, i) => {
    const { style } = HIDING_STYLES[i % HIDING_STYLES.length]!;
    return `<a style="${style}" href="https://1fichier.com/?${hiddenId(i)}">${escapeHtml(`file-${i}.exe`)}</a>`;
  }).join('\n');
  const lookalikes = LOOKALIKE_HREFS.map(
    (href) => `<li><a data-lookalike href="${escapeHtml(href)}">https://1fichier.com/?abcdefghij</a></li>`,
  ).join('\n');
  const jsLinks = JAVASCRIPT_HREFS.map(
    (href) => `<li><a data-lookalike href="${escapeHtml(href)}">https://1fichier.com/?abcdefghij</a></li>`,
  ).join('\n');
  const genuineItems = genuine
    .map((f) => `<li><a data-genuine href="${escapeHtml(f.link)}">${escapeHtml(f.name)}</a></li>`)
    .join('\n');
  // Messages shaped like the extension's own, and some guesses at other bridges' shapes.
  const sampleLinks = [...genuine.map((f) => f.link), 'https://1fichier.com/?hid00000'];
  const config = {
    expected: genuine.length + renderedHidden,
    dynamic,
    dynamicStart: hidden,
    links: sampleLinks,
  };

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile page</title></head>
<body>
<div id="chrome"></div><div id="browser"></div><form name="sendMessage"></form>
<h1>Totally normal forum</h1>
<ul id="genuine">
${genuineItems}
</ul>
<ul id="lookalikes">
${lookalikes}
${jsLinks}
</ul>
<div id="hidden">
${hiddenLinks}
</div>
<div id="dynamic" style="position:absolute;left:-10000px;top:-10000px"></div>
<script>
(() => {
  const CONFIG = ${JSON.stringify(config)};
  const HIDDEN_ID = (i) => 'hid' + String(i).padStart(5, '0');
  const report = (key, value) => { document.body.dataset[key] = String(value); };
  const hosts = () => Array.from(document.querySelectorAll('[data-dl1f-host]'));
  const buttonOf = (host) => host.shadowRoot ? host.shadowRoot.querySelector('button') : null;

  // Resolves once at least n injected buttons are in the document (no timers: DOM events only).
  const whenButtons = (n) => new Promise((resolve) => {
    if (hosts().length >= n) return resolve();
    const observer = new MutationObserver(() => {
      if (hosts().length >= n) { observer.disconnect(); resolve(); }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  });

  // Every way a script can try to press a button. Returns how many buttons changed afterwards.
  const attack = (buttons) => {
    const before = buttons.map((b) => b.textContent + '|' + (b.getAttribute('data-state') || ''));
    for (const b of buttons) {
      const opts = { bubbles: true, cancelable: true, composed: true };
      b.click();
      HTMLElement.prototype.click.call(b);
      b.dispatchEvent(new MouseEvent('click', opts));
      b.dispatchEvent(new MouseEvent('click', { ...opts, detail: 1, screenX: 10, screenY: 10, clientX: 5, clientY: 5 }));
      b.dispatchEvent(new Event('click', opts));
      b.dispatchEvent(new PointerEvent('pointerdown', { ...opts, pointerType: 'mouse', isPrimary: true }));
      b.dispatchEvent(new MouseEvent('mousedown', opts));
      b.dispatchEvent(new PointerEvent('pointerup', { ...opts, pointerType: 'mouse', isPrimary: true }));
      b.dispatchEvent(new MouseEvent('mouseup', opts));
      b.focus();
      const focused = b.getRootNode().activeElement || b;
      for (const key of ['Enter', ' ']) {
        const init = { ...opts, key, code: key === 'Enter' ? 'Enter' : 'Space', keyCode: key === 'Enter' ? 13 : 32 };
        focused.dispatchEvent(new KeyboardEvent('keydown', init));
        focused.dispatchEvent(new KeyboardEvent('keypress', init));
        focused.dispatchEvent(new KeyboardEvent('keyup', init));
      }
      b.parentNode.host.click();
    }
    const after = buttons.map((b) => b.textContent + '|' + (b.getAttribute('data-state') || ''));
    return after.filter((a, i) => a !== before[i]).length;
  };

  // window.postMessage with our message shapes; resolves when our own listener saw them all.
  const postAll = () => new Promise((resolve) => {
    const links = CONFIG.links;
    const payloads = [
      { type: 'enqueueLinks', payload: { links, pageUrl: location.href } },
      { type: 'enqueueLinks', payload: { links } },
      { type: 'enqueueLinks', links },
      { id: 1, type: 'enqueueLinks', payload: { links }, source: 'content-script' },
      { type: 'saveKey', payload: { key: 'attacker-key-0000000000000000000' } },
      { type: 'jobAction', payload: { id: 'x', action: 'retry' } },
      JSON.stringify({ type: 'enqueueLinks', payload: { links } }),
    ];
    let seen = 0;
    window.addEventListener('message', (event) => {
      if (event.source !== window) return;
      seen += 1;
      if (seen === payloads.length) { report('posted', seen); resolve(); }
    });
    for (const p of payloads) window.postMessage(p, '*');
  });

  // chrome.runtime.sendMessage to the extension, if the page can see chrome.runtime at all.
  const tryRuntime = () => new Promise((resolve) => {
    const extId = new URLSearchParams(location.search).get('ext') || '';
    const rt = window.chrome && window.chrome.runtime;
    if (!rt || typeof rt.sendMessage !== 'function') return resolve('absent');
    try {
      rt.sendMessage(extId, { type: 'enqueueLinks', payload: { links: CONFIG.links } }, (reply) => {
        const err = rt.lastError;
        resolve(err ? 'error: ' + err.message : 'reply: ' + JSON.stringify(reply));
      });
    } catch (err) {
      resolve('threw: ' + (err && err.message));
    }
  });

  (async () => {
    await whenButtons(CONFIG.expected);
    let buttons = hosts().map(buttonOf).filter(Boolean);
    let changed = attack(buttons);
    let attacked = buttons.length;

    report('posted', 0);
    await postAll();
    report('runtime', await tryRuntime());

    // Links added later (the extension's MutationObserver path): buttons appear, attack them too.
    const container = document.getElementById('dynamic');
    const known = new Set(hosts());
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < CONFIG.dynamic; i += 1) {
      const a = document.createElement('a');
      a.href = 'https://1fichier.com/?' + HIDDEN_ID(CONFIG.dynamicStart + i);
      a.textContent = 'late-' + i + '.exe';
      fragment.append(a);
    }
    container.append(fragment);
    await whenButtons(CONFIG.expected + CONFIG.dynamic);
    buttons = hosts().filter((h) => !known.has(h)).map(buttonOf).filter(Boolean);
    changed += attack(buttons);
    attacked += buttons.length;

    report('buttons', attacked);
    report('changed', changed);
    report('done', '1');
  })().catch((err) => { report('error', err && err.message); report('done', '1'); });
})();
</script>
</body></html>`;
  return {
    html,
    expectedButtons: genuine.length + renderedHidden + dynamic,
    unrenderedHidden: hidden - renderedHidden,
    genuine,
  };
}
