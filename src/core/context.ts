// What the overview and the stale page both need, derived once per request from the raw inputs.
import { ordersByMarket } from './quotes.js';
import { replayFills, type ReplayResult } from './replay.js';
import type { Holding } from './unrealized.js';
import { last24h, type WindowStats } from './window.js';
import type { MarketDataView } from './market-info.js';
import type {
  ApiErrorsState,
  Decision,
  Env,
  Fill,
  GlobalConfig,
  MarketConfig,
  OpenOrder,
  OpenOrdersState,
  PositionsState,
  RiskState,
} from './types.js';

/** Everything core needs for /overview and /stale; the server reads it, core only computes. */
export interface MetricsInput {
  env: Env;
  region: string;
  /** IANA zone of calendar days; validated (InvalidTimeZoneError). */
  tz: string;
  /** The request's "now" (server clock), injected. */
  nowMs: number;
  /** Length of the daily series (calendar days ending today in tz). */
  days: number;
  configs: readonly MarketConfig[];
  positions: PositionsState | null;
  openOrders: OpenOrdersState | null;
  risk: RiskState | null;
  globalConfig: GlobalConfig;
  /** Raw trade-log items of the whole history, duplicates allowed. */
  fills: readonly Fill[];
  /** Newest market decision per market id (no "ALL" entries). */
  latestDecisions: ReadonlyMap<string, Decision>;
  /** Newest decision of any kind, possibly an "ALL" system decision. */
  newestDecisionAny: Decision | null;
  /** The bot's api_errors item (attention's API-error bursts); absent ⇒ none known. */
  apiErrors?: ApiErrorsState | null;
  /**
   * Kalshi's market data as known now (metrics.md §"Market lifecycle"); absent or null ⇒ not
   * configured: every lifecycle figure is null and says so.
   */
  marketData?: MarketDataView | null;
}

export interface MarketHolding extends Holding {
  marketId: string;
  /** The bot's realized_pnl, null when the market is not in `positions`. */
  botRealized: number | null;
}

export interface MetricsContext {
  input: MetricsInput;
  replay: ReplayResult;
  configs: Map<string, MarketConfig>;
  orders: Map<string, OpenOrder[]>;
  /** The displayed position per market: the bot's `positions` (the trade-log replay if absent). */
  holdings: Map<string, MarketHolding>;
  holdingSource: 'positions' | 'replay';
  window24h: Map<string, WindowStats>;
}

export function buildContext(input: MetricsInput): MetricsContext {
  const replay = replayFills(input.fills);
  const holdings = new Map<string, MarketHolding>();
  if (input.positions !== null) {
    for (const [marketId, p] of input.positions.positions) {
      holdings.set(marketId, {
        marketId,
        net: p.netYesQty,
        avgBuy: p.avgBuyPrice,
        avgSell: p.avgSellPrice,
        botRealized: p.realizedPnlUsd,
      });
    }
  } else {
    // Without the state item the replay is the best available position; a warning says so.
    for (const m of replay.markets.values()) {
      holdings.set(m.marketId, {
        marketId: m.marketId,
        net: m.net,
        avgBuy: m.avgBuy,
        avgSell: m.avgSell,
        botRealized: null,
      });
    }
  }
  return {
    input,
    replay,
    configs: new Map(input.configs.map((c) => [c.marketId, c])),
    orders: ordersByMarket(input.openOrders?.orders),
    holdings,
    holdingSource: input.positions !== null ? 'positions' : 'replay',
    window24h: last24h(replay.steps, input.nowMs),
  };
}

/** The holding of a market, flat when the market has none. */
export function holdingOf(ctx: MetricsContext, marketId: string): MarketHolding {
  return ctx.holdings.get(marketId) ?? { marketId, net: 0, avgBuy: 0, avgSell: 0, botRealized: null };
}
