// Domain types decoded from the bot's DynamoDB items (../shared/spec/data-contract.md).
// Prices are YES prices in dollars (0–1), money is dollars, sizes are contracts, times are
// UTC epoch milliseconds. `null` means "absent or NULL in the item"; where the difference
// matters to a figure the decoder keeps it explicitly.

export type Env = 'demo' | 'prod';
/** Kalshi side of our (always "buy") order: yes = bought YES (bid), no = bought NO = sold YES (ask). */
export type YesNo = 'yes' | 'no';
/** Side vocabulary of decisions' target quotes and ORDER_* execution events. */
export type BidAsk = 'bid' | 'ask';

/** A problem found while reading: an undecodable item, a missing index, a reconciliation gap. */
export interface Warning {
  code: string;
  message: string;
  detail?: unknown;
}

export type Decoded<T> = { ok: true; value: T; warnings: Warning[] } | { ok: false; warning: Warning };

export interface MarketConfig {
  marketId: string;
  /** The bot quotes only when true; absent ⇒ false (the bot's default). */
  enabled: boolean;
  quoteSize: number;
  /** The bot's effective limit for both long and short positions (contract §6.11). */
  maxInventoryYes: number;
  /** Informational only: the bot uses it solely for skew normalisation. */
  maxInventoryNo: number;
  minSpread: number;
  inventorySkewFactor: number;
  /** `""` and absent both become null. */
  eventTicker: string | null;
  createdAtMs: number | null;
  updatedAtMs: number | null;
  fairValue: number | null;
  disabledReason: string | null;
  disabledAtMs: number | null;
  /** Legacy attribute read by the old dashboard, written by nothing known. */
  maxPosition: number | null;
}

/** One trade-log item: the authoritative record of one fill. */
export interface Fill {
  /** Primary key of the item, for warnings and for de-duplication (keep the smallest sort key). */
  date: string;
  sortKey: string;
  marketId: string;
  side: YesNo;
  /** `bid`/`ask`; absent on items before 2025-12-14. */
  type: BidAsk | null;
  priceYes: number;
  size: number;
  /** Stored estimated fee when it is a number; null ⇒ the metric uses fee(p, c). */
  feeUsd: number | null;
  /** The bot's stored realized change (0 for startup backfills); shown, never used for P&L. */
  pnlRealizedUsd: number | null;
  orderId: string | null;
  /** Kalshi trade id; null when missing or "unknown" (such items are keyed by their sort key). */
  fillId: string | null;
  fillTimeMs: number;
  /** Where fillTimeMs came from: `fill_timestamp`, or the sort key's prefix when that is absent. */
  fillTimeSource: 'fill_timestamp' | 'sort_key';
  fillTimestampRaw: string | null;
  reconciledAtStartup: boolean;
}

export interface BookLevel {
  priceYes: number;
  size: number;
}

/** A decision's order_book_snapshot (excludes our own resting orders). */
export interface BookSnapshot {
  /** null when the stored best_bid is the "no bids" sentinel 0 (or absent). */
  bestBid: number | null;
  /** null when the stored best_ask is the "no asks" sentinel 1 (or absent). */
  bestAsk: number | null;
  /** Stored spread/mid as written (float artifacts kept); the metrics recompute spread. */
  spreadStored: number | null;
  midStored: number | null;
  topBids: BookLevel[];
  topAsks: BookLevel[];
}

export interface PublicTrade {
  priceYes: number;
  size: number;
  /** Kalshi string verbatim (may be ""); parsed when it parses. */
  timestampRaw: string;
  timeMs: number | null;
}

export interface TargetQuote {
  side: BidAsk;
  priceYes: number;
  size: number;
}

/** price_calc: every field optional because the map grew over eras (contract §2.4). */
export interface PriceCalc {
  skew: number | null;
  bestBid: number | null;
  bestAsk: number | null;
  marketBid: number | null;
  marketAsk: number | null;
  fairValue: number | null;
  fairValueBid: number | null;
  fairValueAsk: number | null;
  logic: string | null;
  tradeStdDev: number | null;
  volatilityTradesCount: number | null;
  volatilityWindow: string | null;
  fvSource: string | null;
  wmaPrice: number | null;
  wmaTradesCount: number | null;
  wmaTradeTime: string | null;
  lastTradePrice: number | null;
  lastTradeTime: string | null;
}

/** The book's touch and stored mid: what quote health and mid(t) read of a snapshot. */
export type BookQuote = Pick<BookSnapshot, 'bestBid' | 'bestAsk' | 'midStored'>;

/**
 * The part of a decision that quote health, fill activity and mid(t) read, and no more: what the
 * quality reads ask the store for (a projection), so that a 1–3 kB decision crosses the wire and
 * the decoder as ~0.3 kB. A full Decision is one too.
 */
