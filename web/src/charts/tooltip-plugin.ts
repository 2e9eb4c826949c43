// A hover tooltip for uPlot: a box inside the plot that follows the cursor. The content comes from
// a function of the data index, so it reads whatever data the chart holds now — it survives
// setData (live refresh) without being rebuilt.
import { useCallback, useLayoutEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { TooltipLine } from './pnl-chart';

export type TooltipContent = (u: uPlot, idx: number) => { title: string; lines: TooltipLine[] } | null;

/**
 * `content` is called on every cursor move; a chart whose data changes passes a stable function
 * that reads the latest content from a ref (see useTooltipContent), so new data needs no new chart.
 */
export function tooltipPlugin(content: TooltipContent): uPlot.Plugin {
  let box: HTMLDivElement | null = null;

  function render(u: uPlot): void {
    if (!box) return;
    const idx = u.cursor.idx;
    const c = idx === null || idx === undefined ? null : content(u, idx);
    if (!c || u.cursor.left === undefined || u.cursor.left < 0) {
      box.style.display = 'none';
      return;
    }
    box.replaceChildren();
    const title = document.createElement('div');
    title.className = 'tt-title';
    title.textContent = c.title;
    box.append(title);
    for (const line of c.lines) {
      const row = document.createElement('div');
      row.className = 'tt-row';
      const l = document.createElement('span');
      l.className = 'tt-label';
      l.textContent = line.label;
      const v = document.createElement('span');
      v.className = `tt-value tone-${line.tone ?? 'flat'}`;
      v.textContent = line.value;
      row.append(l, v);
      box.append(row);
    }
    box.style.display = 'block';
    // Keep the box inside the plot: flip to the cursor's left near the right edge.
    const left = u.cursor.left ?? 0;
    const top = u.cursor.top ?? 0;
    const w = box.offsetWidth;
    const h = box.offsetHeight;
    const plotW = u.over.clientWidth;
    const plotH = u.over.clientHeight;
    box.style.left = `${left + 12 + w > plotW ? Math.max(0, left - 12 - w) : left + 12}px`;
    box.style.top = `${Math.max(0, Math.min(top + 12, plotH - h))}px`;
  }

  return {
    hooks: {
      init: (u) => {
        box = document.createElement('div');
        box.className = 'chart-tooltip';
        box.setAttribute('role', 'tooltip');
        box.style.display = 'none';
        u.over.append(box);
      },
      setCursor: render,
      setData: render,
      destroy: () => {
        box?.remove();
        box = null;
      },
    },
  };
}

/**
 * A stable function that calls the latest `fn` (the one of the last render): a chart keeps its
 * options, plugins included, while the data, time zone or labels they read change.
 */
export function useLatestCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/** A stable tooltip function for tooltipPlugin that shows the latest content. */
export function useTooltipContent(content: TooltipContent): TooltipContent {
  return useLatestCallback(content);
}
