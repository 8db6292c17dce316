// @vitest-environment happy-dom
import { describe, it, expect, vi, beforeEach } from 'vitest';
import { getByRole, queryAllByRole } from '@testing-library/preact';
import { parseFileLink, parseLink } from '../../utils/onefichier/links';
import { anchorLabel, BUTTON_PREFIX, createLinkButton, HOST_ATTR } from '../../utils/page/link-button';
import {
  anchorLink,
  collectAnchors,
  mayBeLinkHref,
  relativeMayBeLinks,
  type AnchorHit,
} from '../../utils/page/scan';
import { noticeLines } from '../../utils/page/notice';
import { createShadowHost } from '../../utils/page/shadow-host';
import { buttonName, buttonView } from '../../utils/page/states';
import { collectTextLinks, insertAfterText, type TextHit } from '../../utils/page/text-links';
import { useLocale } from '../fakes/i18n.ts';

const HOSTILE = '<img src=x onerror=alert(1)><script>window.pwned=1</script>';

beforeEach(() => {
  document.body.innerHTML = '';
});

function anchors(root: Node = document, skip = (_a: HTMLAnchorElement) => false): AnchorHit[] {
  const out: AnchorHit[] = [];
  collectAnchors(root, skip, out);
  return out;
}

function texts(root: Node = document.body, limit = 100): TextHit[] {
  const out: TextHit[] = [];
  collectTextLinks(root, () => false, limit, out);
  return out;
}