export interface QuoteDecision {
  /** Partition key (UTC date at write) and the naive-UTC sort key, verbatim. */
  date: string;
  timestampRaw: string;
  timeMs: number;
  /** Ticker, or "ALL" for system decisions (startup/halt/fatal cancels). */
  marketId: string;
  decisionId: string | null;
  botRunId: string | null;
  book: BookQuote | null;
  targetQuotes: TargetQuote[];
}

export interface Decision extends QuoteDecision {
  botVersion: string | null;
  book: BookSnapshot | null;
  recentTrades: PublicTrade[];
  /** inventory.net_yes_qty (or the 2025-12-13 demo era's inventory.net). */
  inventoryNetYesQty: number | null;
  /** null when absent (pre-2025-12-23); an all-null object when stored as {} (market skipped). */
  priceCalc: PriceCalc | null;
  priceCalcEmpty: boolean;
  numTargets: number;
  /** System decisions only. */
  reason: string | null;
  openOrdersCount: number | null;
  haltReason: string | null;
  dailyPnlUsd: number | null;
}

export type ExecutionEventType = 'ORDER_PLACE' | 'ORDER_RESULT' | 'ORDER_CANCEL' | 'FILL';

export interface ExecutionEvent {
  botRunId: string;
  /** The base table's sort key `decision_id#event_ts`. */
  sortKey: string;
  decisionId: string;
  eventTsRaw: string;
  timeMs: number;
  /** Known types are typed; anything else is kept verbatim (and flagged by the decoder). */
  eventType: ExecutionEventType | string;
  /** Note: the attribute is `market`, not `market_id`. */
  market: string;
  botVersion: string | null;
  env: string | null;
  expiresAtS: number | null;
  /** bid/ask on ORDER_*; yes/no on FILL; null on cancels. */
  side: BidAsk | YesNo | null;
  priceYes: number | null;
  size: number | null;
  clientOrderId: string | null;
  orderId: string | null;
  status: string | null;
  latencyMs: number | null;
  errorType: string | null;
  errorCode: string | null;
  errorMsg: string | null;
  fillId: string | null;
  pnlDeltaUsd: number | null;
  feeUsd: number | null;
}

/** One entry of the bot's `positions` state item. */
export interface BotPosition {
  marketId: string;
  netYesQty: number;
  /** Only meaningful when net > 0 (stale values linger otherwise). */
  avgBuyPrice: number;
  /** Only meaningful when net < 0. */
  avgSellPrice: number;
  realizedPnlUsd: number;
}

export interface PositionsState {
  positions: Map<string, BotPosition>;
}

export interface OpenOrder {
  orderId: string;
  marketId: string;
  /** yes = our bid, no = our ask; price is the YES price for both. */
  side: YesNo;
  priceYes: number;
  size: number;
  filledSize: number;
  decisionId: string | null;
  clientOrderId: string | null;
  status: string | null;
  createdAtMs: number | null;
  tif: string | null;
}

export interface OpenOrdersState {
  orders: OpenOrder[];
  /** When the bot last saved the item: the snapshot can be minutes older than the newest decision. */
  lastUpdatedMs: number | null;
}

export interface RiskState {
  /** A never-reset running total despite its name (contract §2.2). */
  dailyPnlUsd: number;
  tradingHalted: boolean;
  haltReason: string | null;
  lastFillAtMs: number | null;
  lastUpdatedMs: number | null;
}

export interface ApiErrorEntry {
  marketId: string;
  count: number;
  lastErrorAtMs: number | null;
  lastErrorCode: string | null;
  lastStatusCode: number | null;
  lastErrorMsg: string | null;
}

export interface ApiErrorsState {
  errors: ApiErrorEntry[];
  lastUpdatedMs: number | null;
}

export interface GlobalConfig {
  /** false when the item is missing and every value is the bot's default. */
  present: boolean;
  maxTotalExposure: number;
  maxDailyLossUsd: number;
  loopIntervalMs: number;
  tradingEnabled: boolean;
  riskAversionK: number;
  cancelOnStartup: boolean;
  useBatchExecution: boolean;
}

export const GLOBAL_CONFIG_DEFAULTS: Omit<GlobalConfig, 'present'> = {
  maxTotalExposure: 500,
  maxDailyLossUsd: 100,
  loopIntervalMs: 5000,
  tradingEnabled: true,
  riskAversionK: 0.5,
  cancelOnStartup: true,
  useBatchExecution: false,
};

/** Defaults the bot applies when config attributes are missing (contract §2.1). */
export const MARKET_CONFIG_DEFAULTS = {
  enabled: false,
  quoteSize: 10,
  maxInventoryYes: 100,
  maxInventoryNo: 100,
  minSpread: 0.06,
  inventorySkewFactor: 0.25,
} as const;
