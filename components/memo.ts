import { Component, type FunctionComponent, type VNode } from 'preact';

/**
 * A component that redraws only when one of its props changed identity (shallow compare), without
 * pulling in preact/compat. Rows of a long list use it: a progress push redraws the rows it touched.
 */
export function memo<P extends object>(render: FunctionComponent<P>): new (props: P) => Component<P> {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const prev = this.props as Record<string, unknown>;
      const keys = new Set([...Object.keys(prev), ...Object.keys(next)]);
      for (const k of keys)
        if (k !== 'children' && prev[k] !== (next as Record<string, unknown>)[k]) return true;
      return false;
    }
    override render(props: P): VNode | null {
      return render(props) as VNode | null;
    }
  };
}
