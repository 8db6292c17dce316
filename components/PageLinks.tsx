import { useEffect, useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import type { PageLinkView } from '../utils/messaging/protocol';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import { activeTabId, useShown } from './active-tab';
import { EnqueueOutcome, outcomeOf, type Outcome } from './EnqueueOutcome';
import { LinkChooser } from './LinkChooser';
import { counted } from '../utils/plural';

type Load = { kind: 'loading' } | { kind: 'error'; text: string } | { kind: 'ready'; links: PageLinkView[] };

function heading(load: Load, lang: ReturnType<typeof uiLang>): string {
  if (load.kind === 'loading') return t('pageLinksLoading');
  if (load.kind === 'error') return t('pageLinksTitle');
  const n = load.links.length;
  return n === 0 ? t('pageLinksNone') : counted(n, 'pageLinksOne', 'pageLinksOther', lang);
}

/**
 * The page grabber: the 1Fichier links of the active tab (all frames), `Add all` (those not yet in
 * the queue) and `Choose links` (the chooser). Asked again whenever the popup comes back into view,
 * and after each Add so the rows show their new state.
 */
export function PageLinks() {
  const lang = uiLang();
  const shown = useShown();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  /** Bumped after each Add so the rows show their new state. */
  const [version, setVersion] = useState(0);
  /** The tab the links were read from: queued links belong to its page (its buttons follow them). */
  const [tab, setTab] = useState<number | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const tabId = await activeTabId();
        const links = tabId === undefined ? [] : await sendMessage('pageLinks', { tabId });
        if (!live) return;
        setTab(tabId);
        setLoad({ kind: 'ready', links });
      } catch (err) {
        if (live) setLoad({ kind: 'error', text: errorMessage(err, lang) });
      }
    })();
    return () => {
      live = false;
    };
  }, [shown, version, lang]);

  /** `skipped` links were already queued and not sent: counted as found and already there. */
  async function enqueue(links: string[], skipped = 0): Promise<boolean> {
    if (links.length === 0) {
      setOutcome(outcomeOf({ found: skipped, added: 0, duplicates: skipped, problems: [] }, lang));
      return true;
    }
    setBusy(true);
    setOutcome({ tone: 'busy', text: t('adding') });
    try {
      const r = await sendMessage('enqueueLinks', tab === undefined ? { links } : { links, tabId: tab });
      setOutcome(outcomeOf({ ...r, found: r.found + skipped, duplicates: r.duplicates + skipped }, lang));
      setVersion((v) => v + 1);
      return true;
    } catch (err) {
      setOutcome({ tone: 'error', text: errorMessage(err, lang) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  function addAll(links: PageLinkView[]) {
    const fresh = links.filter((l) => l.state === undefined).map((l) => l.link);
    void enqueue(fresh, links.length - fresh.length);
  }

  const links = load.kind === 'ready' ? load.links : [];
  return (
    <section class="page-links" aria-labelledby="page-links-heading">
      <h2 id="page-links-heading">{heading(load, lang)}</h2>
      {load.kind === 'error' && <p class="status status-error">{load.text}</p>}
      {links.length > 0 && (
        <div class="row">
          <button type="button" disabled={busy} onClick={() => addAll(links)}>
            {t('addAll')}
          </button>
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('chooseLinks')}
          </button>
        </div>
      )}
      {links.length > 0 && open && <LinkChooser links={links} lang={lang} busy={busy} onAdd={enqueue} />}
      <EnqueueOutcome outcome={outcome} />
    </section>
  );
}
