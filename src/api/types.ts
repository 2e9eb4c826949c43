// The /api/v1 contract: the shape of every JSON body the server sends (docs/api.md has the prose).
// One module for both sides: the route handlers in src/server/routes check what they return against
// these types (`satisfies`), and the web app (web/, through the `@api/types` alias) reads the bodies
// as these types, so a field renamed on the server fails the type check of both.
//
// Pure types: every import is type-only, and none reaches src/store or the AWS SDK, so the web
// bundle gets nothing of the server and web's type check does not pull in the store. The bodies are
// derived from core's types and the serialisers of src/server/json.ts wherever those make them.
import type { Alert, AlertThresholds } from '../core/alerts.js';
import type { MarketAnalytics } from '../core/analytics.js';
import type { ChainOrder, ChainProblem, RunReport } from '../core/chains.js';
import type { ComparePoint, CompareRow } from '../core/compare.js';
import type { HorizonName, HorizonSummary } from '../core/markouts.js';
import type { ExposureByCloseDate, LifecycleStatus } from '../core/lifecycle.js';
import type { FillActivity, QuoteHealth } from '../core/quote-health.js';
import type { Overview } from '../core/overview.js';
import type { PnlSourcesRow } from '../core/pnl-sources.js';
import type { MarketReplay } from '../core/replay.js';
import type { MarketRow } from '../core/rows.js';
import type { StaleItem, StaleTotals } from '../core/stale.js';
import type { ApiErrorEntry, BookSnapshot, Env, OpenOrder, Warning } from '../core/types.js';
import type {
  configJson,
  decisionJson,
  executionJson,
  fillJson,
  fillWithRealizedJson,
} from '../server/json.js';

export type {
  AlertThresholds,
  ChainProblem,
  CompareRow,
  MarketRow,
  PnlSourcesRow,
  StaleItem,
  StaleTotals,
  Warning,
};
export type { DailyEntry } from '../core/daily.js';
export type { HistogramBin } from '../core/histogram.js';
export type { LatencyStats } from '../core/latency.js';
export type { TimelineBucket } from '../core/analytics.js';
export type { ExposureByMarket, RecentDecision, RecentFill } from '../core/overview.js';
export type { OtherMarketsTotals, RowTotals, TableTotals } from '../core/rows.js';
export type {
  ExposureByCloseDate,
  LifecycleStatus,
  MarketPhase,
  SettlementSource,
} from '../core/lifecycle.js';

// --- Envelope: every JSON body but health's and the live events' ---

/** What a body cost and how fresh it is (src/server/respond.ts). */
export interface Meta {
  generatedAt: string;
  cache: 'hit' | 'miss' | 'stale';
  dynamo: { requests: number; items: number; rcu: number; ms: number };
  /** How old the data behind this body is (0 when just loaded from DynamoDB). */
  dataAgeMs?: number;
}

export interface Envelope {
  meta: Meta;
  warnings: Warning[];
}

// --- The serialisers of src/server/json.ts ---

export type MarketConfigJson = ReturnType<typeof configJson>;
export type DecisionJson = ReturnType<typeof decisionJson>;
export type BookJson = NonNullable<DecisionJson['book']>;
export type PriceCalcJson = NonNullable<DecisionJson['priceCalc']>;
export type FillJson = ReturnType<typeof fillJson>;
/** A fill with what the replay of its market's history says of it. */
export type ReplayFill = ReturnType<typeof fillWithRealizedJson>;
export type ExecutionJson = ReturnType<typeof executionJson>;

// --- GET /api/v1/health (no envelope: load balancers read it) ---

/**
 * The market-data block of health (issue 20): the source's status (src/store/kalshi/source.ts
 * MarketDataStatus, mapped field by field in routes/health.ts so a change there fails the type
 * check; spelled out because this module reaches nothing of src/store).
 */
export interface MarketDataStatusJson {
  /** Base URL of Kalshi's market-data API (never credentials). */
  source: string;
  /** Kalshi credentials configured: the account's settlements are read too. */
  settlementsEnabled: boolean;
  fetchedAt: string | null;
  ageMs: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  requests: number;
  errors: number;
}

