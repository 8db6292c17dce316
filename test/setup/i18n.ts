// Every test starts in English; a test may switch with useLocale('fr') (test/fakes/i18n.ts).
import { beforeEach } from 'vitest';
import { useLocale } from '../fakes/i18n.ts';

beforeEach(() => useLocale('en'));
