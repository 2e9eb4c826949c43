import { describe, expect, it } from 'vitest';
import { decisionAtFromList, decisionAtFromMaps, midAt, midMaxAgeMs } from './mid-at.js';
import { fillMarkouts, markoutSummary, markoutTimes, markValue, type FillMarkout } from './markouts.js';
import { book, decision, fill, ms } from './test-fixtures.js';

// Loop interval 5 s ⇒ the decision in force may be up to max(60 s, 15 s) = 60 s old.
const LOOP = 5_000;
const NOW = ms('2026-01-05T00:00:00Z');

// The book of market MKT-A (mid = (bid + ask)/2 where no stored mid, as the bot writes it).
const decisions = [
  decision({ at: '2026-01-03T11:59:58', book: book(0.4, 0.44) }), // mid 0.42
  decision({ at: '2026-01-03T12:00:04', book: book(0.41, 0.45) }), // mid 0.43
  decision({ at: '2026-01-03T12:00:29', book: book(0.36, 0.4) }), // mid 0.38
  decision({ at: '2026-01-03T12:04:00', book: book(0.3, 0.34) }), // mid 0.32
  decision({ at: '2026-01-03T12:59:30', book: book(0.48, 0.52) }), // mid 0.50
  decision({ at: '2026-01-03T16:00:00', book: book(0.48, 0.52) }), // mid 0.50, the last one
];
const lookup = decisionAtFromList(decisions);

// Bought 10 YES at 0.40, then sold 5 YES at 0.45.
const buy = fill({ side: 'yes', price: 0.4, size: 10, at: '2026-01-03T12:00:00Z' });
const sell = fill({ side: 'no', price: 0.45, size: 5, at: '2026-01-03T12:00:10Z' });

function cents(r: FillMarkout, h: keyof FillMarkout['markouts']): number | null {
  return r.markouts[h]?.perContractCents ?? null;
}

describe('mid(t)', () => {
  it('is max(60 s, 3 × loop interval) old at most', () => {
    expect(midMaxAgeMs(5_000)).toBe(60_000);
    expect(midMaxAgeMs(30_000)).toBe(90_000);
  });

  it('uses the newest decision at or before t; exactly 60 s old is still known, 60.001 s is not', () => {
    const at = (iso: string) => midAt(lookup, 'MKT-A', ms(iso), 60_000);
    expect(at('2026-01-03T12:00:04Z').midYes).toBeCloseTo(0.43, 12); // decided at that very ms
    expect(at('2026-01-03T12:05:00Z').midYes).toBeCloseTo(0.32, 12); // 12:04:00, exactly 60 s
    expect(at('2026-01-03T12:05:00.001Z')).toEqual({
      midYes: null,
      decisionAtMs: ms('2026-01-03T12:04:00Z'),
      unknown: 'stale',
    });
    expect(at('2026-01-03T11:00:00Z').unknown).toBe('no_decision');
  });

  it('prefers the stored mid, skips system decisions, and says when a time was not read', () => {
    const withStored = { ...book(0.4, 0.44), midStored: 0.425 };
    const l = decisionAtFromList([
      decision({ at: '2026-01-03T12:00:00', book: withStored }),
      decision({ market: 'ALL', at: '2026-01-03T12:00:01' }),
    ]);
    expect(midAt(l, 'MKT-A', ms('2026-01-03T12:00:02Z'), 60_000).midYes).toBe(0.425);
    expect(midAt(l, 'ALL', ms('2026-01-03T12:00:02Z'), 60_000).unknown).toBe('no_decision');
    const noBook = decisionAtFromList([decision({ at: '2026-01-03T12:00:00' })]);
    expect(midAt(noBook, 'MKT-A', ms('2026-01-03T12:00:02Z'), 60_000).unknown).toBe('no_book');
    const empty = decisionAtFromMaps(new Map());
    expect(midAt(empty, 'MKT-A', 0, 60_000).unknown).toBe('not_read');
  });
});

