import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../core/types.js';
import { RunEventsCache, type RunEvents } from './run-events-cache.js';

function events(n: number): RunEvents {
  return {
    events: Array.from({ length: n }, (_, i) => ({ sortKey: `k${i}` }) as ExecutionEvent),
    warnings: [],
  };
}

describe('RunEventsCache', () => {
  it('loads once for concurrent callers and keeps the result', async () => {
    const cache = new RunEventsCache(100, 60_000, () => 0);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return events(3);
    };
    const [a, b] = await Promise.all([cache.get('r1', load), cache.get('r1', load)]);
    expect(a).toBe(b);
    expect(await cache.get('r1', load)).toBe(a);
    expect(loads).toBe(1);
    expect(cache.heldEvents).toBe(3);
  });

  it('evicts the least recently used runs beyond the event bound, and never keeps an oversized run', async () => {
    const cache = new RunEventsCache(10, 60_000, () => 0);
    let loads = 0;
    const load = (n: number) => async () => (loads++, events(n));
    await cache.get('a', load(4));
    await cache.get('b', load(4));
    await cache.get('a', load(4)); // a is now the most recent
    await cache.get('c', load(4)); // 12 > 10: b goes
    expect(cache.heldEvents).toBe(8);
    expect(loads).toBe(3);
    await cache.get('a', load(4));
    expect(loads).toBe(3);
    await cache.get('b', load(4));
    expect(loads).toBe(4);
    await cache.get('huge', load(11));
    expect(cache.heldEvents).toBeLessThanOrEqual(10);
    await cache.get('huge', load(11));
    expect(loads).toBe(6);
  });

  it('reads again after maxAge, and does not keep a failed load', async () => {
    let now = 0;
    const cache = new RunEventsCache(100, 1_000, () => now);
    let loads = 0;
    await cache.get('a', async () => (loads++, events(1)));
    now = 999;
    await cache.get('a', async () => (loads++, events(1)));
    expect(loads).toBe(1);
    now = 1_000;
    await cache.get('a', async () => (loads++, events(2)));
    expect(loads).toBe(2);
    expect(cache.heldEvents).toBe(2);
    await expect(cache.get('b', async () => Promise.reject(new Error('throttled')))).rejects.toThrow(
      'throttled',
    );
    expect((await cache.get('b', async () => events(5))).events).toHaveLength(5);
    expect(cache.heldEvents).toBe(7);
  });
});
