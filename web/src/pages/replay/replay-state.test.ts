// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { DecisionJson, ReplayFill } from '@api/types';
import {
  buildTimeline,
  countAtOrBefore,
  frameAt,
  indexAtTime,
  ladderRows,
  nextFillIndex,
  prevFillIndex,
  stepIndex,
} from './replay-state';

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

function decision(s: number, inventory: number, extra: Partial<DecisionJson> = {}): DecisionJson {
  return {
    decisionId: `run:M:${s}`,
    time: iso(s),
    inventory,
    book: null,
    targetQuotes: [],
    targetBid: null,
    targetAsk: null,
    ...extra,
  } as DecisionJson;
}

function fill(
  s: number,
  side: 'yes' | 'no',
  size: number,
  realizedChange: number,
  netBefore: number,
): ReplayFill {
  const netAfter = netBefore + (side === 'yes' ? size : -size);
  return {
    fillId: `f${s}`,
    time: iso(s),
    side,
    type: side === 'yes' ? 'bid' : 'ask',
    size,
    priceYes: 0.5,
    realizedChange,
    netBefore,
    netAfter,
    sortKey: `k${s}`,
  } as ReplayFill;
}

// Decisions at 0, 10, 20, 30 s (given newest first, as the API pages them); fills at 5, 12, 12.5, 40 s.
const tl = buildTimeline(
  [decision(30, 3), decision(20, 3), decision(10, 0), decision(0, 0)],
  [
    fill(40, 'yes', 2, -0.01, 3),
    fill(12.5, 'yes', 3, -0.02, 0),
    fill(12, 'no', 5, 0.4, 5),
    fill(5, 'yes', 5, -0.03, 0),
  ],
);

describe('buildTimeline', () => {
  it('orders decisions and fills oldest first and sums realized change and contracts', () => {
    expect(tl.decisionMs.map((t) => (t - T0) / 1000)).toEqual([0, 10, 20, 30]);
    expect(tl.fillMs.map((t) => (t - T0) / 1000)).toEqual([5, 12, 12.5, 40]);
    expect(tl.realizedPrefix.map((v) => Number(v.toFixed(4)))).toEqual([0, -0.03, 0.37, 0.35, 0.34]);
    expect(tl.contractsPrefix).toEqual([0, 5, 10, 13, 15]);
  });
});

describe('stepping', () => {
  it('counts times at or before t', () => {
    expect(countAtOrBefore([1, 2, 2, 5], 2)).toBe(3);
    expect(countAtOrBefore([1, 2, 2, 5], 0)).toBe(0);
    expect(countAtOrBefore([], 9)).toBe(0);
  });

  it('finds the decision in force at any moment (the first one before the window)', () => {
    expect(indexAtTime(tl, T0 + 15_000)).toBe(1);
    expect(indexAtTime(tl, T0 + 20_000)).toBe(2);
    expect(indexAtTime(tl, T0 - 60_000)).toBe(0);
    expect(indexAtTime(tl, T0 + 999_000)).toBe(3);
    expect(indexAtTime(buildTimeline([], []), T0)).toBe(-1);
  });

  it('steps one decision at a time and stops at both ends', () => {
    expect(stepIndex(tl, 1, 1)).toBe(2);
    expect(stepIndex(tl, 3, 1)).toBe(3);
    expect(stepIndex(tl, 0, -1)).toBe(0);
  });

  it('jumps to the first step showing the next fill, and back before the previous one', () => {
    // At 0 s no fill shows; the 5 s fill first shows at the 10 s decision.
    expect(nextFillIndex(tl, 0)).toBe(1);
    // At 10 s one fill shows; the next (12 s) shows at 20 s.
    expect(nextFillIndex(tl, 1)).toBe(2);
    // The 40 s fill comes after the last decision: nothing to jump to.
    expect(nextFillIndex(tl, 3)).toBeNull();
    expect(prevFillIndex(tl, 2)).toBe(1);
    expect(prevFillIndex(tl, 1)).toBe(0);
    expect(prevFillIndex(tl, 0)).toBeNull();
  });
});

describe('frameAt', () => {
  it('shows the fills so far, realized so far (Σ realized change) and the trade log’s net', () => {
    const f0 = frameAt(tl, 0)!;
    expect(f0).toMatchObject({ fillCount: 0, contracts: 0, realized: 0, tradeLogNet: 0 });
    expect(f0.recentFills).toEqual([]);
    const f2 = frameAt(tl, 2)!;
    expect(f2.fillCount).toBe(3);
    expect(f2.contracts).toBe(13);
    expect(f2.realized).toBeCloseTo(0.35, 10);
    expect(f2.tradeLogNet).toBe(3);
    expect(f2.recentFills.map((f) => f.fillId)).toEqual(['f12.5', 'f12', 'f5']);
    expect(f2.decision.inventory).toBe(3);
    expect(frameAt(tl, 2, 1)!.recentFills).toHaveLength(1);
    expect(frameAt(tl, 9)).toBeNull();
  });

  it('has no trade-log net without fills', () => {
    expect(frameAt(buildTimeline([decision(0, 4)], []), 0)!.tradeLogNet).toBeNull();
  });
});

describe('ladderRows', () => {
  it('puts our targets among the book levels, sharing a row at the same price', () => {
    const d = decision(0, 0, {
      book: {
        bestBid: 0.4,
        bestAsk: 0.45,
        spread: 0.05,
        mid: 0.425,
        topBids: [
          { priceYes: 0.4, size: 10 },
          { priceYes: 0.38, size: 4 },
        ],
        topAsks: [{ priceYes: 0.45, size: 7 }],
      },
      targetQuotes: [
        { side: 'bid', priceYes: 0.41, size: 5 },
        { side: 'ask', priceYes: 0.45, size: 5 },
      ],
    });
    const { asks, bids } = ladderRows(d);
    expect(asks).toEqual([{ priceYes: 0.45, bidSize: null, askSize: 7, target: { side: 'ask', size: 5 } }]);
    expect(bids.map((r) => [r.priceYes, r.bidSize, r.target?.size ?? null])).toEqual([
      [0.41, null, 5],
      [0.4, 10, null],
      [0.38, 4, null],
    ]);
  });
});