export interface TableHealth {
  name: string;
  base: string;
  exists: boolean;
  itemCountHint: number | null;
  indexes: string[];
  hasData: boolean | null;
}

export interface HealthResponse {
  ok: boolean;
  source: 'embedded' | 'aws';
  env: Env;
  region: string;
  tables: TableHealth[];
  /** Absent on a 503. */
  meta?: Meta;
  warnings?: Warning[];
  /** Set on a 503: the store could not be reached. */
  error?: { code: string; name: string; message: string };
  /**
   * Kalshi market data (issue 20): where it comes from, how old, its errors; null when not
   * configured. Present on a 503 too: it does not depend on the store.
   */
  marketData: MarketDataStatusJson | null;
}

// --- GET /api/v1/overview and /api/v1/stale ---

export type OverviewResponse = Overview & Envelope;

export interface StaleResponse extends Envelope {
  env: Env;
  hours: number;
  items: StaleItem[];
  totals: StaleTotals;
}

// --- GET /api/v1/markets ---

export interface MarketsResponse extends Envelope {
  env: Env;
  items: MarketConfigJson[];
}

// --- GET /api/v1/markets/:id ---

export interface MarketPosition extends MarketRow {
  botAvgBuyPrice: number | null;
  botAvgSellPrice: number | null;
  replay: MarketReplay | null;
}

export interface MarketDetailResponse extends Envelope {
  env: Env;
  marketId: string;
  /** Lifecycle (metrics.md §"Market lifecycle"), as on `position`; null when unknown. */
  title: string | null;
  closeTime: string | null;
  marketStatus: string | null;
  result: string | null;
  settlementPnl: number | null;
  lifecycle: LifecycleStatus;
  config: MarketConfigJson | null;
  position: MarketPosition | null;
  latestDecision: DecisionJson | null;
  book: BookSnapshot | null;
  ourOrders: (OpenOrder & { createdAt: string | null })[];
  openOrdersSyncedAt: string | null;
}

// --- GET /api/v1/markets/:id/series ---

export interface SeriesPoint {
  time: string;
  decisionId: string | null;
  decisionAt: string | null;
  bestBid: number | null;
  bestAsk: number | null;
  mid: number | null;
  targetBid: number | null;
  targetAsk: number | null;
  inventory: number | null;
  fairValue: number | null;
}

export interface SeriesResponse extends Envelope {
  env: Env;
  marketId: string;
  from: string;
  to: string;
  points: number;
  stepMs: number;
  items: SeriesPoint[];
}

// --- GET /api/v1/markets/:id/runs ---

/** A bot run seen for the market (its decisions or the bot's "ALL" records). */
export interface RunJson {
  runId: string;
  /** The process start its id names (UTC, to the second); null for an id of another form. */
  start: string | null;
  /** `bot_version` as the bot wrote it (`unknown` included); null when not read. */
  version: string | null;
}

/** A run that began in the range: a restart, and a version change when `versionChanged`. */
export interface RunStartJson {
  runId: string;
  start: string;
  version: string | null;
  previousRunId: string | null;
  previousVersion: string | null;
  versionChanged: boolean;
}

export interface RunsResponse extends Envelope {
  env: Env;
  marketId: string;
  from: string;
  to: string;
  /** Every run found, oldest first: those that began in the range and the one in force at its start. */
  runs: RunJson[];
  /** The runs that began in the range, oldest first (core/run-starts.ts). */
  starts: RunStartJson[];
}

// --- GET /api/v1/markets/:id/decisions and /api/v1/decisions/:id ---

export interface DecisionsPage extends Envelope {
  items: DecisionJson[];
  nextCursor: string | null;
}

export interface DecisionDetailResponse extends Envelope {
  decision: DecisionJson;
  nextDecisionAt: string | null;
  executions: ExecutionJson[];
  /** With their replayed figures, as the fills list has them (its decision is this one). */
  fills: ReplayFill[];
}

// --- GET /api/v1/markets/:id/fills, /executions, /analytics ---

