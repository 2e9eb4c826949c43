// Unrealized P&L of the bot's own position (metrics.md §Position). Every market always gets a
// number for worst and best — an empty book side means the exit is worth 0 (long) or costs 1
// (short) — so the headline can be the plain sum of the rows.
import { fee } from './fees.js';
import type { BookTop, QuoteState } from './quotes.js';

/** The bot's position: avgBuy is meaningful only when long, avgSell only when short. */
export interface Holding {
  net: number;
  avgBuy: number;
  avgSell: number;
}

/** avg_buy_price when long, avg_sell_price when short, null when flat. */
export function avgCostOf(h: Holding): number | null {
  if (h.net > 0) return h.avgBuy;
  if (h.net < 0) return h.avgSell;
  return null;
}

/**
 * Exit at the book now. Long q: (b − avgBuy)·q − fee(b, q), or −avgBuy·q with no bid.
 * Short q: (avgSell − a)·q − fee(a, q), or (avgSell − 1)·q with no ask. Flat: 0.
 */
export function unrealizedWorst(h: Holding, book: BookTop | null): number {
  const q = Math.abs(h.net);
  if (h.net > 0) {
    const b = book?.bestBid ?? null;
    return b === null ? -h.avgBuy * q : (b - h.avgBuy) * q - fee(b, q);
  }
  if (h.net < 0) {
    const a = book?.bestAsk ?? null;
    return a === null ? (h.avgSell - 1) * q : (h.avgSell - a) * q - fee(a, q);
  }
  return 0;
}

/** Exit at our own active order (long: our ask; short: our bid), else the worst case. */
export function unrealizedBest(
  h: Holding,
  book: BookTop | null,
  q: Pick<QuoteState, 'ourBid' | 'ourBidActive' | 'ourAsk' | 'ourAskActive'>,
): number {
  const size = Math.abs(h.net);
  if (h.net > 0 && q.ourAskActive && q.ourAsk !== null) {
    return (q.ourAsk - h.avgBuy) * size - fee(q.ourAsk, size);
  }
  if (h.net < 0 && q.ourBidActive && q.ourBid !== null) {
    return (h.avgSell - q.ourBid) * size - fee(q.ourBid, size);
  }
  return unrealizedWorst(h, book);
}

/** Mark to mid, no fee. Long: (mid − avgBuy)·q; short: (avgSell − mid)·q; flat 0; no book null. */
export function unrealizedMid(h: Holding, mid: number | null): number | null {
  if (h.net === 0) return 0;
  if (mid === null) return null;
  return h.net > 0 ? (mid - h.avgBuy) * h.net : (h.avgSell - mid) * -h.net;
}

export interface Unrealized {
  worst: number;
  best: number;
  mid: number | null;
}

/** All three from a market's quote state (book null ⇒ the no-bid / no-ask rule). */
export function unrealizedOf(h: Holding, quotes: QuoteState): Unrealized {
  const book = { bestBid: quotes.bestBid, bestAsk: quotes.bestAsk };
  return {
    worst: unrealizedWorst(h, book),
    best: unrealizedBest(h, book, quotes),
    mid: unrealizedMid(h, quotes.mid),
  };
}
