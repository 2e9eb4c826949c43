// The pages. Adding one is one line here: its path, its nav label and its component (lazy, so it
// stays out of the Home bundle).
import { lazy, type ComponentType } from 'react';
import { HomePage } from './pages/home/HomePage';

export interface PageRoute {
  path: string;
  label: string;
  Page: ComponentType;
}

export const ROUTES: readonly PageRoute[] = [
  { path: '/', label: 'Home', Page: HomePage },
  {
    path: '/market',
    label: 'Market Deep Dive',
    Page: lazy(() => import('./pages/market/MarketPage').then((m) => ({ default: m.MarketPage }))),
  },
  {
    path: '/stale',
    label: 'Stale',
    Page: lazy(() => import('./pages/stale/StalePage').then((m) => ({ default: m.StalePage }))),
  },
  {
    path: '/risk',
    label: 'Risk',
    Page: lazy(() => import('./pages/risk/RiskPage').then((m) => ({ default: m.RiskPage }))),
  },
  {
    path: '/reconciliation',
    label: 'Reconciliation',
    Page: lazy(() =>
      import('./pages/reconciliation/ReconciliationPage').then((m) => ({ default: m.ReconciliationPage })),
    ),
  },
  {
    path: '/compare',
    label: 'Compare',
    Page: lazy(() => import('./pages/compare/ComparePage').then((m) => ({ default: m.ComparePage }))),
  },
  {
    path: '/replay',
    label: 'Replay',
    Page: lazy(() => import('./pages/replay/ReplayPage').then((m) => ({ default: m.ReplayPage }))),
  },
  {
    path: '/status',
    label: 'Status',
    Page: lazy(() => import('./pages/status/StatusPage').then((m) => ({ default: m.StatusPage }))),
  },
];
