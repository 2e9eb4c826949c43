import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fee } from './fees.js';
import { pnlSources } from './pnl-sources.js';
import { fill, position } from './test-fixtures.js';
import type { Fill, PositionsState } from './types.js';

const withPnl = (f: Fill, pnl: number | null): Fill => ({ ...f, pnlRealizedUsd: pnl });
const positions = (...ps: ReturnType<typeof position>[]): PositionsState => ({
  positions: new Map(ps.map((p) => [p.marketId, p])),
});
const row = (rows: ReturnType<typeof pnlSources>, id: string) => rows.find((r) => r.marketId === id);

// Market T, today, current fee formula, pnl_realized as the bot stores it:
//   buy 10 @0.40: fee 0.0175·10·0.4·0.6 = 0.042    ⇒ pnl_realized −0.042
//   sell 10 @0.50: fee 0.0175·10·0.5·0.5 = 0.04375 ⇒ pnl_realized 10·(0.50 − 0.40) − 0.04375 = 0.95625
// Replay 0.91425 = Σ pnl_realized = the bot's realized_pnl. (0.95625 is 0.956249… in binary: $0.9562.)
const buyToday = fill({
  market: 'T',
  side: 'yes',
  price: 0.4,
  size: 10,
  at: '2026-01-03T10:00:00Z',
  fee: fee(0.4, 10),
});
const sellToday = fill({
  market: 'T',
  side: 'no',
  price: 0.5,
  size: 10,
  at: '2026-01-03T11:00:00Z',
  fee: fee(0.5, 10),
});
const T_REALIZED = 10 * (0.5 - 0.4) - 0.042 - 0.04375;

describe('P&L sources: only reasons the data shows, each with its count', () => {
  it('gives no reason at all when every source agrees (fills of today, no pre-fee era)', () => {
    const rows = pnlSources(
      [withPnl(buyToday, -0.042), withPnl(sellToday, 10 * (0.5 - 0.4) - 0.04375)],
      positions(position('T', 0, 0.4, 0.5, T_REALIZED)),
    );
    const t = row(rows, 'T');
    expect(t?.replayed).toBeCloseTo(0.91425, 12);
    expect(t?.storedPnlRealizedSum).toBeCloseTo(0.91425, 12);
    expect(t?.explanations).toEqual([]);
    expect(t?.findings).toEqual({
      backfilledZero: 0,
      preFeeEra: 0,
      missingPnlRealized: 0,
      otherStoredDiff: 0,
      feeNotFormula: 0,
    });
  });

  it('counts startup-backfilled fills that store pnl_realized 0, and cites no pre-fee era for fills of today', () => {
    // The sell was backfilled at startup: pnl_realized 0, its change 0.95625 is still replayed.
    const rows = pnlSources(
      [withPnl(buyToday, -0.042), { ...withPnl(sellToday, 0), reconciledAtStartup: true }],
      positions(position('T', 0, 0.4, 0.5, T_REALIZED)),
    );
    const t = row(rows, 'T');
    expect(t?.replayed).toBeCloseTo(0.91425, 12); // Σ stored would be −0.042
    expect(t?.findings).toMatchObject({ backfilledZero: 1, preFeeEra: 0, otherStoredDiff: 0 });
    expect(t?.explanations).toEqual([
      'Σ pnl_realized differs from the replay: 1 startup-backfilled fill(s) store pnl_realized 0 (their replayed change +$0.9562 is real)',
    ]);
    expect(t?.explanations.join(' ')).not.toContain('2025-12-26');
  });

  it('cites the pre-fee era only for fills before it, with their count and the fees left out', () => {
    // 2025-12-20, Kalshi fee 0.01 per fill stored, pnl_realized without fees:
    //   buy 10 @0.40: pnl 0 (replay −0.01); sell 10 @0.50: pnl 1.00 (replay 0.99). Σ stored 1.00,
    //   replay 0.98. The bot (formula fees 0.042 + 0.04375) holds 0.91425.
    const rows = pnlSources(
      [
        withPnl(
          fill({ market: 'P', side: 'yes', price: 0.4, size: 10, at: '2025-12-20T10:00:00Z', fee: 0.01 }),
          0,
        ),
        withPnl(
          fill({ market: 'P', side: 'no', price: 0.5, size: 10, at: '2025-12-20T11:00:00Z', fee: 0.01 }),
          10 * (0.5 - 0.4),
        ),
      ],
      positions(position('P', 0, 0.4, 0.5, T_REALIZED)),
    );
    const p = row(rows, 'P');
    expect(p?.replayed).toBeCloseTo(0.98, 12);
    expect(p?.findings).toMatchObject({ preFeeEra: 2, backfilledZero: 0, feeNotFormula: 2 });
    expect(p?.explanations).toEqual([
      // Σ stored − formula = 0.02 − 0.08575 = −0.06575; with the formula the replay is 0.91425.
      'fee regimes: 2 fill(s) store a fee other than today’s formula (Σ stored − formula -$0.0658); with the formula fee on every fill the replay matches the bot',
      'Σ pnl_realized differs from the replay: 2 fill(s) before 2025-12-26 23:48 UTC stored pnl_realized without fees (+$0.0200)',
    ]);
  });

  it('is silent about the zero entry the bot creates on first touch; states a non-zero entry without fills as such', () => {
    const rows = pnlSources([], positions(position('Z', 0, 0, 0, 0), position('D', -7, 0, 0.9, -1.5)));
    expect(row(rows, 'Z')?.explanations).toEqual([]);
    expect(row(rows, 'D')?.explanations).toEqual([
      'the bot’s positions entry (net -7, realized_pnl -$1.5000) has no fill in the trade log behind it',
    ]);
    expect(rows.flatMap((r) => r.explanations).join(' ')).not.toContain('predates');
  });

  it('counts other fills whose stored pnl_realized differs, and fills with none', () => {
    // The sell stores 0 without being backfilled (after the fee era); the buy stores nothing.
    const rows = pnlSources(
      [withPnl(buyToday, null), withPnl(sellToday, 0)],
      positions(position('T', 0, 0.4, 0.5, T_REALIZED)),
    );
    expect(row(rows, 'T')?.findings).toMatchObject({
      otherStoredDiff: 1,
      missingPnlRealized: 1,
      backfilledZero: 0,
    });
    expect(row(rows, 'T')?.explanations).toEqual([
      'Σ pnl_realized differs from the replay: 1 fill(s) store no pnl_realized (+$0.0420); 1 other fill(s) store a pnl_realized that differs from the replay’s change (Σ stored − replay -$0.9562)',
    ]);
  });

  it('says a market of the trade log has no positions entry only when the item exists', () => {
    const fills = [withPnl(buyToday, -0.042)];
    expect(row(pnlSources(fills, positions()), 'T')?.explanations).toEqual([
      '1 fill(s) in the trade log, no entry in the bot’s positions item (the bot rebuilds it from the Kalshi account at every start)',
    ]);
    expect(row(pnlSources(fills, null), 'T')?.explanations).toEqual([]);
  });
});

