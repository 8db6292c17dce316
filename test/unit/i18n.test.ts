import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../utils/i18n';
import { formatMessage, loadCatalogue, useLocale } from '../fakes/i18n.ts';
import { ROOT } from '../support/paths.ts';

const en = loadCatalogue('en');
const fr = loadCatalogue('fr');

const placeholders = (message: string) =>
  [...message.matchAll(/\$[A-Za-z0-9_]+\$/g)].map((m) => m[0]).toSorted();

describe('UI strings (public/_locales)', () => {
  it('English and French have the same messages', () => {
    expect(Object.keys(fr).toSorted()).toEqual(Object.keys(en).toSorted());
  });

  it.each(Object.keys(en))('%s: same placeholders in both languages, no empty text', (key) => {
    expect(en[key]!.message.trim()).not.toBe('');
    expect(fr[key]!.message.trim()).not.toBe('');
    expect(placeholders(fr[key]!.message)).toEqual(placeholders(en[key]!.message));
    for (const ph of placeholders(en[key]!.message)) {
      const name = ph.slice(1, -1).toLowerCase();
      expect(en[key]!.placeholders?.[name]?.content).toMatch(/^\$\d$/);
      expect(fr[key]!.placeholders?.[name]?.content).toBe(en[key]!.placeholders?.[name]?.content);
    }
  });

  it('message names are valid for Chrome (ASCII letters, digits, _ and @)', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it('t() follows the UI language and substitutes', () => {
    expect(t('unlock')).toBe('Unlock');
    expect(t('autoLockMinutes', '15')).toBe('After 15 minutes without use');
    useLocale('fr');
    expect(t('unlock')).toBe('Déverrouiller');
    expect(t('autoLockMinutes', '15')).toBe('Après 15 minutes sans utilisation');
  });

  it('SECURITY.md quotes the security wording of the UI word for word', () => {
    const doc = fs
      .readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8')
      .replace(/^> ?/gm, '')
      .replace(/\s+/g, ' ');
    for (const key of ['wordingDefault', 'wordingPassphrase', 'wordingExposure']) {
      expect(doc).toContain(formatMessage(en, key));
    }
  });

  it('the security wording is the honest one of security-notes.md §1.5, in both languages', () => {
    expect(formatMessage(en, 'wordingDefault')).toContain('It is not protected by a password');
    expect(formatMessage(en, 'wordingPassphrase')).toContain(
      'PBKDF2-SHA-256, 600,000 iterations, AES-256-GCM',
    );
    expect(formatMessage(fr, 'wordingPassphrase')).toContain(
      'PBKDF2-SHA-256, 600 000 itérations, AES-256-GCM',
    );
    for (const text of [formatMessage(en, 'wordingDefault'), formatMessage(en, 'wordingPassphrase')]) {
      expect(text).not.toMatch(/military|cannot be stolen|secure vault|end-to-end/i);
    }
  });
});
