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
  /** Orders cancelled in the run's latest loop of this market that the bot's per-market mode put
   *  back into its local state (it re-adds the loop's prefetched exchange orders before placing,
   *  contract §6.20): the next state save lists them although they no longer rest. Optional so
   *  states saved by older versions still load. */
  ghosts?: SimOrder[];
  settled: boolean;
  rng: PrngState;
}

export interface SimMarket {
  spec: MarketSpec;
  dyn: MarketDyn;
}

/** global_config `use_batch_execution` as the run read it at startup (contract §6.13). */
export type ExecMode = 'per_market' | 'batch';

/** How a bot process ended: graceful restart (orders keep resting), risk halt or fatal-error
 *  cleanup (both cancel everything under an "ALL" system decision). */
export type RunEnd = 'restart' | 'risk_halt' | 'fatal_error';

/** What the simulation knows about one bot process (the tables do not record all of it). */
export interface RunRecord {
  runId: string;
  startUs: number;
  /** null while the run is still going (the history's last run at "now"). */
  endUs: number | null;
  end: RunEnd | null;
  mode: ExecMode;
  /** The exchange had open orders at startup: an "ALL" startup_cancel record was written. */
  startupRecord: boolean;
  /** Orders the startup cancel went through (open_orders_count). */
  startupOrders: number;
}

export interface RunState {
  runId: string;
  botVersion: string;
  /** Absent in states saved by older versions: per-market. */
  mode?: ExecMode;
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
