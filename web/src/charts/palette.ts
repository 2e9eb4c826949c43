// Chart colours come from the theme's CSS variables, so charts match the page in both themes.
import type { PnlPalette } from './pnl-chart';
import type { RunMarkerColors } from './run-markers-plugin';

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

/** Bot restart and version-change markers (run-markers-plugin.ts), in the theme's colours. */
export function runMarkerColors(): RunMarkerColors {
  return {
    restart: cssVar('--run-restart', '#7c3aed'),
    version: cssVar('--run-version', '#0e7490'),
    labelBg: cssVar('--panel', '#ffffff'),
  };
}
