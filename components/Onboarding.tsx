import { t } from '../utils/i18n';
import type { VaultView } from '../utils/messaging/protocol';
import { KeyForm } from './KeyForm';

export interface OnboardingProps {
  view: VaultView;
  onChange: (view: VaultView) => void;
}

/** The popup without a key: what the key is, where 1Fichier shows it, and the key form itself. */
export function Onboarding({ view, onChange }: OnboardingProps) {
  return (
    <section class="onboarding" aria-labelledby="onboarding-heading">
      <h2 id="onboarding-heading">{t('onboardTitle')}</h2>
      <p>{t('onboardWhat')}</p>
      <p class="muted">{t('onboardWhere')}</p>
      <KeyForm view={view} onChange={onChange} />
    </section>
  );
}