describe('collectAnchors', () => {
  it('finds file and folder links in every form, and nothing else', () => {
    document.body.innerHTML = `
      <a id="f1" href="https://1fichier.com/?abcdefghij">movie.mkv</a>
      <a id="f2" href="http://www.alterupload.com?KLMNOPQRST&af=1">part 2</a>
      <a id="f3" href="http://oldid12345.1fichier.com/">old form</a>
      <a id="f4" href="https://MEGADL.FR/?zzzzzzzzzzzzzzzzzzzz#x">mirror, upper case</a>
      <a id="f5" href="https://1fichier.com./?abcdefghik&lg=en">trailing dot</a>
      <a id="d1" href="https://1fichier.com/dir/AbCd1234">folder</a>
      <a id="d2" href="https://desfichiers.com/fr/dir/AbCd1234/">folder, language</a>
      <a id="x1" href="https://a-6.1fichier.com/p1058755667">direct link</a>
      <a id="x2" href="https://example.com/?abcdefghij">elsewhere</a>
      <a id="x3" href="https://1fichier.com.evil.net/?abcdefghij">look-alike</a>
      <a id="x4">no href</a>
      <a id="x5" href="javascript:void('https://1fichier.com/?abcdefghij')">js</a>
      <a id="x6" href="https://evil.test/?1fichier.com/?abcdefghij">in the query</a>
      <a id="x7" href="https://user:pw@1fichier.com/?abcdefghij">credentials</a>
      <a id="x8" href="https://1fichier.com/remove/abcdefghij/xyz">remove link</a>
      <svg><a id="x9" href="https://1fichier.com/?abcdefghij"><text>svg</text></a></svg>`;
    const found = anchors();
    expect(found.map((f) => f.anchor.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'd1', 'd2']);
    expect(found.map((f) => f.link.canonical)).toEqual([
      'https://1fichier.com/?abcdefghij',
      'https://alterupload.com/?KLMNOPQRST',
      'https://1fichier.com/?oldid12345',
      'https://megadl.fr/?zzzzzzzzzzzzzzzzzzzz',
      'https://1fichier.com/?abcdefghik',
      'https://1fichier.com/dir/AbCd1234',
      'https://desfichiers.com/dir/AbCd1234',
    ]);
    expect(found[0]!.link).toEqual(parseFileLink('https://1fichier.com/?abcdefghij'));
    expect(found.map((f) => f.link.kind)).toEqual([
      'file',
      'file',
      'file',
      'file',
      'file',
      'folder',
      'folder',
    ]);
  });

  it('the prefilter lets through everything the parser accepts (same verdict on every href here)', () => {
    const hrefs = [
      'https://1fichier.com/?abcdefghij',
      'http://www.dl4free.com/?abcdefghij',
      'https://abcdefghij.pjointe.com/',
      'https://tenvoi.com./?abcdefghij',
      'https://cjoint.net/dir/AbCd1234',
      'https://mesfichiers.org/?abcdefghij&af=2',
      'https://piecejointe.net?abcdefghij',
      'https://desfichiers.net/?abcdefghij#frag',
      'https://dfichiers.com/en/dir/AbCd1234',
      'https://1fichier.com:8443/?abcdefghij',
      'https://not1fichier.com/?abcdefghij',
      'https://1fichier.community/?abcdefghij',
      'ftp://1fichier.com/?abcdefghij',
      'mailto:x@1fichier.com',
    ];
    for (const href of hrefs) {
      const parsed = parseLink(href);
      if (parsed && parsed.kind !== 'direct') expect(mayBeLinkHref(href), href).toBe(true);
    }
    expect(mayBeLinkHref('https://example.com/page')).toBe(false);
    expect(mayBeLinkHref('https://not1fichier.com/?abcdefghij')).toBe(false);
    expect(mayBeLinkHref('mailto:x@1fichier.com')).toBe(false);
  });

  it('skips anchors the caller already handled, and takes an anchor or a subtree as the root', () => {
    document.body.innerHTML = `<a id="a1" href="https://1fichier.com/?abcdefghij">one</a>
      <span><a id="a2" href="https://1fichier.com/?klmnopqrst">two</a></span>`;
    const a1 = document.getElementById('a1') as HTMLAnchorElement;
    expect(anchors(document, (a) => a === a1).map((f) => f.anchor.id)).toEqual(['a2']);
    expect(anchors(a1).map((f) => f.anchor)).toEqual([a1]);
    expect(anchors(document.querySelector('span')!).map((f) => f.anchor.id)).toEqual(['a2']);
    expect(anchors(document.createTextNode('https://1fichier.com/?abcdefghij'))).toEqual([]);
  });

  it('resolves relative hrefs against the page URL', () => {
    const happyDOM = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
    document.body.innerHTML = '<a id="r" href="/?abcdefghij">relative</a>';
    happyDOM.setURL('https://forum.example/thread/1');
    expect(anchors()).toEqual([]);
    happyDOM.setURL('https://1fichier.com/console/');
    expect(anchors().map((f) => f.link.canonical)).toEqual(['https://1fichier.com/?abcdefghij']);
    happyDOM.setURL('http://localhost:3000/');
  });

  it('resolves what the browser resolves: protocol-relative, leading spaces, a <base> on 1Fichier', () => {
    document.body.innerHTML = `<a id="p" href="//1fichier.com/?protoabcde">p</a>
      <a id="s" href="  HTTPS://1Fichier.com/?spacesabcd ">s</a>
      <a id="r" href="?relativeab">relative</a>`;
    expect(anchors().map((f) => [f.anchor.id, f.link.canonical])).toEqual([
      ['p', 'https://1fichier.com/?protoabcde'],
      ['s', 'https://1fichier.com/?spacesabcd'],
    ]);
    // Relative hrefs are only worth resolving where the base URL is on 1Fichier (a <base> counts;
    // happy-dom's a.href ignores <base>, so only the decision is checked here).
    expect(relativeMayBeLinks(document)).toBe(false);
    const base = document.createElement('base');
    base.href = 'https://www.megadl.fr/';
    document.head.append(base);
    try {
      expect(relativeMayBeLinks(document)).toBe(true);
    } finally {
      base.remove();
    }
  });

  it('anchorLink ignores SVG anchors (no string href)', () => {
    document.body.innerHTML = '<svg><a href="https://1fichier.com/?abcdefghij"></a></svg>';
    expect(anchorLink(document.querySelector('a') as unknown as HTMLAnchorElement)).toBeUndefined();
  });
});

