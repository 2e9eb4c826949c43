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
    // Each side follows the other; equal positions end the echo.
    const fromTable = () => {
      if (bar.scrollLeft !== el.scrollLeft) bar.scrollLeft = el.scrollLeft;
    };
    const fromBar = () => {
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
