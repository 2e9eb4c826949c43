// Builders of decoded domain values for tests (no I/O, no mocks): each fills every field with
// a neutral default so a test states only what matters to it.
import { parseIsoUtcMs, toAwareIso, utcDate } from './time.js';
import {
  GLOBAL_CONFIG_DEFAULTS,
  MARKET_CONFIG_DEFAULTS,
  type BookSnapshot,
  type BotPosition,
  type Decision,
  type ExecutionEvent,
  type Fill,
  type GlobalConfig,
  type MarketConfig,
  type OpenOrder,
  type TargetQuote,
} from './types.js';

export function ms(iso: string): number {
  const t = parseIsoUtcMs(iso);
  if (t === null) throw new Error(`bad time ${iso}`);
  return t;
}

let serial = 0;

export interface FillSpec {
  market?: string;
  side: 'yes' | 'no';
  price: number;
  size: number;
  at: string;
  /** undefined ⇒ formula fee (feeUsd null). */
  fee?: number | null;
  fillId?: string | null;
  date?: string;
  sortKey?: string;
  reconciledAtStartup?: boolean;
}

export function fill(spec: FillSpec): Fill {
  const t = ms(spec.at);
  const orderId = `order-${++serial}`;
  return {
    date: spec.date ?? utcDate(t),
    sortKey: spec.sortKey ?? `${toAwareIso(t)}#${orderId}`,
    marketId: spec.market ?? 'MKT-A',
    side: spec.side,
    type: spec.side === 'yes' ? 'bid' : 'ask',
    priceYes: spec.price,
    size: spec.size,
    feeUsd: spec.fee ?? null,
    pnlRealizedUsd: null,
    orderId,
    fillId: spec.fillId === undefined ? `fill-${serial}` : spec.fillId,
    fillTimeMs: t,
    fillTimeSource: 'fill_timestamp',
    fillTimestampRaw: toAwareIso(t),
    reconciledAtStartup: spec.reconciledAtStartup ?? false,
  };
}

export function book(bestBid: number | null, bestAsk: number | null): BookSnapshot {
  return {
    bestBid,
    bestAsk,
    spreadStored: null,
    midStored: null,
    topBids: [],
    topAsks: [],
  };
}

export function decision(spec: {
  market?: string;
  at: string;
  book?: BookSnapshot | null;
  targets?: TargetQuote[];
  runId?: string;
  version?: string;
}): Decision {
  const t = ms(spec.at);
  const market = spec.market ?? 'MKT-A';
  const runId = spec.runId ?? '20260103-131502-a1b2c3';
  return {
    date: utcDate(t),
    timestampRaw: spec.at,
    timeMs: t,
    marketId: market,
    decisionId: `${runId}:${market}:1`,
    botRunId: runId,
    botVersion: spec.version ?? 'ed4a2b3',
    book: spec.book === undefined ? null : spec.book,
    recentTrades: [],
    inventoryNetYesQty: null,
    priceCalc: null,
    priceCalcEmpty: false,
    targetQuotes: spec.targets ?? [],
    numTargets: spec.targets?.length ?? 0,
    reason: null,
    openOrdersCount: null,
    haltReason: null,
    dailyPnlUsd: null,
  };
}

export function order(spec: { market?: string; side: 'yes' | 'no'; price: number; size: number }): OpenOrder {
  return {
    orderId: `oo-${++serial}`,
    marketId: spec.market ?? 'MKT-A',
    side: spec.side,
    priceYes: spec.price,
    size: spec.size,
    filledSize: 0,
    decisionId: null,
    clientOrderId: null,
    status: 'resting',
    createdAtMs: null,
    tif: 'gtc',
  };
}

export function config(spec: Partial<MarketConfig> & { marketId: string }): MarketConfig {
  return {
    ...MARKET_CONFIG_DEFAULTS,
    enabled: true,
    eventTicker: null,
    createdAtMs: null,
    updatedAtMs: null,
    fairValue: null,
    disabledReason: null,
    disabledAtMs: null,
    maxPosition: null,
    ...spec,
  };
}

export function position(
  marketId: string,
  net: number,
  avgBuy: number,
  avgSell: number,
  realized = 0,
): BotPosition {
  return { marketId, netYesQty: net, avgBuyPrice: avgBuy, avgSellPrice: avgSell, realizedPnlUsd: realized };
}

export function globalConfig(overrides: Partial<GlobalConfig> = {}): GlobalConfig {
  return { present: true, ...GLOBAL_CONFIG_DEFAULTS, ...overrides };
}

export function event(spec: Partial<ExecutionEvent> & { eventType: string; at: string }): ExecutionEvent {
  const { at, ...rest } = spec;
  return {
    botRunId: 'run',
    sortKey: `d#${at}`,
    decisionId: 'd',
    eventTsRaw: at,
    timeMs: ms(at),
    market: 'MKT-A',
    botVersion: null,
    env: 'prod',
    expiresAtS: null,
    side: null,
    priceYes: null,
    size: null,
    clientOrderId: null,
    orderId: null,
    status: null,
    latencyMs: null,
    errorType: null,
    errorCode: null,
    errorMsg: null,
    fillId: null,
    pnlDeltaUsd: null,
    feeUsd: null,
    ...rest,
  };
}
