/**
 * Holding API answers: while a hold is armed every API request waits (headers read, nothing
 * answered) until it is released, like a slow 1Fichier. Tests use it to stop a service worker
 * while a call is in flight, or to keep a relaunched browser from starting a download before its
 * download folder is set.
 */

/** What {@link Emulator.holdApi} returns. */
export interface ApiHold {
  /** Resolves when the first request is being held. */
  readonly arrived: Promise<void>;
  /** Requests held so far. */
  held(): number;
  /** Lets every held request (and every later one) through. Idempotent. */
  release(): void;
}

/** The armed hold, as the API handler sees it. */
export class HoldGate implements ApiHold {
  readonly arrived: Promise<void>;
  private count = 0;
  private open = false;
  private notifyArrived!: () => void;
  private readonly waiters: (() => void)[] = [];

  constructor() {
    this.arrived = new Promise((resolve) => {
      this.notifyArrived = resolve;
    });
  }

  held(): number {
    return this.count;
  }

  release(): void {
    this.open = true;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when the request may go on (at once if already released). */
  pass(): Promise<void> {
    if (this.open) return Promise.resolve();
    this.count += 1;
    this.notifyArrived();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