export type MarketFill = ReplayFill & {
  /**
   * Edge at fill (spread capture) per contract, cents: s · (mid(t_fill) − price) · 100; null when
   * mid(t_fill) is unknown (metrics.md "Market-making quality").
   */
  edgeCents: number | null;
  /** Markout per contract at each horizon, cents; null while t_fill + h is after now or the mid is unknown. */
  markouts: Record<HorizonName, number | null>;
  /** The decision in force at the fill (null with `context=false` or without the GSI). */
  decisionContext: DecisionJson | null;
};

export interface FillsResponse extends Envelope {
  env: Env;
  marketId: string;
  from: string;
  to: string;
  items: MarketFill[];
}

export interface ExecutionsPage extends Envelope {
  items: ExecutionJson[];
  nextCursor: string | null;
  total: number;
}

export interface AnalyticsResponse extends Envelope, MarketAnalytics {
  env: Env;
  marketId: string;
}

// --- GET /api/v1/alerts and /api/v1/risk ---

/** An alert as the monitor tracks it (src/server/alert-monitor.ts). */
export interface TrackedAlert extends Alert {
  env: Env;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  notifiedAt: string | null;
}

export interface AlertsResponse extends Envelope {
  env: Env;
  active: TrackedAlert[];
  resolved: TrackedAlert[];
  thresholds: AlertThresholds;
  webhook: boolean;
  evaluatedAt: string | null;
}

/** A market on the risk page: what its limits and book say, from the overview's row. */
export type RiskMarket = Pick<
  MarketRow,
  | 'marketId'
  | 'title'
  | 'eventTicker'
  | 'closeTime'
  | 'closesInMs'
  | 'closingSoon'
  | 'marketStatus'
  | 'settlementPnl'
  | 'enabled'
  | 'netPosition'
  | 'maxInventoryYes'
  | 'limitUse'
  | 'capitalAtRisk'
  | 'unrealizedWorst'
  | 'spread'
  | 'minSpread'
  | 'spreadHealth'
  | 'positionDrift'
> & { mismatch: boolean };

export type ApiErrorRow = ApiErrorEntry & { lastErrorAt: string | null };

export interface RiskResponse extends Envelope {
  env: Env;
  bot: Overview['bot'];
  risk: Overview['risk'];
  exposure: Pick<Overview['exposure'], 'total' | 'enabled' | 'capitalAtRisk' | 'totalLimitUse'> & {
    /** Held markets by the UTC date of their close time (null: unknown), oldest date first. */
    byCloseDate: ExposureByCloseDate[];
  };
  lifecycle: LifecycleStatus;
  markets: RiskMarket[];
  apiErrors: ApiErrorRow[];
  apiErrorsUpdatedAt: string | null;
  alerts: TrackedAlert[];
}

// --- GET /api/v1/reconciliation ---

export type ChainOrderJson = Omit<ChainOrder, 'placedAtMs' | 'cancelledAtMs' | 'fills'> & {
  placedAt: string;
  cancelledAt: string | null;
  fills: FillJson[];
};

export interface ChainJson {
  decision: DecisionJson;
  problems: ChainProblem[];
  orders: ChainOrderJson[];
  cancels: ExecutionJson[];
}

export type ChainRunJson = Omit<RunReport, 'startMs'> & { start: string | null };

export interface ChainsJson {
  marketId: string;
  from: string;
  to: string;
  decisionsTruncated: boolean;
  /** Every quoting run of the range was a batch run (no ORDER_PLACE at all). */
  noOrderEvents: boolean;
  /** Runs judged batch: their decisions and fills are never broken chains (contract §6.19). */
  batchRuns: string[];
  runs: ChainRunJson[];
  counts: Record<ChainProblem, number> & { chains: number; broken: number };
  items: ChainJson[];
  orphanFills: FillJson[];
}

export interface DriftRow {
  marketId: string;
  botNet: number | null;
  replayedNet: number;
  drift: number;
}

export interface ReconciliationResponse extends Envelope {
  env: Env;
  /** Null without `market`. */
  chains: ChainsJson | null;
  pnlSources: PnlSourcesRow[];
  drift: DriftRow[];
}

// --- GET /api/v1/compare ---

export interface CompareSeries {
  marketId: string;
  points: (Omit<ComparePoint, 'time'> & { time: string })[];
}

