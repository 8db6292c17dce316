// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { EnqueueOutcome, outcomeOf, summarize } from '../../components/EnqueueOutcome.tsx';
import type { EnqueueResult } from '../../utils/messaging/protocol.ts';
import { useLocale } from '../fakes/i18n.ts';

afterEach(() => cleanup());

const result = (r: Partial<EnqueueResult>): EnqueueResult => ({
  found: 0,
  added: 0,
  duplicates: 0,
  problems: [],
  ...r,
});

/** The one live region of the component: polite, never role=status (the options page has one). */
function region(container: Element): HTMLElement {
  const regions = container.querySelectorAll('[aria-live]');
  expect(regions).toHaveLength(1);
  const el = regions[0] as HTMLElement;
  expect(el.getAttribute('aria-live')).toBe('polite');
  expect(el.getAttribute('role')).toBeNull();
  return el;
}

describe('EnqueueOutcome', () => {
  it('is an empty polite region before any outcome, and the same node says it after', () => {
    const { container, rerender } = render(<EnqueueOutcome outcome={undefined} />);
    const before = region(container);
    expect(before.textContent).toBe('');
    rerender(<EnqueueOutcome outcome={outcomeOf(result({ found: 2, added: 2 }), 'en')} />);
    expect(region(container)).toBe(before);
    expect(before.textContent).toBe('2 links found: 2 added.');
    rerender(<EnqueueOutcome outcome={undefined} />);
    expect(region(container)).toBe(before);
    expect(before.textContent).toBe('');
  });

  it('lists each problem inside the region, the link as text only', () => {
    const link = '<img src=x onerror=alert(1)>https://1fichier.com/?zzzzzzzzzz';
    const outcome = outcomeOf(result({ found: 1, problems: [{ link, error: { kind: 'notFound' } }] }), 'en');
    const { container } = render(<EnqueueOutcome outcome={outcome} extra="Kept in the box." />);
    const el = region(container);
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain(`${link} — The file was deleted or never existed on 1Fichier.`);
    expect(el.textContent).toContain('Kept in the box.');
  });

  it('speaks French with French number grouping', () => {
    useLocale('fr');
    expect(summarize(result({ found: 1_234, added: 1_000, duplicates: 234 }), 'fr')).toBe(
      '1\u202f234 liens trouvés : 1\u202f000 ajoutés, 234 déjà dans la file.',
    );
    expect(summarize(result({ found: 1, added: 0 }), 'fr')).toBe('1 lien trouvé : 0 ajouté.');
    const said = outcomeOf(result({ found: 1, problems: [{ link: 'x', error: { kind: 'network' } }] }), 'fr');
    expect(said.problems?.[0]?.text).toBe('Impossible de joindre 1Fichier. Vérifiez votre connexion.');
  });
});
