import { describe, expect, it } from 'vitest';
import type { Job } from '../../../utils/queue/job.ts';
import {
  indexJobs,
  linkStates,
  originOf,
  pageSafeError,
  pageSafeResult,
} from '../../../utils/page-links/link-states.ts';

let n = 0;
function job(over: Partial<Job> & Pick<Job, 'fileKey'>): Job {
  return {
    id: `j${++n}`,
    link: `https://1fichier.com/?${over.fileKey}`,
    state: 'queued',
    order: n,
    createdAt: 1,
    updatedAt: 1,
    attempts: 0,
    pageUrl: 'https://forum.example/t/1',
    ...over,
  };
}

const FORUM = 'https://forum.example';

describe('link states for buttons', () => {
  it('reports only jobs queued from the asking origin; our pages see every job', () => {
    const index = indexJobs([
      job({ fileKey: 'aaaaaaaaaa', state: 'completed' }),
      job({ fileKey: 'bbbbbbbbbb', state: 'queued', pageUrl: 'https://elsewhere.example/x' }),
      job({ fileKey: 'cccccccccc', state: 'queued', pageUrl: undefined }),
    ]);
    const urls = [
      'https://1fichier.com/?aaaaaaaaaa',
      'https://megadl.fr/?BBBBBBBBBB&af=1',
      'https://1fichier.com/?cccccccccc',
    ];
    expect(linkStates(urls, index, new Map(), FORUM)).toEqual({ [urls[0]!]: { state: 'completed' } });
    expect(Object.keys(linkStates(urls, index, new Map()))).toEqual(urls);
  });

  it('gives the percent of a download from live bytes, and page-safe reasons only', () => {
    const running = job({ fileKey: 'aaaaaaaaaa', state: 'downloading', size: 1_000, bytesReceived: 100 });
    const index = indexJobs([
      running,
      job({
        fileKey: 'bbbbbbbbbb',
        state: 'failed',
        error: { kind: 'notFound', detail: 'Resource not found #7' },
      }),
      job({ fileKey: 'cccccccccc', state: 'failed', error: { kind: 'freeAccount' } }),
      job({ fileKey: 'dddddddddd', state: 'waiting', error: { kind: 'flood', retryAt: 99 } }),
    ]);
    const urls = ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd'].map(
      (id) => `https://1fichier.com/?${id}`,
    );
    expect(linkStates(urls, index, new Map([[running.id, 425]]), FORUM)).toEqual({
      [urls[0]!]: { state: 'downloading', percent: 42 },
      [urls[1]!]: { state: 'failed', error: { kind: 'notFound' } },
      [urls[2]!]: { state: 'failed', error: { kind: 'seeExtension' } },
      [urls[3]!]: { state: 'waiting', error: { kind: 'flood', retryAt: 99 } },
    });
  });

  it('a folder link shows its package: the most active state, files done and total, overall percent', () => {
    const pkg = { key: 'dir:AbCdEfGh', link: 'https://1fichier.com/dir/AbCdEfGh' };
    const jobs = [
      job({ fileKey: 'f1f1f1f1f1', state: 'completed', size: 100, package: pkg }),
      job({ fileKey: 'f2f2f2f2f2', state: 'downloading', size: 300, bytesReceived: 150, package: pkg }),
      job({ fileKey: 'f3f3f3f3f3', state: 'queued', size: 100, package: pkg }),
    ];
    const url = 'https://1fichier.com/fr/dir/AbCdEfGh';
    expect(linkStates([url], indexJobs(jobs), new Map(), FORUM)).toEqual({
      [url]: { state: 'downloading', files: { done: 1, total: 3 }, percent: 50 },
    });
    const done = jobs.map((j) => ({ ...j, state: 'completed' as const }));
    expect(linkStates([url], indexJobs(done), new Map(), FORUM)[url]).toEqual({
      state: 'completed',
      files: { done: 3, total: 3 },
    });
    const failed = [
      { ...done[0]!, state: 'failed' as const, error: { kind: 'invalidKey' as const } },
      done[1]!,
    ];
    expect(linkStates([url], indexJobs(failed), new Map(), FORUM)[url]).toEqual({
      state: 'failed',
      files: { done: 1, total: 2 },
      error: { kind: 'seeExtension' },
    });
    // Another origin's package is not shown.
    expect(linkStates([url], indexJobs(jobs), new Map(), 'https://evil.example')).toEqual({});
  });

  it('ignores anything that is not a file or folder link', () => {
    const index = indexJobs([job({ fileKey: 'aaaaaaaaaa' })]);
    expect(
      linkStates(
        ['https://a-1.1fichier.com/p1', 'nope', 'https://evil.example/?aaaaaaaaaa'],
        index,
        new Map(),
      ),
    ).toEqual({});
  });

  it('a page never learns that the key is locked: it sees a wait that needs the user', () => {
    const index = indexJobs([job({ fileKey: 'aaaaaaaaaa', state: 'locked' })]);
    const url = 'https://1fichier.com/?aaaaaaaaaa';
    expect(linkStates([url], index, new Map(), FORUM)).toEqual({
      [url]: { state: 'waiting', error: { kind: 'seeExtension' } },
    });
    expect(linkStates([url], index, new Map())).toEqual({ [url]: { state: 'locked' } });
    expect(
      pageSafeResult({
        found: 1,
        added: 0,
        duplicates: 0,
        problems: [{ link: url, error: { kind: 'folderPasswordRequired', detail: 'from 1Fichier' } }],
      }).problems,
    ).toEqual([{ link: url, error: { kind: 'folderPasswordRequired' } }]);
  });

  it('origins and safe errors', () => {
    expect(originOf('https://forum.example/t/1?x')).toBe(FORUM);
    expect(originOf('about:blank')).toBeUndefined();
    expect(originOf(undefined)).toBeUndefined();
    expect(pageSafeError({ kind: 'locked' })).toEqual({ kind: 'seeExtension' });
    expect(pageSafeError({ kind: 'passwordRequired', detail: 'x' })).toEqual({ kind: 'passwordRequired' });
  });
});
