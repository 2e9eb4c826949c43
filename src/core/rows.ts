// One row per market: every figure of the Active Markets table (api.md `markets[]`), computed
// from the shared context so the headline, the TOTAL row, the stale page and CSV agree.
import { capitalAtRisk, exposureOf } from './exposure.js';
import { holdingOf, type MetricsContext } from './context.js';
import { limitUse } from './limits.js';
import { marketLifecycle, type MarketLifecycle } from './lifecycle.js';
import { mismatchOf, type Mismatch } from './mismatch.js';
import { exitOrder, quoteState, spreadHealth, type SpreadHealth } from './quotes.js';
import { compareStrings } from './dedupe.js';
import { toApiTime } from './time.js';
import { avgCostOf, unrealizedOf } from './unrealized.js';
import { EMPTY_WINDOW } from './window.js';

/** Lifecycle columns (title, close time, status, result, settlement P&L) come from MarketLifecycle. */
export interface MarketRow extends MarketLifecycle {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
  /** False when the market has a position but no config item. */
  hasConfig: boolean;
  /** Trade-log replay over the whole history (0 without fills). */
  realizedPnl: number;
  /** positions.<m>.realized_pnl; null when the market is not in `positions`. */
  botRealizedPnl: number | null;
  pnl24h: number;
  unrealizedWorst: number;
  unrealizedBest: number;
  /** null when the position is open and there is no book. */
  unrealizedMid: number | null;
  /** The bot's net_yes_qty (0 when absent). */
  netPosition: number;
  replayedNetPosition: number;
  /** netPosition − replayedNetPosition (position drift when ≠ 0). */
  positionDrift: number;
  exposure: number;
  capitalAtRisk: number;
  /** config max_position when set, else max_inventory_yes (the bot's effective limit). */
  maxPosition: number | null;
  maxInventoryYes: number | null;
  maxInventoryNo: number | null;
  limitUse: number | null;
  avgCost: number | null;
  /** null when flat; long needs an active ask, short an active bid. */
  exitOrder: boolean | null;
  /** The old ✅: the active exit is priced on the profitable side of cost. */
  exitProfitable: boolean;
  bestBid: number | null;
  bestAsk: number | null;
  mid: number | null;
  ourBid: number | null;
  ourBidSize: number | null;
  ourBidActive: boolean;
  ourAsk: number | null;
  ourAskSize: number | null;
  ourAskActive: boolean;
  bidContracts: number;
  askContracts: number;
  spread: number | null;
  minSpread: number | null;
  spreadHealth: SpreadHealth | null;
  filled24h: number;
  pos24h: number;
  fills24h: number;
  lastFillAt: string | null;
  lastFillAtMs: number | null;
  configCreatedAt: string | null;
  decisionAt: string | null;
  decisionId: string | null;
  mismatch: Mismatch;
}

/** An API time, or null for an absent one. */
export const isoOrNull = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : toApiTime(ms);

