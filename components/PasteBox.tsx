import { useState } from 'preact/hooks';
import { formatCount, uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messaging/send';
import { findLinksInText, MAX_TEXT_LINKS, type TextLink } from '../utils/onefichier/find-in-text';
import { errorMessage } from '../utils/onefichier/error-messages';
import { EnqueueOutcome, outcomeOf, type Outcome } from './EnqueueOutcome';

/**
 * The text after the last link of a scan that stopped at MAX_TEXT_LINKS (it may hold more links),
 * so it stays in the box for the next Add. Empty when the scan saw the whole text.
 */
function unscanned(text: string, found: readonly TextLink[]): string {
  if (found.length < MAX_TEXT_LINKS) return '';
  let at = 0;
  for (const { raw } of found) {
    // `raw` is the text as written, or it with `https://` added when the scheme was missing.
    const bare = raw.replace(/^https:\/\//, '');
    const i = text.indexOf(raw, at);
    const j = i < 0 ? text.indexOf(bare, at) : -1;
    if (i >= 0) at = i + raw.length;
    else if (j >= 0) at = j + bare.length;
  }
  return text.slice(at).trim();
}

/**
 * `Add links` + `Add` (ui-contract.md): paste any text, every 1Fichier link in it is queued. Nothing
 * is lost: the box is cleared only when everything was queued; links that could not be queued stay
 * in it, and a refused request keeps the whole text. Enter adds a line; Ctrl/⌘+Enter adds the links.
 */
export function PasteBox() {
  const lang = uiLang();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);

  async function add() {
    if (busy) return;
    const found = findLinksInText(text);
    if (found.length === 0) {
      setOutcome({ tone: 'error', text: t('pasteNoLink') });
      return;
    }
    setBusy(true);
    setOutcome({ tone: 'busy', text: t('adding') });
    try {
      const result = await sendMessage('enqueueLinks', { links: found.map((f) => f.raw) });
      const rest = unscanned(text, found);
      setText([...result.problems.map((p) => p.link), rest].filter((x) => x !== '').join('\n'));
      const said = outcomeOf(result, lang);
      if (rest) said.text += ` ${t('pasteRest', formatCount(MAX_TEXT_LINKS, lang))}`;
      setOutcome(said);
    } catch (err) {
      setOutcome({ tone: 'error', text: errorMessage(err, lang) });
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: Event) {
    event.preventDefault();
    void add();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void add();
    }
  }

  return (
    <form class="paste-box" onSubmit={onSubmit} noValidate>
      <label for="paste-links">{t('pasteLabel')}</label>
      <textarea
        id="paste-links"
        rows={3}
        spellcheck={false}
        aria-describedby="paste-hint"
        value={text}
        readOnly={busy}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="row">
        <button type="submit" disabled={busy}>
          {t('pasteAdd')}
        </button>
        <span id="paste-hint" class="muted hint">
          {t('pasteHint')}
        </span>
      </div>
      <EnqueueOutcome outcome={outcome} extra={t('pasteProblemsKept')} />
    </form>
  );
}
