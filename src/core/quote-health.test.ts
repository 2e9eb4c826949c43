import { describe, expect, it } from 'vitest';
import { fillActivity, quoteHealth, quotedHours } from './quote-health.js';
import { book, decision, event, fill, ms } from './test-fixtures.js';
import type { TargetQuote } from './types.js';

const LOOP = 5_000; // ⇒ a decision lasts at most 60 s
const FROM = ms('2026-01-03T12:00:00Z');
const TO = ms('2026-01-03T12:59:59.999Z'); // one hour
const R1 = '20260103-115900-aaaaaa'; // per-market run (logs placements)
const R2 = '20260103-123000-bbbbbb'; // batch run (wants quotes, logs no placement)

const q = (side: 'bid' | 'ask', priceYes: number, size = 10): TargetQuote => ({ side, priceYes, size });

// Six decisions 30 s apart, then silence until the end of the hour.
const decisions = [
  // two-sided, both inside the touch by 1¢
  decision({
    at: '2026-01-03T12:00:00',
    book: book(0.4, 0.5),
    targets: [q('bid', 0.41), q('ask', 0.49)],
    runId: R1,
  }),
  // the same targets: no requote
  decision({
    at: '2026-01-03T12:00:30',
    book: book(0.4, 0.5),
    targets: [q('bid', 0.41), q('ask', 0.49)],
    runId: R1,
  }),
  // the book's bid moved to 0.42: our 0.41 bid is 1¢ behind the touch
  decision({
    at: '2026-01-03T12:01:00',
    book: book(0.42, 0.5),
    targets: [q('bid', 0.41), q('ask', 0.49)],
    runId: R1,
  }),
  // ask pulled: requote, one-sided
  decision({ at: '2026-01-03T12:01:30', book: book(0.42, 0.48), targets: [q('bid', 0.41)], runId: R1 }),
  // only an ask, into an empty ask side (best_ask sentinel 1 ⇒ null): requote, at touch, no distance
  decision({ at: '2026-01-03T12:02:00', book: book(0.42, null), targets: [q('ask', 0.55, 5)], runId: R1 }),
  // no targets: requote (quotes pulled)
  decision({ at: '2026-01-03T12:02:30', book: book(0.42, 0.5), runId: R1 }),
];
const opts = { fromMs: FROM, toMs: TO, loopIntervalMs: LOOP };

