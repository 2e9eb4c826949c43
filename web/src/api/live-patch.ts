// Live events → the cached overview (Condor style: the stream writes into the same cache entry the
// first REST load filled). Pure: each returns the old object when nothing applies, else a copy that
// shares every untouched part, so untouched panels do not re-render.
import type {
  DecisionEvent,
  HeartbeatEvent,
  OverviewEvent,
  OverviewResponse,
  RecentDecision,
} from '@api/types';

/**
 * The stream computes its figures in UTC over 30 days. Groups that do not depend on the time zone
 * (exposure, orders, risk, totals) always apply; P&L (today, fees today) only to a UTC view —
 * other views wait for their refetch. The daily series and byMarket are kept (never sent).
 */
export function applyOverviewEvent(old: OverviewResponse, ev: OverviewEvent): OverviewResponse {
  if (ev.env !== old.env) return old;
  const next: OverviewResponse = { ...old };
  let changed = false;
  if (ev.pnl && old.tz === 'UTC') {
    next.pnl = { ...old.pnl, ...ev.pnl, daily: old.pnl.daily };
    changed = true;
  }
  if (ev.exposure) {
    next.exposure = { ...old.exposure, ...ev.exposure, byMarket: old.exposure.byMarket };
    changed = true;
  }
  if (ev.orders) {
    next.orders = ev.orders;
    changed = true;
  }
  if (ev.risk) {
    next.risk = ev.risk;
    changed = true;
  }
  if (ev.totals) {
    next.totals = ev.totals;
    changed = true;
  }
  // Kalshi's market data came (or went): the block at once; the rows' titles and close times come
  // with the refetch that follows (overviewEventNeedsRefetch).
  if (ev.lifecycle) {
    next.lifecycle = ev.lifecycle;
    changed = true;
  }
  return changed ? next : old;
}

/**
 * Whether an overview event means the rows, the daily series or byMarket (which the stream does not
 * carry) are out of date. An `orders`-only event is not enough: the server sends one every poll
 * because `orders.openOrdersAgeMs` is an age and so always "changed"; the 10 s refetch covers the
 * rest of what open orders move.
 */
export function overviewEventNeedsRefetch(ev: OverviewEvent): boolean {
  return Boolean(ev.pnl || ev.exposure || ev.risk || ev.totals || ev.lifecycle);
}

export function applyHeartbeat(old: OverviewResponse, ev: HeartbeatEvent): OverviewResponse {
  if (ev.env !== old.env) return old;
  // A heartbeat older than the body on screen (replayed, or delayed) must not bring back an older
  // verdict on the bot.
  if (Date.parse(ev.now) < Date.parse(old.meta.generatedAt)) return old;
  return { ...old, bot: ev.bot };
}

/** The stream's decision JSON in the overview's `recent.decision` shape. */
/** What of a decision event the overview's recent decision takes (the stream sends all of decisionJson's). */
export type DecisionEventFields = Pick<
  DecisionEvent,
  'decisionId' | 'marketId' | 'time' | 'botRunId' | 'botVersion' | 'book' | 'inventory' | 'targetQuotes'
>;

export function toRecentDecision(d: DecisionEventFields): RecentDecision {
  return {
    marketId: d.marketId,
    decisionId: d.decisionId,
    at: d.time,
    botRunId: d.botRunId,
    botVersion: d.botVersion,
    inventoryNetYesQty: d.inventory,
    book: d.book
      ? {
          bestBid: d.book.bestBid,
          bestAsk: d.book.bestAsk,
          spreadStored: d.book.spread,
          midStored: d.book.mid,
          topBids: d.book.topBids,
          topAsks: d.book.topAsks,
        }
      : null,
    targetQuotes: d.targetQuotes,
  };
}

/**
 * A newer decision replaces the newest one; an older (replayed) one changes nothing. Decision events
 * carry no env: the caller applies them only to the cache entries of the stream's environment.
 */
export function applyDecision(old: OverviewResponse, d: DecisionEventFields): OverviewResponse {
  const current = old.recent.decision;
  if (current && Date.parse(current.at) >= Date.parse(d.time)) return old;
  return { ...old, recent: { ...old.recent, decision: toRecentDecision(d) } };
}
