import { describe, expect, it } from 'vitest';
import { TtlCache } from './cache.js';

describe('TtlCache', () => {
  it('single-flight: 100 concurrent identical requests cause one load', async () => {
    const cache = new TtlCache(1000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: 1 };
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.get('k', load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r.value.n === 1)).toBe(true);
  });
  it('answers from memory within the TTL; just after it, answers at once and refreshes behind', async () => {
    let now = 0;
    const cache = new TtlCache(1000, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect((await cache.get('k', load)).status).toBe('miss');
    now = 500;
    expect(await cache.getFresh('k', load)).toMatchObject({ status: 'hit', value: 1 });
    now = 1500; // expired, within the grace: the previous value now, one refresh in the background
    expect(await cache.getFresh('k', load)).toMatchObject({ status: 'hit', value: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.getFresh('k', load)).toMatchObject({ status: 'hit', value: 2, loadedAtMs: 1500 });
    now = 10_000; // long expired: wait for a fresh value
    expect(await cache.getFresh('k', load)).toMatchObject({ status: 'miss', value: 3 });
    expect(loads).toBe(3);
  });
  it('serves the last good value, marked stale, when a refresh fails', async () => {
    let now = 0;
    const cache = new TtlCache(1000, () => now);
    await cache.get('k', async () => 'good');
    now = 5000;
    const r = await cache.getFresh('k', async () => {
      throw new Error('throttled');
    });
    expect(r).toMatchObject({ status: 'stale', value: 'good', loadedAtMs: 0 });
  });
  it('propagates a failure when nothing is cached', async () => {
    const cache = new TtlCache(1000);
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });
});
