import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchFirstView, rangeKeyOf, takeBootAnchor } from './first-view';
import { readMarketView, resolveRange } from './market-params';
import { decisionPagesOptions } from './market-queries';

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
});
