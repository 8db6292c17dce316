import { describe, it, expect } from 'vitest';
import type { ErrorKind } from '../../../utils/onefichier/errors.ts';
import type { Job } from '../../../utils/queue/job.ts';
import {
  BADGE_ACTIVE,
  BADGE_NEEDS_USER,
  MAX_NOTICE_NAME,
  badgeFor,
  floodNotice,
  transitionNotices,
} from '../../../utils/queue/notices.ts';
import type { JobState } from '../../../utils/queue/state.ts';
import { useLocale } from '../../fakes/i18n.ts';

const ON = { notifyPackageDone: true, notifyNeedsUser: true };
const PKG = { key: 'dir:WhipfPYG', link: 'https://1fichier.com/dir/WhipfPYG', name: 'Holiday photos' };

let n = 0;
function job(state: JobState, extra: Partial<Job> = {}): Job {
  n += 1;
  const id = `abcde${String(n).padStart(5, '0')}`;
  return {
    id: `j${n}`,
    fileKey: id,
    link: `https://1fichier.com/?${id}`,
    state,
    order: n,
    createdAt: 1_000 + n,
    updatedAt: 1_000 + n,
    attempts: 0,
    ...extra,
  };
}

const failed = (kind: ErrorKind, extra: Partial<Job> = {}) => job('failed', { error: { kind }, ...extra });
const pkg = (states: JobState[]) => states.map((state) => job(state, { package: PKG }));
const many = (count: number, state: JobState) => Array.from({ length: count }, () => job(state));

describe('badgeFor', () => {
  it('is empty for an empty queue or one with only finished jobs', () => {
    expect(badgeFor([]).text).toBe('');
    expect(badgeFor([job('completed'), job('paused'), failed('notFound'), failed('cancelled')]).text).toBe(
      '',
    );
  });

  it('counts the jobs in pending states only', () => {
    const jobs = [
      ...(['queued', 'resolving', 'downloading', 'waiting', 'locked'] as const).map((s) => job(s)),
      job('paused'),
      job('completed'),
      failed('network'),
    ];
    expect(badgeFor(jobs)).toEqual({ text: '5', title: '5 downloads active', color: BADGE_ACTIVE });
  });

  it('says "1 download" in the singular', () => {
    expect(badgeFor([job('downloading')]).title).toBe('1 download active');
  });

  it.each([
    [999, '999'],
    [1_000, '999+'],
    [12_345, '999+'],
  ])('shows %i pending jobs as %s', (count, text) => {
    expect(badgeFor(many(count, 'queued')).text).toBe(text);
  });

  it('shows ! in red when nothing is pending but a failure needs the user', () => {
    expect(badgeFor([failed('passwordRequired'), job('completed')])).toEqual({
      text: '!',
      title: '1 download needs you',
      color: BADGE_NEEDS_USER,
    });
    expect(badgeFor([failed('diskFull'), failed('invalidKey')]).title).toBe('2 downloads need you');
  });

  it('prefers the count while jobs are pending, and mentions the ones that need the user', () => {
    const badge = badgeFor([job('queued'), job('queued'), failed('passwordRequired')]);
    expect(badge).toEqual({ text: '2', title: '2 downloads active, 1 needs you', color: BADGE_ACTIVE });
  });

  it('ignores failures that do not need the user, and a failed job without an error', () => {
    expect(badgeFor([failed('notFound'), failed('transferFailed'), job('failed')]).text).toBe('');
  });

  it('uses two different colours', () => {
    expect(BADGE_ACTIVE).not.toBe(BADGE_NEEDS_USER);
  });
});

