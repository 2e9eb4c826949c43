// Chart colours come from the theme's CSS variables, so charts match the page in both themes.
import type { PnlPalette } from './pnl-chart';

export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Read after the theme is applied (<html data-theme>); call again when it changes. */
export function pnlPalette(): PnlPalette {
  return {
    cumulative: cssVar('--chart-line', '#3b82f6'),
    pos: cssVar('--pos-bar', '#22c55e'),
    neg: cssVar('--neg-bar', '#ef4444'),
    axis: cssVar('--muted', '#667085'),
    grid: cssVar('--grid', '#e3e6ea'),
  };
}
