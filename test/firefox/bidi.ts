/**
 * A minimal WebDriver BiDi client over Node's built-in WebSocket (platform-notes.md §8): Firefox
 * speaks BiDi itself, so neither geckodriver nor Playwright's patched Firefox is needed.
 */

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A command Firefox refused, with BiDi's error code and message. */
export class BidiError extends Error {
  readonly method: string;
  readonly code: string;
  constructor(method: string, code: string, message: string) {
    super(`${method}: ${code}: ${message}`);
    this.method = method;
    this.code = code;
  }
}

export class Bidi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedWith: Error | undefined;

  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => this.onMessage(String(event.data)));
    socket.addEventListener('close', () => this.failAll(new Error('BiDi connection closed')));
  }

  /** Opens `url` (ws://127.0.0.1:PORT/session). */
  static connect(url: string): Promise<Bidi> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.addEventListener('open', () => resolve(new Bidi(socket)), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot open ${url}`)), { once: true });
    });
  }

  /** Sends one command and resolves with its result (rejects with a BidiError). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.failAll(new Error('BiDi connection closed by the test'));
    this.socket.close();
  }

  private onMessage(text: string): void {
    const msg = JSON.parse(text) as {
      id?: number;
      type?: string;
      result?: unknown;
      error?: string;
      message?: string;
    };
    // Events (none subscribed) carry no id and are ignored.
    if (msg.id === undefined) return;
    const waiting = this.pending.get(msg.id);
    if (!waiting) return;
    this.pending.delete(msg.id);
    if (msg.type === 'error') {
      waiting.reject(new BidiError(waiting.method, msg.error ?? 'error', msg.message ?? ''));
    } else waiting.resolve(msg.result);
  }

  private failAll(error: Error): void {
    this.closedWith ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
