// One colour per compared market, in the URL's order: the Compare page's charts, legend and table
// (web/src/charts/compare-chart.ts) and the server's first screen of the page paint the same ones.

/** Twelve colours that read on both themes, one per market (the API caps a comparison at 12). */
export const SERIES_COLORS = [
  '#3b82f6',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
  '#f97316',
  '#6366f1',
  '#14b8a6',
  '#a16207',
] as const;

export const seriesColor = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length] ?? '#3b82f6';
