import { describe, it, expect, vi, afterEach } from 'vitest';
import {
  createOneFichierClient,
  FOLDER_LIST_TTL_MS,
  ALL_FILES_TTL_MS,
} from '../../../utils/onefichier/client';
import type { ErrorKind } from '../../../utils/onefichier/errors';
import { parseRetryAfter } from '../../../utils/onefichier/http';
import { parseFolderLink } from '../../../utils/onefichier/links.ts';
import type { Pacer } from '../../../utils/onefichier/pacer';
import { failure } from './failure';

const KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const OTHER_KEY = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa987654';
const LINK = 'https://1fichier.com/?2zk52quqlm0cbjr93ri5';
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

type FetchFn = typeof fetch;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/html', ...headers } });
}

function setup(answer: (url: string, init: RequestInit) => Response, opts: { now?: () => number } = {}) {
  const runs = { count: 0 };
  const pacer: Pacer = {
    run: (call) => {
      runs.count += 1;
      return call();
    },
  };
  const fetchMock = vi.fn<FetchFn>(async (url, init) => answer(String(url), init ?? {}));
  const client = createOneFichierClient({ pacer, fetch: fetchMock, now: opts.now });
  const request = (i = 0) => {
    const [url, init] = fetchMock.mock.calls[i]!;
    return { url: String(url), init: init!, headers: new Headers(init!.headers), body: init!.body };
  };
  return { client, fetchMock, request, runs };
}

afterEach(() => {
  vi.useRealTimers();
});

const FILE_ITEM = {
  filename: 'test.txt',
  cdn: 0,
  acl: 0,
  checksum: 'ab'.repeat(64),
  size: 12,
  'content-type': 'text/plain',
  pass: 0,
  url: LINK,
  date: '2021-06-22 14:57:25',
};

describe('get_token options', () => {
  it('sends cdn: 1 only when asked (CDN credits cost money)', async () => {
    const { client, request } = setup(() => json({ status: 'OK', url: 'https://a-6.1fichier.com/p1' }));
    await client.getToken(KEY, LINK, { cdn: true });
    await client.getToken(KEY, LINK, { cdn: false });
    await client.getToken(KEY, LINK);
    expect(JSON.parse(String(request(0).body))).toEqual({ url: LINK, no_ssl: 0, cdn: 1 });
    expect(JSON.parse(String(request(1).body))).toEqual({ url: LINK, no_ssl: 0 });
    expect(JSON.parse(String(request(2).body))).toEqual({ url: LINK, no_ssl: 0 });
  });
});

