import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchFirstView, rangeKeyOf, takeBootAnchor } from './first-view';
import { readMarketView, resolveRange } from './market-params';
import { decisionPagesOptions } from './market-queries';
import { compareQueryArgs, compareRange, prefetchCompare } from '../compare/compare-query';
import { pageQueryOptions } from '../../api/queries';
import type { FirstDataIsland } from '@api/first-screen';
import type { CompareResponse, DecisionsPage } from '@api/types';

describe('the deep dive prefetch at page load', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the decisions page the page will ask for: same key, same range anchor', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify({ items: [], nextCursor: null }), {
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const client = new QueryClient();
    const search = '?m=KX-A&env=demo&range=30d';
    prefetchFirstView(client, search);
    const view = readMarketView(search);
    const anchor = takeBootAnchor(rangeKeyOf(view));
    expect(anchor).not.toBeNull();
    // Asked twice (React may run an initializer twice): the same instant.
    expect(takeBootAnchor(rangeKeyOf(view))).toBe(anchor);
    const key = decisionPagesOptions(view.env, view.marketId, resolveRange(view, anchor!)).queryKey;
    await vi.waitFor(() => expect(client.getQueryState(key)?.status).toBe('success'));
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain('/api/v1/markets/KX-A/decisions?');
    expect(urls[0]).toContain('limit=50'); // the smaller first page (DECISIONS_FIRST_PAGE_SIZE)
  });

  it('no market or another tab: nothing asked; another range or a late mount starts from its own now', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const client = new QueryClient();
    prefetchFirstView(client, '?env=demo');
    prefetchFirstView(client, '?m=KX-A&tab=fills');
    expect(fetchSpy).not.toHaveBeenCalled();
    prefetchFirstView(client, '?m=KX-B&range=7d');
    const key = rangeKeyOf(readMarketView('?m=KX-B&range=7d'));
    expect(takeBootAnchor(rangeKeyOf(readMarketView('?m=KX-B&range=30d')))).toBeNull();
    expect(takeBootAnchor(key, Date.now() + 60_000)).toBeNull();
  });

  it('with the server’s first screen: its anchor is the range’s, its body the first page; nothing is asked', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const client = new QueryClient();
    const search = '?m=KX-A&env=demo&range=30d';
    const body = { items: [], nextCursor: 'c1', warnings: [] } as unknown as DecisionsPage;
    const anchorMs = Date.UTC(2026, 0, 5, 12);
    prefetchFirstView(client, search, { path: '/market', search, anchorMs, body });
    const view = readMarketView(search);
    expect(takeBootAnchor(rangeKeyOf(view))).toBe(anchorMs);
    const key = decisionPagesOptions(view.env, view.marketId, resolveRange(view, anchorMs)).queryKey;
    expect(client.getQueryData(key)?.pages).toEqual([body]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('past the server’s deadline (no body): the request names the anchored range of the server’s load', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify({ items: [], nextCursor: null }), {
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const search = '?m=KX-C&range=7d';
    const anchorMs = Date.UTC(2026, 0, 5, 12, 0, 0, 123);
    prefetchFirstView(new QueryClient(), search, { path: '/market', search, anchorMs, body: null });
    await vi.waitFor(() => expect(urls).toHaveLength(1));
    const u = new URL(urls[0] ?? '', 'http://x');
    expect(u.searchParams.get('to')).toBe('2026-01-05T12:00:00.123Z');
    expect(u.searchParams.get('from')).toBe('2025-12-29T12:00:00.123Z');
  });

  it('Compare: the island’s body is seeded under the page’s key; nothing is asked', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const client = new QueryClient();
    const search = '?markets=KX-A,KX-B&env=demo&range=7d';
    const body = { env: 'demo', items: [], series: [] } as unknown as CompareResponse;
    const first: FirstDataIsland = { path: '/compare', search, anchorMs: 1, body };
    prefetchCompare(client, search, first);
    const args = compareQueryArgs('demo', ['KX-A', 'KX-B'], compareRange(search, 'UTC'));
    expect(client.getQueryData(pageQueryOptions<CompareResponse>(...args).queryKey)).toBe(body);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
