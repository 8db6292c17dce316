import type { LinkCheck } from '../onefichier/check-links';
import { parseFileLink } from '../onefichier/links';

/** How long a link check stays good: a file's name and size do not change; its availability may. */
export const CHECK_TTL_MS = 30 * 60_000;
/** Entries kept (oldest dropped first). */
export const CHECK_CACHE_MAX = 20_000;

/**
 * check_links.pl answers, cached by file key, and one request at a time for links not yet known,
 * so pages that ask again (or several frames asking together) cost 1Fichier nothing more. The
 * client splits into requests of ≤ 100 links and paces them.
 */
export function createCheckCache(
  check: (links: readonly string[]) => Promise<Map<string, LinkCheck>>,
  now: () => number = () => Date.now(),
) {
  const cache = new Map<string, { at: number; value: LinkCheck }>();
  const fresh = (key: string) => {
    const hit = cache.get(key);
    return hit && now() - hit.at < CHECK_TTL_MS ? hit.value : undefined;
  };
  let chain: Promise<unknown> = Promise.resolve();

  return {
    /** A cached answer, without asking 1Fichier. */
    peek(key: string): LinkCheck | undefined {
      return fresh(key);
    },
    /** Checks for these links (keyed by the link as given); unknown ones are asked in one go. */
    get(links: readonly string[]): Promise<Record<string, LinkCheck>> {
      const run = chain.then(async () => {
        const keys = new Map<string, string>();
        for (const raw of links) {
          const link = parseFileLink(raw);
          if (link) keys.set(raw, link.key);
        }
        const missing = new Map<string, string>();
        for (const [raw, key] of keys) if (!fresh(key) && !missing.has(key)) missing.set(key, raw);
        if (missing.size > 0) {
          const answers = await check([...missing.values()]);
          const at = now();
          for (const [key, value] of answers) {
            cache.delete(key);
            cache.set(key, { at, value });
          }
          while (cache.size > CHECK_CACHE_MAX) cache.delete(cache.keys().next().value!);
        }
        const out: Record<string, LinkCheck> = {};
        for (const [raw, key] of keys) {
          const value = fresh(key);
          if (value) out[raw] = value;
        }
        return out;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

export type CheckCache = ReturnType<typeof createCheckCache>;
