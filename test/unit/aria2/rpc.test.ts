import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors.ts';
import { createAria2Client, isUnknownGid, newGid } from '../../../utils/transfer/aria2/client.ts';
import { rpcCall, type Aria2Endpoint } from '../../../utils/transfer/aria2/rpc.ts';

const LOCAL: Aria2Endpoint = { url: 'http://127.0.0.1:6800/jsonrpc', secret: 's3cret' };
const REMOTE: Aria2Endpoint = { url: 'http://nas.lan:6800/jsonrpc', secret: 's3cret' };
const GID = '0123456789abcdef';
const NOT_FOUND = { error: { code: 1, message: `GID ${GID} is not found` } };

interface Sent {
  url: string;
  init: RequestInit;
  body: { jsonrpc: string; id: string; method: string; params: unknown[] };
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake aria2: answers each request with `answer(method, params without the token)`; records what was sent. */
function fakeAria2(answer: (method: string, params: unknown[]) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const body = JSON.parse(String(init.body)) as Sent['body'];
    sent.push({ url: String(input), init, body });
    const params = body.params[0] === 'token:s3cret' ? body.params.slice(1) : body.params;
    return answer(body.method, params);
  });
  /** The i-th request sent. */
  const req = (i = 0): Sent => {
    const r = sent[i];
    if (!r) throw new Error(`no request #${i} (${sent.length} sent)`);
    return r;
  };
  return { fetch, sent, req };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

const refusing = (err: unknown) => vi.fn<typeof fetch>(() => Promise.reject(err));

