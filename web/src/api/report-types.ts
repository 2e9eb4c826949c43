// Shapes of the JSON behind the Stale, Risk, Reconciliation, Compare and Replay pages and the
// balance card. Taken from core's types and the server's own serialisers (type-only imports: nothing
// of the server reaches the bundle), so a renamed field fails the type check here.
import type { Alert, AlertThresholds } from '../../../src/core/alerts';
import type { ChainProblem } from '../../../src/core/chains';
import type { ComparePoint, CompareRow } from '../../../src/core/compare';
import type { PnlSourcesRow } from '../../../src/core/pnl-sources';
import type { StaleItem, StaleTotals } from '../../../src/core/stale';
import type { decisionJson, executionJson, fillJson } from '../../../src/server/json';
import type { Meta, OverviewResponse, Warning } from './types';

export type { ChainProblem, CompareRow, PnlSourcesRow, StaleItem, StaleTotals, AlertThresholds };

interface Envelope {
  meta: Meta;
  warnings: Warning[];
}

export type DecisionJson = ReturnType<typeof decisionJson>;
export type FillJson = ReturnType<typeof fillJson>;
export type ExecutionJson = ReturnType<typeof executionJson>;
export type BookJson = NonNullable<DecisionJson['book']>;

// --- GET /api/v1/stale ---
export interface StaleResponse extends Envelope {
  env: string;
  hours: number;
  items: StaleItem[];
  totals: StaleTotals;
}

// --- GET /api/v1/alerts and /api/v1/risk (TrackedAlert of src/server/alert-monitor.ts) ---
export interface TrackedAlert extends Alert {
  env: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  notifiedAt: string | null;
}

export interface AlertsResponse extends Envelope {
  env: string;
  active: TrackedAlert[];
  resolved: TrackedAlert[];
  thresholds: AlertThresholds;
  webhook: boolean;
  evaluatedAt: string | null;
}

export interface RiskMarket {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
  netPosition: number;
  maxInventoryYes: number | null;
  limitUse: number | null;
  capitalAtRisk: number;
  unrealizedWorst: number;
  spread: number | null;
  minSpread: number | null;
  spreadHealth: 'below' | 'tight' | 'ok' | null;
  mismatch: boolean;
  positionDrift: number;
}

export interface ApiErrorRow {
  marketId: string;
  count: number;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
  lastStatusCode: number | null;
  lastErrorMsg: string | null;
}

export interface RiskResponse extends Envelope {
  env: string;
  bot: OverviewResponse['bot'];
  risk: OverviewResponse['risk'];
  exposure: { total: number; enabled: number; capitalAtRisk: number; totalLimitUse: number | null };
  markets: RiskMarket[];
  apiErrors: ApiErrorRow[];
  apiErrorsUpdatedAt: string | null;
  alerts: TrackedAlert[];
}

// --- GET /api/v1/reconciliation ---
export interface ChainOrderJson {
  orderId: string | null;
  clientOrderId: string | null;
  side: string | null;
  priceYes: number | null;
  size: number | null;
  placedAt: string;
  status: string | null;
  latencyMs: number | null;
  cancelledAt: string | null;
  fills: FillJson[];
  live: boolean;
}

export interface ChainJson {
  decision: DecisionJson;
  problems: ChainProblem[];
  orders: ChainOrderJson[];
  cancels: ExecutionJson[];
}

export interface ChainRunJson {
  runId: string | null;
  mode: 'batch' | 'per_market' | 'idle' | 'unknown';
  unknownReason: 'no_run_id' | 'events_expired' | null;
  start: string | null;
  decisions: number;
  quotingDecisions: number;
  placements: number;
  fills: number;
}

export interface ChainsJson {
  marketId: string;
  from: string;
  to: string;
  decisionsTruncated: boolean;
  /** Every quoting run of the range was a batch run (no ORDER_PLACE at all). */
  noOrderEvents: boolean;
  /** Runs judged batch: their decisions and fills are never broken chains (contract §6.19). */
  batchRuns?: string[];
  runs?: ChainRunJson[];
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
  env: string;
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
  env: string;
  from: string;
  to: string;
  items: CompareRow[];
  series: CompareSeries[];
}

// --- GET /api/v1/markets ---
export interface MarketConfigJson {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
}

export interface MarketsResponse extends Envelope {
  env: string;
  items: MarketConfigJson[];
}

// --- GET /api/v1/markets/:id/decisions and /fills ---
export interface DecisionsPage extends Envelope {
  items: DecisionJson[];
  nextCursor: string | null;
}

export type ReplayFill = FillJson & {
  feeAppliedUsd: number;
  realizedChange: number;
  netBefore: number;
  netAfter: number;
};

export interface FillsResponse extends Envelope {
  env: string;
  marketId: string;
  from: string;
  to: string;
  items: ReplayFill[];
}

// --- GET /api/v1/balance ---
export type BalanceResponse = Partial<Envelope> & { env: string } & (
    | { configured: false }
    | { configured: true; balanceUsd: number; portfolioValueUsd: number | null; fetchedAt: string }
  );
