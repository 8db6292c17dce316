import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors.ts';
import { enqueueLinks } from '../../../utils/queue/enqueue-links.ts';
import { createHarness, item, type Harness } from './harness.ts';

const FOLDER = 'https://1fichier.com/dir/817pG9uB';

describe('passwords: asked once in the popup, remembered for the job, three tries', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    h = await createHarness();
  });
  afterEach(() => vi.restoreAllMocks());

  async function protectedFile() {
    h.client.once('getToken', new AppError('passwordRequired'));
    const [job] = (await h.engine.enqueue([item('aaaaaaaaaa')])).added;
    await h.idle();
    return job!.id;
  }

  it('a protected file fails asking for its password; the password is kept for the job and sent', async () => {
    const id = await protectedFile();
    expect(await h.job(id)).toMatchObject({ state: 'failed', error: { kind: 'passwordRequired' } });
    await h.engine.setPassword(id, 'secret6');
    await h.idle();
    expect(h.passwords.get(id)).toBe('secret6');
    expect(await h.job(id)).toMatchObject({ state: 'downloading' });
    const calls = h.client.callsOf('getToken');
    expect(calls).toHaveLength(2);
    expect(calls[1]![2]).toMatchObject({ pass: 'secret6' });
    // Once the file is downloaded, its password is not kept.
    const { downloadId } = (await h.job(id))!;
    h.downloads.complete(downloadId!, { fileSize: 1_000 });
    await h.engine.onDownloadChanged({ id: downloadId!, state: { current: 'complete' } });
    await h.idle();
    expect(await h.job(id)).toMatchObject({ state: 'completed' });
    expect(h.passwords.has(id)).toBe(false);
  });

  it('a wrong password is forgotten and asked again; the third stops the asking', async () => {
    const id = await protectedFile();
    for (let tries = 1; tries <= 3; tries++) {
      h.client.once('getToken', new AppError('passwordWrong'));
      await h.engine.setPassword(id, `wrong-${tries}`);
      await h.idle();
      const job = (await h.job(id))!;
      expect(job.passwordTries).toBe(tries);
      expect(job.error?.kind).toBe(tries < 3 ? 'passwordWrong' : 'passwordTries');
      expect(h.passwords.has(id)).toBe(false);
    }
    // No more asking: the popup gets no prompt, and setPassword is refused.
    await expect(h.engine.setPassword(id, 'again')).rejects.toMatchObject({ kind: 'forbidden' });
    // Retry starts the asking again.
    await h.engine.act(id, 'retry');
    await h.idle();
    expect((await h.job(id))!.passwordTries).toBeUndefined();
  });

  it('refuses a password for a job that did not ask for one', async () => {
    h.options.parallel = 0;
    const [job] = (await h.engine.enqueue([item('aaaaaaaaaa')])).added;
    await expect(h.engine.setPassword(job!.id, 'secret6')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(h.passwords.size).toBe(0);
  });

  async function queueFolder() {
    h.client.once('publicFolder', new AppError('folderPasswordRequired'));
    h.options.parallel = 0;
    await h.engine.enqueue([item('zzzzzzzzzz')]);
    const result = await enqueueLinks([FOLDER], 'https://forum.example/', {
      publicFolder: (f) => h.client.publicFolder(f),
      enqueue: (items) => h.engine.enqueue(items),
    });
    await h.engine.enqueue([item('yyyyyyyyyy')]);
    await h.idle();
    return result;
  }

  describe('a protected folder', () => {
    it('is queued as one job asking for the folder password', async () => {
      const result = await queueFolder();
      expect(result).toMatchObject({ found: 1, added: 1, problems: [] });
      const folder = (await h.store.ordered())[1]!;
      expect(folder).toMatchObject({
        kind: 'folder',
        state: 'failed',
        error: { kind: 'folderPasswordRequired' },
        link: FOLDER,
        pageUrl: 'https://forum.example/',
      });
    });

    it('becomes its package of files, at its place in the queue, with the right password', async () => {
      await queueFolder();
      const folder = (await h.store.ordered())[1]!;
      h.client.once('publicFolder', (f, pass) => {
        expect(f.id).toBe('817pG9uB');
        expect(pass).toBe('folderpass6');
        return {
          entries: [
            {
              link: 'https://1fichier.com/?f1f1f1f1f1',
              key: 'f1f1f1f1f1',
              name: 'one.bin',
              size: 1,
              passwordProtected: false,
              restricted: false,
            },
            {
              link: 'https://1fichier.com/?f2f2f2f2f2',
              key: 'f2f2f2f2f2',
              name: 'two.bin',
              size: 2,
              passwordProtected: false,
              restricted: false,
            },
          ],
          skipped: 0,
        };
      });
      await h.engine.setPassword(folder.id, 'folderpass6');
      const after = await h.store.ordered();
      expect(after.map((j) => j.fileKey)).toEqual(['zzzzzzzzzz', 'f1f1f1f1f1', 'f2f2f2f2f2', 'yyyyyyyyyy']);
      expect(after[1]).toMatchObject({
        package: { key: 'dir:817pG9uB', link: FOLDER, name: '817pG9uB' },
        pageUrl: 'https://forum.example/',
        state: 'queued',
      });
      expect(await h.job(folder.id)).toBeUndefined();
      // The folder password is for the listing only: it is not kept.
      expect(h.passwords.size).toBe(0);
    });

    it('a wrong folder password counts, is reported to the popup, and asks again', async () => {
      await queueFolder();
      const folder = (await h.store.ordered())[1]!;
      h.client.once('publicFolder', new AppError('folderPasswordWrong'));
      await expect(h.engine.setPassword(folder.id, 'nope')).rejects.toMatchObject({
        kind: 'folderPasswordWrong',
      });
      expect(await h.job(folder.id)).toMatchObject({
        state: 'failed',
        passwordTries: 1,
        error: { kind: 'folderPasswordWrong' },
      });
      expect(await h.store.all()).toHaveLength(3);
    });
  });
});