describe('Retry-After', () => {
  it.each<[string | null, number | undefined]>([
    ['120', T0 + 120_000],
    [' 45 ', T0 + 45_000],
    ['0', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    [new Date(T0 + 90_000).toUTCString(), T0 + 90_000],
    [new Date(T0 - 90_000).toUTCString(), undefined],
    ['999999999', T0 + 3_600_000],
  ])('%j → %s', (header, expected) => {
    expect(parseRetryAfter(header, T0)).toBe(expected);
  });

  it.each<[string, () => Response, ErrorKind]>([
    [
      '503 maintenance',
      () => text('<html>Our services are in maintenance</html>', 503, { 'Retry-After': '120' }),
      'maintenance',
    ],
    [
      '429 flood',
      () => json({ status: 'KO', message: 'Flood detected: IP Locked #374' }, 429, { 'Retry-After': '45' }),
      'flood',
    ],
  ])('%s: the error carries the time asked for', async (_what, answer, kind) => {
    const { client } = setup(answer, { now: () => T0 });
    const err = await failure(client.getToken(KEY, LINK));
    expect(err.kind).toBe(kind);
    expect(err.retryAt).toBe(T0 + (kind === 'flood' ? 45_000 : 120_000));
  });
});

describe('folder/ls.cgi (the account’s own folders)', () => {
  const FOLDER = {
    status: 'OK',
    folder_id: 0,
    name: '',
    create_date: '2020-01-01 10:00:00',
    pass: 0,
    sub_folders: [
      { id: 123456, name: 'backup', pass: 0, create_date: '2021-03-20 02:30:00' },
      { id: '77', name: 'private', pass: '1', create_date: '2021-03-21 02:30:00' },
      { id: 'x', name: 'broken id' },
      { name: 'no id' },
      null,
    ],
  };

  it('asks for the folder with the Bearer key and parses sub-folders, dropping broken ones', async () => {
    const { client, request } = setup(() => json(FOLDER));
    const folder = await client.listFolder(KEY);
    expect(request().url).toBe('https://api.1fichier.com/v1/folder/ls.cgi');
    expect(request().headers.get('Authorization')).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(String(request().body))).toEqual({ folder_id: 0 });
    expect(folder).toEqual({
      id: 0,
      name: '',
      createdAt: '2020-01-01 10:00:00',
      passwordProtected: false,
      subFolders: [
        { id: 123456, name: 'backup', passwordProtected: false, createdAt: '2021-03-20 02:30:00' },
        { id: 77, name: 'private', passwordProtected: true, createdAt: '2021-03-21 02:30:00' },
      ],
      skipped: 3,
    });
  });

  it('with files: 1 returns the files too', async () => {
    const { client, request } = setup(() => json({ ...FOLDER, folder_id: 5, items: [FILE_ITEM] }));
    const folder = await client.listFolder(KEY, 5, { files: true });
    expect(JSON.parse(String(request().body))).toEqual({ folder_id: 5, files: 1 });
    expect(folder.files).toEqual([
      {
        url: LINK,
        key: '2zk52quqlm0cbjr93ri5',
        name: 'test.txt',
        size: 12,
        date: '2021-06-22 14:57:25',
        checksum: 'ab'.repeat(64),
        contentType: 'text/plain',
        passwordProtected: false,
        restricted: false,
        cdn: false,
      },
    ]);
  });

  it('sub_folders may be null or absent when empty', async () => {
    const { client } = setup(() => json({ status: 'OK', folder_id: 9, name: 'empty', sub_folders: null }));
    expect((await client.listFolder(KEY, 9)).subFolders).toEqual([]);
  });

  it('an answer without folder_id is a bad response', async () => {
    const { client } = setup(() => json({ status: 'OK', name: 'x' }));
    expect((await failure(client.listFolder(KEY, 1))).kind).toBe('badResponse');
  });

  it('asks 1Fichier at most once per folder per 30 s; another key asks again', async () => {
    let t = T0;
    const { client, fetchMock } = setup(() => json(FOLDER), { now: () => t });
    await client.listFolder(KEY, 0);
    t += FOLDER_LIST_TTL_MS - 1;
    await client.listFolder(KEY, 0);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await client.listFolder(KEY, 1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    t += 1;
    await client.listFolder(KEY, 0);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    await client.listFolder(OTHER_KEY, 0);
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(new Headers(fetchMock.mock.calls[3]![1]!.headers).get('Authorization')).toBe(
      `Bearer ${OTHER_KEY}`,
    );
  });

  it('a failed listing is not cached', async () => {
    let n = 0;
    const { client, fetchMock } = setup(() =>
      n++ === 0 ? json({ status: 'KO', message: 'Resource not found #469' }, 404) : json(FOLDER),
    );
    expect((await failure(client.listFolder(KEY, 3))).kind).toBe('notFound');
    await client.listFolder(KEY, 3);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('file/ls.cgi', () => {
  it('lists files, accepting string sizes and dropping items with a foreign link', async () => {
    const { client, request } = setup(() =>
      json({
        status: 'OK',
        count: 4,
        items: [
          FILE_ITEM,
          { ...FILE_ITEM, url: 'https://alterupload.com/?AbCdEfGhIj', size: '2048', pass: 1, acl: 1, cdn: 1 },
          { ...FILE_ITEM, url: 'https://evil.example/?2zk52quqlm0cbjr93ri5' },
          { ...FILE_ITEM, size: -1 },
        ],
      }),
    );
    const list = await client.listFiles(KEY, 42);
    expect(JSON.parse(String(request().body))).toEqual({ folder_id: 42 });
    expect(list.skipped).toBe(2);
    expect(list.files.map((f) => [f.url, f.key, f.size, f.passwordProtected, f.restricted, f.cdn])).toEqual([
      [LINK, '2zk52quqlm0cbjr93ri5', 12, false, false, false],
      ['https://alterupload.com/?AbCdEfGhIj', 'abcdefghij', 2048, true, true, true],
    ]);
  });

  it('all files (-1) at most once an hour', async () => {
    let t = T0;
    const { client, fetchMock, request } = setup(() => json({ status: 'OK', count: 0, items: [] }), {
      now: () => t,
    });
    await client.listFiles(KEY, -1);
    expect(JSON.parse(String(request().body))).toEqual({ folder_id: -1 });
    t += ALL_FILES_TTL_MS - 1;
    await client.listFiles(KEY, -1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    t += 1;
    await client.listFiles(KEY, -1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('items that are not a list make a bad response', async () => {
    const { client } = setup(() => json({ status: 'OK', count: 1, items: 'nope' }));
    expect((await failure(client.listFiles(KEY, 1))).kind).toBe('badResponse');
  });
});

describe('public folders (/dir/<ID>?json=1)', () => {
  const FOLDER = { domain: 'alterupload.com', id: 'CiLKCBI6' };
  const ENTRIES = [
    {
      link: 'https://1fichier.com/?2zk52quqlm0cbjr93ri5',
      filename: 'a.rar',
      size: 1048576,
      password: 0,
      acl: 0,
    },
    {
      link: 'https://1fichier.com/?5n0mgbv5vm52t8091bxt',
      filename: 'b <i>.rar',
      size: '2097152',
      password: 1,
      acl: 1,
    },
    { link: 'javascript:alert(1)', filename: 'evil', size: 1 },
    { link: 'https://1fichier.com.evil.net/?5n0mgbv5vm52t8091bxt', filename: 'look-alike', size: 1 },
    { link: 'https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa', filename: '', size: 1 },
    { link: 'https://1fichier.com/?bbbbbbbbbbbbbbbbbbbb', filename: 'negative', size: -3 },
    'not an object',
  ];

  it('GETs the JSON without the key, without cookies, and keeps only real file links', async () => {
    const { client, request, runs } = setup(() => json(ENTRIES));
    const folder = await client.publicFolder(FOLDER);
    expect(request().url).toBe('https://1fichier.com/dir/CiLKCBI6?json=1');
    expect(request().init.method).toBe('GET');
    expect(request().headers.get('Authorization')).toBeNull();
    expect(request().init.credentials).toBe('omit');
    expect(runs.count).toBe(1);
    expect(folder).toEqual({
      entries: [
        {
          link: 'https://1fichier.com/?2zk52quqlm0cbjr93ri5',
          key: '2zk52quqlm0cbjr93ri5',
          name: 'a.rar',
          size: 1048576,
          passwordProtected: false,
          restricted: false,
        },
        {
          link: 'https://1fichier.com/?5n0mgbv5vm52t8091bxt',
          key: '5n0mgbv5vm52t8091bxt',
          name: 'b <i>.rar',
          size: 2097152,
          passwordProtected: true,
          restricted: true,
        },
      ],
      skipped: 5,
    });
  });

  it('with a password: POSTs the form json=1&pass=… (URL-encoded)', async () => {
    const { client, request } = setup(() => json(ENTRIES.slice(0, 1)));
    await client.publicFolder(FOLDER, 'p&ss w=rd');
    expect(request().url).toBe('https://1fichier.com/dir/CiLKCBI6');
    expect(request().init.method).toBe('POST');
    expect(request().headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(String(request().body)).toBe('json=1&pass=p%26ss+w%3Drd');
    expect(new URLSearchParams(String(request().body)).get('pass')).toBe('p&ss w=rd');
  });

  const FORM =
    '<html><form method="post"><input type="password" name="pass"><input type="submit"></form></html>';

  it.each<[string, () => Response, string | undefined, ErrorKind]>([
    ['the password form, no password given', () => text(FORM), undefined, 'folderPasswordRequired'],
    ['the password form again, password given', () => text(FORM), 'wrong', 'folderPasswordWrong'],
    ['404', () => text('<html>Not found</html>', 404), undefined, 'folderNotFound'],
    ['another HTML page', () => text('<html>Hello</html>'), undefined, 'htmlResponse'],
    ['IP Locked text', () => text('IP Locked', 200, { 'Content-Type': 'text/plain' }), undefined, 'flood'],
    ['a JSON object', () => json({ status: 'KO' }), undefined, 'badResponse'],
    ['500', () => text('<html>oops</html>', 500), undefined, 'server'],
    ['a JSON answer with 403', () => json([], 403), undefined, 'unknownApiError'],
  ])('%s → %s', async (_what, answer, pass, kind) => {
    const { client } = setup(answer);
    expect((await failure(client.publicFolder(FOLDER, pass))).kind).toBe(kind);
  });

  // Only 1fichier.com is in the host permissions: a mirror domain would fail CORS in the browser.
  it.each([
    ['https://alterupload.com/dir/CiLKCBI6', 'CiLKCBI6'],
    ['https://www.cjoint.net/en/dir/l4nVnLVA?lg=en', 'l4nVnLVA'],
    ['http://desfichiers.net/dir/EW6eYIUF/', 'EW6eYIUF'],
    ['https://dl4free.com/dir/GwAVeQxR#x', 'GwAVeQxR'],
    ['https://1fichier.com/dir/abcdEFGH', 'abcdEFGH'],
  ])('a folder link on %s is read from https://1fichier.com, id case kept', async (raw, id) => {
    const link = parseFolderLink(raw);
    expect(link?.id).toBe(id);
    const { client, fetchMock, request } = setup(() => json([]));
    await client.publicFolder(link!);
    await client.publicFolder(link!, 'pw');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(request(0).url).toBe(`https://1fichier.com/dir/${id}?json=1`);
    expect(request(1).url).toBe(`https://1fichier.com/dir/${id}`);
  });

  it('escapes the folder id in the URL', async () => {
    const { client, request } = setup(() => json([]));
    await client.publicFolder({ domain: 'alterupload.com', id: 'a/b?c' });
    expect(request().url).toBe('https://1fichier.com/dir/a%2Fb%3Fc?json=1');
  });
});

describe('check_links.pl', () => {
  const ids = Array.from({ length: 250 }, (_, i) => `file${String(i).padStart(5, '0')}x`);
  const links = ids.map((id) => `https://1fichier.com/?${id}`);

  it('POSTs at most 100 links per request, through the pacer, without the key', async () => {
    const { client, fetchMock, request, runs } = setup((_url, init) => {
      const asked = new URLSearchParams(String(init.body)).getAll('links[]');
      return text(asked.map((l) => `${l};name-${l.slice(l.indexOf('?') + 1)}.bin;10`).join('\n'), 200, {
        'Content-Type': 'text/plain',
      });
    });
    const result = await client.checkLinks(links);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(runs.count).toBe(3);
    const sizes = [0, 1, 2].map((i) => new URLSearchParams(String(request(i).body)).getAll('links[]').length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(request().url).toBe('https://1fichier.com/check_links.pl');
    expect(request().init.method).toBe('POST');
    expect(request().headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(request().headers.get('Authorization')).toBeNull();
    expect(result.size).toBe(250);
    expect(result.get(ids[249]!)).toEqual({ state: 'online', name: `name-${ids[249]}.bin`, size: 10 });
  });

  it('asks once per file even when the same file comes on two domains', async () => {
    const { client, request } = setup(() => text(''));
    await client.checkLinks([
      'https://1fichier.com/?2zk52quqlm0cbjr93ri5',
      'https://megadl.fr/?2ZK52QUQLM0CBJR93RI5',
    ]);
    expect(new URLSearchParams(String(request().body)).getAll('links[]')).toHaveLength(1);
  });

  it('reads every line type and decodes entities in names', async () => {
    const { client } = setup(() =>
      text(
        [
          'https://1fichier.com/?2zk52quqlm0cbjr93ri5;a &amp; b &#59; c&#x27;s &lt;file&gt;.txt;12',
          'https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa;;;NOT FOUND',
          'https://1fichier.com/?bbbbbbbbbbbbbbbbbbbb;;;PRIVATE',
          'https://1fichier.com/?cccccccccccccccccccc;;;BAD LINK',
          'https://1fichier.com/?dddddddddddddddddddd;name;with;semicolons.txt;77',
          'https://1fichier.com/?ffffffffffffffffffff;weird;notanumber',
          'garbage line',
        ].join('\r\n'),
        200,
        { 'Content-Type': 'text/plain' },
      ),
    );
    const result = await client.checkLinks(
      [
        '2zk52quqlm0cbjr93ri5',
        'aaaaaaaaaaaaaaaaaaaa',
        'bbbbbbbbbbbbbbbbbbbb',
        'cccccccccccccccccccc',
        'dddddddddddddddddddd',
        'eeeeeeeeeeeeeeeeeeee',
        'ffffffffffffffffffff',
      ].map((id) => `https://1fichier.com/?${id}`),
    );
    expect(Object.fromEntries(result)).toEqual({
      '2zk52quqlm0cbjr93ri5': { state: 'online', name: "a & b ; c's <file>.txt", size: 12 },
      aaaaaaaaaaaaaaaaaaaa: { state: 'notFound' },
      bbbbbbbbbbbbbbbbbbbb: { state: 'private' },
      cccccccccccccccccccc: { state: 'badLink' },
      dddddddddddddddddddd: { state: 'online', name: 'name;with;semicolons.txt', size: 77 },
      eeeeeeeeeeeeeeeeeeee: { state: 'unknown' },
      ffffffffffffffffffff: { state: 'unknown' },
    });
  });

  it('a line for a link that was not asked is ignored', async () => {
    const { client } = setup(() => text('https://1fichier.com/?zzzzzzzzzzzzzzzzzzzz;x.bin;1'));
    const result = await client.checkLinks([LINK]);
    expect([...result.keys()]).toEqual(['2zk52quqlm0cbjr93ri5']);
    expect(result.get('2zk52quqlm0cbjr93ri5')).toEqual({ state: 'unknown' });
  });

  it.each<[string, () => Response, ErrorKind]>([
    ['IP Locked', () => text('IP Locked', 200, { 'Content-Type': 'text/plain' }), 'flood'],
    ['500', () => text('<html>err</html>', 500), 'server'],
    ['400 text', () => text('Too many links', 400, { 'Content-Type': 'text/plain' }), 'malformedResponse'],
  ])('%s → %s', async (_what, answer, kind) => {
    const { client } = setup(answer);
    expect((await failure(client.checkLinks([LINK]))).kind).toBe(kind);
  });

  it('no links, no request', async () => {
    const { client, fetchMock } = setup(() => text(''));
    expect((await client.checkLinks([])).size).toBe(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
