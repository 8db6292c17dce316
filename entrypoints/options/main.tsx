import { render } from 'preact';
import '../../components/base.css';
import '../../components/options.css';
import { uiLang } from '../../utils/format';
import { t } from '../../utils/i18n';
import { App } from './App';

// The page's language and title follow the UI language (screen readers pick the voice from it).
document.documentElement.lang = uiLang();
document.title = `Downloader for 1Fichier — ${t('settings')}`;

const root = document.getElementById('app');
if (root) render(<App />, root);
