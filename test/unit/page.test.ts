// @vitest-environment happy-dom
import { describe, it, expect, vi, beforeEach } from 'vitest';
import { getByRole, queryAllByRole } from '@testing-library/preact';
import { parseFileLink } from '../../utils/onefichier/links';
import { findFileLinks } from '../../utils/page/find-links';
import { anchorLabel, BUTTON_PREFIX, createLinkButton, HOST_ATTR } from '../../utils/page/link-button';

const HOSTILE = '<img src=x onerror=alert(1)><script>window.pwned=1</script>';

beforeEach(() => {
  document.body.innerHTML = '';
});

function page(): void {
  document.body.innerHTML = `
    <p>Files:
      <a id="a1" href="https://1fichier.com/?abcdefghij">movie.mkv</a>
      <a id="a2" href="http://www.alterupload.com?KLMNOPQRST&af=1">part 2</a>
      <a id="a3" href="https://example.com/?abcdefghij">elsewhere</a>
      <a id="a4" href="https://1fichier.com.evil.net/?abcdefghij">look-alike</a>
      <a id="a5">no href</a>
      <a id="a6" href="javascript:void('https://1fichier.com/?abcdefghij')">js</a>
      <span><a id="a7" href="https://megadl.fr/?zzzzzzzzzzzzzzzzzzzz#x">nested</a></span>
    </p>`;
}

describe('findFileLinks', () => {
  it('finds the 1Fichier file links of a document, and only those', () => {
    page();
    const found = findFileLinks(document, new WeakSet());
    expect(found.map((f) => f.anchor.id)).toEqual(['a1', 'a2', 'a7']);
    expect(found.map((f) => f.link.canonical)).toEqual([
      'https://1fichier.com/?abcdefghij',
      'https://alterupload.com/?KLMNOPQRST',
      'https://megadl.fr/?zzzzzzzzzzzzzzzzzzzz',
    ]);
    expect(found[0]!.link).toEqual(parseFileLink('https://1fichier.com/?abcdefghij'));
  });

  it('skips anchors it has already seen', () => {
    page();
    const seen = new WeakSet<HTMLAnchorElement>();
    expect(findFileLinks(document, seen)).toHaveLength(3);
    expect(findFileLinks(document, seen)).toEqual([]);
    const added = document.createElement('a');
    added.href = 'https://1fichier.com/?newlinkabc';
    document.body.append(added);
    expect(findFileLinks(document, seen).map((f) => f.anchor)).toEqual([added]);
  });

  it('accepts an anchor or an element subtree as the root (added nodes)', () => {
    page();
    const anchor = document.getElementById('a1') as HTMLAnchorElement;
    expect(findFileLinks(anchor, new WeakSet()).map((f) => f.anchor)).toEqual([anchor]);
    const span = document.querySelector('span')!;
    expect(findFileLinks(span, new WeakSet()).map((f) => f.anchor.id)).toEqual(['a7']);
    const other = document.getElementById('a3') as HTMLAnchorElement;
    expect(findFileLinks(other, new WeakSet())).toEqual([]);
  });

  it('resolves relative hrefs against the page URL', () => {
    const happyDOM = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
    document.body.innerHTML = '<a id="r" href="/?abcdefghij">relative</a>';
    happyDOM.setURL('https://forum.example/thread/1');
    expect(findFileLinks(document, new WeakSet())).toEqual([]);
    happyDOM.setURL('https://1fichier.com/console/');
    expect(findFileLinks(document, new WeakSet()).map((f) => f.link.canonical)).toEqual([
      'https://1fichier.com/?abcdefghij',
    ]);
  });
});

describe('createLinkButton', () => {
  const link = parseFileLink('https://1fichier.com/?abcdefghij')!;

  function mount(label: string, onClick = vi.fn()) {
    const anchor = document.createElement('a');
    anchor.href = link.canonical;
    anchor.textContent = label;
    document.body.append(anchor);
    const button = createLinkButton(document, link, label, onClick);
    anchor.after(button.host);
    const root = button.host.shadowRoot!;
    return { button, root, onClick, anchor };
  }

  it('is a button whose accessible name starts with "Download with 1Fichier"', () => {
    const { root, button } = mount('movie.mkv');
    expect(button.host.hasAttribute(HOST_ATTR)).toBe(true);
    expect(root.mode).toBe('open');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: movie.mkv`);
    expect(BUTTON_PREFIX).toBe('Download with 1Fichier');
    expect(el.getAttribute('type')).toBe('button');
  });

  it('neutralises a label it is given as is: the accessible name has no bidi control', () => {
    const { root } = mount('invoice\u202Etxt.exe\u200D');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: invoicetxt.exe`);
  });

  it('falls back to the canonical link when nothing visible is left of the label', () => {
    const { root } = mount('\u200B\u202E \u2066');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: ${link.canonical}`);
  });

  it('falls back to the canonical link when the anchor has no text', () => {
    const { root } = mount('');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: ${link.canonical}`);
  });

  it('shows hostile anchor text only as text: no element is created from it', () => {
    const { root, button } = mount(HOSTILE);
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: /^Download with 1Fichier/ });
    expect(el.getAttribute('aria-label')).toBe(`${BUTTON_PREFIX}: ${HOSTILE}`);
    expect(root.querySelectorAll('img, script')).toHaveLength(0);
    expect(el.children).toHaveLength(0);
    expect([...root.children].map((c) => c.tagName.toLowerCase()).toSorted()).toEqual(['button', 'style']);
    button.setState('error', HOSTILE, HOSTILE);
    expect(root.querySelectorAll('img, script')).toHaveLength(0);
    expect(el.textContent).toBe(HOSTILE);
    expect(el.getAttribute('title')).toBe(HOSTILE);
    // Nothing was added to the page either (the anchor's own text is the page's business).
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

  it('setState changes the visible text and state but keeps the accessible name', () => {
    const { root, button } = mount('movie.mkv');
    button.setState('done', '✓ Queued');
    const el = getByRole(root as unknown as HTMLElement, 'button', { name: `${BUTTON_PREFIX}: movie.mkv` });
    expect(el.textContent).toBe('✓ Queued');
    expect(el.dataset.state).toBe('done');
    expect(queryAllByRole(root as unknown as HTMLElement, 'button')).toHaveLength(1);
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
    a.textContent = '🎉'.repeat(100);
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
