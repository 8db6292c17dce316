import { describe, it, expect } from 'vitest';
import {
  AppError,
  classifyApiFailure,
  classifyUnreadable,
  RETRY_POLICY,
  toErrorInfo,
  type ErrorKind,
} from '../../../utils/onefichier/errors';
import { describeError, errorMessage } from '../../../utils/onefichier/error-messages';
import { useLocale } from '../../fakes/i18n.ts';

const ALL_KINDS = Object.keys(RETRY_POLICY) as ErrorKind[];

describe('classifyApiFailure: message texts of 1fichier-api.md §4.2', () => {
  it.each<[string, number, ErrorKind]>([
    ['Flood detected: IP Locked #374', 403, 'flood'],
    ['Flood detected: IP Locked #38', 403, 'flood'],
    ['Flood detected: IP Locked #412', 403, 'flood'],
    ['Flood detected #412', 403, 'flood'],
    ['Flood detected: User Locked #223', 403, 'flood'],
    ['Flood detected: User APK Locked #224', 403, 'flood'],
    ['IP Locked #186', 403, 'flood'],
    ['flood detected: ip locked #9999', 200, 'flood'],
    ['No such user #93', 403, 'invalidKey'],
    ['Not authenticated #247', 401, 'invalidKey'],
    ['Not authenticated #248', 403, 'invalidKey'],
    ['Bad token', 403, 'invalidKey'],
    ['Must be a customer (Premium, Access) #236', 403, 'freeAccount'],
    ['Must be a customer (Premium, Access) #200', 200, 'freeAccount'],
    ['Resource not found #469', 404, 'notFound'],
    ['Resource not found #470', 403, 'notFound'],
    ['Resource not allowed #631', 403, 'notAllowed'],
    ['Resource not allowed #632', 200, 'notAllowed'],
    // Password texts also contain "Resource not allowed": they must win over it.
    ['Invalid password. Resource not allowed #628', 403, 'passwordWrong'],
    ['Password not provided. Resource not allowed #627', 403, 'passwordRequired'],
    ['Owner locked #649', 403, 'ownerLocked'],
    ['Folder not found #470', 404, 'folderNotFound'],
    ['Only 1 location allowed at a time #887', 403, 'tooManyLocations'],
    ['Only 3 locations allowed at a time #888', 200, 'tooManyLocations'],
    // VPN / datacenter addresses need CDN credits (#913 and JD's website text).
    ['Premium status must not be used on professional equipment, must have CDN #913', 403, 'cdnRequired'],
    [
      'Premium status is only allowed to be used on residential private and dedicated - internet connexion - 203.0.113.9 -. Use CDN credits. You have an option on the "Parameters" tab of the panel. #913',
      403,
      'cdnRequired',
    ],
    ['Our services are in maintenance. Please come back after', 200, 'maintenance'],
    // Texts the product has no dedicated kind for: a generic, retried refusal.
    ['No file has been renamed #312', 200, 'unknownApiError'],
    ['Something new #1', 403, 'unknownApiError'],
  ])('%s (HTTP %i) → %s', (message, status, kind) => {
    expect(classifyApiFailure(status, message)).toBe(kind);
  });

  it('matches on the text, not the #code (a flood code on another text is not a flood)', () => {
    expect(classifyApiFailure(403, 'Resource not found #374')).toBe('notFound');
    expect(classifyApiFailure(403, 'Not authenticated #38')).toBe('invalidKey');
  });

  it('a text wins over the HTTP status', () => {
    expect(classifyApiFailure(404, 'Flood detected: IP Locked #374')).toBe('flood');
    expect(classifyApiFailure(500, 'Must be a customer (Premium, Access) #236')).toBe('freeAccount');
    expect(classifyApiFailure(401, 'Resource not found #469')).toBe('notFound');
  });
});