describe('P&L sources: each difference stated with its numbers and its sign', () => {
  it('says the fills differ when the bot holds another net than the log replays to', () => {
    // Market T: the log has only the buy 10 @0.40 (fee 0.042, pnl_realized −0.042): replay net 10,
    // realized −0.042. The bot also sold 6 @0.50 that the log lacks:
    //   bot realized = −0.042 + 6·(0.50 − 0.40) − fee(0.50, 6) = −0.042 + 0.60 − 0.02625 = 0.53175, net 4.
    // realizedDiff = replay − bot = −0.042 − 0.53175 = −0.57375; positionDrift = bot − replay = 4 − 10 = −6.
    const rows = pnlSources(
      [withPnl(buyToday, -0.042)],
      positions(position('T', 4, 0.4, 0.5, -0.042 + 6 * (0.5 - 0.4) - fee(0.5, 6))),
    );
    const t = row(rows, 'T');
    expect(t?.replayed).toBeCloseTo(-0.042, 10);
    expect(t?.replayedFormulaFees).toBeCloseTo(-0.042, 10);
    expect(t?.botRealized).toBeCloseTo(0.53175, 10);
    expect(t?.realizedDiff).toBeCloseTo(-0.57375, 10);
    expect(t?.replayedNet).toBe(10);
    expect(t?.botNet).toBe(4);
    expect(t?.positionDrift).toBe(-6);
    expect(t?.explanations).toEqual([
      'fills differ: the bot holds 4 where the log replays to 10 (fills outside the trade log, or missing from it)',
    ]);
  });

  it('calls a realized gap with equal nets, formula fees everywhere and no fill finding unexplained', () => {
    // Round trip of T (replay 0.91425, Σ stored 0.91425, net 0); the bot says net 0, realized 1.00.
    // realizedDiff = 0.91425 − 1.00 = −0.08575 (≥ half a cent); positionDrift = 0 − 0 = 0.
    const rows = pnlSources(
      [withPnl(buyToday, -0.042), withPnl(sellToday, 10 * (0.5 - 0.4) - 0.04375)],
      positions(position('T', 0, 0.4, 0.5, 1)),
    );
    const t = row(rows, 'T');
    expect(t?.realizedDiff).toBeCloseTo(-0.08575, 10);
    expect(t?.positionDrift).toBe(0);
    expect(t?.findings.feeNotFormula).toBe(0);
    expect(t?.explanations).toEqual(['unexplained: compare fill by fill']);
  });

  it('reports the formula-fee replay beside the stored-fee one (pre-fee era fills)', () => {
    // 2025-12-20, stored fee 0.01 per fill, pnl_realized without fees:
    //   stored-fee replay: 10·(0.50 − 0.40) − 0.01 − 0.01 = 0.98
    //   formula replay:    1.00 − 0.042 − 0.04375 = 0.91425 (= the bot's realized_pnl)
    //   Σ stored 0 + 1.00 = 1.00; realizedDiff = 0.98 − 0.91425 = +0.06575; nets 0 and 0.
    const rows = pnlSources(
      [
        withPnl(
          fill({ market: 'P', side: 'yes', price: 0.4, size: 10, at: '2025-12-20T10:00:00Z', fee: 0.01 }),
          0,
        ),
        withPnl(
          fill({ market: 'P', side: 'no', price: 0.5, size: 10, at: '2025-12-20T11:00:00Z', fee: 0.01 }),
          10 * (0.5 - 0.4),
        ),
      ],
      positions(position('P', 0, 0.4, 0.5, T_REALIZED)),
    );
    const p = row(rows, 'P');
    expect(p?.replayed).toBeCloseTo(0.98, 10);
    expect(p?.replayedFormulaFees).toBeCloseTo(0.91425, 10);
    expect(p?.botRealized).toBeCloseTo(0.91425, 10);
    expect(p?.storedPnlRealizedSum).toBeCloseTo(1, 10);
    expect(p?.realizedDiff).toBeCloseTo(0.06575, 10);
    expect(p?.positionDrift).toBe(0);
    expect(p?.fills).toBe(2);
    expect(p?.backfilledFills).toBe(0);
  });

  it('counts every startup-backfilled fill, not only those storing 0', () => {
    // Market B today: buy 10 @0.40 live (pnl −0.042); two sells of 5 @0.50 backfilled at startup,
    // each with change 5·(0.50 − 0.40) − fee(0.50, 5) = 0.50 − 0.021875 = 0.478125; one stores it,
    // one stores 0. Replay = −0.042 + 2·0.478125 = 0.91425 = the bot; Σ stored = 0.436125.
    const b = (spec: Parameters<typeof fill>[0]): Fill => fill({ ...spec, market: 'B' });
    const change = 5 * (0.5 - 0.4) - fee(0.5, 5);
    const rows = pnlSources(
      [
        withPnl(
          b({ side: 'yes', price: 0.4, size: 10, at: '2026-01-03T10:00:00Z', fee: fee(0.4, 10) }),
          -0.042,
        ),
        withPnl(
          b({
            side: 'no',
            price: 0.5,
            size: 5,
            at: '2026-01-03T11:00:00Z',
            fee: fee(0.5, 5),
            reconciledAtStartup: true,
          }),
          change,
        ),
        withPnl(
          b({
            side: 'no',
            price: 0.5,
            size: 5,
            at: '2026-01-03T12:00:00Z',
            fee: fee(0.5, 5),
            reconciledAtStartup: true,
          }),
          0,
        ),
      ],
      positions(position('B', 0, 0.4, 0.5, T_REALIZED)),
    );
    const r = row(rows, 'B');
    expect(r?.fills).toBe(3);
    expect(r?.backfilledFills).toBe(2);
    expect(r?.findings.backfilledZero).toBe(1);
    expect(r?.replayed).toBeCloseTo(0.91425, 10);
    expect(r?.storedPnlRealizedSum).toBeCloseTo(0.436125, 10);
    expect(r?.realizedDiff).toBeCloseTo(0, 10);
    expect(r?.positionDrift).toBe(0);
    // 0.478125 is 0.47812499… in binary: shown as $0.4781.
    expect(r?.explanations).toEqual([
      'Σ pnl_realized differs from the replay: 1 startup-backfilled fill(s) store pnl_realized 0 (their replayed change +$0.4781 is real)',
    ]);
  });

  it('says no single fill differs when only the per-fill noise adds up past half a cent', () => {
    // 6000 buys of 1 @0.50, fee 0.0175·1·0.5·0.5 = 0.004375 each (change −0.004375); each stores
    // −0.004375 + 0.0000009 (below the 1e-6 per-fill noise). Replay −26.25; Σ stored
    // −26.25 + 6000·0.0000009 = −26.2446: $0.0054 apart, no fill to blame.
    const t0 = Date.UTC(2026, 0, 3);
    const fills = Array.from({ length: 6000 }, (_, i) =>
      withPnl(
        fill({
          market: 'N',
          side: 'yes',
          price: 0.5,
          size: 1,
          at: new Date(t0 + i * 1000).toISOString(),
          fee: fee(0.5, 1),
        }),
        -0.004375 + 9e-7,
      ),
    );
    const n = row(pnlSources(fills, null), 'N');
    expect(n?.replayed).toBeCloseTo(-26.25, 8);
    expect(n?.storedPnlRealizedSum).toBeCloseTo(-26.2446, 8);
    expect(n?.findings).toEqual({
      backfilledZero: 0,
      preFeeEra: 0,
      missingPnlRealized: 0,
      otherStoredDiff: 0,
      feeNotFormula: 0,
    });
    expect(n?.explanations).toEqual([
      'Σ pnl_realized differs from the replay: no single fill differs: compare fill by fill',
    ]);
  });
});

