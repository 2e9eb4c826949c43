import { describe, expect, it } from 'vitest';
import { PAGES, viewHref } from '../../api/pages.js';
import { topBar } from './topbar-markup.js';

describe('viewHref', () => {
  it('keeps the view’s shared parameters (env, range, from, to, tz) and drops the page’s own', () => {
    expect(viewHref('/risk', '?m=KX-A&env=prod&range=7d&tz=America%2FNew_York&markets=A,B')).toBe(
      '/risk?env=prod&range=7d&tz=America%2FNew_York',
    );
    expect(viewHref('/', '')).toBe('/');
    expect(viewHref('/market', '?env=demo&range=1d', { m: 'KX-B', env: 'prod' })).toBe(
      '/market?env=prod&range=1d&m=KX-B',
    );
  });
});

describe('topBar', () => {
  const html = topBar({ env: 'prod', path: '/compare', search: '?env=prod&markets=KX-A&range=30d' });

  it('lists every page in order, the current one marked, links keeping the view', () => {
    const links = [...html.matchAll(/<a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g)];
    expect(links.map((m) => m[3])).toEqual(PAGES.map((p) => p.label));
    expect(links.filter((m) => m[2]).map((m) => m[3])).toEqual(['Compare']);
    expect(links[0]?.[1]).toBe('/?env=prod&amp;range=30d');
  });

  it('shows the environment and claims no bot state (the app’s own unknown, never “alive”)', () => {
    expect(html).toContain('env-badge env-badge-prod">PROD<');
    expect(html).toContain('env-btn env-btn-prod active');
    expect(html).toContain('badge badge-muted">bot …<');
    expect(html).not.toMatch(/alive|badge-alive|live-live/);
  });
});
