import type { EnqueueResult, LinkState, LinkStatus } from '../messaging/protocol';
import { AppError } from '../onefichier/errors';
import { anchorLabel, createLinkButton, type LinkButton } from './link-button';
import type { AnchorHit, PageLink } from './scan';
import { buttonName, buttonView, JOB_STATES, type ButtonPhase } from './states';
import { insertAfterText, type TextHit } from './text-links';

/** One button on the page and the link it was made for. */
export interface Entry {
  link: PageLink;
  /** What was reported to the background (the href or the URL in the text): the LinkStatus key. */
  url: string;
  /** The anchor's text (display-safe, short), or the URL. */
  label: string;
  button: LinkButton;
  anchor?: HTMLAnchorElement;
  phase: ButtonPhase;
  /** Counts live states: a click's reply older than the latest live state is not shown. */
  version: number;
  /** Visible text in the ready state, when not the usual `⬇ 1Fichier` (the file-page control). */
  readyText?: string;
}

export interface RegistryOptions {
  doc: Document;
  /** Most buttons on the page at once. */
  max: number;
  /** Queues one canonical link (the background's answer). */
  enqueue(link: string): Promise<EnqueueResult>;
}

export interface CustomButton {
  name: string;
  readyText: string;
  tag: string;
  kind: string;
}

/** The page's buttons: made, kept within the cap, clicked, updated with live states, removed. */
export function createRegistry({ doc, max, enqueue }: RegistryOptions) {
  const entries: Entry[] = [];
  const byAnchor = new WeakMap<HTMLAnchorElement, Entry>();
  const byUrl = new Map<string, Entry[]>();
  const doneText = new WeakSet<Text>();

  const render = (entry: Entry) => {
    const view = buttonView(entry.link.kind, entry.link.canonical, entry.phase);
    if (entry.phase.kind === 'ready' && entry.readyText) view.text = entry.readyText;
    entry.button.render(view);
  };

  async function queue(entry: Entry): Promise<void> {
    entry.phase = { kind: 'busy' };
    render(entry);
    const version = entry.version;
    let phase: ButtonPhase;
    try {
      // The link parsed when the button was made (and named): a page changing the href later
      // cannot swap the file behind the user's click.
      const result = await enqueue(entry.link.canonical);
      const problem = Array.isArray(result.problems) ? result.problems[0] : undefined;
      if (problem) phase = { kind: 'error', error: new AppError(problem.error.kind, problem.error) };
      else if (result.added > 0) phase = { kind: 'added', already: false };
      else if (result.duplicates > 0) phase = { kind: 'added', already: true };
      else phase = { kind: 'error', error: new AppError('badLink') };
    } catch (err) {
      phase = { kind: 'error', error: err };
    }
    // A live state that came meanwhile is newer than this answer.
    if (entry.version !== version) return;
    entry.phase = phase;
    render(entry);
  }

  function make(link: PageLink, url: string, label: string, custom?: CustomButton): Entry {
    const shown = label || link.canonical;
    const entry = { link, url, label: shown, phase: { kind: 'ready' }, version: 0 } as Entry;
    entry.button = createLinkButton(
      doc,
      custom?.name ?? buttonName(link.kind, shown),
      buttonView(link.kind, link.canonical, entry.phase),
      () => void queue(entry),
      {
        ...(custom?.tag ? { tag: custom.tag } : {}),
        ...(custom?.kind ? { kind: custom.kind } : {}),
        ...(custom?.readyText ? { face: custom.readyText } : {}),
        folder: link.kind === 'folder',
      },
    );
    if (custom) {
      entry.readyText = custom.readyText;
      render(entry);
    }
    entries.push(entry);
    const same = byUrl.get(url);
    if (same) same.push(entry);
    else byUrl.set(url, [entry]);
    return entry;
  }

  /** Forgets entries whose button the page removed; returns how many buttons may still be made. */
  function room(): number {
    if (entries.length < max) return max - entries.length;
    const kept = entries.filter((e) => e.button.host.isConnected);
    if (kept.length === entries.length) return 0;
    entries.length = 0;
    entries.push(...kept);
    byUrl.clear();
    for (const e of kept) {
      const same = byUrl.get(e.url);
      if (same) same.push(e);
      else byUrl.set(e.url, [e]);
    }
    return max - entries.length;
  }

  return {
    /** Text nodes whose URLs have their buttons (pass to collectTextLinks). */
    doneText,
    room,
    entryOf: (anchor: HTMLAnchorElement): Entry | undefined => byAnchor.get(anchor),
    entries: (): readonly Entry[] => entries,
    queue,

    /** A button right after the anchor (`force`: even beyond the cap, for a link the user clicked). */
    addAnchor({ anchor, link }: AnchorHit, force = false): Entry | undefined {
      if (!force && room() <= 0) return undefined;
      const entry = make(link, anchor.href, anchorLabel(anchor));
      entry.anchor = anchor;
      byAnchor.set(anchor, entry);
      anchor.after(entry.button.host);
      return entry;
    },

    /** A button after each URL written in text, as many as the cap allows. */
    addText(hits: readonly TextHit[]): Entry[] {
      const kept = hits.slice(0, Math.max(0, room()));
      const made: Entry[] = [];
      insertAfterText(kept, doneText, (hit) => {
        const entry = make(hit.link, hit.raw, hit.raw);
        made.push(entry);
        return entry.button.host;
      });
      return made;
    },

    /** A button the caller places itself (the 1Fichier file-page control). */
    addCustom(link: PageLink, label: string, custom: CustomButton): Entry {
      return make(link, link.canonical, label, custom);
    },

    /** Live states from the background, keyed by the reported URL. */
    apply(status: LinkStatus): void {
      for (const [url, live] of Object.entries(status ?? {})) {
        if (!isLinkState(live)) continue;
        for (const entry of byUrl.get(url) ?? []) {
          entry.version += 1;
          entry.phase = { kind: 'live', live };
          render(entry);
        }
      }
    },

    /**
     * A push from the background: the page's complete set of states. A button whose link is not
     * in it has no job any more (removed from the queue) and is ready again, unless a click of
     * its own is still waiting for an answer.
     */
    applyAll(status: LinkStatus): void {
      for (const entry of entries) {
        if (Object.hasOwn(status ?? {}, entry.url)) continue;
        if (entry.phase.kind !== 'live' && entry.phase.kind !== 'added') continue;
        entry.version += 1;
        entry.phase = { kind: 'ready' };
        render(entry);
      }
      this.apply(status);
    },

    /** Removes every button from the page and forgets them. */
    clear(): void {
      for (const e of entries) e.button.host.remove();
      entries.length = 0;
      byUrl.clear();
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;

function isLinkState(x: unknown): x is LinkState {
  return typeof x === 'object' && x !== null && JOB_STATES.has((x as LinkState).state);
}
