// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRegistry, type Entry } from '../../utils/page/registry';
import { startScanner, type Scanner } from '../../utils/page/scanner';
import { HOST_ATTR } from '../../utils/page/shadow-host';

/** An IntersectionObserver the test drives: `show(el)` reports el as intersecting. */
class FakeIO {
  static last: FakeIO | undefined;
  readonly targets = new Set<Element>();
  private readonly callback: IntersectionObserverCallback;
  constructor(callback: IntersectionObserverCallback) {
    this.callback = callback;
    FakeIO.last = this;
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  takeRecords() {
    return [];
  }
  show(el: Element) {
    const entry = { target: el, isIntersecting: true } as unknown as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

let scanner: Scanner | undefined;
let batches: Entry[][];

function start(max = 5_000) {
  batches = [];
  const registry = createRegistry({ doc: document, max, enqueue: vi.fn() });
  scanner = startScanner({
    doc: document,
    registry,
    onAdded: (entries) => batches.push(entries),
    IntersectionObserver: FakeIO as unknown as typeof IntersectionObserver,
  });
  return registry;
}

/** Lets the MutationObserver deliver (a microtask), then runs the scan pass it scheduled (a task). */
async function settle() {
  await Promise.resolve();
  vi.runOnlyPendingTimers();
}

const hosts = () => [...document.querySelectorAll(`[${HOST_ATTR}]`)];
const names = () => hosts().map((h) => h.shadowRoot!.querySelector('button')!.getAttribute('aria-label'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  document.body.innerHTML = '';
});

afterEach(() => {
  scanner?.stop();
  scanner = undefined;
  vi.useRealTimers();
});

describe('scanner', () => {
  it('gives every file and folder link a button right after it, anchors and text alike', () => {
    document.body.innerHTML = `
      <p><a id="f" href="https://1fichier.com/?abcdefghij">movie.mkv</a>
      <a id="d" href="https://1fichier.com/dir/AbCd1234">My folder</a>
      <a id="o" href="https://example.com/">other</a></p>
      <p id="t">Mirror: https://megadl.fr/?KLMNOPQRST (same file elsewhere)</p>`;
    start();
    expect(names()).toEqual([
      'Download with 1Fichier: movie.mkv',
      'Download with 1Fichier: My folder (folder)',
      'Download with 1Fichier: https://megadl.fr/?KLMNOPQRST',
    ]);
    expect(document.getElementById('f')!.nextElementSibling!.hasAttribute(HOST_ATTR)).toBe(true);
    expect(document.getElementById('d')!.nextElementSibling!.hasAttribute(HOST_ATTR)).toBe(true);
    expect(document.getElementById('o')!.nextElementSibling).toBeNull();
    const t = document.getElementById('t')!;
    expect(t.childNodes[0]!.textContent).toBe('Mirror: https://megadl.fr/?KLMNOPQRST');
    expect((t.childNodes[1] as Element).hasAttribute(HOST_ATTR)).toBe(true);
    expect(t.textContent).toBe('Mirror: https://megadl.fr/?KLMNOPQRST (same file elsewhere)');
    // One report for the first pass, with what the page shows.
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => [e.url, e.label])).toEqual([
      ['https://1fichier.com/?abcdefghij', 'movie.mkv'],
      ['https://1fichier.com/dir/AbCd1234', 'My folder'],
      ['https://megadl.fr/?KLMNOPQRST', 'https://megadl.fr/?KLMNOPQRST'],
    ]);
  });

  it('scans the nodes the page adds later, one pass per task, and not its own buttons', async () => {
    start();
    expect(batches).toEqual([]);
    const list = document.createElement('ul');
    document.body.append(list);
    for (let i = 0; i < 3; i += 1) {
      const li = document.createElement('li');
      li.innerHTML = `<a href="https://1fichier.com/?late${i}abcde">late ${i}</a>`;
      list.append(li);
    }
    const p = document.createElement('p');
    p.textContent = 'also 1fichier.com/?textlinkab';
    document.body.append(p);
    await settle();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => e.link.id)).toEqual([
      'late0abcde',
      'late1abcde',
      'late2abcde',
      'textlinkab',
    ]);
    expect(hosts()).toHaveLength(4);
    // Our own insertions (buttons, split text) schedule no further pass.
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('covers a single-page-app navigation: the content is replaced, the new links get buttons', async () => {
    document.body.innerHTML = '<main><a href="https://1fichier.com/?pageoneabc">one</a></main>';
    start();
    document.querySelector('main')!.innerHTML = '<a href="https://1fichier.com/?pagetwoabc">two</a>';
    await settle();
    expect(names()).toEqual(['Download with 1Fichier: two']);
  });

  it('caps the buttons per document, and makes room when the page removes some', async () => {
    document.body.innerHTML = Array.from(
      { length: 5 },
      (_, i) => `<div><a href="https://1fichier.com/?capped${i}abc">f${i}</a></div>`,
    ).join('');
    start(3);
    expect(names()).toEqual([
      'Download with 1Fichier: f0',
      'Download with 1Fichier: f1',
      'Download with 1Fichier: f2',
    ]);
    document.querySelector('div')!.remove();
    const div = document.createElement('div');
    div.innerHTML = '<a href="https://1fichier.com/?capped9abc">f9</a>';
    document.body.append(div);
    await settle();
    expect(names()).toEqual([
      'Download with 1Fichier: f1',
      'Download with 1Fichier: f2',
      'Download with 1Fichier: f9',
    ]);
  });

  it('counts text URLs against the cap too', () => {
    document.body.innerHTML = `<a href="https://1fichier.com/?capanchor1">a1</a><a href="https://1fichier.com/?capanchor2">a2</a>
      <p>https://1fichier.com/?captextone and https://1fichier.com/?captexttwo</p>`;
    start(3);
    expect(names()).toEqual([
      'Download with 1Fichier: a1',
      'Download with 1Fichier: a2',
      'Download with 1Fichier: https://1fichier.com/?captextone',
    ]);
  });

  it('watches at most maxDormant hidden links, making room when the page removes some', async () => {
    document.body.innerHTML = Array.from(
      { length: 4 },
      (_, i) =>
        `<div id="h${i}" style="display:none"><a id="a${i}" href="https://1fichier.com/?dormant${i}ab">h</a></div>`,
    ).join('');
    const registry = createRegistry({ doc: document, max: 100, enqueue: vi.fn() });
    scanner = startScanner({
      doc: document,
      registry,
      onAdded: () => undefined,
      maxDormant: 2,
      IntersectionObserver: FakeIO as unknown as typeof IntersectionObserver,
    });
    expect([...FakeIO.last!.targets].map((el) => el.id)).toEqual(['a0', 'a1']);
    document.getElementById('h0')!.remove();
    const late = document.createElement('div');
    late.style.display = 'none';
    late.innerHTML = '<a id="a9" href="https://1fichier.com/?dormant9ab">late</a>';
    document.body.append(late);
    await settle();
    expect([...FakeIO.last!.targets].map((el) => el.id)).toEqual(['a1', 'a9']);
  });

  it('gives hidden links no button until they are shown (and never reports them before)', async () => {
    document.body.innerHTML = `
      <a id="v" href="https://1fichier.com/?visibleabc">visible</a>
      <a id="n" style="display:none" href="https://1fichier.com/?hiddennone">none</a>
      <a id="o" style="opacity:0" href="https://1fichier.com/?hiddenopac">transparent</a>
      <div id="spoiler" style="display:none"><a id="s" href="https://1fichier.com/?spoilerabc">in a spoiler</a>
        <p id="st">text https://1fichier.com/?spoilertxt</p></div>`;
    start();
    expect(names()).toEqual(['Download with 1Fichier: visible']);
    expect(batches.flat().map((e) => e.link.id)).toEqual(['visibleabc']);
    const io = FakeIO.last!;
    expect([...io.targets].map((el) => el.id).toSorted()).toEqual(['n', 'o', 's', 'st']);
    // Reported as intersecting while still hidden (opacity does not change intersection): nothing.
    io.show(document.getElementById('o')!);
    await settle();
    expect(hosts()).toHaveLength(1);
    // The spoiler opens.
    document.getElementById('spoiler')!.style.display = 'block';
    io.show(document.getElementById('s')!);
    io.show(document.getElementById('st')!);
    await settle();
    expect(names()).toEqual([
      'Download with 1Fichier: visible',
      'Download with 1Fichier: in a spoiler',
      'Download with 1Fichier: https://1fichier.com/?spoilertxt',
    ]);
    expect(io.targets.has(document.getElementById('s')!)).toBe(false);
  });

  it('an anchor the page moves takes its button along, and gets no second one', async () => {
    document.body.innerHTML =
      '<div id="a"><a href="https://1fichier.com/?movingabcd">m</a></div><div id="b"></div>';
    start();
    const anchor = document.querySelector('a')!;
    document.getElementById('b')!.append(anchor);
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(anchor.nextElementSibling!.hasAttribute(HOST_ATTR)).toBe(true);
    expect(document.getElementById('a')!.children).toHaveLength(0);
  });

  it('stop() disconnects: later additions get nothing', async () => {
    start();
    scanner!.stop();
    const div = document.createElement('div');
    div.innerHTML = '<a href="https://1fichier.com/?afterstop1">late</a>';
    document.body.append(div);
    await settle();
    expect(hosts()).toHaveLength(0);
    expect(FakeIO.last!.targets.size).toBe(0);
  });
});
