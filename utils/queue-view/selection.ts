/**
 * The manager's multi-select: click toggles one, Shift+click selects the range from the last
 * clicked row, "Select all" takes every shown job. Ids that left the queue are dropped.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>;
  readonly anchor?: string;
}

export const EMPTY_SELECTION: Selection = { ids: new Set() };

export function toggle(sel: Selection, id: string): Selection {
  const ids = new Set(sel.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Selects every shown id between the anchor and `id` (inclusive); without an anchor, just `id`. */
export function selectRange(sel: Selection, id: string, shown: readonly string[]): Selection {
  const from = sel.anchor === undefined ? -1 : shown.indexOf(sel.anchor);
  const to = shown.indexOf(id);
  if (from < 0 || to < 0) return { ids: new Set(sel.ids).add(id), anchor: id };
  const ids = new Set(sel.ids);
  const [lo, hi] = from < to ? [from, to] : [to, from];
  for (let i = lo; i <= hi; i += 1) ids.add(shown[i]!);
  return { ids, anchor: id };
}

export function selectAll(shown: readonly string[]): Selection {
  return { ids: new Set(shown) };
}

/** Keeps only ids that still exist (the same object when nothing left). */
export function prune(sel: Selection, exists: (id: string) => boolean): Selection {
  for (const id of sel.ids) {
    if (!exists(id)) {
      const ids = new Set([...sel.ids].filter(exists));
      return sel.anchor !== undefined && exists(sel.anchor) ? { ids, anchor: sel.anchor } : { ids };
    }
  }
  return sel;
}
