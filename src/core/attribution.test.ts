import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribution, attributionCents, attributionTimes, dailyAttribution } from './attribution.js';
import { decisionAtFromList } from './mid-at.js';
import { replayFills } from './replay.js';
import { book, decision, fill, ms } from './test-fixtures.js';
import type { Decision, Fill } from './types.js';

const LOOP = 5_000; // ⇒ marks may come from decisions up to 60 s old
const FROM = ms('2026-01-03T00:00:00Z');
const TO = ms('2026-01-03T23:59:59.999Z');

// MKT-A: long 10 @ 0.40 before the range; in the range sells 6 @ 0.50, buys 2 @ 0.45.
const f0 = fill({ side: 'yes', price: 0.4, size: 10, at: '2026-01-02T10:00:00Z', fee: 0.02 });
const f1 = fill({ side: 'no', price: 0.5, size: 6, at: '2026-01-03T12:00:00Z', fee: 0.03 });
const f2 = fill({ side: 'yes', price: 0.45, size: 2, at: '2026-01-03T15:00:00Z', fee: 0.01 });
const decisionsA = [
  decision({ at: '2026-01-02T09:59:30', book: book(0.39, 0.43) }), // mid 0.41 (at f0)
  decision({ at: '2026-01-02T23:59:30', book: book(0.44, 0.48) }), // mid 0.46 (mark at a)
  decision({ at: '2026-01-03T04:59:45', book: book(0.44, 0.48) }), // mid 0.46 (NY midnight)
  decision({ at: '2026-01-03T11:59:50', book: book(0.46, 0.5) }), // mid 0.48 (at f1)
  decision({ at: '2026-01-03T14:59:40', book: book(0.45, 0.49) }), // mid 0.47 (at f2)
  decision({ at: '2026-01-03T23:59:30', book: book(0.4, 0.44) }), // mid 0.42 (mark at b)
];

