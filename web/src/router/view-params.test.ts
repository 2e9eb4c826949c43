// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { hrefWithView, isIsoDate, patchSearch, readViewParams } from './view-params';
import { matchRoute, normalizePath } from './match';

describe('readViewParams', () => {
  it('defaults: server env, 30 days, UTC', () => {
    expect(readViewParams('')).toEqual({ env: null, range: '30d', from: null, to: null, tz: 'UTC' });
  });

  it('reads every parameter of a shared link', () => {
    expect(
      readViewParams('?env=prod&range=custom&from=2026-01-02&to=2026-01-09&tz=America/New_York'),
    ).toEqual({
      env: 'prod',
      range: 'custom',
      from: '2026-01-02',
      to: '2026-01-09',
      tz: 'America/New_York',
    });
  });

  it('drops malformed values instead of failing', () => {
    expect(readViewParams('?env=staging&range=2w&tz=')).toEqual({
      env: null,
      range: '30d',
      from: null,
      to: null,
      tz: 'UTC',
    });
    // A custom range without a valid start is no custom range.
    expect(readViewParams('?range=custom&from=2026-02-30').range).toBe('30d');
    expect(readViewParams('?range=custom&from=2026-02-01&to=soon')).toMatchObject({
      range: 'custom',
      from: '2026-02-01',
      to: null,
    });
    // from/to only mean something for a custom range.
    expect(readViewParams('?range=7d&from=2026-02-01')).toMatchObject({ range: '7d', from: null });
  });
});

describe('patchSearch', () => {
  it('sets, replaces and removes keys, keeping the others', () => {
    expect(patchSearch('?m=KX-1&env=demo', { env: 'prod' })).toBe('?m=KX-1&env=prod');
    expect(patchSearch('?env=demo&from=2026-01-01', { from: null })).toBe('?env=demo');
  });

  it('leaves defaults out of the URL', () => {
    expect(patchSearch('?range=7d&tz=Asia/Tokyo', { range: '30d', tz: 'UTC' })).toBe('');
  });
});

describe('hrefWithView', () => {
  it('carries env, range and tz to another page, not page-specific keys', () => {
    expect(hrefWithView('/status', '?env=prod&tz=UTC&m=KX&range=7d')).toBe(
      '/status?env=prod&range=7d&tz=UTC',
    );
    expect(hrefWithView('/', '')).toBe('/');
  });

  it('adds page parameters, overriding carried ones', () => {
    expect(hrefWithView('/market', '?env=demo&range=90d', { m: 'KXFED-26DEC-H0', env: 'prod' })).toBe(
      '/market?env=prod&range=90d&m=KXFED-26DEC-H0',
    );
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-2')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('matchRoute', () => {
  const routes = [{ path: '/' }, { path: '/status' }];
  it('finds a page by path, ignoring a trailing slash', () => {
    expect(matchRoute(routes, '/')).toBe(routes[0]);
    expect(matchRoute(routes, '/status/')).toBe(routes[1]);
    expect(matchRoute(routes, '/market')).toBeNull();
    expect(normalizePath('')).toBe('/');
  });
});