describe('collectTextLinks / insertAfterText', () => {
  it('finds URLs written as text, with or without a scheme, file and folder, once per text', () => {
    document.body.innerHTML = `<p id="p">Get it: https://1fichier.com/?abcdefghij, mirror www.megadl.fr/?KLMNOPQRST
      and the folder 1fichier.com/fr/dir/AbCd1234. Again https://1fichier.com/?abcdefghij&af=3.</p>`;
    const hits = texts();
    expect(hits.map((h) => h.link.canonical)).toEqual([
      'https://1fichier.com/?abcdefghij',
      'https://megadl.fr/?KLMNOPQRST',
      'https://1fichier.com/dir/AbCd1234',
    ]);
    const data = hits[0]!.node.data;
    expect(hits.map((h) => data.slice(h.start, h.end))).toEqual([
      'https://1fichier.com/?abcdefghij',
      'www.megadl.fr/?KLMNOPQRST',
      '1fichier.com/fr/dir/AbCd1234',
    ]);
  });

  it('leaves text inside anchors, scripts, styles, form fields, buttons, editable content and SVG alone', () => {
    const url = 'https://1fichier.com/?abcdefghij';
    document.body.innerHTML = `
      <a href="https://example.com/">${url}</a>
      <script>var u = "${url}";</script><style>/* ${url} */</style><noscript>${url}</noscript>
      <textarea>${url}</textarea><select><option>${url}</option></select><button>${url}</button>
      <div contenteditable="true"><p>${url}</p></div>
      <svg><text>${url}</text></svg>
      <p id="ok">${url}</p>`;
    const hits = texts(document.body);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.node.parentElement!.id).toBe('ok');
  });

  it('on large pages too: URLs at any depth, mixed with big text without links, nothing from excluded elements', () => {
    const filler = `<p>${'Lorem ipsum dolor sit amet. '.repeat(200)}</p>`;
    let deep = '<span>deep https://1fichier.com/?deepabcdef</span>';
    for (let i = 0; i < 40; i += 1) deep = `<div>${filler.slice(0, 60)}${deep}</div>`;
    document.body.innerHTML = `${filler}<main>${filler}
      <script>var u = "https://1fichier.com/?scriptabcd";</script>
      <section>${filler}<p>top https://1fichier.com/?topabcdefg</p>${filler}</section>
      ${deep}${filler} tail 1fichier.com/?tailabcdef</main>`;
    expect(texts().map((h) => h.link.id)).toEqual(['topabcdefg', 'deepabcdef', 'tailabcdef']);
  });

  it('ignores direct links, look-alikes and words glued to the domain', () => {
    document.body.innerHTML =
      '<p>https://a-6.1fichier.com/p1058755667 not1fichier.com/?abcdefghij 1fichier.com.evil.net/?abcdefghij</p>';
    expect(texts()).toEqual([]);
  });

  it('stops at the limit', () => {
    document.body.innerHTML = Array.from(
      { length: 5 },
      (_, i) => `<p>https://1fichier.com/?file${i}abcde</p>`,
    ).join('');
    expect(texts(document.body, 3)).toHaveLength(3);
  });

  it('puts each host right after its URL, splitting the text, and marks the pieces done', () => {
    document.body.innerHTML = '<p>A https://1fichier.com/?abcdefghij B megadl.fr/?KLMNOPQRST C</p>';
    const p = document.querySelector('p')!;
    const hits = texts();
    const done = new WeakSet<Text>();
    const hosts = insertAfterText(hits, done, (hit) => {
      const span = document.createElement('span');
      span.className = 'btn';
      span.textContent = `[${hit.link.id}]`;
      return span;
    });
    expect(hosts).toHaveLength(2);
    expect(p.textContent).toBe(
      'A https://1fichier.com/?abcdefghij[abcdefghij] B megadl.fr/?KLMNOPQRST[KLMNOPQRST] C',
    );
    expect(p.childNodes).toHaveLength(5);
    for (const node of p.childNodes)
      if (node.nodeType === Node.TEXT_NODE) expect(done.has(node as Text)).toBe(true);
    // Done text is not found again.
    const again: TextHit[] = [];
    collectTextLinks(p, (n) => done.has(n), 100, again);
    expect(again).toEqual([]);
  });
});

