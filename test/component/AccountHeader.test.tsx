// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AccountHeader } from '../../components/AccountHeader.tsx';
import { daysLeftText, formatGb, parseParisTime } from '../../components/account-summary.ts';
import type { Lang } from '../../utils/format.ts';
import type { VaultView } from '../../utils/messaging/protocol.ts';
import type { AccountInfo } from '../../utils/onefichier/types.ts';
import { useLocale } from '../fakes/i18n.ts';

const NOW = parseParisTime('2026-11-23 12:00:00')!;
const BASE: VaultView = { hasKey: true, protection: 'device', locked: false, autoLockMinutes: 15 };
const premium: AccountInfo = {
  kind: 'premium',
  email: 'user@example.com',
  subscriptionEnd: '2026-12-05 12:00:00',
  cdnGb: 1.5,
};

function header(view: VaultView | undefined, lang: Lang = 'en', now = NOW) {
  const { container } = render(<AccountHeader view={view} lang={lang} now={now} />);
  return {
    container,
    line: container.querySelector('.account-line')?.textContent ?? null,
    email: container.querySelector('.account-email')?.textContent ?? null,
  };
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('parseParisTime', () => {
  it('reads 1Fichier dates as Paris time, winter and summer', () => {
    expect(parseParisTime('2026-01-15 12:00:00')).toBe(Date.UTC(2026, 0, 15, 11));
    expect(parseParisTime('2026-07-01 12:00:00')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(parseParisTime('2027-01-31')).toBe(Date.UTC(2027, 0, 30, 23));
    expect(parseParisTime('31/01/2027')).toBeUndefined();
    expect(parseParisTime('')).toBeUndefined();
  });
});

describe('AccountHeader', () => {
  it('shows nothing until the background answered', () => {
    expect(header(undefined).container.textContent).toBe('');
  });

  it('says when there is no key', () => {
    expect(header({ ...BASE, hasKey: false }).line).toBe('No API key');
  });

  it('Premium: offer, days left, CDN credits, then the email; no lock word without a passphrase', () => {
    const h = header({ ...BASE, account: premium, checkedAt: NOW });
    expect(h.line).toBe('Premium · 12 days left · CDN credits: 1.5\u00a0GB');
    expect(h.email).toBe('user@example.com');
    expect(h.container.textContent).not.toMatch(/Locked|Unlocked/);
    expect(h.container.querySelectorAll('button, a, input')).toHaveLength(0);
  });

  it.each([
    ['2026-11-24 12:00:00', '1 day left'],
    ['2026-11-23 14:00:00', 'expires today'],
    ['2026-11-23 11:59:59', 'expired'],
    ['2025-01-01 00:00:00', 'expired'],
  ])('ends %s → %s', (subscriptionEnd, words) => {
    expect(header({ ...BASE, account: { kind: 'access', subscriptionEnd } }).line).toBe(`Access · ${words}`);
  });

  it('GOLD with many credits and no end date', () => {
    expect(header({ ...BASE, account: { kind: 'gold', cdnGb: 1234.567 } }).line).toBe(
      'Premium GOLD · CDN credits: 1,234.57\u00a0GB',
    );
  });

  it('a free account says the API needs a paid offer, no days left', () => {
    const line = header({
      ...BASE,
      account: { kind: 'free', subscriptionEnd: '2027-01-01 00:00:00', cdnGb: 0 },
    }).line;
    expect(line).toBe('Free account · the API needs Premium, Access or GOLD · CDN credits: 0\u00a0GB');
  });

  it('an offer it does not know, and a key without cached details', () => {
    expect(header({ ...BASE, account: { kind: 'unknown' } }).line).toBe('Unknown offer');
    expect(header(BASE).container.textContent).toBe('');
  });

  it('passphrase mode shows the lock state', () => {
    const passphrase = { ...BASE, protection: 'passphrase' as const, account: premium };
    expect(header({ ...passphrase, locked: true }).line).toMatch(/ · Locked$/);
    cleanup();
    expect(header({ ...passphrase, locked: false }).line).toMatch(/ · Unlocked$/);
    cleanup();
    expect(header({ ...passphrase, hasKey: false, locked: true }).line).toBe('No API key · Locked');
  });

  it('a hostile email is shown as text, without its invisible controls', () => {
    const email = '<img src=x onerror="alert(1)">\u202Egpj.exe@evil.test\u200B';
    const h = header({ ...BASE, account: { ...premium, email } });
    expect(h.email).toBe('<img src=x onerror="alert(1)">gpj.exe@evil.test');
    expect(h.container.querySelector('img')).toBeNull();
  });

  it('in French', () => {
    useLocale('fr');
    const h = header({ ...BASE, protection: 'passphrase', account: { ...premium, cdnGb: 12.5 } }, 'fr');
    expect(h.line).toBe('Premium · 12 jours restants · Crédits CDN : 12,5\u00a0Go · Déverrouillé');
    cleanup();
    const one = { ...BASE, protection: 'passphrase' as const, locked: true };
    expect(
      header({ ...one, account: { kind: 'gold', subscriptionEnd: '2026-11-24 12:00:00' } }, 'fr').line,
    ).toBe('Premium GOLD · 1 jour restant · Verrouillé');
    cleanup();
    expect(
      header({ ...BASE, account: { kind: 'access', subscriptionEnd: '2026-11-23 14:00:00' } }, 'fr').line,
    ).toBe('Access · expire aujourd’hui');
    cleanup();
    expect(header({ ...BASE, account: { kind: 'free' } }, 'fr').line).toBe(
      'Compte gratuit · l’API demande Premium, Access ou GOLD',
    );
    cleanup();
    expect(
      header({ ...BASE, account: { kind: 'premium', subscriptionEnd: '2020-01-01 00:00:00' } }, 'fr').line,
    ).toBe('Premium · expiré');
    cleanup();
    expect(header({ ...BASE, hasKey: false }, 'fr').line).toBe('Pas de clé API');
  });

  it('helpers: counts and sizes in each language', () => {
    expect(daysLeftText(NOW + 400 * 86_400_000, NOW, 'en')).toBe('400 days left');
    expect(formatGb(1234.5, 'fr')).toBe('1\u202f234,5\u00a0Go');
    expect(formatGb(Number.NaN, 'en')).toBe('—');
  });
});