describe('P&L sources: properties', () => {
  const MARKETS = ['A', 'B'];
  const fillArb = fc.record({
    market: fc.constantFrom(...MARKETS),
    side: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
    price: fc.integer({ min: 1, max: 99 }).map((c) => c / 100),
    size: fc.integer({ min: 1, max: 40 }),
    minute: fc.integer({ min: 0, max: 100_000 }),
    fee: fc.option(fc.integer({ min: 0, max: 200 }).map((x) => x / 10_000)),
    pnl: fc.option(fc.integer({ min: -500, max: 500 }).map((x) => x / 100)),
    backfilled: fc.boolean(),
  });
  const botArb = fc.option(
    fc.record({
      net: fc.integer({ min: -50, max: 50 }),
      realized: fc.integer({ min: -1000, max: 1000 }).map((x) => x / 100),
    }),
  );
  type FillSpec = typeof fillArb extends fc.Arbitrary<infer T> ? T : never;
  const build = (specs: readonly FillSpec[]): Fill[] =>
    specs.map((s) =>
      withPnl(
        fill({
          market: s.market,
          side: s.side,
          price: s.price,
          size: s.size,
          at: new Date(Date.UTC(2026, 0, 1) + s.minute * 60_000).toISOString(),
          fee: s.fee ?? undefined,
          reconciledAtStartup: s.backfilled,
        }),
        s.pnl,
      ),
    );

  it('realizedDiff = replayed − bot, positionDrift = bot − replayed net, counts and Σ from the fills', () => {
    fc.assert(
      fc.property(
        fc.array(fillArb, { maxLength: 30 }),
        botArb,
        botArb,
        fc.boolean(),
        (specs, botA, botB, hasItem) => {
          const fills = build(specs);
          const bots = [
            botA && position('A', botA.net, 0.5, 0.5, botA.realized),
            botB && position('B', botB.net, 0.5, 0.5, botB.realized),
          ];
          const state = hasItem ? positions(...bots.filter((p) => p !== null)) : null;
          for (const r of pnlSources(fills, state)) {
            expect(r.realizedDiff).toBeCloseTo(r.replayed - (r.botRealized ?? 0), 9);
            expect(r.positionDrift).toBe((r.botNet ?? 0) - r.replayedNet);
            const mine = fills.filter((f) => f.marketId === r.marketId);
            expect(r.fills).toBe(mine.length);
            expect(r.backfilledFills).toBe(mine.filter((f) => f.reconciledAtStartup).length);
            expect(r.storedPnlRealizedSum).toBeCloseTo(
              mine.reduce((s, f) => s + (f.pnlRealizedUsd ?? 0), 0),
              9,
            );
          }
        },
      ),
    );
  });

  it('replayedFormulaFees is the replay of the same fills with fee(p, c) stored on every fill', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 30 }), (specs) => {
        const fills = build(specs);
        const asFormula = fills.map((f) => ({ ...f, feeUsd: fee(f.priceYes, f.size) }));
        const formulaRows = pnlSources(asFormula, null);
        for (const r of pnlSources(fills, null))
          expect(r.replayedFormulaFees).toBeCloseTo(row(formulaRows, r.marketId)?.replayed ?? NaN, 9);
      }),
    );
  });
});