describe('edge at fill and markouts per fill', () => {
  const [b, s] = fillMarkouts([sell, buy], lookup, { nowMs: NOW, loopIntervalMs: LOOP }) as [
    FillMarkout,
    FillMarkout,
  ];

  it('buy 10 @ 0.40: edge +(0.42 − 0.40)·10 = $0.20 = 2¢/contract', () => {
    expect(b.fill).toBe(buy); // replay order: the buy first
    expect(b.midAtFillYes).toBeCloseTo(0.42, 12);
    expect(b.edge?.usd).toBeCloseTo(0.2, 12);
    expect(b.edge?.perContractCents).toBeCloseTo(2, 9);
  });

  it('buy: markouts follow mid(t + h) and vanish where the decision in force is stale', () => {
    // 12:00:05 → 12:00:04 mid 0.43: +3¢ ($0.30)
    expect(b.markouts['5s']?.usd).toBeCloseTo(0.3, 12);
    expect(cents(b, '5s')).toBeCloseTo(3, 9);
    // 12:00:30 and 12:01:00 → 12:00:29 (1 s and 31 s old) mid 0.38: −2¢ ($−0.20)
    expect(cents(b, '30s')).toBeCloseTo(-2, 9);
    expect(cents(b, '1m')).toBeCloseTo(-2, 9);
    // 12:05:00 → 12:04:00 (exactly 60 s) mid 0.32: −8¢ ($−0.80)
    expect(b.markouts['5m']?.usd).toBeCloseTo(-0.8, 12);
    // 12:30:00 → 12:04:00 is 26 min old: unknown
    expect(b.markouts['30m']).toBeNull();
    // 13:00:00 → 12:59:30 mid 0.50: +10¢ ($1.00); 16:00:00 → 16:00:00 itself: +10¢
    expect(b.markouts['1h']?.usd).toBeCloseTo(1, 12);
    expect(cents(b, '4h')).toBeCloseTo(10, 9);
    // next day 12:00 → 16:00:00 is 20 h old: unknown
    expect(b.markouts['1d']).toBeNull();
  });

  it('sell 5 @ 0.45: s = −1, so a mid below our price is good for us', () => {
    // edge −(0.43 − 0.45)·5 = +$0.10 = 2¢
    expect(s.edge?.usd).toBeCloseTo(0.1, 12);
    expect(s.edge?.perContractCents).toBeCloseTo(2, 9);
    expect(cents(s, '5s')).toBeCloseTo(2, 9); // 12:00:15 → 0.43
    expect(s.markouts['30s']?.usd).toBeCloseTo(0.35, 12); // 12:00:40 → 0.38: −(0.38 − 0.45)·5
    expect(cents(s, '1m')).toBeCloseTo(7, 9); // 12:01:10 → 12:00:29, 41 s old
    expect(s.markouts['5m']).toBeNull(); // 12:05:10 → 12:04:00 is 70 s old
    expect(s.markouts['1h']?.usd).toBeCloseTo(-0.25, 12); // 13:00:10 → 0.50: −(0.50 − 0.45)·5
    expect(cents(s, '4h')).toBeCloseTo(-5, 9);
  });

  it('a horizon after now has no markout, even when a later decision is at hand', () => {
    const now = ms('2026-01-03T12:00:40Z');
    const [b2, s2] = fillMarkouts([buy, sell], lookup, { nowMs: now, loopIntervalMs: LOOP }) as [
      FillMarkout,
      FillMarkout,
    ];
    expect(cents(b2, '30s')).toBeCloseTo(-2, 9); // 12:00:30 ≤ now
    expect(b2.markouts['1m']).toBeNull(); // 12:01:00 > now
    expect(cents(s2, '30s')).toBeCloseTo(7, 9); // 12:00:40 = now: included
    expect(s2.markouts['1m']).toBeNull();
    expect(markoutTimes([buy], now).get('MKT-A')).toEqual([
      ms('2026-01-03T12:00:00Z'),
      ms('2026-01-03T12:00:05Z'),
      ms('2026-01-03T12:00:30Z'),
    ]);
  });

  it('no decisions at all: every edge and markout unknown', () => {
    const [r] = fillMarkouts([buy], decisionAtFromList([]), { nowMs: NOW, loopIntervalMs: LOOP });
    expect(r?.edge).toBeNull();
    expect(r?.midAtFillUnknown).toBe('no_decision');
    expect(Object.values(r?.markouts ?? {}).every((m) => m === null)).toBe(true);
    expect(
      markoutSummary(r ? [r] : []).horizons.every((h) => h.count === 0 && h.perContractCents === null),
    ).toBe(true);
  });

  it('a longer loop interval widens the staleness bound: 12:05:10 with a 30 s loop (90 s bound)', () => {
    const [, s3] = fillMarkouts([buy, sell], lookup, { nowMs: NOW, loopIntervalMs: 30_000 });
    expect(cents(s3 as FillMarkout, '5m')).toBeCloseTo(13, 9); // −(0.32 − 0.45)·100 = 13¢
  });

  it('markValue per contract is in cents, the dollar figure scales with size', () => {
    expect(markValue({ side: 'no', priceYes: 0.6, size: 3 }, 0.55)).toEqual({
      usd: expect.closeTo(0.15, 12) as number,
      perContractCents: expect.closeTo(5, 9) as number,
    });
  });
});