export function marketRow(ctx: MetricsContext, marketId: string): MarketRow {
  const config = ctx.configs.get(marketId) ?? null;
  const holding = holdingOf(ctx, marketId);
  const replayed = ctx.replay.markets.get(marketId);
  const decision = ctx.input.latestDecisions.get(marketId) ?? null;
  const quotes = quoteState(decision?.book ?? null, ctx.orders.get(marketId) ?? []);
  const unrealized = unrealizedOf(holding, quotes);
  const w = ctx.window24h.get(marketId) ?? EMPTY_WINDOW;
  const avgCost = avgCostOf(holding);
  const net = holding.net;
  const replayedNet = replayed?.net ?? 0;
  const minSpread = config?.minSpread ?? null;
  const view = ctx.input.marketData ?? null;
  const lifecycle = marketLifecycle(
    holding,
    view?.markets.get(marketId),
    view?.settlements?.get(marketId),
    ctx.input.nowMs,
  );
  const exitProfitable =
    avgCost !== null &&
    ((net > 0 && quotes.ourAskActive && quotes.ourAsk !== null && quotes.ourAsk > avgCost) ||
      (net < 0 && quotes.ourBidActive && quotes.ourBid !== null && quotes.ourBid < avgCost));
  // Key order is the JSON's and the CSV's column order (title beside the ticker).
  return {
    marketId,
    title: lifecycle.title,
    subtitle: lifecycle.subtitle,
    eventTicker: config?.eventTicker ?? null,
    closeTime: lifecycle.closeTime,
    closesInMs: lifecycle.closesInMs,
    closingSoon: lifecycle.closingSoon,
    marketStatus: lifecycle.marketStatus,
    marketPhase: lifecycle.marketPhase,
    result: lifecycle.result,
    enabled: config?.enabled ?? false,
    hasConfig: config !== null,
    realizedPnl: replayed?.realized ?? 0,
    botRealizedPnl: holding.botRealized,
    settlementPnl: lifecycle.settlementPnl,
    settlementSource: lifecycle.settlementSource,
    settlementPnlPosition: lifecycle.settlementPnlPosition,
    settlementPnlAccount: lifecycle.settlementPnlAccount,
    settlementDifference: lifecycle.settlementDifference,
    pnl24h: w.pnl,
    unrealizedWorst: unrealized.worst,
    unrealizedBest: unrealized.best,
    unrealizedMid: unrealized.mid,
    netPosition: net,
    replayedNetPosition: replayedNet,
    positionDrift: net - replayedNet,
    exposure: exposureOf(net),
    capitalAtRisk: capitalAtRisk(holding),
    maxPosition: config === null ? null : (config.maxPosition ?? config.maxInventoryYes),
    maxInventoryYes: config?.maxInventoryYes ?? null,
    maxInventoryNo: config?.maxInventoryNo ?? null,
    limitUse: limitUse(net, config?.maxInventoryYes ?? null),
    avgCost,
    exitOrder: exitOrder(net, quotes),
    exitProfitable,
    bestBid: quotes.bestBid,
    bestAsk: quotes.bestAsk,
    mid: quotes.mid,
    ourBid: quotes.ourBid,
    ourBidSize: quotes.ourBidSize,
    ourBidActive: quotes.ourBidActive,
    ourAsk: quotes.ourAsk,
    ourAskSize: quotes.ourAskSize,
    ourAskActive: quotes.ourAskActive,
    bidContracts: quotes.bidContracts,
    askContracts: quotes.askContracts,
    spread: quotes.spread,
    minSpread,
    spreadHealth: spreadHealth(quotes.spread, minSpread),
    filled24h: w.filled,
    pos24h: w.pos,
    fills24h: w.fills,
    lastFillAt: isoOrNull(replayed?.lastFillAtMs),
    lastFillAtMs: replayed?.lastFillAtMs ?? null,
    configCreatedAt: isoOrNull(config?.createdAtMs),
    decisionAt: isoOrNull(decision?.timeMs),
    decisionId: decision?.decisionId ?? null,
    // A disabled market is not quoted: its last decision's targets are history, not a live intent.
    mismatch: mismatchOf(
      config?.enabled ? decision : null,
      quotes,
      ctx.input.openOrders?.lastUpdatedMs ?? null,
      ctx.input.nowMs,
      ctx.orders.get(marketId) ?? [],
    ),
  };
}

/** The old dashboard's order: markets without an event last, by event, net descending, market. */
export function compareRows(a: MarketRow, b: MarketRow): number {
  const aMissing = a.eventTicker === null ? 1 : 0;
  const bMissing = b.eventTicker === null ? 1 : 0;
  return (
    aMissing - bMissing ||
    compareStrings(a.eventTicker ?? '', b.eventTicker ?? '') ||
    b.netPosition - a.netPosition ||
    compareStrings(a.marketId, b.marketId)
  );
}

/** Markets of the table: every enabled market plus every market whose displayed net ≠ 0. */
export function tableMarketIds(ctx: MetricsContext): string[] {
  const ids = new Set<string>();
  for (const c of ctx.configs.values()) if (c.enabled) ids.add(c.marketId);
  for (const h of ctx.holdings.values()) if (h.net !== 0) ids.add(h.marketId);
  return [...ids];
}

/**
 * Markets outside the table that still carry a figure a headline sums: every market of the trade
 * log, and every market of `positions` (its realized_pnl is in the bot's headline), that is
 * neither enabled nor holding a position. They are summed in one "other markets (n)" row
 * (metrics.md "TOTAL row = headline"). A zero `positions` entry without fills (the bot creates one
 * on first touch) carries nothing and is left out.
 */