describe('attribution over [a, b], worked by hand', () => {
  const steps = replayFills([f0, f1, f2]).steps;
  const r = attribution(steps, decisionAtFromList(decisionsA), {
    fromMs: FROM,
    toMs: TO,
    loopIntervalMs: LOOP,
  });
  const a = r.markets[0];

  it('splits the total into spread capture, inventory and fees', () => {
    // unrealizedMid(a): long 10 from 0.40 at mid 0.46 = 0.60
    // f1 sells 6 @ 0.50: closes 6 × (0.50 − 0.40) = 0.60, − fee 0.03 ⇒ realized +0.57; edge −(0.48 − 0.50)·6 = 0.12
    // f2 buys 2 @ 0.45: realized −0.01 (fee); avgBuy (0.40·4 + 0.45·2)/6 = 2.5/6; edge (0.47 − 0.45)·2 = 0.04
    // unrealizedMid(b): 6 × 0.42 − 2.5 = 0.02
    // total = 0.56 + (0.02 − 0.60) = −0.02; spread 0.16; fees 0.04; inventory −0.02 − 0.16 + 0.04 = −0.14
    expect(a?.marketId).toBe('MKT-A');
    expect(a?.realizedUsd).toBeCloseTo(0.56, 12);
    expect(a?.unrealizedStartUsd).toBeCloseTo(0.6, 12);
    expect(a?.unrealizedEndUsd).toBeCloseTo(0.02, 12);
    expect(a?.totalUsd).toBeCloseTo(-0.02, 12);
    expect(a?.spreadCaptureUsd).toBeCloseTo(0.16, 12);
    expect(a?.feesUsd).toBeCloseTo(0.04, 12);
    expect(a?.inventoryUsd).toBeCloseTo(-0.14, 12);
    expect(a).toMatchObject({ netStart: 10, netEnd: 6, fills: 2, fillsWithoutMid: 0 });
    expect(attributionCents(a ?? r.all)).toEqual({
      totalCents: -2,
      spreadCaptureCents: 16,
      feesCents: 4,
      inventoryCents: -14,
    });
  });

  it('a stale mark with a position held makes total and inventory unknown, not guessed', () => {
    // Without the 23:59:30 decision the one in force at b is 14:59:40's: 9 h old.
    const r2 = attribution(steps, decisionAtFromList(decisionsA.slice(0, 5)), {
      fromMs: FROM,
      toMs: TO,
      loopIntervalMs: LOOP,
    });
    expect(r2.markets[0]).toMatchObject({ totalUsd: null, inventoryUsd: null, unrealizedEndUsd: null });
    expect(r2.markets[0]?.spreadCaptureUsd).toBeCloseTo(0.16, 12);
    expect(r2.all).toMatchObject({ markets: 0, unknownMarkets: ['MKT-A'], totalUsd: 0 });
  });

  it('flat at both ends needs no mark; fills without mid add no spread capture (it lands in inventory)', () => {
    // MKT-B, no decision at all: buy 5 @ 0.30, sell 5 @ 0.34, no fees ⇒ total = realized = 0.20
    const b1 = fill({
      market: 'MKT-B',
      side: 'yes',
      price: 0.3,
      size: 5,
      at: '2026-01-03T09:00:00Z',
      fee: 0,
    });
    const b2 = fill({
      market: 'MKT-B',
      side: 'no',
      price: 0.34,
      size: 5,
      at: '2026-01-03T10:00:00Z',
      fee: 0,
    });
    const all = attribution(replayFills([f0, f1, f2, b1, b2]).steps, decisionAtFromList(decisionsA), {
      fromMs: FROM,
      toMs: TO,
      loopIntervalMs: LOOP,
    });
    const b = all.markets.find((m) => m.marketId === 'MKT-B');
    expect(b?.totalUsd).toBeCloseTo(0.2, 12);
    expect(b).toMatchObject({ spreadCaptureUsd: 0, fillsWithoutMid: 2, netStart: 0, netEnd: 0 });
    expect(b?.inventoryUsd).toBeCloseTo(0.2, 12);
    // All markets: total −0.02 + 0.20 = 0.18; spread 0.16; fees 0.04; inventory −0.14 + 0.20 = 0.06
    expect(all.all.markets).toBe(2);
    expect(all.all.totalUsd).toBeCloseTo(0.18, 12);
    expect(all.all.spreadCaptureUsd).toBeCloseTo(0.16, 12);
    expect(all.all.inventoryUsd).toBeCloseTo(0.06, 12);
  });

  it('a fill exactly at a or b is in the range; markets neither holding nor filling are left out', () => {
    const atA = fill({
      market: 'MKT-C',
      side: 'yes',
      price: 0.2,
      size: 1,
      at: '2026-01-03T00:00:00Z',
      fee: 0,
    });
    const atB = fill({
      market: 'MKT-C',
      side: 'no',
      price: 0.25,
      size: 1,
      at: '2026-01-03T23:59:59.999Z',
      fee: 0,
    });
    const old = fill({
      market: 'MKT-D',
      side: 'yes',
      price: 0.2,
      size: 1,
      at: '2026-01-01T00:00:00Z',
      fee: 0,
    });
    const oldClose = fill({
      market: 'MKT-D',
      side: 'no',
      price: 0.2,
      size: 1,
      at: '2026-01-01T01:00:00Z',
      fee: 0,
    });
    const r3 = attribution(replayFills([atA, atB, old, oldClose]).steps, decisionAtFromList([]), {
      fromMs: FROM,
      toMs: TO,
      loopIntervalMs: LOOP,
    });
    expect(r3.markets.map((m) => m.marketId)).toEqual(['MKT-C']);
    expect(r3.markets[0]?.fills).toBe(2);
    expect(r3.markets[0]?.totalUsd).toBeCloseTo(0.05, 12);
  });

  it('attributionTimes lists fill times in range and the marks where a position is held', () => {
    const times = attributionTimes(steps, { fromMs: FROM, toMs: TO });
    expect(times.get('MKT-A')).toEqual([FROM, f1.fillTimeMs, f2.fillTimeMs, TO]);
  });
});

describe('daily attribution', () => {
  const steps = replayFills([f0, f1, f2]).steps;
  const lookup = decisionAtFromList(decisionsA);

  it('UTC days of 2026-01-02..03: day 1 opens the long, day 2 is the range above; the days add up', () => {
    const from = ms('2026-01-02T00:00:00Z');
    const days = dailyAttribution(steps, lookup, { fromMs: from, toMs: TO, loopIntervalMs: LOOP, tz: 'UTC' });
    expect(days.map((d) => d.date)).toEqual(['2026-01-02', '2026-01-03']);
    // Day 1: f0 realized −0.02 (fee), edge (0.41 − 0.40)·10 = 0.10; flat at the start;
    // end mark at 2026-01-03T00:00 mid 0.46 ⇒ unrealized 0.60. total 0.58, inventory 0.58 − 0.10 + 0.02 = 0.50
    const d1 = days[0]?.all;
    expect(d1?.totalUsd).toBeCloseTo(0.58, 12);
    expect(d1?.spreadCaptureUsd).toBeCloseTo(0.1, 12);
    expect(d1?.feesUsd).toBeCloseTo(0.02, 12);
    expect(d1?.inventoryUsd).toBeCloseTo(0.5, 12);
    expect(days[1]?.all.totalUsd).toBeCloseTo(-0.02, 12);
    // Range: realized 0.54 + (0.02 − 0) = 0.56 = 0.58 − 0.02
    const whole = attribution(steps, lookup, { fromMs: from, toMs: TO, loopIntervalMs: LOOP });
    expect(whole.all.totalUsd).toBeCloseTo(0.56, 12);
  });

  it('New York days cut at 05:00 UTC and still add up to the range', () => {
    const days = dailyAttribution(steps, lookup, {
      fromMs: FROM,
      toMs: TO,
      loopIntervalMs: LOOP,
      tz: 'America/New_York',
    });
    expect(days.map((d) => d.date)).toEqual(['2026-01-02', '2026-01-03']);
    // 00:00–05:00 UTC: no fills, long 10 marked 0.46 at both ends ⇒ 0
    expect(days[0]?.all.totalUsd).toBeCloseTo(0, 12);
    expect((days[0]?.all.totalUsd ?? NaN) + (days[1]?.all.totalUsd ?? NaN)).toBeCloseTo(-0.02, 12);
    expect(
      attributionTimes(steps, { fromMs: FROM, toMs: TO, tz: 'America/New_York' }).get('MKT-A'),
    ).toContain(ms('2026-01-03T05:00:00Z'));
  });
});