describe('classifyApiFailure: status fallbacks without a known text', () => {
  it.each<[number, string | undefined, ErrorKind]>([
    [404, undefined, 'notFound'],
    [404, '', 'notFound'],
    [401, undefined, 'invalidKey'],
    [401, 'Whatever', 'invalidKey'],
    [500, undefined, 'server'],
    [502, 'Bad gateway', 'server'],
    [503, 'Our services are in maintenance. Please come back after', 'maintenance'],
    [503, undefined, 'maintenance'],
    [509, undefined, 'server'],
    [403, undefined, 'unknownApiError'],
    // 1Fichier's flood status until 2020 (§4.1).
    [429, undefined, 'flood'],
    [200, undefined, 'unknownApiError'],
    [400, 'Bad request', 'unknownApiError'],
  ])('HTTP %i with %j → %s', (status, message, kind) => {
    expect(classifyApiFailure(status, message)).toBe(kind);
  });
});

describe('classifyUnreadable: answers that are not the JSON expected', () => {
  it.each<[number, string, ErrorKind]>([
    [
      200,
      '<!DOCTYPE html><html><title>Our services are in maintenance. Please come back after</title>',
      'maintenance',
    ],
    [503, '<html><body>Service Unavailable</body></html>', 'maintenance'],
    [200, 'IP Locked', 'flood'],
    [200, '  Flood detected: IP Locked #374', 'flood'],
    [429, '<html>Too many requests</html>', 'flood'],
    [500, '<html>Internal Server Error</html>', 'server'],
    [502, 'Bad gateway', 'server'],
    [200, '<!doctype html><title>1fichier</title>', 'htmlResponse'],
    [404, '<html>Not found</html>', 'htmlResponse'],
    [200, '{"status":"OK",', 'malformedResponse'],
    [200, '', 'malformedResponse'],
    [200, 'garbage', 'malformedResponse'],
  ])('HTTP %i %j → %s', (status, body, kind) => {
    expect(classifyUnreadable(status, body)).toBe(kind);
  });

  it('looks only at the start of a huge body', () => {
    expect(classifyUnreadable(200, `<html>${'x'.repeat(1_000_000)} maintenance`)).toBe('htmlResponse');
  });
});

describe('RETRY_POLICY', () => {
  it.each<[ErrorKind, string]>([
    ['flood', 'afterUnlock'],
    ['invalidKey', 'needsUser'],
    ['freeAccount', 'needsUser'],
    ['cdnRequired', 'needsUser'],
    ['passwordRequired', 'needsUser'],
    ['passwordWrong', 'needsUser'],
    ['folderPasswordRequired', 'needsUser'],
    ['folderPasswordWrong', 'needsUser'],
    ['notFound', 'never'],
    ['folderNotFound', 'never'],
    ['notAllowed', 'never'],
    ['ownerLocked', 'never'],
    ['network', 'later'],
    ['maintenance', 'later'],
    ['htmlResponse', 'later'],
    ['malformedResponse', 'later'],
    ['server', 'later'],
    ['tooManyLocations', 'later'],
    ['timeout', 'soon'],
    ['transferFailed', 'soon'],
  ])('%s → %s', (kind, policy) => {
    expect(RETRY_POLICY[kind]).toBe(policy);
  });
});

describe('AppError and toErrorInfo', () => {
  it('keeps kind, retryAt and detail, and nothing else', () => {
    const err = new AppError('flood', { retryAt: 123, detail: 'Flood detected', cause: new Error('x') });
    expect(toErrorInfo(err)).toEqual({ kind: 'flood', retryAt: 123, detail: 'Flood detected' });
    expect(toErrorInfo(new AppError('network'))).toEqual({ kind: 'network' });
  });

  it('turns unexpected errors into internal, without message or stack', () => {
    expect(toErrorInfo(new Error('secret stack /home/user'))).toEqual({ kind: 'internal' });
    expect(toErrorInfo('string')).toEqual({ kind: 'internal' });
  });
});