describe('markout summary (Σ markout / Σ size over 15 contracts)', () => {
  const rows = fillMarkouts([buy, sell], lookup, { nowMs: NOW, loopIntervalMs: LOOP });
  const sum = markoutSummary(rows);
  const at = (h: string) => sum.horizons.find((x) => x.h === h);

  it('edge: ($0.20 + $0.10) / 15 = 2¢ per contract', () => {
    expect(sum.edge).toMatchObject({ count: 2, contracts: 15 });
    expect(sum.edge.perContractCents).toBeCloseTo(2, 9);
  });

  it('curve with counts, and adverse selection = edge − markout per contract', () => {
    expect(sum.horizons.map((x) => x.h)).toEqual(['5s', '30s', '1m', '5m', '30m', '1h', '4h', '1d']);
    // 5s: (0.30 + 0.10)/15 = 2.667¢; adverse (0.30 − 0.40)/15 = −0.667¢ (the mid moved our way)
    expect(at('5s')).toMatchObject({ count: 2, contracts: 15, adverseCount: 2 });
    expect(at('5s')?.perContractCents).toBeCloseTo(40 / 15, 9);
    expect(at('5s')?.adverseCents).toBeCloseTo(-10 / 15, 9);
    // 30s: (−0.20 + 0.35)/15 = 1¢; adverse (0.30 − 0.15)/15 = 1¢
    expect(at('30s')?.perContractCents).toBeCloseTo(1, 9);
    expect(at('30s')?.adverseCents).toBeCloseTo(1, 9);
    // 5m: only the buy: −0.80/10 = −8¢; adverse (0.20 + 0.80)/10 = 10¢ (the mid ran 10¢ against us)
    expect(at('5m')).toMatchObject({ count: 1, contracts: 10 });
    expect(at('5m')?.perContractCents).toBeCloseTo(-8, 9);
    expect(at('5m')?.adverseCents).toBeCloseTo(10, 9);
    // 30m: nothing known
    expect(at('30m')).toMatchObject({ count: 0, perContractCents: null, adverseCents: null });
    // 1h: (1.00 − 0.25)/15 = 5¢; adverse (0.30 − 0.75)/15 = −3¢
    expect(at('1h')?.perContractCents).toBeCloseTo(5, 9);
    expect(at('1h')?.adverseCents).toBeCloseTo(-3, 9);
    expect(at('1d')?.count).toBe(0);
  });

  it('a fill without mid at fill counts for the markout but not for adverse selection', () => {
    // Bought 2 @ 0.30 at 12:00:00.500 on a market whose first decision is 12:00:02 (mid 0.34).
    const l = decisionAtFromList([
      decision({ market: 'MKT-B', at: '2026-01-03T12:00:02', book: book(0.32, 0.36) }),
    ]);
    const f = fill({ market: 'MKT-B', side: 'yes', price: 0.3, size: 2, at: '2026-01-03T12:00:00.500Z' });
    const h5 = markoutSummary(fillMarkouts([f], l, { nowMs: NOW, loopIntervalMs: LOOP })).horizons[0];
    expect(h5).toMatchObject({ count: 1, contracts: 2, adverseCount: 0, adverseCents: null });
    expect(h5?.perContractCents).toBeCloseTo(4, 9); // (0.34 − 0.30)·100
  });
});