describe('quote health, worked by hand', () => {
  const h = quoteHealth(decisions, opts);

  it('quoted % and two-sided %: 5 of 6 decisions quote, 3 of 6 on both sides', () => {
    expect(h.decisions).toBe(6);
    expect(h.quotedPct).toBeCloseTo(5 / 6, 12);
    expect(h.twoSidedPct).toBeCloseTo(0.5, 12);
  });

  it('at touch per side: bid 2 of 4; ask 4 of 4 (the empty ask side counts as at touch)', () => {
    expect(h.atTouchBidPct).toBeCloseTo(0.5, 12);
    expect(h.atTouchAskPct).toBeCloseTo(1, 12);
  });

  it('distance to touch: bid (−1 − 1 + 1 + 1)/4 = 0¢; ask (−1 − 1 − 1)/3 = −1¢ (the empty side left out)', () => {
    expect(h.distanceBidCents).toBeCloseTo(0, 9);
    expect(h.distanceAskCents).toBeCloseTo(-1, 9);
  });

  it('requotes: decisions 4, 5 and 6 changed the targets ⇒ 3 in one hour', () => {
    expect(h.requotes).toBe(3);
    expect(h.requotesPerHour).toBeCloseTo(3, 9);
    // With the decision in force at 12:00 (a different bid), the first decision is a requote too.
    const prev = decision({
      at: '2026-01-03T11:59:50',
      book: book(0.4, 0.5),
      targets: [q('bid', 0.4)],
      runId: R1,
    });
    expect(quoteHealth(decisions, { ...opts, previous: prev }).requotes).toBe(4);
    // A price differing only by a float artifact is the same quote.
    const same = decision({
      at: '2026-01-03T11:59:50',
      targets: [q('ask', 0.49), q('bid', 0.41000000000000003)],
      runId: R1,
    });
    expect(quoteHealth(decisions, { ...opts, previous: same }).requotes).toBe(3);
  });

  it('quoted hours: 5 quoting decisions × 30 s = 150 s; a decision lasts at most 60 s', () => {
    expect(h.quotedHours).toBeCloseTo(150 / 3600, 12);
    // A lone quoting decision at 12:10 followed by silence counts 60 s, not the 50 min to the end.
    const lone = [decision({ at: '2026-01-03T12:10:00', book: book(0.4, 0.5), targets: [q('bid', 0.41)] })];
    expect(quotedHours(lone, opts)).toBeCloseTo(60 / 3600, 12);
    // The previous decision (11:59:30, quoting) covers 12:00:00 → 12:00:30 (its 60 s end).
    const prev = decision({ at: '2026-01-03T11:59:30', book: book(0.4, 0.5), targets: [q('bid', 0.41)] });
    expect(quotedHours(lone, { ...opts, previous: prev })).toBeCloseTo(90 / 3600, 12);
  });

  it('no decisions: shares unknown, nothing quoted', () => {
    expect(quoteHealth([], opts)).toMatchObject({
      decisions: 0,
      quotedPct: null,
      twoSidedPct: null,
      atTouchBidPct: null,
      distanceAskCents: null,
      requotes: 0,
      quotedHours: 0,
    });
  });

  it('system decisions and decisions outside the range are ignored', () => {
    const extra = [
      decision({ market: 'ALL', at: '2026-01-03T12:00:10' }),
      decision({ at: '2026-01-03T13:00:00', book: book(0.4, 0.5), targets: [q('bid', 0.1)] }),
    ];
    expect(quoteHealth([...decisions, ...extra], opts)).toEqual(h);
  });
});

