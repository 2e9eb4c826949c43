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
    path: '/status',
    label: 'Status',
    Page: lazy(() => import('./pages/status/StatusPage').then((m) => ({ default: m.StatusPage }))),
  },
];
