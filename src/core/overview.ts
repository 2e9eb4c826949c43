// GET /api/v1/overview minus `meta`: everything the Home page shows, assembled from one context
// so that every headline is the sum of the rows it summarises (metrics.md, first paragraph).
import { buildAttention, type AttentionItem } from './attention.js';
import { buildContext, type MetricsInput } from './context.js';
import { dailyPnl, type DailyEntry } from './daily.js';
import { compareStrings } from './dedupe.js';
import { exposureTotals } from './exposure.js';
import { heartbeat, newestDecision, type HeartbeatStatus } from './heartbeat.js';
import { lifecycleStatus, settlementTotals, type LifecycleStatus } from './lifecycle.js';
import { lossHeadroom, lossLimitUse, totalLimitUse } from './limits.js';
import { activeOrders, type ActiveOrders } from './quotes.js';
import { reconciliationWarnings } from './reconcile.js';
import {
  buildRows,
  isoOrNull,
  otherMarketIds,
  tableMarketIds,
  tableTotals,
  type MarketRow,
  type TableTotals,
} from './rows.js';
import { toApiTime } from './time.js';
import { resolveTimeZone } from './tz-days.js';
import type { BookSnapshot, Decision, Env, TargetQuote, Warning, YesNo, BidAsk } from './types.js';
import { replayFills, type ReplayStep } from './replay.js';

export type { MetricsInput as OverviewInput } from './context.js';

export interface ExposureByMarket {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
  netPosition: number;
  exposure: number;
  capitalAtRisk: number;
  limitUse: number | null;
}

export interface RecentDecision {
  marketId: string;
  decisionId: string | null;
  at: string;
  botRunId: string | null;
  botVersion: string | null;
  inventoryNetYesQty: number | null;
  book: BookSnapshot | null;
  targetQuotes: TargetQuote[];
}

export interface RecentFill {
  marketId: string;
  side: YesNo;
  type: BidAsk | null;
  priceYes: number;
  size: number;
  /** The fee the metrics used (stored, else formula). */
  feeUsd: number;
  realizedChange: number;
  /** The bot's stored pnl_realized, for comparison only. */
  pnlRealizedStored: number | null;
  at: string;
  fillId: string | null;
  orderId: string | null;
  reconciledAtStartup: boolean;
}

export interface Overview {
  env: Env;
  region: string;
  /** Canonical IANA name of the requested zone. */
  tz: string;
  now: string;
  pnl: {
    realizedTotal: number;
    /** Σ positions.*.realized_pnl; null without the positions item. */
    botRealizedTotal: number | null;
    today: string;
    todayRealized: number;
    feesToday: number;
    fillsToday: number;
    unrealizedWorst: number;
    unrealizedBest: number;
    unrealizedMid: number;
    unrealizedMidMissing: number;
    /**
     * Σ settlement P&L of settled markets (metrics.md §"Market lifecycle"); null while the market
     * data is unavailable. Beside realizedTotal, never in it: the trade log has no settlements.
     */
    settlementTotal: number | null;
    /** realizedTotal + settlementTotal; null with settlementTotal. */
    realizedInclSettlement: number | null;
    /** Markets holding a position that the market data does not know: left out of settlementTotal. */
    settlementUnknown: number;
    daily: DailyEntry[];
    /** Today's realized P&L fill by fill: the day's start (0), then the running sum at each fill. */
    intraday: { at: string; realized: number }[];
  };
  exposure: {
    total: number;
    enabled: number;
    capitalAtRisk: number;
    totalLimitUse: number | null;
    byMarket: ExposureByMarket[];
  };
  orders: ActiveOrders & {
    openOrdersSyncedAt: string | null;
    openOrdersAgeMs: number | null;
    openOrderCount: number;
  };
  recent: { decision: RecentDecision | null; fill: RecentFill | null };
  bot: {
    heartbeat: HeartbeatStatus;
    lastDecisionAt: string | null;
    lastDecisionAgeMs: number | null;
    aliveUnderMs: number;
    lateUnderMs: number;
    runId: string | null;
    version: string | null;
  };
  risk: {
    present: boolean;
    tradingHalted: boolean | null;
    haltReason: string | null;
    dailyPnl: number | null;
    maxDailyLoss: number;
    maxTotalExposure: number;
    lossLimitUse: number | null;
    /** max_daily_loss + daily_pnl: dollars before the bot halts itself (null without risk_state). */
    lossHeadroom: number | null;
    totalLimitUse: number | null;
    tradingEnabled: boolean;
    lastFillAt: string | null;
    lastUpdatedAt: string | null;
  };
  markets: MarketRow[];
  /** The TOTAL row: the rows plus `otherMarkets` (markets outside the table), = every headline. */
  totals: TableTotals;
  /** Where the displayed positions came from (`replay` only when the positions item is missing). */
  positionSource: 'positions' | 'replay';
  /** Whether the lifecycle figures (titles, close times, settlements) are known, and if not why. */
  lifecycle: LifecycleStatus;
  /** metrics.md `attention`: what a trader must act on, most severe first; empty ⇒ all clear. */
  attention: AttentionItem[];
  warnings: Warning[];
}

