import { describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/onefichier/errors.ts';
import type { PublicFolder } from '../../../utils/onefichier/public-folder.ts';
import { enqueueLinks } from '../../../utils/queue/enqueue-links.ts';
import type { NewJob } from '../../../utils/queue/store.ts';

const entry = (id: string, name: string, size: number) => ({
  link: `https://1fichier.com/?${id}`,
  key: id.toLowerCase(),
  name,
  size,
  passwordProtected: false,
  restricted: false,
});

function deps(folders: Record<string, PublicFolder | Error>, queued: Set<string> = new Set()) {
  const written: NewJob[][] = [];
  const asked: string[] = [];
  return {
    written,
    asked,
    deps: {
      publicFolder: async (f: { domain: string; id: string }) => {
        asked.push(`${f.domain}/${f.id}`);
        const answer = folders[f.id];
        if (!answer || answer instanceof Error) throw answer ?? new AppError('folderNotFound');
        return answer;
      },
      enqueue: async (items: readonly NewJob[]) => {
        written.push([...items]);
        const added = items.filter((i) => !queued.has(i.fileKey));
        return {
          added: added.map((i) => ({ id: i.fileKey }) as never),
          duplicates: items.length - added.length,
        };
      },
    },
  };
}

describe('enqueueLinks', () => {
  it('a folder link becomes a package of its files, with names and sizes; files stay single jobs', async () => {
    const w = deps({
      AbCdEfGh: { entries: [entry('f1f1f1f1f1', 'a.mkv', 10), entry('f2f2f2f2f2', 'b.mkv', 20)], skipped: 0 },
    });
    const result = await enqueueLinks(
      ['https://alterupload.com/fr/dir/AbCdEfGh?x=1', 'https://1fichier.com/?abcdefghij&af=9'],
      'https://forum.example/t',
      w.deps,
    );
    expect(result).toEqual({ found: 2, added: 3, duplicates: 0, problems: [] });
    expect(w.asked).toEqual(['alterupload.com/AbCdEfGh']);
    const pkg = { key: 'dir:AbCdEfGh', link: 'https://alterupload.com/dir/AbCdEfGh', name: 'AbCdEfGh' };
    expect(w.written).toEqual([
      [
        {
          fileKey: 'f1f1f1f1f1',
          link: 'https://1fichier.com/?f1f1f1f1f1',
          name: 'a.mkv',
          size: 10,
          package: pkg,
          pageUrl: 'https://forum.example/t',
        },
        {
          fileKey: 'f2f2f2f2f2',
          link: 'https://1fichier.com/?f2f2f2f2f2',
          name: 'b.mkv',
          size: 20,
          package: pkg,
          pageUrl: 'https://forum.example/t',
        },
        {
          fileKey: 'abcdefghij',
          link: 'https://1fichier.com/?abcdefghij',
          pageUrl: 'https://forum.example/t',
        },
      ],
    ]);
  });

  it('a folder that cannot be listed is a problem with its reason; a protected one waits for its password; the rest is still queued', async () => {
    const w = deps({
      Protect1: new AppError('folderPasswordRequired'),
      Empty123: { entries: [], skipped: 2 },
    });
    const result = await enqueueLinks(
      [
        'https://1fichier.com/dir/Protect1',
        'https://1fichier.com/dir/Empty123',
        'https://1fichier.com/?abcdefghij',
      ],
      undefined,
      w.deps,
    );
    expect(result).toEqual({
      found: 3,
      added: 2,
      duplicates: 0,
      problems: [{ link: 'https://1fichier.com/dir/Empty123', error: { kind: 'folderEmpty' } }],
    });
    expect(w.written[0]).toEqual([
      {
        fileKey: 'dir:Protect1',
        link: 'https://1fichier.com/dir/Protect1',
        kind: 'folder',
        state: 'failed',
        error: { kind: 'folderPasswordRequired' },
        package: { key: 'dir:Protect1', link: 'https://1fichier.com/dir/Protect1', name: 'Protect1' },
      },
      { fileKey: 'abcdefghij', link: 'https://1fichier.com/?abcdefghij' },
    ]);
  });

  it('counts files already queued, the same file twice once, and refuses a request without any link', async () => {
    const w = deps({}, new Set(['abcdefghij']));
    expect(
      await enqueueLinks(
        [
          'https://1fichier.com/?abcdefghij',
          'https://megadl.fr/?ABCDEFGHIJ',
          'https://1fichier.com/?zzzzzzzzzz',
        ],
        undefined,
        w.deps,
      ),
    ).toEqual({ found: 2, added: 1, duplicates: 1, problems: [] });
    await expect(enqueueLinks(['https://a-1.1fichier.com/p1', 'x'], undefined, w.deps)).rejects.toMatchObject(
      { kind: 'badLink' },
    );
    // Only problems: nothing is written, the reasons come back.
    const only = deps({});
    expect(await enqueueLinks(['https://1fichier.com/dir/Gone1234'], undefined, only.deps)).toMatchObject({
      found: 1,
      added: 0,
      problems: [{ error: { kind: 'folderNotFound' } }],
    });
    expect(only.written).toEqual([]);
  });
});
