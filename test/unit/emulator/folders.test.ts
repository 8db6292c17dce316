import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_FILES, FILES, FOLDERS, startEmulator } from '../../emulator/index.ts';
import type { Emulator, FixtureFolder } from '../../emulator/index.ts';
import { postForm, request } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const entries = (f: FixtureFolder) =>
  f.files.map((file) => ({
    link: file.link,
    filename: file.name,
    size: file.size,
    password: file.password === undefined ? 0 : 1,
    acl: file.acl ? 1 : 0,
  }));

describe('public folder fixtures', () => {
  it('have 8-char mixed-case ids, distinct, and the specified contents', () => {
    const folders = Object.values(FOLDERS);
    for (const f of folders) {
      expect(f.id).toMatch(/^[A-Za-z0-9]{8}$/);
      expect(f.link).toBe(`https://1fichier.com/dir/${f.id}`);
    }
    expect(new Set(folders.map((f) => f.id)).size).toBe(folders.length);
    expect(FOLDERS.public.id).not.toBe(FOLDERS.public.id.toLowerCase());
    expect(FOLDERS.public.files).toEqual(
      expect.arrayContaining([FILES.unicode, FILES.hostile, FILES.protected, EXTRA_FILES.restricted]),
    );
    expect(FOLDERS.protected.password).toBe('folderpass6');
    expect(FOLDERS.empty.files).toHaveLength(0);
  });
});

describe('/dir/<ID>?json=1', () => {
  it('answers the JSON array of §7 for a public folder (www., mirror and language forms too)', async () => {
    for (const url of [
      `https://1fichier.com/dir/${FOLDERS.public.id}?json=1`,
      `https://www.alterupload.com/dir/${FOLDERS.public.id}?json=1`,
      `https://1fichier.com/en/dir/${FOLDERS.public.id}?json=1`,
    ]) {
      const r = await request(emu, url);
      expect(r.status, url).toBe(200);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.text.startsWith('[')).toBe(true);
      expect(JSON.parse(r.text)).toEqual(entries(FOLDERS.public));
    }
  });

  it('flags the password-protected and ACL-restricted files', async () => {
    const r = await request(emu, `${FOLDERS.public.link}?json=1`);
    const list = JSON.parse(r.text) as { link: string; password: number; acl: number }[];
    expect(list.find((e) => e.link === FILES.protected.link)).toMatchObject({ password: 1, acl: 0 });
    expect(list.find((e) => e.link === EXTRA_FILES.restricted.link)).toMatchObject({ password: 0, acl: 1 });
    expect(list.find((e) => e.link === FILES.small.link)).toMatchObject({ password: 0, acl: 0 });
  });

  it('answers [] for the empty folder', async () => {
    const r = await request(emu, `${FOLDERS.empty.link}?json=1`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual([]);
  });

  it('answers 404 HTML for unknown ids; ids are case-sensitive', async () => {
    for (const id of ['Zz9Zz9Zz', FOLDERS.public.id.toLowerCase(), FOLDERS.public.id.toUpperCase()]) {
      for (const suffix of ['?json=1', '']) {
        const r = await request(emu, `https://1fichier.com/dir/${id}${suffix}`);
        expect(r.status, id + suffix).toBe(404);
        expect(r.headers['content-type']).toMatch(/^text\/html/);
      }
    }
  });
});

describe('/dir/<ID> HTML page', () => {
  it('shows the folder name after "Shared folder" and escapes file names', async () => {
    const r = await request(emu, `${FOLDERS.public.link}?lg=en`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain(`Shared folder ${FOLDERS.public.name}`);
    expect(r.text).not.toContain('<img src=x');
    expect(r.text).toContain('&#60;img src=x');
    const fr = await request(emu, `https://1fichier.com/fr/dir/${FOLDERS.public.id}`);
    expect(fr.text).toContain(`Dossier partagé ${FOLDERS.public.name}`);
  });

  it('answers HEAD without a body and 405 for other methods', async () => {
    const head = await request(emu, FOLDERS.public.link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const put = await request(emu, FOLDERS.public.link, { method: 'PUT' });
    expect(put.status).toBe(405);
  });
});

describe('password-protected folder', () => {
  const link = FOLDERS.protected.link;
  const form = /<form[^>]*method="post"[\s\S]*<input type="password" name="pass">/;

  it('answers the 200 HTML password form without a password (GET, or POST without pass)', async () => {
    for (const r of [
      await request(emu, `${link}?json=1`),
      await request(emu, link),
      await postForm(emu, link, [['json', '1']]),
    ]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.text).toMatch(form);
      expect(r.text).not.toContain(FILES.small.name);
    }
  });

  it('answers the form again for a wrong password', async () => {
    for (const pass of ['folderpass7', '', 'FOLDERPASS6']) {
      const r = await postForm(emu, link, [
        ['json', '1'],
        ['pass', pass],
      ]);
      expect(r.status).toBe(200);
      expect(r.text).toMatch(form);
    }
  });

  it('answers the JSON array for the right password (POST json=1&pass=…, rclone style)', async () => {
    const r = await postForm(emu, link, [
      ['json', '1'],
      ['pass', 'folderpass6'],
    ]);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(r.text)).toEqual(entries(FOLDERS.protected));
    // Without json=1 the right password shows the folder page.
    const page = await postForm(emu, link, [['pass', 'folderpass6']]);
    expect(page.text).toContain(`Shared folder ${FOLDERS.protected.name}`);
  });

  it('url-decodes the password', async () => {
    const r = await request(emu, link, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'json=1&pass=folder%70ass6',
    });
    expect(JSON.parse(r.text)).toHaveLength(FOLDERS.protected.files.length);
  });
});