describe('createLinkButton', () => {
  const link = parseFileLink('https://1fichier.com/?abcdefghij')!;
  const ready = () => buttonView('file', link.canonical, { kind: 'ready' });

  function mount(label: string, onClick = vi.fn()) {
    const anchor = document.createElement('a');
    anchor.href = link.canonical;
    anchor.textContent = label;
    document.body.append(anchor);
    const button = createLinkButton(document, buttonName('file', label || link.canonical), ready(), onClick);
    anchor.after(button.host);
    const root = button.host.shadowRoot!;
    return { button, root, onClick, anchor };
  }

  it('is a button whose accessible name starts with "Download with 1Fichier"', () => {
    const { root, button } = mount('movie.mkv');
    expect(button.host.hasAttribute(HOST_ATTR)).toBe(true);
    expect(button.host.localName).toBe('dl1f-button');
    expect(root.mode).toBe('open');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: movie.mkv`);
    expect(BUTTON_PREFIX).toBe('Download with 1Fichier');
    expect(el.getAttribute('type')).toBe('button');
    expect(el.textContent).toBe('⬇ 1Fichier');
    expect(el.dataset.state).toBe('ready');
    expect(el.title).toBe('Download with 1Fichier: https://1fichier.com/?abcdefghij');
  });

  it('neutralises the name it is given: the accessible name has no bidi control', () => {
    const { root } = mount('invoice\u202Etxt.exe\u200D');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: invoicetxt.exe`);
  });

  it('shows hostile anchor text only as text: no element is created from it', () => {
    const { root, button } = mount(HOSTILE);
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: ${HOSTILE}`);
    expect(root.querySelectorAll('img, script')).toHaveLength(0);
    expect(el.children).toHaveLength(0);
    button.render({ state: 'failed', text: HOSTILE, title: HOSTILE });
    button.annotate(HOSTILE, 'online');
    expect(root.querySelectorAll('img, script')).toHaveLength(0);
    // The button keeps its own words; the state beside it is text only.
    expect(el.textContent).toBe('⬇ 1Fichier');
    expect(button.status.textContent).toBe(HOSTILE);
    expect(el.getAttribute('title')).toBe(HOSTILE);
    expect(root.querySelector('.check')!.textContent).toBe(HOSTILE);
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('ignores a synthetic button.click()', () => {
    const { root, onClick } = mount('movie.mkv');
    getByRole(root as unknown as HTMLElement, 'button').click();
    expect(onClick).not.toHaveBeenCalled();
  });

  it('ignores a dispatched click event (isTrusted false) and keeps it from the page', () => {
    const { root, onClick } = mount('movie.mkv');
    const pageListener = vi.fn();
    document.addEventListener('click', pageListener);
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    getByRole(root as unknown as HTMLElement, 'button').dispatchEvent(event);
    expect(event.isTrusted).not.toBe(true);
    expect(onClick).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(true);
    expect(pageListener).not.toHaveBeenCalled();
    document.removeEventListener('click', pageListener);
  });

  it('calls back once for a trusted click (isTrusted forged here: only the browser can set it)', () => {
    const { root, onClick } = mount('movie.mkv');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    getByRole(root as unknown as HTMLElement, 'button').dispatchEvent(event);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('render shows the state beside the button, sets data-state and title, and keeps the name and the words of the button', () => {
    const { root, button } = mount('movie.mkv');
    button.render(
      buttonView('file', link.canonical, { kind: 'live', live: { state: 'downloading', percent: 42.7 } }),
    );
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: `${BUTTON_PREFIX}: movie.mkv` });
    // WCAG 2.5.3: what the button shows is part of its name; the state sits beside it.
    expect(el.textContent).toBe('⬇ 1Fichier');
    expect(button.status.textContent).toBe('⬇ 42\u00a0%');
    expect(button.status.dataset.state).toBe('downloading');
    expect(el.dataset.state).toBe('downloading');
    expect(el.title).toBe('Downloading 42\u00a0%');
    expect(queryAllByRole(root as unknown as HTMLElement, 'button')).toHaveLength(1);
    button.annotate('movie.mkv · 1 MB', 'online');
    expect(root.querySelector('.check')!.textContent).toBe('movie.mkv · 1 MB');
    button.annotate(undefined);
    expect(root.querySelector('.check')).toBeNull();
  });
});

describe('button states', () => {
  const canonical = 'https://1fichier.com/?abcdefghij';
  const live = (l: Parameters<typeof buttonView>[2] & { kind: 'live' }) => buttonView('file', canonical, l);

  it('has a text, a data-state and a title for every phase and job state', () => {
    expect(buttonView('file', canonical, { kind: 'busy' })).toEqual({
      state: 'busy',
      text: '⬇ …',
      title: 'Adding to the download queue…',
    });
    expect(buttonView('file', canonical, { kind: 'added', already: false }).text).toBe('✓ Queued');
    expect(buttonView('file', canonical, { kind: 'added', already: true }).text).toBe('✓ Already queued');
    const words = {
      queued: 'Queued',
      resolving: 'Resolving',
      downloading: '⬇ Downloading',
      paused: 'Paused',
      waiting: 'Waiting',
      locked: 'Locked',
      completed: '✓ Completed',
      failed: '⚠ Failed',
    } as const;
    for (const [state, text] of Object.entries(words)) {
      const view = live({ kind: 'live', live: { state: state as keyof typeof words } });
      expect(view.text).toBe(text);
      expect(view.state).toBe(state);
    }
  });

  it('a failed job says why in the title; a failed click too', () => {
    const view = live({ kind: 'live', live: { state: 'failed', error: { kind: 'notFound' } } });
    expect(view.title).toBe('Failed: The file was deleted or never existed on 1Fichier.');
    const unknown = live({
      kind: 'live',
      live: { state: 'failed', error: { kind: 'needsUser' as 'notFound' } },
    });
    expect(unknown.title).toBe('Failed');
    const click = buttonView('file', canonical, { kind: 'error', error: new Error('x') });
    expect(click).toEqual({
      state: 'failed',
      text: '⚠ Failed',
      title: 'Something went wrong inside the extension.',
    });
  });

  it('folders say so in the name and show the files done', () => {
    expect(buttonName('folder', 'My files')).toBe('Download with 1Fichier: My files (folder)');
    expect(buttonView('folder', 'https://1fichier.com/dir/AbCd1234', { kind: 'ready' }).text).toBe(
      '⬇ 1Fichier folder',
    );
    const view = buttonView('folder', 'https://1fichier.com/dir/AbCd1234', {
      kind: 'live',
      live: { state: 'downloading', files: { done: 3, total: 10 } },
    });
    expect(view.text).toBe('⬇ Downloading · 3/10 files');
  });

  it('follows the UI language', () => {
    useLocale('fr');
    expect(buttonName('file', 'film.mkv')).toBe('Télécharger avec 1Fichier : film.mkv');
    expect(live({ kind: 'live', live: { state: 'completed' } }).text).toBe('✓ Terminé');
  });

  it('writes counts the way the language writes them (folder files, in-page notices)', () => {
    useLocale('fr');
    const view = live({ kind: 'live', live: { state: 'queued', files: { done: 1_200, total: 2_500 } } });
    expect(view.text).toBe('En file · 1\u202f200/2\u202f500 fichiers');
    const problems = Array.from({ length: 1_003 }, (_, i) => ({
      link: `https://1fichier.com/?${String(i).padStart(20, 'a')}`,
      error: { kind: 'notFound' as const },
    }));
    const lines = noticeLines({ found: 3_237, added: 1_234, duplicates: 1_000, problems });
    expect(lines[0]).toBe('1\u202f234 ajoutés à la file, 1\u202f000 déjà présents');
    expect(lines.at(-1)).toBe('1\u202f000 autres liens n’ont pas pu être ajoutés.');
    useLocale('en');
    expect(noticeLines({ found: 1_234, added: 1_234, duplicates: 0, problems: [] })[0]).toMatch(/^1,234 /);
  });
});

