// A horizontal scrollbar that stays at the bottom of the window while its wide table is in view:
// a table taller than the screen otherwise keeps its own scrollbar below its last row, and the
// columns off to the right look like they do not exist. It mirrors the table's scroll both ways,
// and is not shown when the table fits.
import { useEffect, useRef, useState, type RefObject } from 'react';

export function StickyScrollbar({ target }: { target: RefObject<HTMLElement | null> }) {
  const barRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ inner: 0, outer: 0 });

  useEffect(() => {
    const el = target.current;
    const bar = barRef.current;
    if (!el || !bar) return;
    const measure = () => setSize({ inner: el.scrollWidth, outer: el.clientWidth });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    const table = el.firstElementChild;
    if (table) ro.observe(table);
    // Each side follows the other. Scroll events arrive a frame late: the bar's event for a position
    // the table gave it can land after the table has moved on (a focus handler scrolling a cell
    // clear of the pinned columns), and copying it back would restore the stale position. So a bar
    // event at the position last written to it is our own echo and is ignored; only a position the
    // user gave the bar moves the table.
    let echoAt: number | null = null;
    const fromTable = () => {
      if (bar.scrollLeft === el.scrollLeft) return;
      bar.scrollLeft = el.scrollLeft;
      echoAt = bar.scrollLeft; // as clamped by the bar's own width
    };
    const fromBar = () => {
      if (bar.scrollLeft === echoAt) return;
      echoAt = null;
      if (el.scrollLeft !== bar.scrollLeft) el.scrollLeft = bar.scrollLeft;
    };
    el.addEventListener('scroll', fromTable, { passive: true });
    bar.addEventListener('scroll', fromBar, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', fromTable);
      bar.removeEventListener('scroll', fromBar);
    };
  }, [target]);

  const hidden = size.inner <= size.outer + 1;
  return (
    <div
      ref={barRef}
      className="sticky-scrollbar"
      style={hidden ? { visibility: 'hidden', height: 0 } : undefined}
      aria-hidden="true"
      data-testid="sticky-scrollbar"
    >
      <div style={{ width: size.inner, height: 1 }} />
    </div>
  );
}
