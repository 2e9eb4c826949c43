// GET /api/v1/stale: open positions with no fill for H hours, enabled and disabled markets alike
// (the old page hid disabled ones, which is where forgotten inventory sits).
import { buildContext, type MetricsInput } from './context.js';
import { buildRows, type MarketRow } from './rows.js';
import { DEFAULT_STALE_HOURS, isStale } from './staleness.js';
import { compareStrings } from './dedupe.js';

export interface StaleItem extends MarketRow {
  /** now − lastFillAt; null when the market never filled (in the trade log). */
  lastFillAgeMs: number | null;
}

export interface StaleTotals {
  count: number;
  /** Σ |net| of stale positions, contracts. */
  exposure: number;
  capitalAtRisk: number;
  withExitOrder: number;
  withoutExitOrder: number;
  /** withExitOrder / count; null when nothing is stale. */
  withExitOrderShare: number | null;
  enabled: number;
  disabled: number;
  unrealizedWorst: number;
  unrealizedBest: number;
  botRealizedPnl: number;
  hours: number;
}

export interface StaleResult {
  items: StaleItem[];
  totals: StaleTotals;
}

/** Stale positions sorted by |net| descending, then market; `tz`/`days` of the input are unused. */
export function buildStale(input: MetricsInput, hours: number = DEFAULT_STALE_HOURS): StaleResult {
  const ctx = buildContext(input);
  const { nowMs } = input;
  const ids = [...ctx.holdings.values()]
    .filter((h) => isStale(h.net, ctx.replay.markets.get(h.marketId)?.lastFillAtMs ?? null, nowMs, hours))
    .map((h) => h.marketId);
  const items: StaleItem[] = buildRows(ctx, ids)
    .map((r) => ({ ...r, lastFillAgeMs: r.lastFillAtMs === null ? null : nowMs - r.lastFillAtMs }))
    .sort((a, b) => b.exposure - a.exposure || compareStrings(a.marketId, b.marketId));
  const totals: StaleTotals = {
    count: items.length,
    exposure: 0,
    capitalAtRisk: 0,
    withExitOrder: 0,
    withoutExitOrder: 0,
    withExitOrderShare: null,
    enabled: 0,
    disabled: 0,
    unrealizedWorst: 0,
    unrealizedBest: 0,
    botRealizedPnl: 0,
    hours,
  };
  for (const item of items) {
    totals.exposure += item.exposure;
    totals.capitalAtRisk += item.capitalAtRisk;
    if (item.exitOrder) totals.withExitOrder += 1;
    else totals.withoutExitOrder += 1;
    if (item.enabled) totals.enabled += 1;
    else totals.disabled += 1;
    totals.unrealizedWorst += item.unrealizedWorst;
    totals.unrealizedBest += item.unrealizedBest;
    totals.botRealizedPnl += item.botRealizedPnl ?? 0;
  }
  totals.withExitOrderShare = items.length === 0 ? null : totals.withExitOrder / items.length;
  return { items, totals };
}