describe('shadow hosts', () => {
  it('share one constructed stylesheet per document', () => {
    const a = createShadowHost(document, 'dl1f-button', 'link');
    const b = createShadowHost(document, 'dl1f-button', 'link');
    expect(a.root.adoptedStyleSheets).toHaveLength(1);
    expect(a.root.adoptedStyleSheets[0]).toBe(b.root.adoptedStyleSheets[0]);
    expect(a.root.querySelector('style')).toBeNull();
  });

  it('fall back to a <style> per root where adoption fails', () => {
    const other = document.implementation.createHTMLDocument('x');
    const spy = vi
      .spyOn(
        Object.getPrototypeOf(other.createElement('span').attachShadow({ mode: 'open' })),
        'adoptedStyleSheets',
        'set',
      )
      .mockImplementation(() => {
        throw new TypeError('not from a content script');
      });
    try {
      const { root } = createShadowHost(other, 'dl1f-button', 'link');
      expect(root.querySelector('style')!.textContent).toContain('all: initial');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('anchorLabel', () => {
  it('flattens white space and takes the text, not the markup', () => {
    const a = document.createElement('a');
    a.innerHTML = '  <b>movie</b>\n\t&lt;img src=x&gt;  .mkv ';
    expect(anchorLabel(a)).toBe('movie <img src=x> .mkv');
  });

  it('drops bidi controls and invisible characters from the page text (RLO extension spoof)', () => {
    const a = document.createElement('a');
    a.textContent = 'invoice\u202Etxt.exe\u200B\u2066 \uFEFF';
    expect(anchorLabel(a)).toBe('invoicetxt.exe');
    a.textContent = 'تقرير \u200Fمالي.pdf';
    expect(anchorLabel(a)).toBe('تقرير مالي.pdf');
  });

  it('never cuts an emoji in half', () => {
    const a = document.createElement('a');
    a.textContent = '🎉'.repeat(1000);
    const label = anchorLabel(a);
    expect(Array.from(label)).toHaveLength(80);
    expect(label.isWellFormed()).toBe(true);
  });

  it('cuts long text to 80 characters with an ellipsis', () => {
    const a = document.createElement('a');
    a.textContent = 'x'.repeat(200);
    const label = anchorLabel(a);
    expect(label).toHaveLength(80);
    expect(label.endsWith('…')).toBe(true);
  });
});
