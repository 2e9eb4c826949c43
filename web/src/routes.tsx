// The pages. Adding one is a line in src/api/pages.ts (path and nav label) and its component here. Every page is
// lazy, Home too: the first chunks hold React and the shell alone, so opening one page neither
// downloads nor evaluates the others (nor their charts and tables) before it can start. main.tsx
// loads the URL's page beside the shell, so the first render already has it.
import type { QueryClient } from '@tanstack/react-query';
import type { FirstDataIsland } from '@api/first-screen';
import { lazy, type ComponentType } from 'react';
import { page } from '@api/pages';

export interface PageRoute {
  path: string;
  label: string;
  Page: ComponentType;
  /** Fetches and evaluates the page's code (what Page does as it first renders). */
  load: () => Promise<unknown>;
  /**
   * At page load: asks for the page's first data as soon as its code is in, before it renders — or
   * takes it from the server's first screen (`first`, api/first-data.ts) when the HTML carried it.
   */
  prefetch?: (client: QueryClient, search: string, first: FirstDataIsland | null) => Promise<void>;
}

function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  return { Page: lazy(() => load().then((m) => ({ default: pick(m) }))), load };
}

export const ROUTES: readonly PageRoute[] = [
  {
    ...page('/'),
    ...lazyPage(
      () => import('./pages/home/HomePage'),
      (m) => m.HomePage,
    ),
  },
  {
    ...page('/market'),
    ...lazyPage(
      () => import('./pages/market/MarketPage'),
      (m) => m.MarketPage,
    ),
    prefetch: (client, search, first) =>
      import('./pages/market/first-view').then((m) => m.prefetchFirstView(client, search, first)),
  },
  {
    ...page('/stale'),
    ...lazyPage(
      () => import('./pages/stale/StalePage'),
      (m) => m.StalePage,
    ),
  },
  {
    ...page('/risk'),
    ...lazyPage(
      () => import('./pages/risk/RiskPage'),
      (m) => m.RiskPage,
    ),
  },
  {
    ...page('/reconciliation'),
    ...lazyPage(
      () => import('./pages/reconciliation/ReconciliationPage'),
      (m) => m.ReconciliationPage,
    ),
  },
  {
    ...page('/compare'),
    ...lazyPage(
      () => import('./pages/compare/ComparePage'),
      (m) => m.ComparePage,
    ),
    prefetch: (client, search, first) =>
      import('./pages/compare/compare-query').then((m) => m.prefetchCompare(client, search, first)),
  },
  {
    ...page('/quality'),
    ...lazyPage(
      () => import('./pages/quality/QualityPage'),
      (m) => m.QualityPage,
    ),
    prefetch: (client, search) =>
      import('./pages/quality/quality-query').then((m) => m.prefetchQuality(client, search)),
  },
  {
    ...page('/replay'),
    ...lazyPage(
      () => import('./pages/replay/ReplayPage'),
      (m) => m.ReplayPage,
    ),
  },
  {
    ...page('/status'),
    ...lazyPage(
      () => import('./pages/status/StatusPage'),
      (m) => m.StatusPage,
    ),
  },
];
