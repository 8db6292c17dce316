import { t } from '../utils/i18n';

/** 1Fichier's page with the API key (1fichier-api.md §1.2). */
const PARAMS_PAGE = 'https://1fichier.com/console/params.pl';
/** The theme's link colour on any page that hosts it (base.css variables). */
const LINK = { color: 'var(--accent)' };

/**
 * No key yet: what the key is, where it is kept and sent, where to get it in the 1Fichier console
 * (1fichier-api.md §1.2), and that a free account cannot use it. Shown above the key form.
 */
export function KeyOnboarding() {
  return (
    <div class="onboarding">
      <p>{t('onboardWhat')}</p>
      <p>{t('onboardWhere')}</p>
      <p>
        <a href={PARAMS_PAGE} target="_blank" rel="noopener noreferrer" style={LINK}>
          {t('onboardLink')}
        </a>
      </p>
      <p class="muted">{t('onboardFree')}</p>
    </div>
  );
}
