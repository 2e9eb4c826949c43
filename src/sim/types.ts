// Shapes shared by the simulator's modules. Items are plain JS values exactly as lib-dynamodb
// marshals them (number → N, string → S, boolean → BOOL, null → NULL, object → M, array → L).
import type { BidAsk, Env } from '../core/types.js';
import type { TableBase } from '../store/tables.js';
import type { AvgCostPosition } from './avg-cost.js';
import type { MarketSpec } from './markets.js';
import type { PrngState } from './prng.js';

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Item = { [key: string]: AttrValue };
export type SimItems = Record<TableBase, Item[]>;

export interface ItemSink {
  put(table: TableBase, item: Item): void;
}

/** A public trade on the market (anyone's, including our fills). */
export interface SimPublicTrade {
  cents: number;
  size: number;
  us: number;
  /** Kalshi's time string, verbatim as the bot copies it. */
  kalshiTs: string;
}

/** One of our resting orders (we only ever buy: bid = buy YES, ask = buy NO = sell YES). */
export interface SimOrder {
  orderId: string;
  clientOrderId: string;
  side: BidAsk;
  /** The target float the bot placed (may carry artifacts such as 0.35000000000000003). */
  targetPriceYes: number;
  /** What Kalshi rests: int(price × 100), so 0.29 → 28¢ (contract §5.8). */
  cents: number;
  size: number;
  remaining: number;
  placedUs: number;
  decisionId: string;
  runId: string;
  placedLoop: number;
}

export interface MarketDyn {
  fvLogit: number;
  /** Current book spread in ticks; drifts slowly so quotes do not churn every loop. */
  spreadTicks: number;
  lastUs: number;
  /** Newest first, at most 12. */
  trades: SimPublicTrade[];
  bid: SimOrder | null;
  ask: SimOrder | null;
  settled: boolean;
  rng: PrngState;
}

export interface SimMarket {
  spec: MarketSpec;
  dyn: MarketDyn;
}

export interface RunState {
  runId: string;
  botVersion: string;
  startUs: number;
  firstLoopUs: number;
  loopPeriodUs: number;
  lastLoop: number;
}

export interface ApiErrorState {
  count: number;
  /** Loop of the last error; a persistent error (404 on a settled market) fails every loop,
   *  including the loops the history does not sample, so its count grows by the loop gap. */
  lastLoop: number;
  persistent: boolean;
  lastErrorUs: number;
  code: string | null;
  status: number | null;
  msg: string | null;
}

/** Everything needed to continue the simulation: plain data, structuredClone-able. */
export interface SimState {
  formatVersion: 1;
  seed: number;
  env: Env;
  /** The newest simulated instant. */
  clockUs: number;
  rng: PrngState;
  markets: SimMarket[];
  /** The bot's `positions` map, insertion-ordered like the bot's dict. */
  positions: Record<string, AvgCostPosition>;
  run: RunState | null;
  risk: { dailyPnlUsd: number; lastFillUs: number | null };
  /** Per-run api_errors (the bot overwrites the item each run). */
  apiErrors: Record<string, ApiErrorState>;
  /** Execution events are written only at or after this instant (TTL window). */
  executionFromUs: number;
  /** Multiplies fill intensity (live mode wants fills every ~30–90 s). */
  fillRateMultiplier: number;
  eraSpec: { startUs: number; spanUs: number; gapUs: number };
  /** Per-market processing time inside one loop, µs bounds (order-book + trades GETs). */
  marketStepUs: [number, number];
}
