import { afterEach, describe, expect, it } from 'vitest';
import { encodeEntities } from '../../emulator/check-links.ts';
import { EXTRA_FILES, FILES, KEYS, startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { api, checkLinks, fakeClock, request } from './helpers.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Decodes the entities encodeEntities produces (what JD does with the answer). */
const decode = (s: string): string =>
  s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&(lt|gt|quot|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e] ?? '');

describe('check_links.pl', () => {
  it('answers one line per link, in order: online, NOT FOUND, BAD LINK, PRIVATE', async () => {
    emu = await startEmulator();
    const links = [
      FILES.small.link,
      `https://www.alterupload.com/?${FILES.unicode.id}&af=12`,
      FILES.deleted.link,
      'https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa',
      'https://example.com/?abcdef',
      `https://1fichier.com/dir/WhipfPYG`,
      FILES.protected.link,
      EXTRA_FILES.restricted.link,
    ];
    const r = await checkLinks(emu, links);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toBe(
      [
        `${FILES.small.link};${FILES.small.name};${FILES.small.size}`,
        `https://www.alterupload.com/?${FILES.unicode.id}&af=12;${FILES.unicode.name};${FILES.unicode.size}`,
        `${FILES.deleted.link};;;NOT FOUND`,
        'https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa;;;BAD LINK',
        'https://example.com/?abcdef;;;BAD LINK',
        'https://1fichier.com/dir/WhipfPYG;;;BAD LINK',
        `${FILES.protected.link};;;PRIVATE`,
        `${EXTRA_FILES.restricted.link};;;PRIVATE`,
        '',
      ].join('\n'),
    );
  });

  it('entity-encodes & < > " \' and ; in file names (parse: url before the first ;, size after the last)', async () => {
    emu = await startEmulator();
    const r = await checkLinks(emu, [EXTRA_FILES.punctuation.link, FILES.hostile.link]);
    const lines = r.text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `${EXTRA_FILES.punctuation.link};Tom &amp; Jerry&#59; &quot;best of&quot; &lt;1999&gt; it&#39;s.txt;777`,
    );
    for (const [line = '', f] of [
      [lines[0], EXTRA_FILES.punctuation],
      [lines[1], FILES.hostile],
    ] as const) {
      const first = line.indexOf(';');
      const last = line.lastIndexOf(';');
      expect(line.slice(0, first)).toBe(f.link);
      expect(decode(line.slice(first + 1, last))).toBe(f.name);
      expect(line.slice(last + 1)).toBe(String(f.size));
      // No raw separator-breaking or markup characters survive in the name field.
      expect(line.slice(first + 1, last)).not.toMatch(/[<>"']/);
    }
    expect(encodeEntities('a\nb\u007fc')).toBe('a&#10;b&#127;c');
    expect(encodeEntities('Żółć ✓')).toBe('Żółć ✓');
  });

  it('accepts up to 100 links and refuses 101 with a 400 text message', async () => {
    emu = await startEmulator();
    const ok = await checkLinks(emu, Array<string>(100).fill(FILES.small.link));
    expect(ok.status).toBe(200);
    expect(ok.text.trimEnd().split('\n')).toHaveLength(100);
    const tooMany = await checkLinks(emu, Array<string>(101).fill(FILES.small.link));
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers['content-type']).toMatch(/^text\/plain/);
    expect(tooMany.text).toMatch(/at most 100/);
  });

  it('answers an empty body for no links, 405 for GET', async () => {
    emu = await startEmulator();
    const none = await checkLinks(emu, []);
    expect(none.status).toBe(200);
    expect(none.text).toBe('');
    expect((await request(emu, 'https://1fichier.com/check_links.pl')).status).toBe(405);
  });

  it('is counted by the per-IP flood limiter (shared with the API) and then answers IP Locked', async () => {
    const clock = fakeClock();
    emu = await startEmulator({ now: clock.now, floodMaxInWindow: 3, floodLockMs: 1000 });
    for (let i = 0; i < 3; i++) expect((await checkLinks(emu, [FILES.small.link])).status).toBe(200);
    const locked = await checkLinks(emu, [FILES.small.link]);
    expect(locked.status).toBe(200);
    expect(locked.text).toBe('IP Locked');
    // The same IP is locked for the API as well; another IP is not.
    expect((await api(emu, 'file/info.cgi', { url: FILES.small.link }, KEYS.premium)).json.message).toBe(
      'Flood detected: IP Locked #374',
    );
    expect((await checkLinks(emu, [FILES.small.link], '127.0.0.2')).text).toContain(FILES.small.name);
    const entry = emu.requests.find((e) => e.path === '/check_links.pl' && e.flood);
    expect(entry).toMatchObject({ host: '1fichier.com', status: 200, message: 'IP Locked', flood: true });
    clock.advance(1000);
    expect((await checkLinks(emu, [FILES.small.link])).text).toContain(FILES.small.name);
  });

  it('answers IP Locked under the flood fault and during an injected IP lock', async () => {
    emu = await startEmulator();
    emu.setFault('flood', true);
    expect((await checkLinks(emu, [FILES.small.link])).text).toBe('IP Locked');
    emu.clearFaults();
    emu.lockFlood(60_000, 'ip');
    expect((await checkLinks(emu, [FILES.small.link])).text).toBe('IP Locked');
    emu.resetLimits();
    expect((await checkLinks(emu, [FILES.small.link])).text).toContain(FILES.small.name);
  });
});
