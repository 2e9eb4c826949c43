// Answers from the quote-health window must be the answers a lookup per time gives, whatever the
// window's size (a capped read stops anywhere, inside a run of equal timestamps too), the times,
// ties and undecodable items; and every time the window provably holds is answered.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inForceFromWindow } from './in-force-from-window.js';
import { toNaiveIso } from './time.js';
import type { QuoteDecision } from './types.js';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

interface Item {
  decision: QuoteDecision;
  /** An item the decoder skips: in the index, never an answer, never in the window. */
  bad: boolean;
}

function decision(n: number, ms: number, micros: number): QuoteDecision {
  return {
    date: '2026-03-01',
    timestampRaw: toNaiveIso(ms, micros),
    timeMs: ms,
    marketId: 'KX-W',
    decisionId: `run:KX-W:${n}`,
    botRunId: 'run',
    book: { bestBid: 0.4, bestAsk: 0.45, midStored: 0.425 },
    targetQuotes: [],
  };
}

/** The index newest first: by raw sort key descending; ties in the order given (the store's). */
function indexOrder(items: Item[]): Item[] {
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) =>
      a.it.decision.timestampRaw === b.it.decision.timestampRaw
        ? a.i - b.i
        : a.it.decision.timestampRaw < b.it.decision.timestampRaw
          ? 1
          : -1,
    )
    .map(({ it }) => it);
}

/** The plain lookup: the first decodable item of the index at or below t's bound. */
function lookup(index: Item[], t: number): QuoteDecision | null {
  const bound = toNaiveIso(t, 999);
  return index.find((it) => !it.bad && it.decision.timestampRaw <= bound)?.decision ?? null;
}

/** What the range read returns: the decodable items of the first `limit` in [from, to], in order. */
function windowOf(index: Item[], fromMs: number, toMs: number, limit: number): QuoteDecision[] {
  const lo = toNaiveIso(fromMs);
  const hi = toNaiveIso(toMs, 999);
  return index
    .filter((it) => it.decision.timestampRaw >= lo && it.decision.timestampRaw <= hi)
    .slice(0, limit)
    .filter((it) => !it.bad)
    .map((it) => it.decision);
}

const itemArb = fc.record({
  // Half a second of decisions, so equal milliseconds and equal timestamps are common.
  offsetMs: fc.integer({ min: 0, max: 400 }),
  micros: fc.constantFrom(0, 1, 500, 998, 999),
  bad: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
});

describe('inForceFromWindow', () => {
  it('answers like a lookup per time, and every time the window holds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 0, maxLength: 40 }),
        fc.array(fc.integer({ min: -30, max: 430 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 45 }),
        (specs, offsets, a, b, limit) => {
          const items = specs.map((s, n) => ({
            decision: decision(n, T0 + s.offsetMs, s.micros),
            bad: s.bad,
          }));
          const index = indexOrder(items);
          const fromMs = T0 + Math.min(a, b);
          const toMs = T0 + Math.max(a, b);
          const window = windowOf(index, fromMs, toMs, limit);
          // Also the very milliseconds of decisions: a bound equal to a stamp at …999 µs.
          const times = [...offsets, ...specs.slice(0, 8).map((s) => s.offsetMs)].map((o) => T0 + o);
          const got = inForceFromWindow(window, toMs, times);
          for (const [t, d] of got) {
            expect(t).toBeLessThanOrEqual(toMs);
            expect(d).toBe(lookup(index, t));
          }
          // Completeness: a time at or below toMs whose bound reaches the window's oldest decision.
          const oldest = window[window.length - 1];
          for (const t of times) {
            const held = oldest !== undefined && t <= toMs && oldest.timestampRaw <= toNaiveIso(t, 999);
            expect(got.has(t)).toBe(held);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('leaves out times after the window and below its oldest decision', () => {
    const d1 = decision(1, T0 + 1_000, 0);
    const d2 = decision(2, T0 + 2_000, 500);
    const got = inForceFromWindow([d2, d1], T0 + 3_000, [T0 + 3_001, T0 + 2_000, T0 + 1_999, T0 + 999]);
    expect([...got]).toEqual([
      [T0 + 2_000, d2],
      [T0 + 1_999, d1],
    ]);
  });

  it('answers with the oldest decision read even when unread ties may follow it', () => {
    // A capped read that stopped inside a run of equal timestamps: a lookup meets the read one first.
    const tie = decision(1, T0, 999);
    const got = inForceFromWindow([decision(2, T0 + 10, 0), tie], T0 + 10, [T0]);
    expect(got.get(T0)).toBe(tie);
  });
});
