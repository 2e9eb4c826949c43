// The dashboard's pages, in the top bar's order: the web app's routes (web/src/routes.tsx) take their
// paths and labels from here, and so does the server's first screen, whose static top bar must show
// the same navigation the app then draws (no shift when it takes over).
export const PAGES = [
  { path: '/', label: 'Home' },
  { path: '/market', label: 'Market Deep Dive' },
  { path: '/stale', label: 'Stale' },
  { path: '/risk', label: 'Risk' },
  { path: '/reconciliation', label: 'Reconciliation' },
  { path: '/compare', label: 'Compare' },
  { path: '/quality', label: 'Quality' },
  { path: '/replay', label: 'Replay' },
  { path: '/status', label: 'Status' },
] as const;

export type PagePath = (typeof PAGES)[number]['path'];

/** The view's parameters every link keeps (web/src/router/view-params.ts SHARED_PARAMS). */
export const SHARED_VIEW_PARAMS = ['env', 'range', 'from', 'to', 'tz'] as const;

/** A page's path and label. */
export function page(path: PagePath): { path: PagePath; label: string } {
  return PAGES.find((p) => p.path === path) as (typeof PAGES)[number];
}

/**
 * A link to `path` that keeps the view's shared parameters of `currentSearch`, then sets `extra`:
 * the app's nav links and market links (hrefWithView), and the server's first screen.
 */
export function viewHref(path: string, currentSearch: string, extra: Record<string, string> = {}): string {
  const from = new URLSearchParams(currentSearch);
  const out = new URLSearchParams();
  for (const k of SHARED_VIEW_PARAMS) {
    const v = from.get(k);
    if (v !== null) out.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) out.set(k, v);
  const qs = out.toString();
  return qs ? `${path}?${qs}` : path;
}