describe('rpcCall: the request', () => {
  it('POSTs JSON-RPC 2.0 with the method and the secret as the first parameter, without cookies', async () => {
    const aria2 = fakeAria2(() => json({ id: 'x', jsonrpc: '2.0', result: 'OK' }));
    await expect(rpcCall(LOCAL, 'aria2.tellStatus', [GID, ['status']], aria2)).resolves.toBe('OK');
    expect(aria2.sent).toHaveLength(1);
    const { url, init, body } = aria2.req();
    expect(url).toBe(LOCAL.url);
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('omit');
    expect(init.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(Object.keys(body).toSorted()).toEqual(['id', 'jsonrpc', 'method', 'params']);
    expect(body.jsonrpc).toBe('2.0');
    expect(body.method).toBe('aria2.tellStatus');
    // Only what was given: the token, then the caller's parameters — nothing else (no API key).
    expect(body.params).toEqual(['token:s3cret', GID, ['status']]);
  });

  it.each([undefined, ''])('sends no token when the secret is %j', async (secret) => {
    const aria2 = fakeAria2(() => json({ result: [] }));
    await rpcCall({ url: LOCAL.url, secret }, 'aria2.tellActive', [], aria2);
    expect(aria2.req().body.params).toEqual([]);
  });

  it('gives each call its own id', async () => {
    const aria2 = fakeAria2(() => json({ result: 1 }));
    await rpcCall(LOCAL, 'aria2.getVersion', [], aria2);
    await rpcCall(LOCAL, 'aria2.getVersion', [], aria2);
    expect(aria2.req().body.id).not.toBe(aria2.req(1).body.id);
  });

  it('refuses a bad address (aria2BadUrl) without calling fetch', async () => {
    const aria2 = fakeAria2(() => json({ result: 1 }));
    const err = await failure(rpcCall({ url: 'ftp://nas.lan/jsonrpc' }, 'aria2.getVersion', [], aria2));
    expect([err.kind, err.detail]).toEqual(['aria2BadUrl', 'scheme']);
    expect(aria2.fetch).not.toHaveBeenCalled();
  });
});

describe('rpcCall: failures', () => {
  it('a refused connection on loopback → aria2NotRunning; on a remote host → aria2Unreachable', async () => {
    const fetch = refusing(new TypeError('Failed to fetch'));
    const local = await failure(rpcCall(LOCAL, 'aria2.getVersion', [], { fetch }));
    expect([local.kind, local.detail]).toEqual(['aria2NotRunning', '127.0.0.1:6800']);
    const remote = await failure(rpcCall(REMOTE, 'aria2.getVersion', [], { fetch }));
    expect([remote.kind, remote.detail]).toEqual(['aria2Unreachable', 'nas.lan:6800']);
  });

  it('a refused connection without the host permission → aria2Permission', async () => {
    const allowed = vi.fn(async () => false);
    const fetch = refusing(new TypeError('Failed to fetch'));
    const err = await failure(rpcCall(REMOTE, 'aria2.getVersion', [], { fetch, allowed }));
    expect([err.kind, err.detail]).toEqual(['aria2Permission', 'nas.lan:6800']);
    expect(allowed).toHaveBeenCalledWith(new URL(REMOTE.url));
  });

  it('with the permission (or when asking fails) the network reason stays', async () => {
    const fetch = refusing(new TypeError('Failed to fetch'));
    const granted = await failure(rpcCall(REMOTE, 'm', [], { fetch, allowed: async () => true }));
    expect(granted.kind).toBe('aria2Unreachable');
    const unknown = await failure(
      rpcCall(LOCAL, 'm', [], { fetch, allowed: () => Promise.reject(new Error('no API')) }),
    );
    expect(unknown.kind).toBe('aria2NotRunning');
  });

  it('does not ask for the permission when aria2 answers', async () => {
    const allowed = vi.fn(async () => false);
    const aria2 = fakeAria2(() => json({ result: 'OK' }));
    await rpcCall(REMOTE, 'm', [], { ...aria2, allowed });
    expect(allowed).not.toHaveBeenCalled();
  });

  it('a timeout (the request aborted by its signal) → aria2NotRunning / aria2Unreachable', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(
      (_input, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('The operation was aborted.', 'AbortError')),
          );
        }),
    );
    const local = await failure(rpcCall(LOCAL, 'aria2.getVersion', [], { fetch, timeoutMs: 20 }));
    expect(local.kind).toBe('aria2NotRunning');
    const remote = await failure(rpcCall(REMOTE, 'aria2.getVersion', [], { fetch, timeoutMs: 20 }));
    expect(remote.kind).toBe('aria2Unreachable');
    expect(fetch.mock.calls.map(([, init]) => init?.signal?.aborted)).toEqual([true, true]);
  });

  it('HTTP 400 "Unauthorized" → aria2Unauthorized', async () => {
    const aria2 = fakeAria2(() =>
      json({ id: 'x', jsonrpc: '2.0', error: { code: 1, message: 'Unauthorized' } }, 400),
    );
    expect((await failure(rpcCall(LOCAL, 'aria2.getVersion', [], aria2))).kind).toBe('aria2Unauthorized');
  });

  it.each([
    ['an HTML page', () => new Response('<!doctype html><title>Router</title>', { status: 200 })],
    ['JSON without result or error', () => json({ jsonrpc: '2.0', id: 'x' })],
    ['a JSON array', () => json([1, 2])],
    ['JSON null', () => json(null)],
    ['an error that is not an object', () => json({ error: 'nope' })],
  ])('%s → aria2NotAria2', async (_name, answer) => {
    const err = await failure(rpcCall(LOCAL, 'aria2.getVersion', [], fakeAria2(answer)));
    expect([err.kind, err.detail]).toEqual(['aria2NotAria2', 'HTTP 200']);
  });

  it("any other refusal → aria2Refused with aria2's words", async () => {
    const err = await failure(
      rpcCall(
        LOCAL,
        'aria2.tellStatus',
        [GID],
        fakeAria2(() => json(NOT_FOUND, 400)),
      ),
    );
    expect([err.kind, err.detail]).toEqual(['aria2Refused', `GID ${GID} is not found`]);
    expect(isUnknownGid(err)).toBe(true);
    const long = await failure(
      rpcCall(
        LOCAL,
        'm',
        [],
        fakeAria2(() => json({ error: { code: 1, message: 'x'.repeat(500) } })),
      ),
    );
    expect(long.detail).toHaveLength(200);
    expect(isUnknownGid(long)).toBe(false);
  });
});