describe('fill rate, contracts per quoted hour, cancel-to-fill', () => {
  const dId = `${R1}:MKT-A:1`;
  const ev = (type: string, at: string, extra: object = {}) =>
    event({ eventType: type, at, botRunId: R1, decisionId: dId, ...extra });
  const events = [
    ev('ORDER_PLACE', '2026-01-03T12:00:00.100Z', { side: 'bid', priceYes: 0.41, size: 10 }),
    ev('ORDER_RESULT', '2026-01-03T12:00:00.300Z', { side: 'bid', status: 'ACCEPTED', orderId: 'o1' }),
    ev('ORDER_PLACE', '2026-01-03T12:00:00.400Z', { side: 'ask', priceYes: 0.49, size: 10 }),
    ev('ORDER_RESULT', '2026-01-03T12:00:00.600Z', { side: 'ask', status: 'ACCEPTED', orderId: 'o2' }),
    ev('ORDER_PLACE', '2026-01-03T12:01:30.100Z', { side: 'bid', priceYes: 0.41, size: 10 }),
    ev('ORDER_RESULT', '2026-01-03T12:01:30.300Z', { side: 'bid', status: 'ACCEPTED', orderId: 'o3' }),
    ev('ORDER_PLACE', '2026-01-03T12:02:00.100Z', { side: 'ask', priceYes: 0.55, size: 5 }),
    ev('ORDER_RESULT', '2026-01-03T12:02:00.300Z', { side: 'ask', status: 'ACCEPTED', orderId: 'o4' }),
    // a rejected placement is not an accepted one
    ev('ORDER_PLACE', '2026-01-03T12:02:00.400Z', { side: 'bid', priceYes: 0.41, size: 5 }),
    ev('ORDER_RESULT', '2026-01-03T12:02:00.500Z', { side: 'bid', status: 'REJECTED' }),
    ev('ORDER_CANCEL', '2026-01-03T12:01:30.050Z', { orderId: 'o2' }),
    ev('ORDER_CANCEL', '2026-01-03T12:02:00.050Z', { orderId: 'o3' }),
    ev('ORDER_CANCEL', '2026-01-03T12:02:30.050Z', { orderId: 'o4' }),
    // a cancel result (no side) is not a placement
    ev('ORDER_RESULT', '2026-01-03T12:02:30.100Z', { orderId: 'o4', status: 'CANCELLED' }),
  ];
  const fills = [
    fill({ side: 'yes', price: 0.41, size: 4, at: '2026-01-03T12:00:40Z' }),
    fill({ side: 'no', price: 0.49, size: 6, at: '2026-01-03T12:01:10Z' }),
  ];

  it('per-market run: 2 fills / 4 accepted = 0.5; 3 cancels / 2 fills = 1.5; 10 contracts / (150/3600 h) = 240', () => {
    const h = quoteHealth(decisions, opts);
    const a = fillActivity(decisions, events, fills, { fromMs: FROM, toMs: TO, quotedHours: h.quotedHours });
    expect(a).toMatchObject({
      fills: 2,
      contracts: 10,
      perMarketFills: 2,
      acceptedPlacements: 4,
      cancels: 3,
    });
    expect(a.fillRate).toBeCloseTo(0.5, 12);
    expect(a.cancelToFill).toBeCloseTo(1.5, 12);
    expect(a.contractsPerQuotedHour).toBeCloseTo(240, 9);
    expect(a.perMarketRuns).toEqual([R1]);
  });

  it('a batch run’s fills count for contracts per quoted hour but not for fill rate or cancel-to-fill', () => {
    // R2 (started 12:30) quotes at 12:30:00 and 12:30:30 and logs no placement: batch.
    const batch = [
      decision({ at: '2026-01-03T12:30:00', book: book(0.4, 0.5), targets: [q('bid', 0.41)], runId: R2 }),
      decision({ at: '2026-01-03T12:30:30', book: book(0.4, 0.5), targets: [q('bid', 0.41)], runId: R2 }),
    ];
    const batchFill = fill({ side: 'yes', price: 0.41, size: 5, at: '2026-01-03T12:30:20Z' });
    const all = [...decisions, ...batch];
    // quoted: 150 s + 30 s (12:30:00 → 12:30:30) + 60 s (12:30:30, then silence) = 240 s
    const hours = quotedHours(all, opts);
    expect(hours).toBeCloseTo(240 / 3600, 12);
    const a = fillActivity(all, events, [...fills, batchFill], {
      fromMs: FROM,
      toMs: TO,
      quotedHours: hours,
    });
    expect(a).toMatchObject({
      fills: 3,
      contracts: 15,
      perMarketFills: 2,
      acceptedPlacements: 4,
      cancels: 3,
    });
    expect(a.fillRate).toBeCloseTo(0.5, 12);
    expect(a.cancelToFill).toBeCloseTo(1.5, 12);
    expect(a.contractsPerQuotedHour).toBeCloseTo(15 / (240 / 3600), 9); // 225
    expect(a.excludedRuns).toEqual([R2]);
  });

  it('only batch runs: no ratio at all, never 0', () => {
    const batchOnly = [
      decision({ at: '2026-01-03T12:30:00', book: book(0.4, 0.5), targets: [q('bid', 0.41)], runId: R2 }),
    ];
    const f = fill({ side: 'yes', price: 0.41, size: 5, at: '2026-01-03T12:30:20Z' });
    const a = fillActivity(batchOnly, [], [f], { fromMs: FROM, toMs: TO, quotedHours: 60 / 3600 });
    expect(a).toMatchObject({ fillRate: null, cancelToFill: null, perMarketFills: 0, fills: 1 });
    expect(a.contractsPerQuotedHour).toBeCloseTo(300, 9);
  });
});
