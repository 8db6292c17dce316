/**
 * Flood detector (1fichier-api.md §5.1, §11.2): more than `maxInWindow` API calls within
 * `windowMs` from one client IP or with one key locks that IP/key for `lockMs`. Calls made while
 * locked are not counted and do not extend the lock. user/info.cgi additionally may be called at
 * most once per `userInfoMinIntervalMs` per key (JD: "only every ~5 minutes", §3.15).
 */

/** Tunables of {@link FloodGuard}. */
export interface FloodSettings {
  windowMs: number;
  maxInWindow: number;
  lockMs: number;
  userInfoMinIntervalMs: number;
  now: () => number;
}

interface Counter {
  hits: number[];
  lockedUntil: number;
}

/** Sliding-window counters and locks for one dimension (IP or key). */
class Limiter {
  private readonly counters = new Map<string, Counter>();
  private readonly s: FloodSettings;

  constructor(settings: FloodSettings) {
    this.s = settings;
  }

  private get(id: string): Counter {
    let c = this.counters.get(id);
    if (!c) {
      c = { hits: [], lockedUntil: 0 };
      this.counters.set(id, c);
    }
    return c;
  }

  /** Counts one call; true if the caller is (now) locked. */
  hit(id: string): boolean {
    const now = this.s.now();
    const c = this.get(id);
    if (now < c.lockedUntil) return true;
    c.hits = c.hits.filter((t) => t > now - this.s.windowMs);
    c.hits.push(now);
    if (c.hits.length > this.s.maxInWindow) {
      this.lock(id);
      return true;
    }
    return false;
  }

  /** Locks `id` for `lockMs` from now and forgets its window. */
  lock(id: string): void {
    const c = this.get(id);
    c.lockedUntil = this.s.now() + this.s.lockMs;
    c.hits = [];
  }

  clear(): void {
    this.counters.clear();
  }
}

/** The emulator's flood state. */
export class FloodGuard {
  private readonly s: FloodSettings;
  private readonly ips: Limiter;
  private readonly keys: Limiter;
  private readonly lastUserInfo = new Map<string, number>();

  constructor(settings: FloodSettings) {
    this.s = settings;
    this.ips = new Limiter(settings);
    this.keys = new Limiter(settings);
  }

  /** Counts an API call from `ip`; true if that IP is locked. */
  hitIp(ip: string): boolean {
    return this.ips.hit(ip);
  }

  /** Counts an API call with `key`; true if that key is locked. */
  hitKey(key: string): boolean {
    return this.keys.hit(key);
  }

  /**
   * Registers a user/info.cgi call; true (and the key gets locked) when the previous successful
   * call with this key was less than `userInfoMinIntervalMs` ago.
   */
  userInfoTooSoon(key: string): boolean {
    const now = this.s.now();
    const last = this.lastUserInfo.get(key);
    if (last !== undefined && now - last < this.s.userInfoMinIntervalMs) {
      this.keys.lock(key);
      return true;
    }
    this.lastUserInfo.set(key, now);
    return false;
  }

  /** Clears counters, locks and user/info timers. */
  reset(): void {
    this.ips.clear();
    this.keys.clear();
    this.lastUserInfo.clear();
  }
}
