// Shapes of the API's JSON. The overview's body is built by src/core/overview.ts, so its types are
// imported from there (type-only: nothing of the server ends up in the bundle).
import type { Overview, RecentDecision } from '../../../src/core/overview';
import type { Warning } from '../../../src/core/types';

export type { MarketRow, OtherMarketsTotals, RowTotals, TableTotals } from '../../../src/core/rows';
export type { DailyEntry } from '../../../src/core/daily';
export type { ExposureByMarket, RecentDecision, RecentFill } from '../../../src/core/overview';
export type { Warning } from '../../../src/core/types';

export interface Meta {
  generatedAt: string;
  cache: 'hit' | 'miss' | 'stale';
  dynamo: { requests: number; items: number; rcu: number; ms: number };
  /** How old the data behind this body is (0 when just loaded from DynamoDB). */
  dataAgeMs?: number;
}

export type OverviewResponse = Overview & { meta: Meta; warnings: Warning[] };

// --- Live events (GET /api/v1/events), as src/server/live.ts emits them ---

/** Changed figure groups only; `daily` and `byMarket` are never sent. Computed in UTC, 30 days. */
export interface OverviewEvent {
  env: string;
  pnl?: Omit<Overview['pnl'], 'daily'>;
  exposure?: Omit<Overview['exposure'], 'byMarket'>;
  orders?: Overview['orders'];
  risk?: Overview['risk'];
  totals?: Overview['totals'];
}

export interface HeartbeatEvent {
  env: string;
  now: string;
  bot: Overview['bot'];
}

/** The fields of src/server/json.ts decisionJson that the UI uses. */
export interface DecisionEvent {
  decisionId: string | null;
  marketId: string;
  time: string;
  botRunId: string | null;
  botVersion: string | null;
  book: {
    bestBid: number | null;
    bestAsk: number | null;
    spread: number | null;
    mid: number | null;
    topBids: { priceYes: number; size: number }[];
    topAsks: { priceYes: number; size: number }[];
  } | null;
  inventory: number | null;
  targetQuotes: RecentDecision['targetQuotes'];
}
