import { describe, expect, it } from 'vitest';
import {
  dailyPnlWarning,
  driftWarnings,
  explainDailyPnl,
  reconcileMarkets,
  reconciliationWarnings,
} from './reconcile.js';
import { replayFills } from './replay.js';
import { fill, position } from './test-fixtures.js';

// Trade log of A: buy 10 @0.40 (stored fee 0.01), sell 10 @0.50 (stored fee 0.01)
// ⇒ replayed realized 10·0.10 − 0.02 = 0.98, net 0.
// With the formula instead: fee(0.4, 10) = 0.042, fee(0.5, 10) = 0.04375 ⇒ 1 − 0.08575 = 0.91425.
const fills = [
  fill({
    market: 'A',
    side: 'yes',
    price: 0.4,
    size: 10,
    at: '2026-01-02T10:00:00Z',
    fee: 0.01,
    reconciledAtStartup: true,
  }),
  fill({ market: 'A', side: 'no', price: 0.5, size: 10, at: '2026-01-03T10:00:00Z', fee: 0.01 }),
];
const replay = replayFills(fills);
const formula = replayFills(fills, { feeRule: 'formula' });

describe('reconciliation', () => {
  it('compares replayed and bot realized / net per market', () => {
    const rows = reconcileMarkets(
      replay,
      {
        positions: new Map([
          ['A', position('A', 0, 0.4, 0, 0.91425)],
          ['Z', position('Z', 3, 0.5, 0, 0)],
        ]),
      },
      formula,
    );
    expect(rows[0]).toMatchObject({
      marketId: 'A',
      inTradeLog: true,
      inPositions: true,
      replayedNet: 0,
      botNet: 0,
      netDiff: 0,
    });
    expect(rows[0]?.replayedRealized).toBeCloseTo(0.98, 12);
    expect(rows[0]?.replayedRealizedFormulaFees).toBeCloseTo(0.91425, 12);
    // 0.98 − 0.91425 = 0.06575: the stored-fee vs formula-fee gap explains it.
    expect(rows[0]?.realizedDiff).toBeCloseTo(0.06575, 12);
    expect(rows[1]).toMatchObject({
      marketId: 'Z',
      inTradeLog: false,
      replayedRealized: 0,
      botNet: 3,
      netDiff: 3,
    });

    const w = driftWarnings(rows);
    expect(w.map((x) => x.code)).toEqual(['realized_drift', 'position_drift']);
    expect(w[0]?.message).toContain('$0.9800');
    expect(w[0]?.message).toContain('$0.9143');
    expect(w[1]?.message).toContain('Z: bot net_yes_qty 3 vs trade-log replay 0 (difference +3)');
  });

  it('tolerates half a cent of realized difference, no contract of net difference', () => {
    const within = reconcileMarkets(replay, {
      positions: new Map([['A', position('A', 0, 0, 0, 0.98 - 0.005)]]),
    });
    expect(driftWarnings(within)).toEqual([]);
    const beyond = reconcileMarkets(replay, {
      positions: new Map([['A', position('A', 1, 0, 0, 0.98 - 0.0051)]]),
    });
    expect(driftWarnings(beyond).map((x) => x.code)).toEqual(['realized_drift', 'position_drift']);
  });

  it('explains risk_state.daily_pnl as a running total of live fills', () => {
    // Live (not backfilled) fills: only the sell, change 10·0.10 − 0.01 = 0.99.
    const x = explainDailyPnl(
      replay,
      { dailyPnlUsd: 0.99, tradingHalted: false, haltReason: null, lastFillAtMs: null, lastUpdatedMs: null },
      0,
    );
    expect(x.liveFillsRealized).toBeCloseTo(0.99, 12);
    expect(x.backfilledRealized).toBeCloseTo(-0.01, 12); // the backfilled buy: its fee
    expect(x.unexplained).toBeCloseTo(0, 12);
    const w = dailyPnlWarning(x);
    expect(w?.code).toBe('daily_pnl_running_total');
    expect(w?.message).toContain('$0.9900');
    // Equal to today's realized of live fills (within half a cent): nothing to explain.
    expect(dailyPnlWarning({ ...x, todayRealized: 0.986, todayLiveRealized: 0.986 })).toBeNull();
  });

  it('leaves fills backfilled at startup out of the comparison with daily_pnl (contract §6.20)', () => {
    // Today: a live fill realizing +0.99 and a backfilled one realizing +0.50 (stored pnl_realized 0).
    // todayRealized = 1.49 counts both (the backfill is real P&L, replayed); the bot's daily_pnl
    // 0.99 leaves the backfill out, so it agrees with today's live fills: no warning.
    const x = explainDailyPnl(
      replay,
      { dailyPnlUsd: 0.99, tradingHalted: false, haltReason: null, lastFillAtMs: null, lastUpdatedMs: null },
      1.49,
      0.5,
    );
    expect(x.todayLiveRealized).toBeCloseTo(0.99, 12);
    expect(dailyPnlWarning(x)).toBeNull();
    // daily_pnl 0.70: a real gap of 0.29 against live fills, and the message names the backfill.
    const w = dailyPnlWarning({ ...x, dailyPnl: 0.7 });
    expect(w?.message).toContain("today's realized P&L of live fills is $0.9900");
    expect(w?.message).toContain('$0.5000 of today');
  });

  it('says so when the positions item is missing', () => {
    expect(reconciliationWarnings(replay, null, null, 0).map((w) => w.code)).toEqual(['positions_missing']);
  });
});