export interface CompareResponse extends Envelope {
  env: Env;
  from: string;
  to: string;
  items: CompareRow[];
  series: CompareSeries[];
}

// --- GET /api/v1/balance ---

export type BalanceResponse = Envelope & { env: Env } & (
    | { configured: false }
    | { configured: true; balanceUsd: number; portfolioValueUsd: number | null; fetchedAt: string }
  );

// --- GET /api/v1/events: the live stream's events (src/server/live.ts) ---

/** Changed figure groups only; `daily` and `byMarket` are never sent. Computed in UTC, 30 days. */
export interface OverviewEvent {
  env: Env;
  pnl?: Omit<Overview['pnl'], 'daily'>;
  exposure?: Omit<Overview['exposure'], 'byMarket'>;
  orders?: Overview['orders'];
  risk?: Overview['risk'];
  totals?: Overview['totals'];
  lifecycle?: Overview['lifecycle'];
}

export interface HeartbeatEvent {
  env: Env;
  now: string;
  bot: Overview['bot'];
}

/** A market's new newest decision: decisionJson's body and the environment. */
export type DecisionEvent = DecisionJson & { env: Env };

/** A new fill with its realized change. */
export type FillEvent = FillJson & { env: Env; realizedChange: number };

export interface LiveErrorEvent {
  env: Env;
  code: string;
  name: string;
  message: string;
}

// --- GET /api/v1/markets/:marketId/quality and GET /api/v1/quality (metrics.md "Market-making
// quality"; api.md §Added). Money in dollars (`…Usd` in core; the API keeps api.md's short names),
// per-contract figures in cents, shares as fractions 0–1 like limitUse.

/** One point of the markout curve. */
export type QualityHorizon = Pick<
  HorizonSummary,
  'h' | 'seconds' | 'count' | 'contracts' | 'perContractCents' | 'adverseCount' | 'adverseCents'
>;

export interface QualityMarkouts {
  /** Edge at fill (spread capture) per contract over the fills with a known mid. */
  edge: { count: number; contracts: number; perContractCents: number | null };
  horizons: QualityHorizon[];
}

/** total = spreadCapture + inventory − fees, to the cent (inventory is derived from the rounded three). */
export interface QualityAttribution {
  /** Null when a mark is unknown while a position is held (never guessed). */
  total: number | null;
  spreadCapture: number;
  inventory: number | null;
  fees: number;
}

export interface QualityDay extends QualityAttribution {
  /** YYYY-MM-DD in the request's tz. */
  date: string;
}

export type QualityQuotes = Pick<
  QuoteHealth,
  | 'decisions'
  | 'quotedPct'
  | 'twoSidedPct'
  | 'atTouchBidPct'
  | 'atTouchAskPct'
  | 'distanceBidCents'
  | 'distanceAskCents'
  | 'requotes'
  | 'requotesPerHour'
  | 'quotedHours'
> & {
  /**
   * Where the quotes and fills blocks start: `from`, or — when the market has more decisions in the
   * range than one answer reads (truncated) — the newest decisions' start. Both blocks then cover
   * [coveredFrom, to]; markouts and attribution always cover the whole range.
   */
  coveredFrom: string;
  truncated: boolean;
};

export type QualityFills = Pick<
  FillActivity,
  | 'fills'
  | 'contracts'
  | 'acceptedPlacements'
  | 'cancels'
  | 'fillRate'
  | 'contractsPerQuotedHour'
  | 'cancelToFill'
>;

/** The four blocks of one market (or of all markets together). */
export interface QualityBlocks {
  markouts: QualityMarkouts;
  attribution: QualityAttribution;
  /** The attribution per calendar day (tz), for the stacked daily chart; days add up to the range. */
  daily: QualityDay[];
  quotes: QualityQuotes;
  fills: QualityFills;
}

export interface MarketQualityResponse extends QualityBlocks, Envelope {
  env: Env;
  marketId: string;
  from: string;
  to: string;
}

export interface QualityResponse extends Envelope {
  env: Env;
  from: string;
  to: string;
  markets: (QualityBlocks & { marketId: string })[];
  /** All markets together: markouts over every fill, attribution summed over markets with a known total. */
  all: QualityBlocks & { unknownMarkets: string[] };
}