describe('transitionNotices: package done', () => {
  it('tells once the last file of a package completes, with the file count and the folder name', () => {
    const [a, b, c] = pkg(['completed', 'completed', 'downloading']);
    const after = { ...c!, state: 'completed' as const };
    const notices = transitionNotices(c, after, [a!, b!, after, job('queued')], ON);
    expect(notices).toEqual([
      {
        id: 'package:dir:WhipfPYG',
        kind: 'packageDone',
        title: 'Folder downloaded',
        message: 'Holiday photos: 3 files downloaded.',
      },
    ]);
  });

  it('says nothing while another file of the package is unfinished', () => {
    for (const other of ['queued', 'downloading', 'paused', 'failed', 'waiting'] as const) {
      const [a, b] = pkg([other, 'downloading']);
      const after = { ...b!, state: 'completed' as const };
      expect(transitionNotices(b, after, [a!, after], ON), other).toEqual([]);
    }
  });

  it('counts the job as completed even when `all` still holds its old copy', () => {
    const [a, b] = pkg(['completed', 'downloading']);
    const after = { ...b!, state: 'completed' as const };
    expect(transitionNotices(b, after, [a!, b!], ON)).toHaveLength(1);
  });

  it('says nothing for a job that was already completed, or a file without a package', () => {
    const [a] = pkg(['completed']);
    expect(transitionNotices(a, { ...a!, updatedAt: 9 }, [a!], ON)).toEqual([]);
    const single = job('downloading');
    const done = { ...single, state: 'completed' as const };
    expect(transitionNotices(single, done, [done], ON)).toEqual([]);
  });

  it('says "1 file" for a package of one, and names an unnamed package by its id', () => {
    const only = job('downloading', { package: { key: PKG.key, link: PKG.link } });
    const done = { ...only, state: 'completed' as const };
    expect(transitionNotices(only, done, [done], ON)[0]!.message).toBe('WhipfPYG: 1 file downloaded.');
  });

  it('makes a hostile folder name safe and short', () => {
    const name = `\u202Eevil\u200B\nname ${'x'.repeat(500)}`;
    const only = job('downloading', { package: { ...PKG, name } });
    const done = { ...only, state: 'completed' as const };
    const { message } = transitionNotices(only, done, [done], ON)[0]!;
    expect(message).not.toMatch(/[\u202E\u200B\n]/u);
    expect(message.startsWith('evil name xxx')).toBe(true);
    const shownName = message.slice(0, message.indexOf(': '));
    expect(Array.from(shownName)).toHaveLength(MAX_NOTICE_NAME);
    expect(shownName.endsWith('…')).toBe(true);
  });

  it('says nothing when the setting is off', () => {
    const only = job('downloading', { package: PKG });
    const done = { ...only, state: 'completed' as const };
    expect(transitionNotices(only, done, [done], { ...ON, notifyPackageDone: false })).toEqual([]);
  });
});

describe('transitionNotices: needs the user', () => {
  it('tells when a job enters failed with an error only the user can fix', () => {
    const before = job('resolving', { name: 'movie.mkv' });
    const after: Job = { ...before, state: 'failed', error: { kind: 'passwordRequired' } };
    expect(transitionNotices(before, after, [after], ON)).toEqual([
      {
        id: `job:${before.id}`,
        kind: 'needsUser',
        title: 'A download needs you',
        message: 'movie.mkv: This file is protected by a password.',
      },
    ]);
  });

  it('tells once per transition: not again while the job stays failed', () => {
    const before = job('downloading');
    const after: Job = { ...before, state: 'failed', error: { kind: 'diskFull' } };
    expect(transitionNotices(before, after, [after], ON)).toHaveLength(1);
    const again: Job = { ...after, error: { kind: 'fileError' }, updatedAt: 5 };
    expect(transitionNotices(after, again, [again], ON)).toEqual([]);
  });

  it('uses the link when the name is unknown, and does not depend on the clock', () => {
    const before = job('resolving');
    const after: Job = { ...before, state: 'failed', error: { kind: 'unlockWait', retryAt: 8.64e15 } };
    const [notice] = transitionNotices(before, after, [after], ON);
    expect(notice!.message).toBe(`${before.link}: Too many wrong passphrases.`);
  });

  it('tells for a job that appears already failed (no previous copy)', () => {
    const after = failed('invalidKey');
    expect(transitionNotices(undefined, after, [after], ON)).toHaveLength(1);
  });

  it.each<ErrorKind>(['notFound', 'transferFailed', 'network', 'flood', 'cancelled'])(
    'says nothing for a %s failure',
    (kind) => {
      const before = job('downloading');
      const after: Job = { ...before, state: 'failed', error: { kind } };
      expect(transitionNotices(before, after, [after], ON)).toEqual([]);
    },
  );

  it('says nothing when the setting is off, or when the job was removed', () => {
    const before = job('downloading');
    const after: Job = { ...before, state: 'failed', error: { kind: 'passwordWrong' } };
    expect(transitionNotices(before, after, [after], { ...ON, notifyNeedsUser: false })).toEqual([]);
    expect(transitionNotices(before, undefined, [], ON)).toEqual([]);
  });

  it('makes a hostile file name safe', () => {
    const before = job('downloading', { name: 'invoice\u202Etxt.exe\r\nFAKE: all good' });
    const after: Job = { ...before, state: 'failed', error: { kind: 'passwordWrong' } };
    const [notice] = transitionNotices(before, after, [after], ON);
    expect(notice!.message).toBe('invoicetxt.exe FAKE: all good: The file password is wrong.');
  });
});

