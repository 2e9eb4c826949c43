import { describe, expect, it } from 'vitest';
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
