/**
 * What an emulator reports while it runs, for tests that act at a precise moment (stop a service
 * worker while a transfer finishes, close a browser while one runs): {@link Emulator.on}.
 */

/** A CDN GET on a known token, from its start to its end. */
export interface TransferEvent {
  fileId: string;
  /**
   * `start`: the status line is about to be sent; `complete`: every byte asked for was sent;
   * `drop`: the emulator cut it on purpose (drop rate or `cdnDrop`); `abort`: the client went away.
   */
  kind: 'start' | 'complete' | 'drop' | 'abort';
  /** First and last byte of the answer (inclusive), as sent in Content-Range or implied. */
  start: number;
  end: number;
  /** Body bytes handed to the connection so far. */
  bytes: number;
  /** The whole file was delivered (`complete` of an answer that reached its last byte). */
  full: boolean;
}

/** An API request, as soon as its headers arrived (before any hold, fault or check). */
export interface ApiArrival {
  path: string;
  /** Emulator-clock ms. */
  at: number;
}

/** Event name → listener arguments. */
export interface EmulatorEvents {
  transfer: [TransferEvent];
  api: [ApiArrival];
}
