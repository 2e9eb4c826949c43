// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addMarkets, marketsParam, MAX_MARKETS, readMarkets } from './compare-params';

describe('compare markets in the URL', () => {
  it('reads a comma list without blanks or duplicates, at most 12', () => {
    expect(readMarkets('?markets=A,B,,A,C')).toEqual(['A', 'B', 'C']);
    const many = Array.from({ length: 15 }, (_, i) => `M${i}`).join(',');
    expect(readMarkets(`?markets=${many}`)).toHaveLength(MAX_MARKETS);
    expect(readMarkets('')).toEqual([]);
  });

  it('adds markets (an event’s several at once) up to the cap, counting what did not fit', () => {
    expect(addMarkets(['A'], ['B', 'A', 'C'])).toEqual({ markets: ['A', 'B', 'C'], dropped: 0 });
    const eleven = Array.from({ length: 11 }, (_, i) => `M${i}`);
    expect(addMarkets(eleven, ['X', 'Y', 'Z'])).toEqual({ markets: [...eleven, 'X'], dropped: 2 });
    expect(marketsParam([])).toBeNull();
    expect(marketsParam(['A', 'B'])).toBe('A,B');
  });
});