describe('floodNotice', () => {
  const NOW = 1_000_000;

  it('tells when a pause starts, with the time until downloads resume', () => {
    expect(floodNotice(undefined, NOW + 15 * 60_000, NOW, true)).toEqual({
      id: 'flood',
      kind: 'flood',
      title: '1Fichier asked for a pause',
      message: 'Too many requests: downloads resume in about 15\u00a0min.',
    });
    expect(floodNotice(NOW - 1, NOW + 30_000, NOW, true)?.message).toContain('30\u00a0s');
  });

  it('says nothing while a pause goes on or is extended', () => {
    expect(floodNotice(NOW + 1_000, NOW + 60_000, NOW, true)).toBeUndefined();
  });

  it('says nothing when a pause ends or none is set', () => {
    expect(floodNotice(NOW + 1_000, undefined, NOW, true)).toBeUndefined();
    expect(floodNotice(undefined, NOW, NOW, true)).toBeUndefined();
    expect(floodNotice(undefined, NOW - 5, NOW, true)).toBeUndefined();
    expect(floodNotice(undefined, undefined, NOW, true)).toBeUndefined();
  });

  it('says nothing when flood notifications are off', () => {
    expect(floodNotice(undefined, NOW + 60_000, NOW, false)).toBeUndefined();
  });
});

describe('in French (the browser UI language)', () => {
  it('writes the badge title in French, counts grouped the French way', () => {
    useLocale('fr');
    expect(badgeFor([job('downloading')]).title).toBe('1 téléchargement en cours');
    expect(badgeFor(many(1_234, 'queued')).title).toBe('1\u202f234 téléchargements en cours');
    expect(badgeFor([job('queued'), job('queued'), failed('passwordRequired')]).title).toBe(
      '2 téléchargements en cours, 1 a besoin de vous',
    );
    expect(badgeFor([failed('diskFull'), failed('invalidKey')]).title).toBe(
      '2 téléchargements ont besoin de vous',
    );
  });

  it('writes the notifications in French', () => {
    useLocale('fr');
    const [a, b] = pkg(['completed', 'downloading']);
    const done = { ...b!, state: 'completed' as const };
    expect(transitionNotices(b, done, [a!, done], ON)[0]).toMatchObject({
      title: 'Dossier téléchargé',
      message: 'Holiday photos : 2 fichiers téléchargés.',
    });
    const before = job('resolving', { name: 'movie.mkv' });
    const after: Job = { ...before, state: 'failed', error: { kind: 'passwordRequired' } };
    expect(transitionNotices(before, after, [after], ON)[0]).toMatchObject({
      title: 'Un téléchargement a besoin de vous',
      message: 'movie.mkv : Ce fichier est protégé par un mot de passe.',
    });
    expect(floodNotice(undefined, 1_000 + 200_000, 1_000, true)).toMatchObject({
      title: '1Fichier demande une pause',
      message: 'Trop de requêtes : les téléchargements reprennent dans 3\u00a0min 20\u00a0s environ.',
    });
  });

  it('takes the language from the caller too (counts), and reads no English in French', () => {
    useLocale('fr');
    const title = badgeFor(many(2_000, 'queued'), 'fr').title;
    expect(title).toBe('2\u202f000 téléchargements en cours');
    expect(title).not.toMatch(/download|active/);
  });
});
