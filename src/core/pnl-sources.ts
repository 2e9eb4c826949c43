// The four P&L sources side by side per market (data-contract.md §0.9, §5.3), each difference with
// its likeliest explanation: our replay (stored fees), the same replay with today's fee formula,
// the bot's positions.realized_pnl, and Σ of the bot's stored pnl_realized per fill.
import { replayFills } from './replay.js';
import { reconcileMarkets } from './reconcile.js';
import { dedupeFills } from './dedupe.js';
import type { Fill, PositionsState } from './types.js';

export interface PnlSourcesRow {
  marketId: string;
  replayed: number;
  replayedFormulaFees: number;
  botRealized: number | null;
  storedPnlRealizedSum: number;
  backfilledFills: number;
  fills: number;
  replayedNet: number;
  botNet: number | null;
  /** bot − replay, contracts. */
  positionDrift: number;
  /** replay − bot, dollars. */
  realizedDiff: number;
  explanations: string[];
}

const EPS = 0.005;

export function pnlSources(fills: readonly Fill[], positions: PositionsState | null): PnlSourcesRow[] {
  const stored = replayFills(fills);
  const formula = replayFills(fills, { feeRule: 'formula', steps: false });
  const perMarket = new Map<string, { sum: number; backfilled: number; fills: number }>();
  for (const f of dedupeFills(fills)) {
    const m = perMarket.get(f.marketId) ?? { sum: 0, backfilled: 0, fills: 0 };
    m.sum += f.pnlRealizedUsd ?? 0;
    m.fills++;
    if (f.reconciledAtStartup) m.backfilled++;
    perMarket.set(f.marketId, m);
  }
  return reconcileMarkets(stored, positions, formula).map((r) => {
    const m = perMarket.get(r.marketId) ?? { sum: 0, backfilled: 0, fills: 0 };
    const why: string[] = [];
    if (!r.inPositions)
      why.push('not in the bot’s positions item (the bot rebuilds it at start from the Kalshi account)');
    if (!r.inTradeLog)
      why.push('no fills in the trade log: the position predates logging or came from elsewhere');
    const formulaFees = r.replayedRealizedFormulaFees ?? r.replayedRealized;
    if (r.botRealized !== null && Math.abs(r.realizedDiff) >= EPS) {
      if (Math.abs(formulaFees - r.botRealized) < EPS) {
        why.push(
          `fee regimes: with today’s fee formula on every fill the replay matches the bot; stored fees differ by ${(r.replayedRealized - formulaFees).toFixed(4)}`,
        );
      } else if (r.netDiff !== 0) {
        why.push(
          `fills differ: the bot holds ${r.botNet} where the log replays to ${r.replayedNet} (fills outside the trade log, or missing from it)`,
        );
      } else {
        why.push('unexplained: compare fill by fill');
      }
    }
    if (Math.abs(m.sum - r.replayedRealized) >= EPS) {
      const parts = [];
      if (m.backfilled > 0) parts.push(`${m.backfilled} startup-backfilled fill(s) store pnl_realized 0`);
      parts.push('fills before 2025-12-26 23:48 UTC stored it without fees');
      why.push(`Σ pnl_realized differs from the replay: ${parts.join('; ')}`);
    }
    return {
      marketId: r.marketId,
      replayed: r.replayedRealized,
      replayedFormulaFees: formulaFees,
      botRealized: r.botRealized,
      storedPnlRealizedSum: m.sum,
      backfilledFills: m.backfilled,
      fills: m.fills,
      replayedNet: r.replayedNet,
      botNet: r.botNet,
      positionDrift: r.netDiff,
      realizedDiff: r.realizedDiff,
      explanations: why,
    };
  });
}
