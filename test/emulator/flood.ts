/**
 * Flood detector (1fichier-api.md §3.3, §3.15, §5.1, §11.2).
 *
 * - Sliding window: more than `maxInWindow` calls within `windowMs` from one client IP (API calls
 *   and `check_links.pl`) or with one key (API calls) locks that IP/key for `lockMs`. Calls made
 *   while locked are not counted and do not extend the lock.
 * - `user/info.cgi`: at most once per `userInfoMinIntervalMs` per key (JD: "only every ~5 minutes")
 *   and once per `userInfoIpMinIntervalMs` per IP (SWAG: "1/min per IP and 1/5min per user").
 *   Breaking the key rule locks the key, breaking the IP rule locks the IP.
 * - Listings (api.html quoted by rclone): `file/ls.cgi` with `folder_id: -1` at most once per
 *   `allFilesMinIntervalMs` per key, any other listing of one folder at most once per
 *   `folderListMinIntervalMs` per key and endpoint (`folder/ls.cgi` and `file/ls.cgi` of the same
 *   folder are counted apart, because rclone lists every folder with both, back to back).
 *   Breaking either locks the key.
 * - Injected locks ({@link FloodGuard.inject}) lock one or every IP/key for a given time.
 * Interval rules only remember successful calls.
 */

/** Tunables of {@link FloodGuard}. */
export interface FloodSettings {
  windowMs: number;
  maxInWindow: number;
  lockMs: number;
  userInfoMinIntervalMs: number;
  userInfoIpMinIntervalMs: number;
  folderListMinIntervalMs: number;
  allFilesMinIntervalMs: number;
  now: () => number;
}

/** What an injected lock applies to. */
export type LockScope = 'ip' | 'key';

interface Counter {
  hits: number[];
  lockedUntil: number;
}

/** Sliding-window counters and locks for one dimension (IP or key). */
class Limiter {
  private readonly counters = new Map<string, Counter>();
  private readonly s: FloodSettings;
  /** Injected lock of every id. */
  private allLockedUntil = 0;

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

  /** True while `id` is locked (by the window rule, an interval rule or an injected lock). */
  isLocked(id: string): boolean {
    const now = this.s.now();
    return now < this.allLockedUntil || now < (this.counters.get(id)?.lockedUntil ?? 0);
  }

  /** Counts one call; true if the caller is (now) locked. */
  hit(id: string): boolean {
    if (this.isLocked(id)) return true;
    const now = this.s.now();
    const c = this.get(id);
    c.hits = c.hits.filter((t) => t > now - this.s.windowMs);
    c.hits.push(now);
    if (c.hits.length > this.s.maxInWindow) {
      this.lock(id);
      return true;
    }
    return false;
  }

  /** Locks `id` until `until` (default: `lockMs` from now) and forgets its window. */
  lock(id: string, until = this.s.now() + this.s.lockMs): void {
    const c = this.get(id);
    c.lockedUntil = Math.max(c.lockedUntil, until);
    c.hits = [];
  }

  /** Locks every id until `until`. */
  lockAll(until: number): void {
    this.allLockedUntil = Math.max(this.allLockedUntil, until);
  }

  clear(): void {
    this.counters.clear();
    this.allLockedUntil = 0;
  }
}

/** Minimum-interval rule: remembers the last successful call per id. */
class Interval {
  private readonly last = new Map<string, number>();

  /** True when the previous recorded call of `id` is less than `minMs` before `now`. */
  tooSoon(id: string, now: number, minMs: number): boolean {
    const last = this.last.get(id);
    return last !== undefined && now - last < minMs;
  }

  record(id: string, now: number): void {
    this.last.set(id, now);
  }

  clear(): void {
    this.last.clear();
  }
}

/** The emulator's flood state. */
export class FloodGuard {
  private readonly s: FloodSettings;
  private readonly ips: Limiter;
  private readonly keys: Limiter;
  private readonly userInfoByKey = new Interval();
  private readonly userInfoByIp = new Interval();
  private readonly listings = new Interval();

  constructor(settings: FloodSettings) {
    this.s = settings;
    this.ips = new Limiter(settings);
    this.keys = new Limiter(settings);
  }

  /** Counts a call from `ip` (API or check_links.pl); true if that IP is locked. */
  hitIp(ip: string): boolean {
    return this.ips.hit(ip);
  }

  /** Counts an API call with `key`; true if that key is locked. */
  hitKey(key: string): boolean {
    return this.keys.hit(key);
  }

  /**
   * Registers a user/info.cgi call. Answers which rule it breaks (and locks that key or IP):
   * `'key'` when the previous successful call with this key was less than `userInfoMinIntervalMs`
   * ago, else `'ip'` when the previous successful call from this IP was less than
   * `userInfoIpMinIntervalMs` ago; undefined (and the call is recorded) when it is allowed.
   */
  userInfoTooSoon(key: string, ip: string): LockScope | undefined {
    const now = this.s.now();
    if (this.userInfoByKey.tooSoon(key, now, this.s.userInfoMinIntervalMs)) {
      this.keys.lock(key);
      return 'key';
    }
    if (this.userInfoByIp.tooSoon(ip, now, this.s.userInfoIpMinIntervalMs)) {
      this.ips.lock(ip);
      return 'ip';
    }
    this.userInfoByKey.record(key, now);
    this.userInfoByIp.record(ip, now);
    return undefined;
  }

  /**
   * Registers a listing of folder `folderId` by `endpoint` (`file/ls` or `folder/ls`); true (and
   * the key gets locked) when it comes too soon after the previous successful one.
   */
  listingTooSoon(key: string, endpoint: 'file/ls' | 'folder/ls', folderId: number): boolean {
    const now = this.s.now();
    const all = endpoint === 'file/ls' && folderId === -1;
    const id = `${key}\n${endpoint}\n${folderId}`;
    if (this.listings.tooSoon(id, now, all ? this.s.allFilesMinIntervalMs : this.s.folderListMinIntervalMs)) {
      this.keys.lock(key);
      return true;
    }
    this.listings.record(id, now);
    return false;
  }

  /**
   * Injected lock: every API call (and check_links.pl for `ip`) from `target` (an IP), or with
   * `target` (a key), or from/with any when `target` is undefined, is refused until the returned
   * time (`ms` from now).
   */
  inject(scope: LockScope, ms: number, target?: string): number {
    const until = this.s.now() + ms;
    const limiter = scope === 'ip' ? this.ips : this.keys;
    if (target === undefined) limiter.lockAll(until);
    else limiter.lock(target, until);
    return until;
  }

  /** Clears counters, locks (injected ones too) and every interval timer. */
  reset(): void {
    this.ips.clear();
    this.keys.clear();
    this.userInfoByKey.clear();
    this.userInfoByIp.clear();
    this.listings.clear();
  }
}
