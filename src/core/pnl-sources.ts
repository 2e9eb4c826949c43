// The four P&L sources side by side per market (data-contract.md §0.9, §5.3), each difference with
// the reasons the data itself shows, each with its count: our replay (stored fees), the same replay
// with today's fee formula, the bot's positions.realized_pnl, and Σ of the bot's stored
// pnl_realized per fill. A reason is given only when fills of this market show it (never the
// pre-fee era for fills logged after it, never "predates logging" for the bot's first-touch entry).
import { fee } from './fees.js';
import { replayFills } from './replay.js';
import { reconcileMarkets } from './reconcile.js';
import type { PositionsState } from './types.js';
import type { Fill } from './types.js';

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
  /** The same findings as counts (0 when the data shows none of that kind). */
  findings: PnlFindings;
}

/** Fills of the market that explain Σ pnl_realized ≠ replay (or replay ≠ bot), by kind. */
export interface PnlFindings {
  /** Backfilled at startup (`reconciled_at_startup`): stored pnl_realized 0. */
  backfilledZero: number;
  /** Before 2025-12-26 23:48 UTC, stored pnl_realized = the replay's change + the fee (fee left out). */
  preFeeEra: number;
  /** No pnl_realized stored at all. */
  missingPnlRealized: number;
  /** Any other fill whose stored pnl_realized differs from the replay's realized change. */
  otherStoredDiff: number;
  /** Fills whose stored fee differs from today's formula fee(p, c). */
  feeNotFormula: number;
}

/** Money differences up to half a cent are float/rounding noise (per market). */
const EPS = 0.005;
/** Per fill, stored values carry float artifacts (…0000001); anything beyond this is a difference. */
const FILL_EPS = 1e-6;
/** Commit time after which stored pnl_realized includes the fill's fee (contract §6.6). */
export const FEES_IN_PNL_SINCE_MS = Date.UTC(2025, 11, 26, 23, 48);

const usd = (x: number): string => (x < 0 ? `-$${(-x).toFixed(4)}` : `$${x.toFixed(4)}`);
const signedUsd = (x: number): string => (x < 0 ? usd(x) : `+${usd(x)}`);

interface MarketFills {
  sum: number;
  fills: number;
  backfilled: number;
  findings: PnlFindings;
  /** Σ (stored − replay change) per kind of finding. */
  diff: { backfilledZero: number; preFeeEra: number; missingPnlRealized: number; otherStoredDiff: number };
  /** Σ (stored fee − formula fee) over fills whose fee is not the formula's. */
  feeDiff: number;
}

function emptyMarket(): MarketFills {
  return {
    sum: 0,
    fills: 0,
    backfilled: 0,
    findings: {
      backfilledZero: 0,
      preFeeEra: 0,
      missingPnlRealized: 0,
      otherStoredDiff: 0,
      feeNotFormula: 0,
    },
    diff: { backfilledZero: 0, preFeeEra: 0, missingPnlRealized: 0, otherStoredDiff: 0 },
    feeDiff: 0,
  };
}

/** Classifies every de-duplicated fill of the stored-fee replay by what its stored figures show. */
function perMarketFills(fills: readonly Fill[]): Map<string, MarketFills> {
  const out = new Map<string, MarketFills>();
  for (const step of replayFills(fills).steps) {
    const f = step.fill;
    let m = out.get(f.marketId);
    if (!m) out.set(f.marketId, (m = emptyMarket()));
    m.fills++;
    m.sum += f.pnlRealizedUsd ?? 0;
    if (f.reconciledAtStartup) m.backfilled++;
    const formulaFee = fee(f.priceYes, f.size);
    if (Math.abs(step.feeUsd - formulaFee) > FILL_EPS) {
      m.findings.feeNotFormula++;
      m.feeDiff += step.feeUsd - formulaFee;
    }
    const stored = f.pnlRealizedUsd;
    const change = step.realizedChange;
    if (stored === null) {
      if (Math.abs(change) > FILL_EPS) {
        m.findings.missingPnlRealized++;
        m.diff.missingPnlRealized -= change;
      }
      continue;
    }
    const d = stored - change;
    if (Math.abs(d) <= FILL_EPS) continue;
    if (f.reconciledAtStartup && stored === 0) {
      m.findings.backfilledZero++;
      m.diff.backfilledZero += d;
    } else if (f.fillTimeMs < FEES_IN_PNL_SINCE_MS && Math.abs(d - step.feeUsd) <= FILL_EPS) {
      m.findings.preFeeEra++;
      m.diff.preFeeEra += d;
    } else {
      m.findings.otherStoredDiff++;
      m.diff.otherStoredDiff += d;
    }
  }
  return out;
}

const FEE_CUTOFF_TEXT = '2025-12-26 23:48 UTC';

export function pnlSources(fills: readonly Fill[], positions: PositionsState | null): PnlSourcesRow[] {
  const stored = replayFills(fills);
  const formula = replayFills(fills, { feeRule: 'formula', steps: false });
  const perMarket = perMarketFills(fills);
  return reconcileMarkets(stored, positions, formula).map((r) => {
    const m = perMarket.get(r.marketId) ?? emptyMarket();
    const why: string[] = [];
    if (positions !== null && !r.inPositions)
      why.push(
        `${m.fills} fill(s) in the trade log, no entry in the bot’s positions item (the bot rebuilds it from the Kalshi account at every start)`,
      );
    // The bot creates a zero entry the first time it touches a market: that is not a finding.
    const botEntryEmpty = r.botNet === 0 && Math.abs(r.botRealized ?? 0) < FILL_EPS;
    if (!r.inTradeLog && r.inPositions && !botEntryEmpty)
      why.push(
        `the bot’s positions entry (net ${r.botNet ?? 0}, realized_pnl ${usd(r.botRealized ?? 0)}) has no fill in the trade log behind it`,
      );
    const formulaFees = r.replayedRealizedFormulaFees ?? r.replayedRealized;
    // A market without fills is explained by the line above: no fill to compare.
    if (r.inTradeLog && r.botRealized !== null && Math.abs(r.realizedDiff) >= EPS) {
      if (m.findings.feeNotFormula > 0 && Math.abs(formulaFees - r.botRealized) < EPS) {
        why.push(
          `fee regimes: ${m.findings.feeNotFormula} fill(s) store a fee other than today’s formula (Σ stored − formula ${signedUsd(m.feeDiff)}); with the formula fee on every fill the replay matches the bot`,
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
      const f = m.findings;
      const parts: string[] = [];
      if (f.backfilledZero > 0)
        parts.push(
          `${f.backfilledZero} startup-backfilled fill(s) store pnl_realized 0 (their replayed change ${signedUsd(-m.diff.backfilledZero)} is real)`,
        );
      if (f.preFeeEra > 0)
        parts.push(
          `${f.preFeeEra} fill(s) before ${FEE_CUTOFF_TEXT} stored pnl_realized without fees (${signedUsd(m.diff.preFeeEra)})`,
        );
      if (f.missingPnlRealized > 0)
        parts.push(
          `${f.missingPnlRealized} fill(s) store no pnl_realized (${signedUsd(m.diff.missingPnlRealized)})`,
        );
      if (f.otherStoredDiff > 0)
        parts.push(
          `${f.otherStoredDiff} other fill(s) store a pnl_realized that differs from the replay’s change (Σ stored − replay ${signedUsd(m.diff.otherStoredDiff)})`,
        );
      if (parts.length === 0) parts.push('no single fill differs: compare fill by fill');
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
      findings: m.findings,
    };
  });
}
