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
  it('strict: a caller may want the shared entry fresher than the TTL, never staler', async () => {
    let now = 0;
    const cache = new TtlCache(300_000, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.strict('k', load)).toBe(1);
    now = 2_000;
    expect(await cache.strict('k', load, 3_000)).toBe(1); // young enough for both
    now = 4_000;
    expect(await cache.strict('k', load)).toBe(1); // the long TTL still holds
    expect(await cache.strict('k', load, 3_000)).toBe(2); // too old for the narrow one: reloads
    now = 5_000;
    expect(await cache.strict('k', load)).toBe(2); // and everyone shares what it loaded
    const [a, b] = await Promise.all([cache.strict('k', load, 0), cache.strict('k', load, 0)]);
    expect([a, b, loads]).toEqual([3, 3, 3]); // one load in flight, shared
    now = 400_000;
    expect(await cache.strict('k', load, 10_000_000)).toBe(4); // a wider bound does not widen the TTL
  });
  it('propagates a failure when nothing is cached', async () => {
    const cache = new TtlCache(1000);
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });
});
