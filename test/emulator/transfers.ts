/**
 * CDN transfer accounting and the seeded drop rate. Per file id: GET requests, answers that
 * delivered the file's last byte (a full transfer, or the end of a resumed one), body bytes sent,
 * drops and aborts, so a test can prove no file was transferred to completion twice.
 */
import { mulberry32 } from '../support/prng.ts';

/** Counters of one file's CDN transfers. */
export interface TransferStats {
  /** GET requests answered with content (200/206). */
  requests: number;
  /** Answers that sent every byte asked for up to the file's last byte. */
  completions: number;
  /** Body bytes handed to connections (drops and aborts included). */
  bytesServed: number;
  /** Answers the emulator cut on purpose (drop rate or the `cdnDrop` switch). */
  drops: number;
  /** Answers the client abandoned (closed browser, cancelled download). */
  aborts: number;
}

/** Options of {@link DropRate} (and `setCdnDropRate`). */
export interface DropOptions {
  /** A cut also kills the direct link: the client cannot resume it, only a fresh token helps. */
  expireLinks?: boolean;
  /** Stop cutting after this many cuts. */
  maxDrops?: number;
}

/** Drop decisions: each GET is cut with probability `rate` at a random offset inside its body. */
export class DropRate {
  readonly rate: number;
  /** A cut also kills the link's token: a resume (Range) or retry on it gets the 404 page. */
  readonly expireLinks: boolean;
  /** After this many cuts the rate is off (default unlimited). */
  readonly maxDrops: number;
  private drops = 0;
  private readonly random: () => number;

  constructor(rate: number, seed: number, opts: DropOptions = {}) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`drop rate ${rate} outside [0, 1]`);
    this.rate = rate;
    this.expireLinks = opts.expireLinks ?? false;
    this.maxDrops = opts.maxDrops ?? Number.POSITIVE_INFINITY;
    this.random = mulberry32(seed);
  }

  /** Bytes to send before cutting an answer of `length` body bytes, or undefined to send it all. */
  cutAt(length: number): number | undefined {
    if (this.rate === 0 || length === 0 || this.drops >= this.maxDrops) return undefined;
    if (this.random() >= this.rate) return undefined;
    this.drops += 1;
    return Math.floor(this.random() * length);
  }
}

/** Transfer counters by file id. */
export class TransferBook {
  private readonly byFile = new Map<string, TransferStats>();

  /** The counters of one file (created at zero). */
  of(fileId: string): TransferStats {
    let s = this.byFile.get(fileId);
    if (!s) {
      s = { requests: 0, completions: 0, bytesServed: 0, drops: 0, aborts: 0 };
      this.byFile.set(fileId, s);
    }
    return s;
  }

  /** A copy of every file's counters. */
  snapshot(): Map<string, TransferStats> {
    return new Map([...this.byFile].map(([id, s]) => [id, { ...s }]));
  }

  /** Sum over every file. */
  totals(): TransferStats {
    const t: TransferStats = { requests: 0, completions: 0, bytesServed: 0, drops: 0, aborts: 0 };
    for (const s of this.byFile.values()) {
      t.requests += s.requests;
      t.completions += s.completions;
      t.bytesServed += s.bytesServed;
      t.drops += s.drops;
      t.aborts += s.aborts;
    }
    return t;
  }

  clear(): void {
    this.byFile.clear();
  }
}