function recentDecision(d: Decision | null): RecentDecision | null {
  if (d === null) return null;
  return {
    marketId: d.marketId,
    decisionId: d.decisionId,
    at: toApiTime(d.timeMs),
    botRunId: d.botRunId,
    botVersion: d.botVersion,
    inventoryNetYesQty: d.inventoryNetYesQty,
    book: d.book,
    targetQuotes: d.targetQuotes,
  };
}

function recentFill(step: ReplayStep | undefined): RecentFill | null {
  if (step === undefined) return null;
  const f = step.fill;
  return {
    marketId: f.marketId,
    side: f.side,
    type: f.type,
    priceYes: f.priceYes,
    size: f.size,
    feeUsd: step.feeUsd,
    realizedChange: step.realizedChange,
    pnlRealizedStored: f.pnlRealizedUsd,
    at: toApiTime(f.fillTimeMs),
    fillId: f.fillId,
    orderId: f.orderId,
    reconciledAtStartup: f.reconciledAtStartup,
  };
}

/** Exposure chart order (as the old one): events by total exposure, then exposure, then market. */
function exposureByMarket(rows: readonly MarketRow[]): ExposureByMarket[] {
  const eventTotal = new Map<string, number>();
  for (const r of rows)
    eventTotal.set(r.eventTicker ?? '', (eventTotal.get(r.eventTicker ?? '') ?? 0) + r.exposure);
  return rows
    .filter((r) => r.netPosition !== 0)
    .map((r) => ({
      marketId: r.marketId,
      eventTicker: r.eventTicker,
      enabled: r.enabled,
      netPosition: r.netPosition,
      exposure: r.exposure,
      capitalAtRisk: r.capitalAtRisk,
      limitUse: r.limitUse,
    }))
    .sort(
      (a, b) =>
        (eventTotal.get(b.eventTicker ?? '') ?? 0) - (eventTotal.get(a.eventTicker ?? '') ?? 0) ||
        compareStrings(a.eventTicker ?? '', b.eventTicker ?? '') ||
        b.exposure - a.exposure ||
        compareStrings(a.marketId, b.marketId),
    );
}

/** Enabled markets the bot has not logged a decision for: their book is unknown. */
function noDecisionWarning(rows: readonly MarketRow[]): Warning | null {
  const ids = rows.filter((r) => r.enabled && r.decisionAt === null).map((r) => r.marketId);
  if (ids.length === 0) return null;
  return {
    code: 'markets_without_decision',
    message: `${ids.length} enabled market(s) have no decision yet: no book, so unrealized uses the empty-book rule.`,
    detail: { marketIds: ids },
  };
}

