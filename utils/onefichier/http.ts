import { AppError } from './errors';

/** What one HTTP exchange with 1Fichier produced, before any interpretation. */
export interface RawAnswer {
  status: number;
  ok: boolean;
  contentType: string;
  text: string;
  /** Epoch ms from a `Retry-After` header, when the server sent a usable one. */
  retryAt?: number;
}

export interface HttpDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
}

/** Longest wait a `Retry-After` header may impose (a sanity cap against absurd values). */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3) → epoch ms, or undefined. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  let at: number;
  if (/^\d+$/.test(value)) at = now + Number(value) * 1_000;
  else {
    at = Date.parse(value);
    if (!Number.isFinite(at) || !/[a-z]/i.test(value)) return undefined;
  }
  if (at <= now) return undefined;
  return Math.min(at, now + MAX_RETRY_AFTER_MS);
}

/**
 * One request with a timeout: no cookies, no redirects (an answer from elsewhere is never followed),
 * no cache. Fails with `network` or `timeout`; any HTTP status is returned as is.
 */
export async function exchange(deps: HttpDeps, url: string, init: RequestInit): Promise<RawAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  try {
    const response = await deps.fetch(url, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: controller.signal,
    });
    const text = await response.text();
    const answer: RawAnswer = {
      status: response.status,
      ok: response.ok,
      contentType: response.headers.get('content-type') ?? '',
      text,
    };
    const retryAt = parseRetryAfter(response.headers.get('retry-after'), deps.now());
    if (retryAt !== undefined) answer.retryAt = retryAt;
    return answer;
  } catch (err) {
    throw new AppError(controller.signal.aborted ? 'timeout' : 'network', { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** The AppError options that carry an answer's HTTP status and Retry-After. */
export function failureOptions(answer: RawAnswer, detail?: string): { detail: string; retryAt?: number } {
  const opts: { detail: string; retryAt?: number } = { detail: detail ?? `HTTP ${answer.status}` };
  if (answer.retryAt !== undefined) opts.retryAt = answer.retryAt;
  return opts;
}
