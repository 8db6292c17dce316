import { describe, it, expect, vi, afterEach } from 'vitest';
import { API_BASE, createOneFichierClient, type OneFichierClient } from '../../../utils/onefichier/client';
import type { ErrorKind } from '../../../utils/onefichier/errors';
import { createPacer, type BreakerState, type Pacer } from '../../../utils/onefichier/pacer';
import { kindOf } from './failure';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const LINK = 'https://1fichier.com/?2zk52quqlm0cbjr93ri5';

/** A pacer that runs every call at once: these tests look at the HTTP side only. */
const direct: Pacer = { run: (call) => call() };

type FetchFn = typeof fetch;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function text(body: string, status = 200, type = 'text/html'): Response {
  return new Response(body, { status, headers: { 'Content-Type': type } });
}

function setup(
  answer: Response | (() => Response | Promise<Response>),
  opts: { timeoutMs?: number; pacer?: Pacer } = {},
) {
  const fetchMock = vi.fn<FetchFn>(async () => (typeof answer === 'function' ? answer() : answer.clone()));
  const client = createOneFichierClient({
    pacer: opts.pacer ?? direct,
    fetch: fetchMock,
    timeoutMs: opts.timeoutMs,
  });
  const request = (i = 0) => {
    const [url, init] = fetchMock.mock.calls[i]!;
    return {
      url: String(url),
      init: init!,
      headers: new Headers(init!.headers),
      body: JSON.parse(String(init!.body)) as Record<string, unknown>,
    };
  };
  return { client, fetchMock, request };
}

