import { useLayoutEffect, useState } from 'preact/hooks';

export interface VirtualRows {
  /** The first row to render and one past the last. */
  start: number;
  end: number;
  /** Space (px) standing in for the rows above `start` and below `end`. */
  before: number;
  after: number;
  /** Measured (or assumed) height of one row, px. */
  rowHeight: number;
}

/**
 * Which rows of a long list to put in the DOM: those inside the scroll container's view, plus `overscan` either
 * side. Rows share one height, measured from a rendered row (`[data-virtual-row]`); lists of `threshold` rows or
 * fewer render whole.
 */
export function useVirtualRows(
  scroller: { readonly current: HTMLElement | null },
  count: number,
  { estimate = 44, overscan = 8, threshold = 60 }: { estimate?: number; overscan?: number; threshold?: number } = {},
): VirtualRows {
  const [view, setView] = useState({ top: 0, height: 800 });
  const [rowHeight, setRowHeight] = useState(estimate);
  // The container may appear after the first render (a list loading): attach to it whenever it changes.
  const [element, setElement] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (scroller.current !== element) setElement(scroller.current);
  });
  useLayoutEffect(() => {
    const el = element;
    if (!el) return;
    let frame: number | null = null;
    const read = () => {
      frame = null;
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    const onScroll = () => {
      frame ??= requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [element]);
  useLayoutEffect(() => {
    const row = scroller.current?.querySelector<HTMLElement>('[data-virtual-row]');
    const measured = row?.getBoundingClientRect().height;
    if (measured && Math.abs(measured - rowHeight) > 0.5) setRowHeight(measured);
  });
  if (count <= threshold) return { start: 0, end: count, before: 0, after: 0, rowHeight };
  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight, rowHeight };
}

/** The empty row standing in for the rows of a virtual list that are not rendered (none when `height` is 0). */
export function VirtualPad({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr class="virtual-pad" aria-hidden="true" style={{ height: `${height}px` }}>
      <td colSpan={columns} />
    </tr>
  );
}