describe('createAria2Client', () => {
  it('version() gives the version aria2 reports, and refuses an answer without one', async () => {
    const aria2 = fakeAria2(() => json({ result: { version: '1.37.0', enabledFeatures: [] } }));
    await expect(createAria2Client(LOCAL, aria2).version()).resolves.toBe('1.37.0');
    expect(aria2.req().body.method).toBe('aria2.getVersion');
    const odd = createAria2Client(
      LOCAL,
      fakeAria2(() => json({ result: { v: 1 } })),
    );
    expect((await failure(odd.version())).kind).toBe('aria2NotAria2');
  });

  it('addUri() sends [uri] and the options object, and gives back the GID', async () => {
    const aria2 = fakeAria2(() => json({ result: GID }));
    const options = { gid: GID, dir: '/data', out: 'a.bin', split: '3' };
    await expect(
      createAria2Client(LOCAL, aria2).addUri('https://a-1.1fichier.com/p1', options),
    ).resolves.toBe(GID);
    expect(aria2.req().body).toMatchObject({
      method: 'aria2.addUri',
      params: ['token:s3cret', ['https://a-1.1fichier.com/p1'], options],
    });
    const odd = createAria2Client(
      LOCAL,
      fakeAria2(() => json({ result: 42 })),
    );
    expect((await failure(odd.addUri('u', {}))).kind).toBe('aria2NotAria2');
  });

  it('status() parses numbers from strings and the path of the first file', async () => {
    const aria2 = fakeAria2(() =>
      json({
        result: {
          gid: GID,
          status: 'error',
          totalLength: '1048576',
          completedLength: '524288',
          downloadSpeed: 'fast',
          errorCode: '3',
          errorMessage: 'Resource not found',
          files: [{ path: '/data/a.bin' }, { path: '/data/b.bin' }],
        },
      }),
    );
    await expect(createAria2Client(LOCAL, aria2).status(GID)).resolves.toEqual({
      gid: GID,
      status: 'error',
      totalLength: 1048576,
      completedLength: 524288,
      downloadSpeed: 0,
      errorCode: '3',
      errorMessage: 'Resource not found',
      path: '/data/a.bin',
    });
    expect(aria2.req().body.method).toBe('aria2.tellStatus');
    expect(aria2.req().body.params.slice(0, 2)).toEqual(['token:s3cret', GID]);
  });

  it('status() leaves out an empty path and treats negative or numeric lengths as 0', async () => {
    const raw = {
      status: 'active',
      totalLength: '-5',
      completedLength: 7,
      downloadSpeed: '10',
      files: [{ path: '' }],
    };
    const status = await createAria2Client(
      LOCAL,
      fakeAria2(() => json({ result: raw })),
    ).status(GID);
    expect(status).toEqual({
      gid: GID,
      status: 'active',
      totalLength: 0,
      completedLength: 0,
      downloadSpeed: 10,
    });
  });

  it('status() refuses an unknown state, and is undefined for a GID aria2 does not know', async () => {
    const odd = createAria2Client(
      LOCAL,
      fakeAria2(() => json({ result: { status: 'sleeping' } })),
    );
    expect((await failure(odd.status(GID))).kind).toBe('aria2NotAria2');
    const gone = createAria2Client(
      LOCAL,
      fakeAria2(() => json(NOT_FOUND, 400)),
    );
    await expect(gone.status(GID)).resolves.toBeUndefined();
  });

  it('remove() force-removes, then forgets the result, ignoring "not found"', async () => {
    const aria2 = fakeAria2(() => json(NOT_FOUND, 400));
    await expect(createAria2Client(LOCAL, aria2).remove(GID)).resolves.toBeUndefined();
    expect(aria2.sent.map((s) => [s.body.method, s.body.params[1]])).toEqual([
      ['aria2.forceRemove', GID],
      ['aria2.removeDownloadResult', GID],
    ]);
  });

  it('remove() and pause() still report aria2 being unreachable', async () => {
    const client = createAria2Client(REMOTE, { fetch: refusing(new TypeError('Failed to fetch')) });
    expect((await failure(client.remove(GID))).kind).toBe('aria2Unreachable');
    expect((await failure(client.pause(GID))).kind).toBe('aria2Unreachable');
  });
});

describe('newGid', () => {
  it('gives 16 hex digits from the random bytes', () => {
    expect(newGid((b) => b.fill(0xab))).toBe('abababababababab');
    expect(newGid()).toMatch(/^[0-9a-f]{16}$/);
    expect(newGid()).not.toBe(newGid());
  });

  it('is never all zero (aria2 refuses that GID)', () => {
    const gid = newGid((b) => b.fill(0));
    expect(gid).toMatch(/^[0-9a-f]{16}$/);
    expect(gid).not.toBe('0'.repeat(16));
  });
});
