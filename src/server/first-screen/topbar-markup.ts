// The app's top bar as its first render draws it (web/src/components/TopBar.tsx before the overview
// is in: "bot …", "connecting", "not loaded"), in static HTML: the first screen then has the bar the
// app replaces it with, the same height at every width, so nothing below it moves when the app takes
// over. Nothing here claims a state: the heartbeat is the app's own unknown ("bot …"), never healthy.
import { PAGES, viewHref } from '../../api/pages.js';
import type { Env } from '../../core/types.js';
import { escapeHtml } from './html-text.js';

export function topBar(a: { env: Env; path: string; search: string }): string {
  const envs = (['demo', 'prod'] as const)
    .map(
      (e) =>
        `<button type="button" class="env-btn env-btn-${e} ${a.env === e ? 'active' : ''}" aria-pressed="${a.env === e}">${e.toUpperCase()}</button>`,
    )
    .join('');
  const nav = PAGES.map(
    (p) =>
      `<a href="${escapeHtml(viewHref(p.path, a.search))}"${p.path === a.path ? ' aria-current="page"' : ''}>${escapeHtml(p.label)}</a>`,
  ).join('');
  return (
    `<header class="topbar"><div class="topbar-row">` +
    `<span class="brand">Dora</span>` +
    `<span class="env-badge env-badge-${a.env}">${escapeHtml(a.env.toUpperCase())}</span>` +
    `<div class="env-switch" role="group" aria-label="Environment">${envs}</div>` +
    `<span class="region muted"></span>` +
    `<nav class="nav" aria-label="Pages">${nav}</nav>` +
    `<div class="topbar-status">` +
    `<span class="badge badge-muted">bot …</span>` +
    `<span class="live live-connecting"><i class="dot" aria-hidden="true"></i> <span class="live-text">connecting</span></span>` +
    `<span class="muted small">not loaded</span>` +
    `<button type="button" class="icon-btn copy-link" aria-label="Copy link">` +
    `<svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">` +
    `<path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L11.6 6"/>` +
    `<path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.6-1.6"/></svg></button>` +
    `<button type="button" class="icon-btn" aria-label="Refresh">⟳</button>` +
    `<button type="button" class="icon-btn" aria-label="Theme">☾</button>` +
    `</div></div></header>`
  );
}
