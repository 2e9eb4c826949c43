// Reconciliation as data. The trade-log replay, the bot's `positions` item and
// `risk_state.daily_pnl` are three different computations (contract §0.9, §5.3); the dashboard
// shows each, and every gap between them becomes a warning with the numbers, never a hidden fix.
import type { ReplayResult } from './replay.js';
import type { PositionsState, RiskState, Warning } from './types.js';

/** Money differences up to half a cent are float/rounding noise. */
export const REALIZED_TOLERANCE_USD = 0.005;
/** Contracts are integers: any difference is drift. */
const NET_TOLERANCE = 1e-9;

export interface MarketReconciliation {
  marketId: string;
  inTradeLog: boolean;
  inPositions: boolean;
  replayedRealized: number;
  /** The same replay with fee(p, c) on every fill: the bot's own rule for `positions`. */
  replayedRealizedFormulaFees: number | null;
  botRealized: number | null;
  /** replayed − bot (missing side counted as 0). */
  realizedDiff: number;
  replayedNet: number;
  botNet: number | null;
  /** bot − replayed (missing side counted as 0): positive = the bot holds more than the log. */
  netDiff: number;
}

/** One row per market in the trade log or in `positions`, sorted by market id. */
export function reconcileMarkets(
  replay: ReplayResult,
  positions: PositionsState | null,
  formulaReplay: ReplayResult | null = null,
): MarketReconciliation[] {
  const ids = new Set<string>([...replay.markets.keys(), ...(positions?.positions.keys() ?? [])]);
  return [...ids].sort().map((marketId) => {
    const r = replay.markets.get(marketId);
    const bot = positions?.positions.get(marketId);
    const replayedRealized = r?.realized ?? 0;
    const replayedNet = r?.net ?? 0;
    return {
      marketId,
      inTradeLog: r !== undefined,
      inPositions: bot !== undefined,
      replayedRealized,
      replayedRealizedFormulaFees:
        formulaReplay?.markets.get(marketId)?.realized ?? (formulaReplay ? 0 : null),
      botRealized: bot?.realizedPnlUsd ?? null,
      realizedDiff: replayedRealized - (bot?.realizedPnlUsd ?? 0),
      replayedNet,
      botNet: bot?.netYesQty ?? null,
      netDiff: (bot?.netYesQty ?? 0) - replayedNet,
    };
  });
}

const usd = (x: number): string => (x < 0 ? `-$${(-x).toFixed(4)}` : `$${x.toFixed(4)}`);

/** Warnings for realized and position drift per market (positions must be known). */
export function driftWarnings(rows: readonly MarketReconciliation[]): Warning[] {
  const out: Warning[] = [];
  for (const row of rows) {
    if (Math.abs(row.realizedDiff) > REALIZED_TOLERANCE_USD) {
      out.push({
        code: 'realized_drift',
        message:
          `${row.marketId}: trade-log replay realized ${usd(row.replayedRealized)} vs bot realized_pnl ` +
          `${row.botRealized === null ? 'absent' : usd(row.botRealized)} (difference ${usd(row.realizedDiff)}). ` +
          'The bot replays every Kalshi account fill with the current fee formula; the trade log holds stored fees of several eras' +
          (row.replayedRealizedFormulaFees === null
            ? '.'
            : ` (the log replayed with the formula fee: ${usd(row.replayedRealizedFormulaFees)}).`),
        detail: row,
      });
    }
    if (Math.abs(row.netDiff) > NET_TOLERANCE) {
      out.push({
        code: 'position_drift',
        message:
          `${row.marketId}: bot net_yes_qty ${row.botNet ?? 'absent'} vs trade-log replay ${row.replayedNet} ` +
          `(difference ${row.netDiff > 0 ? '+' : ''}${row.netDiff}): the trade log lacks fills the bot counted (from before logging began, or lost writes).`,
        detail: row,
      });
    }
  }
  return out;
}

export interface DailyPnlExplanation {
  dailyPnl: number;
  todayRealized: number;
  /**
   * todayRealized without fills backfilled at startup (`reconciled_at_startup`): the bot leaves
   * those out of daily_pnl (contract §6.20), so this is the figure daily_pnl is compared with.
   */
  todayLiveRealized: number;
  realizedTotal: number;
  /** Σ realized changes of fills the bot processed live (not backfilled at startup). */
  liveFillsRealized: number;
  /** Σ realized changes of backfilled fills: real P&L, replayed, never in daily_pnl. */
  backfilledRealized: number;
  /** dailyPnl − liveFillsRealized: what the trade log cannot account for. */
  unexplained: number;
}

/**
 * risk_state.daily_pnl read as what it is: a never-reset running total of live fills. Backfilled
 * fills are replayed for realized like any other, and left out of every comparison with it.
 */
export function explainDailyPnl(
  replay: ReplayResult,
  risk: RiskState,
  todayRealized: number,
  todayBackfilledRealized = 0,
): DailyPnlExplanation {
  let liveFillsRealized = 0;
  let backfilledRealized = 0;
  for (const step of replay.steps)
    if (step.fill.reconciledAtStartup) backfilledRealized += step.realizedChange;
    else liveFillsRealized += step.realizedChange;
  return {
    dailyPnl: risk.dailyPnlUsd,
    todayRealized,
    todayLiveRealized: todayRealized - todayBackfilledRealized,
    realizedTotal: replay.realizedTotal,
    liveFillsRealized,
    backfilledRealized,
    unexplained: risk.dailyPnlUsd - liveFillsRealized,
  };
}

/** A warning when daily_pnl differs from today's realized P&L of live fills, explaining why. */
export function dailyPnlWarning(x: DailyPnlExplanation): Warning | null {
  if (Math.abs(x.dailyPnl - x.todayLiveRealized) <= REALIZED_TOLERANCE_USD) return null;
  const backfilledToday = x.todayRealized - x.todayLiveRealized;
  return {
    code: 'daily_pnl_running_total',
    message:
      `risk_state.daily_pnl is ${usd(x.dailyPnl)} while today's realized P&L of live fills is ${usd(x.todayLiveRealized)}` +
      (Math.abs(backfilledToday) > 1e-9
        ? ` (${usd(backfilledToday)} of today's realized comes from fills backfilled at startup, which the bot leaves out of daily_pnl)`
        : '') +
      `: the bot never resets daily_pnl, it is a running total of live fills since the state item was created (trade log: ` +
      `${usd(x.liveFillsRealized)} from live fills, ${usd(x.unexplained)} unexplained). The loss limit compares this total.`,
    detail: x,
  };
}

/** Every reconciliation warning of the overview. */
export function reconciliationWarnings(
  replay: ReplayResult,
  positions: PositionsState | null,
  risk: RiskState | null,
  todayRealized: number,
  formulaReplay: ReplayResult | null = null,
  todayBackfilledRealized = 0,
): Warning[] {
  const out: Warning[] = [];
  if (positions === null) {
    out.push({
      code: 'positions_missing',
      message:
        'The bot\'s "positions" state item is missing: positions below are replayed from the trade log.',
    });
  } else {
    out.push(...driftWarnings(reconcileMarkets(replay, positions, formulaReplay)));
  }
  if (risk !== null) {
    const w = dailyPnlWarning(explainDailyPnl(replay, risk, todayRealized, todayBackfilledRealized));
    if (w) out.push(w);
  }
  return out;
}
