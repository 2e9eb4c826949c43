import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { prefetchCompare, compareQueryArgs, compareRange } from '../pages/compare/compare-query';
import { prefetchQuality, qualityRange } from '../pages/quality/quality-query';
import { readViewParams } from '../router/view-params';
import {
  isMarketQueryKey,
  marketQualityOptions,
  marketsOptions,
  overviewOptions,
  pageQueryOptions,
  qualityOptions,
  queryKeys,
} from './queries';

describe('the query key factory', () => {
  it('puts the environment second in every key (placeholderData checks it)', () => {
    const range = { from: 'a', to: 'b' } as Parameters<typeof queryKeys.marketRange>[3];
    const keys: (readonly unknown[])[] = [
      queryKeys.overview('demo', 7, 'UTC'),
      queryKeys.health('demo'),
      queryKeys.markets('demo'),
      queryKeys.market('demo', 'KX'),
      queryKeys.marketRange('series', 'demo', 'KX', range),
      queryKeys.decision('demo', 'd1'),
      queryKeys.replay('fills', 'demo', 'KX', 'a', 'b'),
      queryKeys.page('risk', 'demo', '/api/v1/risk', {}),
      queryKeys.quality('demo', { days: '7', tz: 'UTC' }),
      queryKeys.marketQuality('demo', 'KX', range, 'UTC'),
    ];
    for (const k of keys) expect(k[1]).toBe('demo');
    expect(queryKeys.markets(null)[1]).toBe('');
  });

  it('lets a live patch reach every overview of one environment by prefix', () => {
    const env = queryKeys.overviewEnv('prod');
    const full = overviewOptions('prod', 30, 'UTC').queryKey;
    expect(full.slice(0, env.length)).toEqual([...env]);
  });

  it('has one key for /api/v1/markets', () => {
    expect(marketsOptions('demo').queryKey).toEqual(['markets', 'demo']);
    expect(isMarketQueryKey(marketsOptions('demo').queryKey)).toBe(true);
    expect(isMarketQueryKey(queryKeys.market('demo', 'KX'))).toBe(true);
    expect(isMarketQueryKey(queryKeys.overview('demo', 7, 'UTC'))).toBe(false);
  });

  it('prefetches the comparison under the key the page reads', () => {
    const client = new QueryClient();
    const search = '?markets=KX-A,KX-B&env=demo';
    const view = readViewParams(search);
    const original = globalThis.fetch;
    globalThis.fetch = () => new Promise(() => {});
    try {
      prefetchCompare(client, search);
      const [name, env, path, params] = compareQueryArgs(
        view.env,
        ['KX-A', 'KX-B'],
        compareRange(search, view.tz),
      );
      const key = pageQueryOptions(name, env, path, params).queryKey;
      expect(client.getQueryState(key)?.fetchStatus).toBe('fetching');
    } finally {
      globalThis.fetch = original;
    }
  });

  it('refreshes the deep dive’s quality with the deep dive, and prefetches the Quality page under its key', () => {
    const range = { from: 'a', to: 'b' } as Parameters<typeof queryKeys.marketRange>[3];
    expect(isMarketQueryKey(marketQualityOptions('demo', 'KX', range, 'UTC').queryKey)).toBe(true);
    const client = new QueryClient();
    const search = '?range=30d&env=demo&tz=America/New_York';
    const view = readViewParams(search);
    expect(qualityRange(search, view.tz)).toEqual({ days: '30', tz: 'America/New_York' });
    const original = globalThis.fetch;
    globalThis.fetch = () => new Promise(() => {});
    try {
      prefetchQuality(client, search);
      const key = qualityOptions(view.env, qualityRange(search, view.tz)).queryKey;
      expect(key[1]).toBe('demo');
      expect(client.getQueryState(key)?.fetchStatus).toBe('fetching');
    } finally {
      globalThis.fetch = original;
    }
  });
});
