import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { firstAtOrAfter, offsetsOf } from './virtual-range';

export interface VirtualListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  /** The row's content; the list wraps it in its `li`. */
  renderItem: (item: T, index: number) => ComponentChildren;
  /** Accessible name of the list (ui-contract.md: `Downloads`). */
  label: string;
  /** Expected row height (px) until a row is measured. */
  estimate: number;
  /** Pixels rendered beyond each edge of the viewport, so Tab and small scrolls find rows ready. */
  overscan?: number;
  class?: string;
}

/**
 * A list that renders only the rows near its viewport (its own scroll container), so 50,000 jobs
 * cost what 30 do. Rows keep their natural height: each rendered row is measured and the space of
 * the others is kept by padding. Every `li` carries its position and the list size for screen
 * readers (aria-posinset/aria-setsize).
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, renderItem, label, estimate, overscan = 1_500 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [view, setView] = useState({ top: 0, height: 600 });

  const offsets = useMemo(
    () => offsetsOf(items.length, (i) => heights.current.get(itemKey(items[i]!)) ?? estimate),
    // `measured` changes when a row's height does (the heights live in a ref).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, measured, estimate, itemKey],
  );
  const total = offsets[items.length] ?? 0;
  const start = Math.max(0, firstAtOrAfter(offsets, view.top - overscan) - 1);
  const end = Math.min(items.length, firstAtOrAfter(offsets, view.top + view.height + overscan) + 1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    };
    const onScroll = () => {
      frame ||= requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  // Measure what was rendered; a changed height moves the rows after it.
  useLayoutEffect(() => {
    let changed = false;
    for (const child of list.current?.children ?? []) {
      const key = (child as HTMLElement).dataset.key;
      const h = (child as HTMLElement).offsetHeight;
      if (key === undefined || h === 0) continue;
      if (heights.current.get(key) !== h) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) setMeasured((m) => m + 1);
    // Every new set of rows (and each redraw of the parent, which hands a new renderItem) is measured.
  }, [items, start, end, renderItem]);

  const rows = [];
  for (let i = start; i < end; i += 1) {
    const item = items[i]!;
    const key = itemKey(item);
    rows.push(
      <li key={key} data-key={key} aria-setsize={items.length} aria-posinset={i + 1}>
        {renderItem(item, i)}
      </li>,
    );
  }
  return (
    <div class={`vlist ${props.class ?? ''}`} ref={scroller}>
      <ul
        ref={list}
        role="list"
        aria-label={label}
        class="jobs"
        style={{
          paddingTop: `${offsets[start] ?? 0}px`,
          paddingBottom: `${total - (offsets[end] ?? total)}px`,
        }}
      >
        {rows}
      </ul>
    </div>
  );
}
