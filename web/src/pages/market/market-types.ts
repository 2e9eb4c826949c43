// Shapes of the market endpoints' JSON, taken from the server's own serialisers (type-only imports:
// nothing of the server reaches the bundle), so a renamed field fails the type check here.
import type { MarketAnalytics } from '../../../../src/core/analytics';
import type { MarketReplay } from '../../../../src/core/replay';
import type { BookSnapshot, OpenOrder } from '../../../../src/core/types';
import type { decisionJson, executionJson, fillJson } from '../../../../src/server/json';
import type { configJson } from '../../../../src/server/json';
import type { MarketRow, Meta, Warning } from '../../api/types';

export type { HistogramBin } from '../../../../src/core/histogram';
export type { LatencyStats } from '../../../../src/core/latency';
export type { TimelineBucket } from '../../../../src/core/analytics';

interface Envelope {
  meta: Meta;
  warnings: Warning[];
}

export type MarketConfigJson = ReturnType<typeof configJson>;
export type DecisionJson = ReturnType<typeof decisionJson>;
export type ExecutionJson = ReturnType<typeof executionJson>;
export type FillJson = ReturnType<typeof fillJson>;
export type PriceCalcJson = NonNullable<DecisionJson['priceCalc']>;
export type BookJson = NonNullable<DecisionJson['book']>;

export interface MarketsResponse extends Envelope {
  env: string;
  items: MarketConfigJson[];
}

export interface MarketPosition extends MarketRow {
  botAvgBuyPrice: number | null;
  botAvgSellPrice: number | null;
  replay: MarketReplay | null;
}

export interface MarketDetailResponse extends Envelope {
  env: string;
  marketId: string;
  config: MarketConfigJson | null;
  position: MarketPosition | null;
  latestDecision: DecisionJson | null;
  book: BookSnapshot | null;
  ourOrders: (OpenOrder & { createdAt: string | null })[];
  openOrdersSyncedAt: string | null;
}

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
  from: string;
  to: string;
  points: number;
  stepMs: number;
  items: SeriesPoint[];
}

export interface DecisionsPage extends Envelope {
  items: DecisionJson[];
  nextCursor: string | null;
}

export interface ExecutionsPage extends Envelope {
  items: ExecutionJson[];
  nextCursor: string | null;
  total: number;
}

export interface MarketFill extends FillJson {
  feeAppliedUsd: number;
  realizedChange: number;
  netBefore: number;
  netAfter: number;
  decisionContext: DecisionJson | null;
}

export interface FillsResponse extends Envelope {
  from: string;
  to: string;
  items: MarketFill[];
}

export interface DecisionDetailResponse extends Envelope {
  decision: DecisionJson;
  nextDecisionAt: string | null;
  executions: ExecutionJson[];
  /** With their replayed figures, as the fills list has them (its decision is this one). */
  fills: Omit<MarketFill, 'decisionContext'>[];
}

export interface AnalyticsResponse extends Envelope, MarketAnalytics {
  env: string;
  marketId: string;
}
