// The metrics engine's public surface (metrics.md): pure functions, no I/O, no clock.
export {
  buildOverview,
  type Overview,
  type OverviewInput,
  type RecentDecision,
  type RecentFill,
  type ExposureByMarket,
} from './overview.js';
export { buildStale, type StaleItem, type StaleResult, type StaleTotals } from './stale.js';
export {
  buildMarketAnalytics,
  outcomes,
  timeline,
  timelineBucketMs,
  type MarketAnalytics,
  type Outcomes,
  type TimelineBucket,
} from './analytics.js';
export { outcomeRows, type OutcomeRow } from './outcome-rows.js';
export { fillsWithRealized, type FillWithRealized } from './fills.js';
export {
  buildContext,
  holdingOf,
  type MetricsContext,
  type MetricsInput,
  type MarketHolding,
} from './context.js';
export {
  buildRows,
  compareRows,
  marketRow,
  otherMarketIds,
  sumRows,
  tableMarketIds,
  tableTotals,
  type MarketRow,
  type OtherMarketsTotals,
  type RowTotals,
  type TableTotals,
} from './rows.js';
export { fee, fillFee, MAKER_FEE_RATE } from './fees.js';
export { compareReplayOrder, dedupeFills, fillIdentity, prepareFills, sortForReplay } from './dedupe.js';
export {
  applyFill,
  FLAT,
  replayFills,
  type AvgCostState,
  type FeeRule,
  type MarketReplay,
  type ReplayResult,
  type ReplayStep,
} from './replay.js';
export {
  addDays,
  dayFinder,
  dayOf,
  daysBetween,
  InvalidTimeZoneError,
  isDay,
  lastNDays,
  resolveTimeZone,
  zonedDayStartMs,
  zoneOffsetMs,
} from './tz-days.js';
export {
  dailyPnl,
  dailySeries,
  totalsByDay,
  type DailyEntry,
  type DailyPnl,
  type DayTotals,
} from './daily.js';
export { last24h, windowStats, type WindowStats } from './window.js';
export {
  avgCostOf,
  unrealizedBest,
  unrealizedMid,
  unrealizedOf,
  unrealizedWorst,
  type Holding,
  type Unrealized,
} from './unrealized.js';
export { capitalAtRisk, exposureOf, exposureTotals, type ExposureTotals } from './exposure.js';
export {
  activeOrders,
  askActive,
  bidActive,
  exitOrder,
  midOf,
  ordersByMarket,
  ourQuotes,
  quoteState,
  spreadHealth,
  spreadOf,
  type ActiveOrders,
  type OurQuotes,
  type QuoteState,
  type SpreadHealth,
} from './quotes.js';
export {
  mismatchOf,
  priceMatch,
  TRUNCATION_TOLERANCE,
  type Mismatch,
  type MismatchSide,
  type PriceMatch,
} from './mismatch.js';
export { DEFAULT_STALE_HOURS, isStale } from './staleness.js';
export { heartbeat, newestDecision, type Heartbeat, type HeartbeatStatus } from './heartbeat.js';
export { limitUse, lossHeadroom, lossLimitUse, totalLimitUse } from './limits.js';
export { buildAttention, type AttentionItem, type AttentionKind } from './attention.js';
export {
  exposureByCloseDate,
  lifecycleStatus,
  marketLifecycle,
  settlementFigures,
  settlementTotals,
  type ExposureByCloseDate,
  type LifecycleStatus,
  type MarketLifecycle,
  type SettlementTotals,
} from './lifecycle.js';
export {
  latencyBreakdown,
  latencyStats,
  percentile,
  resultKind,
  type LatencyBreakdown,
  type LatencyStats,
} from './latency.js';
export { histogram, niceStep, type HistogramBin } from './histogram.js';
export {
  dailyPnlWarning,
  driftWarnings,
  explainDailyPnl,
  reconcileMarkets,
  reconciliationWarnings,
  type DailyPnlExplanation,
  type MarketReconciliation,
} from './reconcile.js';
export {
  formatAge,
  formatContracts,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
} from './format.js';
export {
  decisionAtFromList,
  decisionAtFromMaps,
  decisionMid,
  midAt,
  midMaxAgeMs,
  type DecisionAt,
  type MidAt,
  type MidUnknownReason,
} from './mid-at.js';
export {
  fillMarkouts,
  fillSign,
  HORIZONS,
  markoutSummary,
  markoutTimes,
  markValue,
  type EdgeSummary,
  type FillMarkout,
  type HorizonName,
  type HorizonSummary,
  type MarkoutSummary,
  type MarkValue,
} from './markouts.js';
export {
  attribution,
  attributionCents,
  attributionTimes,
  dailyAttribution,
  sumAttributions,
  type AttributionCents,
  type AttributionReport,
  type AttributionSum,
  type DailyAttribution,
  type MarketAttribution,
} from './attribution.js';
export {
  fillActivity,
  quotedHours,
  quoteHealth,
  targetsKey,
  type FillActivity,
  type QuoteHealth,
  type QuoteHealthOptions,
} from './quote-health.js';
