// Domain records → the API's JSON (camelCase, ISO UTC times). Full precision: rounding is the UI's job.
import { toApiTime } from '../core/time.js';
import { parseDecisionId } from '../core/decision-id.js';
import type { FillWithRealized } from '../core/fills.js';
import type { HorizonName } from '../core/markouts.js';
import type { Decision, ExecutionEvent, Fill, MarketConfig } from '../core/types.js';

const iso = (ms: number | null) => (ms === null ? null : toApiTime(ms));

/** A market config as the bot's manager wrote it (/markets, and the deep dive's header). */
export function configJson(c: MarketConfig) {
  return {
    marketId: c.marketId,
    eventTicker: c.eventTicker,
    enabled: c.enabled,
    quoteSize: c.quoteSize,
    maxInventoryYes: c.maxInventoryYes,
    maxInventoryNo: c.maxInventoryNo,
    minSpread: c.minSpread,
    inventorySkewFactor: c.inventorySkewFactor,
    createdAt: c.createdAtMs === null ? null : toApiTime(c.createdAtMs),
    updatedAt: c.updatedAtMs === null ? null : toApiTime(c.updatedAtMs),
    fairValue: c.fairValue,
    disabledReason: c.disabledReason,
    disabledAt: c.disabledAtMs === null ? null : toApiTime(c.disabledAtMs),
  };
}

export function decisionJson(d: Decision) {
  const book = d.book;
  return {
    decisionId: d.decisionId,
    marketId: d.marketId,
    time: toApiTime(d.timeMs),
    timestamp: d.timestampRaw,
    date: d.date,
    botRunId: d.botRunId,
    botVersion: d.botVersion,
    book: book
      ? {
          bestBid: book.bestBid,
          bestAsk: book.bestAsk,
          spread: book.bestBid !== null && book.bestAsk !== null ? book.bestAsk - book.bestBid : null,
          mid: book.midStored,
          topBids: book.topBids,
          topAsks: book.topAsks,
        }
      : null,
    recentTrades: d.recentTrades.map((t) => ({
      priceYes: t.priceYes,
      size: t.size,
      time: iso(t.timeMs),
      timestampRaw: t.timestampRaw,
    })),
    inventory: d.inventoryNetYesQty,
    priceCalc: d.priceCalc,
    priceCalcEmpty: d.priceCalcEmpty,
    targetQuotes: d.targetQuotes,
    targetBid: d.targetQuotes.find((q) => q.side === 'bid')?.priceYes ?? null,
    targetAsk: d.targetQuotes.find((q) => q.side === 'ask')?.priceYes ?? null,
    numTargets: d.numTargets,
    reason: d.reason,
    openOrdersCount: d.openOrdersCount,
    haltReason: d.haltReason,
    /** risk_halt_cancel records: risk_state.daily_pnl when the bot halted. */
    dailyPnl: d.dailyPnlUsd,
  };
}

export function fillJson(f: Fill) {
  return {
    fillId: f.fillId,
    orderId: f.orderId,
    marketId: f.marketId,
    time: toApiTime(f.fillTimeMs),
    timeSource: f.fillTimeSource,
    side: f.side,
    type: f.type ?? (f.side === 'yes' ? 'bid' : 'ask'),
    priceYes: f.priceYes,
    size: f.size,
    feeUsd: f.feeUsd,
    pnlRealizedStoredUsd: f.pnlRealizedUsd,
    reconciledAtStartup: f.reconciledAtStartup,
    date: f.date,
    sortKey: f.sortKey,
  };
}

/** A fill with what the replay of its market's history says of it (the fee it applied, its realized change, the net around it). */
export function fillWithRealizedJson(f: FillWithRealized) {
  return {
    ...fillJson(f),
    feeAppliedUsd: f.feeApplied,
    realizedChange: f.realizedChange,
    netBefore: f.before.net,
    netAfter: f.after.net,
  };
}

/** A fill as a row of a fills export: the decision in force named by its id (a whole decision is no cell). */
export function fillExportRow(f: ReturnType<typeof fillWithRealizedJson>, decisionId: string | null) {
  return { ...f, decisionId };
}

/** A fills-list row: the fill with its edge and markouts (cents per contract), one column per horizon. */
export function marketFillExportRow(
  f: ReturnType<typeof fillWithRealizedJson> & {
    edgeCents: number | null;
    markouts: Record<HorizonName, number | null>;
  },
  decisionId: string | null,
) {
  const { markouts, ...rest } = f;
  return {
    ...rest,
    markout5s: markouts['5s'],
    markout30s: markouts['30s'],
    markout1m: markouts['1m'],
    markout5m: markouts['5m'],
    markout30m: markouts['30m'],
    markout1h: markouts['1h'],
    markout4h: markouts['4h'],
    markout1d: markouts['1d'],
    decisionId,
  };
}

export function executionJson(e: ExecutionEvent) {
  const id = parseDecisionId(e.decisionId);
  return {
    botRunId: e.botRunId,
    decisionId: e.decisionId,
    /** Set when the event belongs to an "ALL" record (startup, halt or cleanup cancel): its reason. */
    systemReason: id?.kind === 'system' ? id.reason : null,
    time: toApiTime(e.timeMs),
    eventType: e.eventType,
    market: e.market,
    side: e.side,
    priceYes: e.priceYes,
    size: e.size,
    orderId: e.orderId,
    clientOrderId: e.clientOrderId,
    status: e.status,
    latencyMs: e.latencyMs,
    errorType: e.errorType,
    errorCode: e.errorCode,
    errorMsg: e.errorMsg,
    fillId: e.fillId,
    pnlDeltaUsd: e.pnlDeltaUsd,
    feeUsd: e.feeUsd,
    expiresAt: e.expiresAtS === null ? null : toApiTime(e.expiresAtS * 1000),
  };
}

/** CSV/xlsx columns of the fills and executions lists: an export with no rows still has its header. */
export const FILL_EXPORT_COLUMNS = [
  'fillId',
  'orderId',
  'marketId',
  'time',
  'timeSource',
  'side',
  'type',
  'priceYes',
  'size',
  'feeUsd',
  'pnlRealizedStoredUsd',
  'reconciledAtStartup',
  'date',
  'sortKey',
  'feeAppliedUsd',
  'realizedChange',
  'netBefore',
  'netAfter',
  'decisionId',
] as const satisfies readonly (keyof ReturnType<typeof fillExportRow>)[];
/** The fills list's export: the fill columns, then edge at fill and the markout at each horizon. */
export const MARKET_FILL_EXPORT_COLUMNS = [
  ...FILL_EXPORT_COLUMNS.filter((c) => c !== 'decisionId'),
  'edgeCents',
  'markout5s',
  'markout30s',
  'markout1m',
  'markout5m',
  'markout30m',
  'markout1h',
  'markout4h',
  'markout1d',
  'decisionId',
] as const satisfies readonly (keyof ReturnType<typeof marketFillExportRow>)[];
export const EXECUTION_EXPORT_COLUMNS = [
  'botRunId',
  'decisionId',
  'systemReason',
  'time',
  'eventType',
  'market',
  'side',
  'priceYes',
  'size',
  'orderId',
  'clientOrderId',
  'status',
  'latencyMs',
  'errorType',
  'errorCode',
  'errorMsg',
  'fillId',
  'pnlDeltaUsd',
  'feeUsd',
  'expiresAt',
] as const satisfies readonly (keyof ReturnType<typeof executionJson>)[];
