// dora_decision_log items (contract §2.4) in the shape of each era (§6.8).
import type { Env } from '../../core/types.js';
import type { EraShape } from '../eras.js';
import { dateOf, naiveIso } from '../format.js';
import type { Book } from '../book.js';
import type { Snapshot, TargetQuote } from '../strategy.js';
import type { Item, SimPublicTrade } from '../types.js';

/** The bot reads the clock twice: `date` first, then `timestamp` a few µs later; the two can
 *  straddle midnight (contract §2.4), which the generator provokes once on purpose. */
export const DATE_READ_LEAD_US = 23;

export function snapshotOf(book: Book): Snapshot {
  const bestBid = book.bids[0] ? book.bids[0].cents / 100 : 0;
  const bestAsk = book.asks[0] ? book.asks[0].cents / 100 : 1.0;
  return { bestBid, bestAsk, spread: bestAsk - bestBid, mid: (bestBid + bestAsk) / 2 };
}

export interface MarketDecisionInput {
  era: EraShape;
  env: Env;
  us: number;
  marketId: string;
  runId: string;
  botVersion: string;
  loop: number;
  book: Book;
  snap: Snapshot;
  trades: SimPublicTrade[];
  netYesQty: number;
  priceCalc: Item | null;
  targets: TargetQuote[];
}

export function decisionId(runId: string, marketId: string, loop: number): string {
  return `${runId}:${marketId}:${loop}`;
}

export function marketDecisionItem(d: MarketDecisionInput): Item {
  const item: Item = {
    date: dateOf(d.us - DATE_READ_LEAD_US),
    timestamp: naiveIso(d.us),
    market_id: d.marketId,
  };
  if (d.era.decisionIds) {
    item.decision_id = decisionId(d.runId, d.marketId, d.loop);
    item.bot_run_id = d.runId;
    item.bot_version = d.botVersion;
  }
  const snapshot: Item = {
    best_bid: d.snap.bestBid,
    best_ask: d.snap.bestAsk,
    spread: d.snap.spread,
    mid: d.snap.mid,
  };
  if (d.era.bookLevels) {
    snapshot.top_bids = d.book.bids.map((l) => ({ price: l.cents / 100, size: l.size }));
    snapshot.top_asks = d.book.asks.map((l) => ({ price: l.cents / 100, size: l.size }));
  }
  item.order_book_snapshot = snapshot;
  const newest = d.trades.filter((t) => t.us <= d.us).slice(0, 3);
  if (d.era.recentTrades === 'real') {
    item.recent_trades = newest.map((t) => ({ price: t.cents / 100, size: t.size, timestamp: t.kalshiTs }));
  } else if (d.era.recentTrades === 'zeroed') {
    item.recent_trades = newest.map(() => ({ price: 0, size: 0, timestamp: '' }));
  }
  // The split inventory shape only ever existed on demo (2025-12-13).
  item.inventory =
    d.era.splitInventory && d.env === 'demo'
      ? { yes_qty: Math.max(d.netYesQty, 0), no_qty: Math.max(-d.netYesQty, 0), net: d.netYesQty }
      : { net_yes_qty: d.netYesQty };
  if (d.priceCalc !== null) item.price_calc = d.priceCalc;
  item.target_quotes = d.targets.map((t) => ({ side: t.side, price: t.priceYes, size: t.size }));
  item.num_targets = d.targets.length;
  return item;
}

export type SystemReason = 'startup_cancel' | 'risk_halt_cancel' | 'fatal_error_cleanup_cancel';

const ID_WORD: Record<SystemReason, string> = {
  startup_cancel: 'startup_cancel',
  risk_halt_cancel: 'halt_cancel',
  fatal_error_cleanup_cancel: 'fatal_cleanup_cancel',
};

export function systemDecisionId(runId: string, reason: SystemReason, stamp: string): string {
  return `${runId}:${ID_WORD[reason]}:${stamp}`;
}

export interface SystemDecisionInput {
  us: number;
  runId: string;
  botVersion: string;
  decisionId: string;
  reason: SystemReason;
  /** startup_cancel: open_orders_count; risk_halt_cancel: halt_reason, daily_pnl. */
  extra: Item;
}

export function systemDecisionItem(d: SystemDecisionInput): Item {
  return {
    date: dateOf(d.us - DATE_READ_LEAD_US),
    timestamp: naiveIso(d.us),
    market_id: 'ALL',
    decision_id: d.decisionId,
    bot_run_id: d.runId,
    bot_version: d.botVersion,
    reason: d.reason,
    ...d.extra,
    target_quotes: [],
    num_targets: 0,
  };
}