/** A fetch that never answers, but rejects like the real one when its signal aborts. */
function hangingFetch(): FetchFn {
  return (_url, init) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('client requests', () => {
  it('user/info: POST JSON to the exact API URL with a Bearer key', async () => {
    const { client, request } = setup(json({ status: 'OK', offer: '1' }));
    await client.userInfo(KEY);
    const r = request();
    expect(API_BASE).toBe('https://api.1fichier.com/v1/');
    expect(r.url).toBe('https://api.1fichier.com/v1/user/info.cgi');
    expect(r.init.method).toBe('POST');
    expect(r.headers.get('Authorization')).toBe(`Bearer ${KEY}`);
    expect(r.headers.get('Content-Type')).toBe('application/json');
    expect(r.body).toEqual({});
    // The key goes only in the header: not in the URL, not in the body.
    expect(r.url).not.toContain(KEY);
    expect(String(r.init.body)).not.toContain(KEY);
  });

  it('sends no cookies, follows no redirect and passes an abort signal', async () => {
    const { client, request } = setup(json({ status: 'OK', offer: '1' }));
    await client.userInfo(KEY);
    const { init } = request();
    expect(init.credentials).toBe('omit');
    expect(init.redirect).toBe('error');
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('file/info: url, and pass only when given', async () => {
    const { client, request } = setup(json({ url: LINK, filename: 'a.bin', size: 1 }));
    await client.fileInfo(KEY, LINK);
    await client.fileInfo(KEY, LINK, 'secret6');
    await client.fileInfo(KEY, LINK, '');
    expect(request(0).url).toBe('https://api.1fichier.com/v1/file/info.cgi');
    expect(request(0).body).toEqual({ url: LINK });
    expect(request(1).body).toEqual({ url: LINK, pass: 'secret6' });
    expect(request(2).body).toEqual({ url: LINK });
  });

  it('get_token: url and no_ssl 0/1, pass only when given, never `single`', async () => {
    const { client, request } = setup(json({ status: 'OK', url: 'https://a-6.1fichier.com/p1058755667' }));
    await client.getToken(KEY, LINK);
    await client.getToken(KEY, LINK, { noSsl: true });
    await client.getToken(KEY, LINK, { pass: 'secret6', noSsl: false });
    expect(request(0).url).toBe('https://api.1fichier.com/v1/download/get_token.cgi');
    expect(request(0).body).toEqual({ url: LINK, no_ssl: 0 });
    expect(request(1).body).toEqual({ url: LINK, no_ssl: 1 });
    expect(request(2).body).toEqual({ url: LINK, no_ssl: 0, pass: 'secret6' });
    for (let i = 0; i < 3; i++) expect(request(i).body).not.toHaveProperty('single');
    for (let i = 0; i < 3; i++) expect(request(i).headers.get('Authorization')).toBe(`Bearer ${KEY}`);
  });

  it('sends every call through the pacer', async () => {
    const run = vi.fn((call: () => Promise<unknown>) => call());
    const { client, fetchMock } = setup(json({ status: 'OK', offer: 1 }), {
      pacer: { run: run as Pacer['run'] },
    });
    await client.userInfo(KEY);
    expect(run).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('client answers', () => {
  it.each([
    [{ offer: '0' }, { kind: 'free' }],
    [{ offer: 1 }, { kind: 'premium' }],
    [{ offer: '2' }, { kind: 'access' }],
    [{ offer: 3 }, { kind: 'gold' }],
    [{ offer: '9' }, { kind: 'unknown' }],
    [{}, { kind: 'unknown' }],
    [
      { offer: '1', email: 'user@example.com', subscription_end: '2027-01-31 23:59:59', cdn: '1.5' },
      { kind: 'premium', email: 'user@example.com', subscriptionEnd: '2027-01-31 23:59:59', cdnGb: 1.5 },
    ],
    [
      { offer: 3, cdn: 0, email: '', subscription_end: '' },
      { kind: 'gold', cdnGb: 0 },
    ],
    [{ offer: ' ', cdn: 'abc' }, { kind: 'unknown' }],
  ])('user/info %j → %j', async (fields, expected) => {
    const { client } = setup(json({ status: 'OK', ...fields }));
    expect(await client.userInfo(KEY)).toEqual(expected);
  });

  it('file/info without a status field, size as a number or a string', async () => {
    const { client } = setup(
      json({
        url: LINK,
        filename: 'test.txt',
        size: 12,
        'content-type': 'text/plain',
        checksum: 'ab'.repeat(64),
        pass: 0,
      }),
    );
    expect(await client.fileInfo(KEY, LINK)).toEqual({
      url: LINK,
      name: 'test.txt',
      size: 12,
      contentType: 'text/plain',
      checksum: 'ab'.repeat(64),
      passwordProtected: false,
    });
    const s = setup(json({ url: LINK, filename: 'b.bin', size: '1024', pass: '1' }));
    expect(await s.client.fileInfo(KEY, LINK)).toEqual({
      url: LINK,
      name: 'b.bin',
      size: 1024,
      passwordProtected: true,
    });
  });

  it.each([
    [{ url: LINK, size: 12 }],
    [{ url: LINK, filename: 'a', size: -1 }],
    [{ url: LINK, filename: 'a' }],
    [{ filename: 'a', size: 1 }],
    [{ url: LINK, filename: '', size: 1 }],
  ])('file/info without a usable name/size/url is a bad response: %j', async (body) => {
    const { client } = setup(json(body));
    expect(await kindOf(client.fileInfo(KEY, LINK))).toBe('badResponse');
  });

  it.each(['https://a-6.1fichier.com/p1058755667', 'http://o-12.1fichier.com/c42008083'])(
    'get_token returns the direct link %s',
    async (url) => {
      const { client } = setup(json({ status: 'OK', url }));
      expect(await client.getToken(KEY, LINK)).toBe(url);
    },
  );

  it.each([
    ['another host', { status: 'OK', url: 'https://evil.example/p1' }],
    ['a look-alike host', { status: 'OK', url: 'https://a-1.1fichier.com.evil.net/p1' }],
    ['a host ending like 1fichier', { status: 'OK', url: 'https://a-1.evil1fichier.com/p1' }],
    ['the bare domain', { status: 'OK', url: 'https://1fichier.com/p1' }],
    ['the API host', { status: 'OK', url: 'https://api.1fichier.com/p1' }],
    ['a mirror node', { status: 'OK', url: 'https://a-1.alterupload.com/p1' }],
    ['a fragment', { status: 'OK', url: 'https://a-1.1fichier.com/p1#x' }],
    ['credentials', { status: 'OK', url: 'https://x@a-1.1fichier.com/p1' }],
    ['a query', { status: 'OK', url: 'https://a-1.1fichier.com/p1?redirect=https://evil' }],
    ['javascript', { status: 'OK', url: 'javascript:alert(1)//a-1.1fichier.com/p1' }],
    ['no status', { url: 'https://a-6.1fichier.com/p1058755667' }],
    ['no url', { status: 'OK' }],
  ])('get_token refuses %s', async (_what, body) => {
    const { client } = setup(json(body));
    expect(await kindOf(client.getToken(KEY, LINK))).toBe('badResponse');
  });
});

describe('client failures', () => {
  it.each<[string, () => Response, ErrorKind]>([
    ['403 flood', () => json({ status: 'KO', message: 'Flood detected: IP Locked #374' }, 403), 'flood'],
    ['403 flood #412', () => json({ status: 'KO', message: 'Flood detected #412' }, 403), 'flood'],
    [
      '401 not authenticated',
      () => json({ status: 'KO', message: 'Not authenticated #247' }, 401),
      'invalidKey',
    ],
    ['401 without a message', () => json({ status: 'KO' }, 401), 'invalidKey'],
    ['403 no such user', () => json({ status: 'KO', message: 'No such user #93' }, 403), 'invalidKey'],
    [
      '403 free account',
      () => json({ status: 'KO', message: 'Must be a customer (Premium, Access) #236' }, 403),
      'freeAccount',
    ],
    ['404 not found', () => json({ status: 'KO', message: 'Resource not found #469' }, 404), 'notFound'],
    ['404 with an HTML body', () => text('<html>Not found</html>', 404), 'htmlResponse'],
    [
      '200 + KO',
      () => json({ status: 'KO', message: 'Only 1 location allowed at a time #887' }),
      'tooManyLocations',
    ],
    ['200 + KO unknown text', () => json({ status: 'KO', message: 'Something else #1' }), 'unknownApiError'],
    ['200 HTML body', () => text('<!doctype html><title>1fichier</title>'), 'htmlResponse'],
    ['200 malformed JSON', () => text('{"status":"OK",', 200, 'application/json'), 'malformedResponse'],
    ['200 JSON array', () => json([{ status: 'OK' }]), 'badResponse'],
    ['200 JSON null', () => text('null', 200, 'application/json'), 'badResponse'],
    ['200 JSON string', () => json('OK'), 'badResponse'],
    ['200 empty body', () => text(''), 'malformedResponse'],
    ['500 HTML', () => text('<html>Internal Server Error</html>', 500), 'server'],
    [
      '200 maintenance HTML',
      () => text('<html>Our services are in maintenance. Please come back after</html>'),
      'maintenance',
    ],
    ['429 flood without text', () => json({ status: 'KO' }, 429), 'flood'],
    [
      '403 VPN address',
      () =>
        json(
          {
            status: 'KO',
            message: 'Premium status must not be used on professional equipment, must have CDN #913',
          },
          403,
        ),
      'cdnRequired',
    ],
    [
      '503 maintenance HTML',
      () => text('Our services are in maintenance. Please come back after', 503),
      'maintenance',
    ],
    ['502 JSON KO', () => json({ status: 'KO' }, 502), 'server'],
    ['403 without a message', () => json({ status: 'KO' }, 403), 'unknownApiError'],
  ])('%s → %s', async (_what, answer, kind) => {
    const { client } = setup(answer);
    expect(await kindOf(client.userInfo(KEY))).toBe(kind);
    expect(await kindOf(client.getToken(KEY, LINK))).toBe(kind);
  });

  it('keeps the API message as the detail', async () => {
    const { client } = setup(json({ status: 'KO', message: 'Resource not allowed #631' }, 403));
    await expect(client.fileInfo(KEY, LINK)).rejects.toMatchObject({
      kind: 'notAllowed',
      detail: 'Resource not allowed #631',
    });
  });

  it('a fetch TypeError is a network error', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await kindOf(client.userInfo(KEY))).toBe('network');
  });

  it('a body that fails to read is a network error', async () => {
    const { client } = setup(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.error(new TypeError('connection reset'));
            },
          }),
        ),
    );
    expect(await kindOf(client.userInfo(KEY))).toBe('network');
  });

  it('times out with a tiny timeoutMs', async () => {
    vi.useFakeTimers();
    const client = createOneFichierClient({ pacer: direct, fetch: hangingFetch(), timeoutMs: 5 });
    const result = kindOf(client.userInfo(KEY));
    await vi.advanceTimersByTimeAsync(5);
    expect(await result).toBe('timeout');
  });

  it('times out after 20 s by default, not before', async () => {
    vi.useFakeTimers();
    const client: OneFichierClient = createOneFichierClient({ pacer: direct, fetch: hangingFetch() });
    let settled = false;
    const result = kindOf(client.getToken(KEY, LINK)).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(19_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe('timeout');
  });

  it('a flood answer through the real pacer opens the breaker', async () => {
    let saved: BreakerState | undefined;
    const pacer = createPacer({
      store: { load: async () => saved, save: async (s) => void (saved = s) },
      now: () => 1_000_000,
      sleep: async () => undefined,
    });
    const { client, fetchMock } = setup(
      json({ status: 'KO', message: 'Flood detected: IP Locked #374' }, 403),
      { pacer },
    );
    await expect(client.userInfo(KEY)).rejects.toMatchObject({ kind: 'flood', retryAt: 1_030_000 });
    expect(saved).toEqual({ until: 1_030_000, lockMs: 30_000, kind: 'flood' });
    await expect(client.getToken(KEY, LINK)).rejects.toMatchObject({ kind: 'flood' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
