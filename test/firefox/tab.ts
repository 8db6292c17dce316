/**
 * One browsing context (tab) driven over BiDi: navigate, find elements by role and accessible
 * name (BiDi's accessibility locator, the same contract as the Chromium tests), trusted clicks and
 * typing through `input.performActions`, and script evaluation.
 */
import type { Bidi } from './bidi.ts';

export interface Role {
  /** ARIA role; omit to match by name alone (Firefox gives password fields no `textbox` role). */
  role?: string;
  name?: string;
  /** Only elements with this tag (e.g. `input`), for a name shared by a label and its field. */
  tag?: string;
}

interface NodeRef {
  sharedId: string;
}

interface LocatedNode extends NodeRef {
  value?: { localName?: string };
}

interface RemoteValue {
  type: string;
  value?: unknown;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: RemoteValue;
  exceptionDetails?: { text?: string };
}

const isNode = (a: unknown): a is NodeRef => !!a && typeof a === 'object' && 'sharedId' in a;

export class Tab {
  readonly context: string;
  private readonly bidi: Bidi;

  constructor(bidi: Bidi, context: string) {
    this.bidi = bidi;
    this.context = context;
  }

  /** Opens a new tab on `url` and waits for its load. */
  static async open(bidi: Bidi, url: string): Promise<Tab> {
    const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    const tab = new Tab(bidi, context);
    await tab.goto(url);
    return tab;
  }

  async goto(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  close(): Promise<unknown> {
    return this.bidi.send('browsingContext.close', { context: this.context });
  }

  /**
   * Elements with this role and accessible name. Firefox's accessibility locator does not enter
   * shadow roots by itself, so each open shadow root (the buttons on web pages live in one) is
   * searched as a start node too.
   */
  async find(target: Role): Promise<NodeRef[]> {
    const value: Record<string, string> = {};
    if (target.role !== undefined) value.role = target.role;
    if (target.name !== undefined) value.name = target.name;
    const locate = async (startNodes?: NodeRef[]) =>
      (
        await this.bidi.send<{ nodes: LocatedNode[] }>('browsingContext.locateNodes', {
          context: this.context,
          locator: { type: 'accessibility', value },
          ...(startNodes ? { startNodes } : {}),
        })
      ).nodes;
    const roots = await this.shadowRoots();
    const nodes = [...(await locate()), ...(roots.length ? await locate(roots) : [])];
    return nodes
      .filter((n) => target.tag === undefined || n.value?.localName === target.tag)
      .map((n) => ({ sharedId: n.sharedId }));
  }

  /** Every open shadow root in the document, as node references. */
  private async shadowRoots(): Promise<NodeRef[]> {
    const result = await this.bidi.send<EvaluateResult>('script.callFunction', {
      functionDeclaration:
        '() => [...document.querySelectorAll("*")].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))',
      target: { context: this.context },
      awaitPromise: false,
      serializationOptions: { maxObjectDepth: 1 },
    });
    const items = (result.result?.value ?? []) as { sharedId?: string }[];
    return items.flatMap((r) => (r.sharedId ? [{ sharedId: r.sharedId }] : []));
  }

  /**
   * The one element with this role and name, waited for (pages render after their data arrives);
   * throws when there is still none, or several, after `timeoutMs`.
   */
  async one(target: Role, timeoutMs = 10_000): Promise<NodeRef> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const nodes = await this.find(target);
      if (nodes.length === 1) return nodes[0] as NodeRef;
      if (Date.now() > until) {
        throw new Error(`expected one ${JSON.stringify(target)}, found ${nodes.length}`);
      }
      await this.nextFrame();
    }
  }

  /** Resolves after the page painted one more frame (a wait on the page, not on a clock). */
  nextFrame(): Promise<unknown> {
    return this.call('() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))');
  }

  /** A trusted mouse click in the middle of the element (event.isTrusted is true in the page). */
  async click(target: Role | NodeRef): Promise<void> {
    const node = 'sharedId' in target ? target : await this.one(target);
    await this.call('(el) => el.scrollIntoView({ block: "center" })', [node]);
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: node } },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  /** Focuses a text field, clears it and types `text` with real key events. */
  async typeInto(target: Role, text: string): Promise<void> {
    const node = await this.one(target);
    await this.call('(el) => { el.focus(); el.select?.(); }', [node]);
    const keys = [...text].flatMap((ch) => [
      { type: 'keyDown', value: ch },
      { type: 'keyUp', value: ch },
    ]);
    // Backspace first: the selection (any earlier text) goes.
    const backspace = '\uE003';
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [{ type: 'keyDown', value: backspace }, { type: 'keyUp', value: backspace }, ...keys],
        },
      ],
    });
  }

  /**
   * Runs `fn` (a function's source) in the page with `args` (node references or JSON values) and
   * returns its result, which must be JSON (a string, number, boolean, null, or JSON text parsed).
   */
  async call<T = unknown>(fn: string, args: readonly unknown[] = []): Promise<T> {
    // Node references pass as themselves; other values as JSON text, parsed in the page ('n' / 'j').
    const kinds = args.map((a) => (isNode(a) ? 'n' : 'j')).join('');
    const result = await this.bidi.send<EvaluateResult>('script.callFunction', {
      functionDeclaration: `async (kinds, ...a) => JSON.stringify(
        (await (${fn})(...a.map((x, i) => (kinds[i] === 'j' ? JSON.parse(x) : x)))) ?? null)`,
      target: { context: this.context },
      arguments: [
        { type: 'string', value: kinds },
        ...args.map((a) => (isNode(a) ? a : { type: 'string', value: JSON.stringify(a) })),
      ],
      awaitPromise: true,
    });
    if (result.type === 'exception') {
      throw new Error(`script failed: ${result.exceptionDetails?.text ?? 'exception'}`);
    }
    return JSON.parse(String(result.result?.value)) as T;
  }

  /** The page's visible text (innerText of the body). */
  text(): Promise<string> {
    return this.call<string>('() => document.body.innerText');
  }
}