/** Throws InvalidTimeZoneError for an unknown `tz`. */
export function buildOverview(input: MetricsInput): Overview {
  const tz = resolveTimeZone(input.tz);
  const ctx = buildContext({ ...input, tz });
  const { nowMs, globalConfig: gc, risk, openOrders } = input;
  const tableIds = tableMarketIds(ctx);
  const rows = buildRows(ctx, tableIds);
  const others = buildRows(ctx, otherMarketIds(ctx, tableIds));
  const totals = tableTotals(rows, others);
  const lifecycle = lifecycleStatus(input.marketData);
  const settlement = settlementTotals([...rows, ...others], totals.realizedPnl, lifecycle);
  const daily = dailyPnl(ctx.replay.steps, tz, nowMs, input.days);
  const exposure = exposureTotals(ctx.holdings.values(), (id) => ctx.configs.get(id)?.enabled ?? false);
  const newest = newestDecision([input.newestDecisionAny, ...input.latestDecisions.values()]);
  const beat = heartbeat(newest?.timeMs ?? null, nowMs, gc.loopIntervalMs);
  // Both realized headlines are the TOTAL row's sums (rows + other markets), so they equal it to
  // the last bit: Σ over the trade log's markets and Σ positions.*.realized_pnl respectively.
  const botRealizedTotal = input.positions !== null ? totals.botRealizedPnl : null;
  // Only the positions-vs-replay comparison needs the formula-fee replay; skip it otherwise.
  const formulaReplay =
    input.positions !== null ? replayFills(input.fills, { feeRule: 'formula', steps: false }) : null;
  const warnings = reconciliationWarnings(
    ctx.replay,
    input.positions,
    risk,
    daily.todayRealized,
    formulaReplay,
    daily.todayBackfilledRealized,
  );
  const noDecision = noDecisionWarning(rows);
  if (noDecision) warnings.push(noDecision);
  const totalUse = totalLimitUse(exposure.total, gc.maxTotalExposure);
  const bot = {
    heartbeat: beat.status,
    lastDecisionAt: isoOrNull(beat.lastDecisionAtMs),
    lastDecisionAgeMs: beat.ageMs,
    aliveUnderMs: beat.aliveUnderMs,
    lateUnderMs: beat.lateUnderMs,
    runId: newest?.botRunId ?? null,
    version: newest?.botVersion ?? null,
  };
  const riskOut = {
    present: risk !== null,
    tradingHalted: risk?.tradingHalted ?? null,
    haltReason: risk?.haltReason ?? null,
    dailyPnl: risk?.dailyPnlUsd ?? null,
    maxDailyLoss: gc.maxDailyLossUsd,
    maxTotalExposure: gc.maxTotalExposure,
    lossLimitUse: lossLimitUse(risk?.dailyPnlUsd ?? null, gc.maxDailyLossUsd),
    lossHeadroom: lossHeadroom(risk?.dailyPnlUsd ?? null, gc.maxDailyLossUsd),
    totalLimitUse: totalUse,
    tradingEnabled: gc.tradingEnabled,
    lastFillAt: isoOrNull(risk?.lastFillAtMs),
    lastUpdatedAt: isoOrNull(risk?.lastUpdatedMs),
  };
  const attention = buildAttention({
    nowMs,
    loopIntervalMs: gc.loopIntervalMs,
    bot,
    risk: riskOut,
    exposure: { total: exposure.total, totalLimitUse: totalUse },
    maxTotalExposure: gc.maxTotalExposure,
    markets: rows,
    apiErrors: input.apiErrors ?? null,
  });
  return {
    env: input.env,
    region: input.region,
    tz,
    now: toApiTime(nowMs),
    pnl: {
      realizedTotal: totals.realizedPnl,
      botRealizedTotal,
      today: daily.today,
      todayRealized: daily.todayRealized,
      feesToday: daily.feesToday,
      fillsToday: daily.fillsToday,
      unrealizedWorst: totals.unrealizedWorst,
      unrealizedBest: totals.unrealizedBest,
      unrealizedMid: totals.unrealizedMid,
      unrealizedMidMissing: totals.unrealizedMidMissing,
      ...settlement,
      daily: daily.daily,
      intraday: daily.intraday.map((p) => ({ at: toApiTime(p.timeMs), realized: p.realized })),
    },
    exposure: {
      total: exposure.total,
      enabled: exposure.enabled,
      capitalAtRisk: totals.capitalAtRisk,
      totalLimitUse: totalUse,
      byMarket: exposureByMarket(rows),
    },
    orders: {
      ...activeOrders(rows),
      openOrdersSyncedAt: isoOrNull(openOrders?.lastUpdatedMs),
      openOrdersAgeMs: openOrders?.lastUpdatedMs == null ? null : nowMs - openOrders.lastUpdatedMs,
      openOrderCount: openOrders?.orders.length ?? 0,
    },
    recent: {
      decision: recentDecision(newestDecision(input.latestDecisions.values())),
      fill: recentFill(ctx.replay.steps[ctx.replay.steps.length - 1]),
    },
    bot,
    risk: riskOut,
    markets: rows,
    totals,
    positionSource: ctx.holdingSource,
    lifecycle,
    attention,
    warnings,
  };
}