describe('describeError', () => {
  const now = 1_700_000_000_000;

  // The words follow the UI language (t(), public/_locales); callers pass uiLang() as `lang`.
  const inLocale = (lang: 'en' | 'fr', kind: ErrorKind) => {
    useLocale(lang);
    return describeError({ kind }, lang, now);
  };

  it('has a non-empty English and French text for every kind', () => {
    for (const kind of ALL_KINDS) {
      const en = inLocale('en', kind);
      const fr = inLocale('fr', kind);
      expect(en, kind).toMatch(/\S/);
      expect(fr, kind).toMatch(/\S/);
      expect(fr, kind).not.toBe(en);
      expect(en, kind).not.toMatch(/^err[A-Z]/);
    }
  });

  it('gives every kind a distinct text in each language', () => {
    for (const lang of ['en', 'fr'] as const) {
      const texts = ALL_KINDS.map((kind) => inLocale(lang, kind));
      expect(new Set(texts).size, lang).toBe(ALL_KINDS.length);
    }
  });

  it('reads an error kind this build does not know as an empty text', () => {
    expect(describeError({ kind: 'fromTheFuture' as ErrorKind }, 'en', now)).toBe('');
    expect(describeError({ kind: 'toString' as ErrorKind, retryAt: now + 1_000 }, 'en', now)).toBe('');
  });

  it('never shows the technical detail', () => {
    expect(describeError({ kind: 'server', detail: 'HTTP 502' }, 'en', now)).not.toContain('502');
  });

  it('appends the time left when retryAt is in the future', () => {
    const en = describeError({ kind: 'flood', retryAt: now + 30_000 }, 'en', now);
    expect(en).toBe(`${describeError({ kind: 'flood' }, 'en', now)} Trying again in 30\u00a0s.`);
    useLocale('fr');
    const fr = describeError({ kind: 'flood', retryAt: now + 200_000 }, 'fr', now);
    expect(fr).toBe(`${describeError({ kind: 'flood' }, 'fr', now)} Nouvel essai dans 3\u00a0min 20\u00a0s.`);
    expect(describeError({ kind: 'wrongPassphrase', retryAt: now + 5_000 }, 'fr', now)).toBe(
      'Phrase secrète incorrecte. Vous pourrez réessayer dans 5\u00a0s.',
    );
    useLocale('en');
    expect(describeError({ kind: 'network', retryAt: now + 3_600_000 + 300_000 }, 'en', now)).toContain(
      '1\u00a0h 5\u00a0min',
    );
  });

  it('rounds the time left up to the second', () => {
    expect(describeError({ kind: 'flood', retryAt: now + 1 }, 'en', now)).toMatch(/in 1\u00a0s\.$/);
  });

  it('does not append a time when retryAt is now or past', () => {
    const base = describeError({ kind: 'flood' }, 'en', now);
    expect(describeError({ kind: 'flood', retryAt: now }, 'en', now)).toBe(base);
    expect(describeError({ kind: 'flood', retryAt: now - 5_000 }, 'en', now)).toBe(base);
    useLocale('fr');
    expect(describeError({ kind: 'flood', retryAt: now - 5_000 }, 'fr', now)).not.toContain('Nouvel essai');
  });
});

describe('errorMessage', () => {
  it('reads thrown errors, serialised infos, and hides anything else as internal', () => {
    expect(errorMessage(new AppError('notFound'), 'en')).toBe(describeError({ kind: 'notFound' }, 'en'));
    expect(errorMessage({ kind: 'folderPasswordRequired' }, 'fr')).toBe(
      describeError({ kind: 'folderPasswordRequired' }, 'fr'),
    );
    expect(errorMessage({ kind: 'toString' }, 'en')).toBe(describeError({ kind: 'internal' }, 'en'));
    expect(errorMessage(new TypeError('x is undefined'), 'en')).toBe(
      describeError({ kind: 'internal' }, 'en'),
    );
  });
});
