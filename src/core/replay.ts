// The bot's average-cost rule (metrics.md §Realized, contract §6.5), replayed over the whole
// trade log. Realized P&L is path-dependent, so it is only right when the replay starts at the
// market's first fill: never replay a window that starts flat (the old dashboard's defect §5.3).
import { prepareFills } from './dedupe.js';
import { fee, fillFee } from './fees.js';
import type { Fill, YesNo } from './types.js';

/** Per-market state of the rule. Averages linger when flat, exactly as in the bot. */
export interface AvgCostState {
  net: number;
  avgBuy: number;
  avgSell: number;
  realized: number;
}

export const FLAT: Readonly<AvgCostState> = Object.freeze({ net: 0, avgBuy: 0, avgSell: 0, realized: 0 });

/**
 * Which fee to subtract: `stored` = the trade item's `fees` (metrics.md: what was logged);
 * `formula` = always fee(p, c), the way the bot rebuilds `positions` at each start (contract §6.5),
 * used only to explain reconciliation differences.
 */
export type FeeRule = 'stored' | 'formula';

/** One fill through the rule. Operation order follows the bot so float results match it. */
export function applyFill(
  state: Readonly<AvgCostState>,
  side: YesNo,
  priceYes: number,
  size: number,
  feeUsd: number,
): AvgCostState {
  let { net, avgBuy, avgSell, realized } = state;
  realized -= feeUsd;
  if (side === 'yes') {
    if (net >= 0) {
      // A zero-size item would divide 0 by 0; it changes nothing, so the averages stay.
      if (net + size !== 0) avgBuy = (avgBuy * net + priceYes * size) / (net + size);
      net += size;
    } else {
      const closed = Math.min(-net, size);
      realized += closed * (avgSell - priceYes);
      net += size;
      if (net > 0) avgBuy = priceYes;
    }
  } else if (net <= 0) {
    if (-net + size !== 0) avgSell = (avgSell * -net + priceYes * size) / (-net + size);
    net -= size;
  } else {
    const closed = Math.min(net, size);
    realized += closed * (priceYes - avgBuy);
    net -= size;
    if (net < 0) avgSell = priceYes;
  }
  return { net, avgBuy, avgSell, realized };
}

export interface ReplayStep {
  fill: Fill;
  /** The fee subtracted for this fill under the replay's fee rule. */
  feeUsd: number;
  /** +size for `yes`, −size for `no`. */
  signedSize: number;
  before: Readonly<AvgCostState>;
  after: Readonly<AvgCostState>;
  /** after.realized − before.realized (includes −fee). */
  realizedChange: number;
}

export interface MarketReplay extends AvgCostState {
  marketId: string;
  fills: number;
  firstFillAtMs: number;
  lastFillAtMs: number;
}

export interface ReplayResult {
  /** De-duplicated fills of every market, in replay order. */
  steps: ReplayStep[];
  /** Final state per market, in order of each market's first fill. */
  markets: Map<string, MarketReplay>;
  /** Σ realized over all markets. */
  realizedTotal: number;
}

/**
 * Results per fills array and fee rule. The server hands the same array until the trade log
 * changes, and the overview is recomputed every few seconds: replaying 40k fills each time made
 * ~10 MB of short-lived objects that V8 promoted and kept as heap. Inputs are treated as immutable
 * (as everywhere in core); a result is shared, so callers must not mutate it either.
 */
const memo = new WeakMap<readonly Fill[], Map<string, ReplayResult>>();

/**
 * De-duplicates, orders and replays raw trade-log items (duplicates allowed). `steps: false` keeps
 * only the per-market results (`steps` is then empty): what a caller comparing final figures needs,
 * without holding a step per fill.
 */
export function replayFills(
  fills: readonly Fill[],
  options: { feeRule?: FeeRule; steps?: boolean } = {},
): ReplayResult {
  const feeRule = options.feeRule ?? 'stored';
  const keepSteps = options.steps ?? true;
  const key = `${feeRule}|${keepSteps}`;
  let byKey = memo.get(fills);
  const known = byKey?.get(key) ?? (keepSteps ? undefined : byKey?.get(`${feeRule}|true`));
  if (known) return keepSteps ? known : { ...known, steps: [] };
  const result = replayUncached(fills, feeRule, keepSteps);
  if (!byKey) memo.set(fills, (byKey = new Map()));
  byKey.set(key, result);
  return result;
}

function replayUncached(fills: readonly Fill[], feeRule: FeeRule, keepSteps: boolean): ReplayResult {
  const markets = new Map<string, MarketReplay>();
  const steps: ReplayStep[] = [];
  // A step's `before` is the previous step's `after` of its market (the same object: results are
  // immutable and shared), so a 40k-fill replay holds one state per fill, not two.
  const lastAfter = new Map<string, Readonly<AvgCostState>>();
  for (const fill of prepareFills(fills)) {
    let market = markets.get(fill.marketId);
    if (market === undefined) {
      market = {
        marketId: fill.marketId,
        ...FLAT,
        fills: 0,
        firstFillAtMs: fill.fillTimeMs,
        lastFillAtMs: 0,
      };
      markets.set(fill.marketId, market);
    }
    const before = lastAfter.get(fill.marketId) ?? FLAT;
    const feeUsd = feeRule === 'stored' ? fillFee(fill) : fee(fill.priceYes, fill.size);
    const after = applyFill(before, fill.side, fill.priceYes, fill.size, feeUsd);
    lastAfter.set(fill.marketId, after);
    Object.assign(market, after);
    market.fills += 1;
    market.lastFillAtMs = fill.fillTimeMs;
    if (keepSteps)
      steps.push({
        fill,
        feeUsd,
        signedSize: fill.side === 'yes' ? fill.size : -fill.size,
        before,
        after,
        realizedChange: after.realized - before.realized,
      });
  }
  let realizedTotal = 0;
  for (const market of markets.values()) realizedTotal += market.realized;
  return { steps, markets, realizedTotal };
}