export function otherMarketIds(ctx: MetricsContext, tableIds: Iterable<string>): string[] {
  const inTable = new Set(tableIds);
  const ids = new Set<string>();
  for (const id of ctx.replay.markets.keys()) if (!inTable.has(id)) ids.add(id);
  for (const h of ctx.holdings.values())
    if (!inTable.has(h.marketId) && (h.botRealized ?? 0) !== 0) ids.add(h.marketId);
  return [...ids].sort(compareStrings);
}

export function buildRows(
  ctx: MetricsContext,
  marketIds: Iterable<string> = tableMarketIds(ctx),
): MarketRow[] {
  return [...marketIds].map((id) => marketRow(ctx, id)).sort(compareRows);
}

export interface RowTotals {
  markets: number;
  netPosition: number;
  realizedPnl: number;
  botRealizedPnl: number;
  pnl24h: number;
  unrealizedWorst: number;
  unrealizedBest: number;
  /** Σ of the non-null row values; see unrealizedMidMissing. */
  unrealizedMid: number;
  /** Rows whose mid is null (open position, no book), left out of unrealizedMid. */
  unrealizedMidMissing: number;
  filled24h: number;
  pos24h: number;
  exposure: number;
  capitalAtRisk: number;
  /** Σ of the non-null settlementPnl (metrics.md "realized incl. settlement"). */
  settlementPnl: number;
}

/** The "other markets (n)" row: what markets outside the table add to the TOTAL row. */
export interface OtherMarketsTotals {
  count: number;
  marketIds: string[];
  realizedPnl: number;
  botRealizedPnl: number;
  pnl24h: number;
  /** 0 while every other market is flat (the bot's position; net ≠ 0 puts a market in the table). */
  unrealizedWorst: number;
  unrealizedBest: number;
  unrealizedMid: number;
  filled24h: number;
  pos24h: number;
  fills24h: number;
  /** Account settlements of flat markets (the position formula gives 0 or null when flat). */
  settlementPnl: number;
}

export interface TableTotals extends RowTotals {
  /** Markets outside the table (disabled and flat) that have fills or a bot realized_pnl. */
  otherMarkets: OtherMarketsTotals;
}

/**
 * The TOTAL row = the table's rows + the "other markets" row, so every headline it summarises
 * (realized, the bot's realized, unrealized, 24 h) equals it. `markets` counts the table's rows.
 */
export function tableTotals(rows: readonly MarketRow[], others: readonly MarketRow[]): TableTotals {
  const o = sumRows(others);
  let fills24h = 0;
  for (const r of others) fills24h += r.fills24h;
  const otherMarkets: OtherMarketsTotals = {
    count: others.length,
    marketIds: others.map((r) => r.marketId),
    realizedPnl: o.realizedPnl,
    botRealizedPnl: o.botRealizedPnl,
    pnl24h: o.pnl24h,
    unrealizedWorst: o.unrealizedWorst,
    unrealizedBest: o.unrealizedBest,
    unrealizedMid: o.unrealizedMid,
    filled24h: o.filled24h,
    pos24h: o.pos24h,
    fills24h,
    settlementPnl: o.settlementPnl,
  };
  const t = sumRows([...rows, ...others]);
  return { ...t, markets: rows.length, otherMarkets };
}

/** Plain sums of the rows, so they equal any headline built from the same rows. */
export function sumRows(rows: readonly MarketRow[]): RowTotals {
  const t: RowTotals = {
    markets: rows.length,
    netPosition: 0,
    realizedPnl: 0,
    botRealizedPnl: 0,
    pnl24h: 0,
    unrealizedWorst: 0,
    unrealizedBest: 0,
    unrealizedMid: 0,
    unrealizedMidMissing: 0,
    filled24h: 0,
    pos24h: 0,
    exposure: 0,
    capitalAtRisk: 0,
    settlementPnl: 0,
  };
  for (const r of rows) {
    t.netPosition += r.netPosition;
    t.realizedPnl += r.realizedPnl;
    t.botRealizedPnl += r.botRealizedPnl ?? 0;
    t.pnl24h += r.pnl24h;
    t.unrealizedWorst += r.unrealizedWorst;
    t.unrealizedBest += r.unrealizedBest;
    if (r.unrealizedMid === null) t.unrealizedMidMissing += 1;
    else t.unrealizedMid += r.unrealizedMid;
    t.filled24h += r.filled24h;
    t.pos24h += r.pos24h;
    t.exposure += r.exposure;
    t.capitalAtRisk += r.capitalAtRisk;
    t.settlementPnl += r.settlementPnl ?? 0;
  }
  return t;
}
