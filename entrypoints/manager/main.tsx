import { render } from 'preact';
import '../../components/base.css';
import './style.css';
import { uiLang } from '../../utils/format';
import { App } from './App';

document.documentElement.lang = uiLang();
const root = document.getElementById('app');
if (root) render(<App />, root);
