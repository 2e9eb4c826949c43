import { describe, expect, it } from 'vitest';
import { RecentAnchors } from './recent-anchors.js';

describe('RecentAnchors', () => {
  it('gives the first instant to the same lookback within the window, then a new one', () => {
    const a = new RecentAnchors(9_000);
    expect(a.anchor('compare:demo:A,B:7', 1_000)).toBe(1_000);
    expect(a.anchor('compare:demo:A,B:7', 9_999)).toBe(1_000); // 8.999 s later: the same end
    expect(a.anchor('compare:demo:A,B:30', 9_999)).toBe(9_999); // another lookback: its own
    expect(a.anchor('compare:demo:A,B:7', 10_000)).toBe(10_000); // 9 s later: a new end
    expect(a.anchor('compare:demo:A,B:7', 5_000)).toBe(5_000); // a clock that went back: now
  });

  it('stays bounded: past maxEntries the expired go first, then all', () => {
    const a = new RecentAnchors(1_000, 2);
    a.anchor('x', 0);
    a.anchor('y', 0);
    expect(a.anchor('z', 2_000)).toBe(2_000); // x and y expired and dropped
    expect(a.anchor('x', 2_001)).toBe(2_001);
  });
});