describe('attribution identity (property)', () => {
  const T0 = ms('2026-01-01T00:00:00Z');
  const SPAN = 4 * 86_400_000;
  const cents = fc.integer({ min: 1, max: 99 }).map((c) => c / 100);
  const fillArb = fc.record({
    market: fc.constantFrom('A', 'B'),
    side: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
    price: cents,
    size: fc.integer({ min: 1, max: 40 }),
    t: fc.integer({ min: 0, max: SPAN }),
    fee: fc.option(
      fc.integer({ min: 0, max: 200 }).map((x) => x / 10_000),
      { nil: undefined },
    ),
  });
  const decisionArb = fc.record({
    market: fc.constantFrom('A', 'B'),
    bid: fc.integer({ min: 0, max: 98 }),
    width: fc.integer({ min: 1, max: 20 }),
    t: fc.integer({ min: 0, max: SPAN }),
  });
  const iso = (t: number) => new Date(T0 + t).toISOString();

  it('total = spreadCapture + inventory − fees, to the cent as shown, and the days add up to the range', () => {
    let checkedDays = 0; // the property must not pass vacuously (every mark unknown)
    fc.assert(
      fc.property(
        fc.array(fillArb, { maxLength: 40 }),
        fc.array(decisionArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: SPAN }),
        fc.integer({ min: 0, max: SPAN }),
        fc.constantFrom('UTC', 'America/New_York', 'Asia/Kathmandu'),
        (fs, ds, x, y, tz) => {
          const fills: Fill[] = fs.map((f) =>
            fill({ market: f.market, side: f.side, price: f.price, size: f.size, at: iso(f.t), fee: f.fee }),
          );
          const decisions: Decision[] = ds.map((d) =>
            decision({
              market: d.market,
              at: iso(d.t).slice(0, -1),
              book: book(d.bid / 100 || null, Math.min(d.bid + d.width, 100) / 100),
            }),
          );
          // A long loop interval (⇒ 3-day staleness bound) keeps most marks known.
          const opts = { fromMs: T0 + Math.min(x, y), toMs: T0 + Math.max(x, y), loopIntervalMs: 86_400_000 };
          const steps = replayFills(fills).steps;
          const lookup = decisionAtFromList(decisions);
          const r = attribution(steps, lookup, opts);
          for (const m of [...r.markets, r.all]) {
            if (m.totalUsd === null || m.inventoryUsd === null) continue;
            expect(m.spreadCaptureUsd + m.inventoryUsd - m.feesUsd).toBeCloseTo(m.totalUsd, 9);
            const c = attributionCents(m);
            expect(c && c.spreadCaptureCents + c.inventoryCents - c.feesCents).toBe(c?.totalCents);
            expect(c && Math.abs(c.inventoryCents - m.inventoryUsd * 100)).toBeLessThanOrEqual(2);
          }
          // The days add up to the range, market by market, wherever every mark is known.
          const days = dailyAttribution(steps, lookup, { ...opts, tz });
          for (const m of r.markets) {
            const parts = days.map((d) => d.markets.find((x) => x.marketId === m.marketId));
            if (m.totalUsd === null || parts.some((p) => p !== undefined && p.totalUsd === null)) continue;
            const sum = (k: 'totalUsd' | 'spreadCaptureUsd' | 'feesUsd') =>
              parts.reduce((s, p) => s + (p?.[k] ?? 0), 0);
            expect(sum('totalUsd')).toBeCloseTo(m.totalUsd, 9);
            expect(sum('spreadCaptureUsd')).toBeCloseTo(m.spreadCaptureUsd, 9);
            expect(sum('feesUsd')).toBeCloseTo(m.feesUsd, 9);
            if (m.fills > 0 && m.netEnd !== 0) checkedDays++;
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(checkedDays).toBeGreaterThan(30);
  });
});
