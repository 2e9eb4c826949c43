// Book and our live quotes per market (metrics.md §Quotes and orders). The book comes from the
// newest decision's snapshot, which excludes our own orders; our orders come from the
// `open_orders` state item (yes = bids, no = asks, prices are YES prices for both).
import type { BookSnapshot, OpenOrder } from './types.js';

/** "Active" tolerance of the old dashboard: absorbs float artifacts in stored prices. */
export const ACTIVE_TOLERANCE = 0.0001;
/** Float artifacts (0.039999999999999994) must not turn an at-minimum spread into `below`. */
export const SPREAD_EPSILON = 1e-9;
/** A spread within 1¢ above min_spread is `tight`. */
export const TIGHT_MARGIN = 0.01;
/** Orders whose prices differ by less than this are at the same level. */
const SAME_PRICE = 1e-9;

export type BookTop = Pick<BookSnapshot, 'bestBid' | 'bestAsk'>;

/** best_ask − best_bid when both sides exist, else null. */
export function spreadOf(book: BookTop | null): number | null {
  if (book === null || book.bestBid === null || book.bestAsk === null) return null;
  return book.bestAsk - book.bestBid;
}

/**
 * Mid for unrealizedMid. An empty side counts at its sentinel (no bid = 0, no ask = 1), which
 * reproduces the bot's stored `mid` and values a one-sided book the way worst does; null only
 * when there is no book at all.
 */
export function midOf(book: BookTop | null): number | null {
  if (book === null) return null;
  return ((book.bestBid ?? 0) + (book.bestAsk ?? 1)) / 2;
}

export type SpreadHealth = 'below' | 'tight' | 'ok';

/** `below` if spread < min − ε; `tight` if spread ≤ min + 0.01 (+ε); else `ok`; null spread ⇒ null. */
export function spreadHealth(spread: number | null, minSpread: number | null): SpreadHealth | null {
  if (spread === null || minSpread === null) return null;
  if (spread < minSpread - SPREAD_EPSILON) return 'below';
  if (spread <= minSpread + TIGHT_MARGIN + SPREAD_EPSILON) return 'tight';
  return 'ok';
}

export interface OurQuotes {
  /** Highest price of our bids, null when none. */
  ourBid: number | null;
  /** Σ size of our bids at that price. */
  ourBidSize: number | null;
  /** Lowest price of our asks, null when none. */
  ourAsk: number | null;
  ourAskSize: number | null;
  bidOrders: number;
  askOrders: number;
  /** Σ size of all our bids / asks in the market, at any price. */
  bidContracts: number;
  askContracts: number;
}

/** Our best bid and ask from one market's live orders. */
export function ourQuotes(orders: readonly OpenOrder[]): OurQuotes {
  const q: OurQuotes = {
    ourBid: null,
    ourBidSize: null,
    ourAsk: null,
    ourAskSize: null,
    bidOrders: 0,
    askOrders: 0,
    bidContracts: 0,
    askContracts: 0,
  };
  for (const o of orders) {
    if (o.side === 'yes') {
      q.bidOrders += 1;
      q.bidContracts += o.size;
      if (q.ourBid === null || o.priceYes > q.ourBid + SAME_PRICE) {
        q.ourBid = o.priceYes;
        q.ourBidSize = o.size;
      } else if (Math.abs(o.priceYes - q.ourBid) <= SAME_PRICE) q.ourBidSize = (q.ourBidSize ?? 0) + o.size;
    } else {
      q.askOrders += 1;
      q.askContracts += o.size;
      if (q.ourAsk === null || o.priceYes < q.ourAsk - SAME_PRICE) {
        q.ourAsk = o.priceYes;
        q.ourAskSize = o.size;
      } else if (Math.abs(o.priceYes - q.ourAsk) <= SAME_PRICE) q.ourAskSize = (q.ourAskSize ?? 0) + o.size;
    }
  }
  return q;
}

/** Live orders per market, from the open_orders item (null item ⇒ no orders known). */
export function ordersByMarket(orders: readonly OpenOrder[] | null | undefined): Map<string, OpenOrder[]> {
  const out = new Map<string, OpenOrder[]>();
  for (const o of orders ?? []) {
    const list = out.get(o.marketId);
    if (list) list.push(o);
    else out.set(o.marketId, [o]);
  }
  return out;
}

/** Our bid exists and (no best bid or ourBid ≥ best_bid − 0.0001). */
export function bidActive(ourBid: number | null, bestBid: number | null): boolean {
  return ourBid !== null && (bestBid === null || ourBid >= bestBid - ACTIVE_TOLERANCE);
}

/** Our ask exists and (no best ask or ourAsk ≤ best_ask + 0.0001). */
export function askActive(ourAsk: number | null, bestAsk: number | null): boolean {
  return ourAsk !== null && (bestAsk === null || ourAsk <= bestAsk + ACTIVE_TOLERANCE);
}

export interface QuoteState extends OurQuotes {
  bestBid: number | null;
  bestAsk: number | null;
  spread: number | null;
  mid: number | null;
  ourBidActive: boolean;
  ourAskActive: boolean;
}

/** Book (null = no decision or no snapshot) and our orders of one market, combined. */
export function quoteState(book: BookTop | null, orders: readonly OpenOrder[]): QuoteState {
  const ours = ourQuotes(orders);
  const bestBid = book?.bestBid ?? null;
  const bestAsk = book?.bestAsk ?? null;
  return {
    ...ours,
    bestBid,
    bestAsk,
    spread: spreadOf(book),
    mid: midOf(book),
    ourBidActive: bidActive(ours.ourBid, bestBid),
    ourAskActive: askActive(ours.ourAsk, bestAsk),
  };
}

/** A position's exit: long needs an active ask, short an active bid; null when flat. */
export function exitOrder(net: number, q: Pick<QuoteState, 'ourBidActive' | 'ourAskActive'>): boolean | null {
  if (net > 0) return q.ourAskActive;
  if (net < 0) return q.ourBidActive;
  return null;
}

export interface ActiveOrders {
  activeBids: number;
  activeBidContracts: number;
  activeAsks: number;
  activeAskContracts: number;
}

/**
 * Over enabled markets: how many have an active bid, and Σ size of all our bids in those
 * markets (every bid of the market, as the old dashboard counted); asks alike.
 */
export function activeOrders(
  markets: Iterable<
    { enabled: boolean } & Pick<QuoteState, 'ourBidActive' | 'ourAskActive' | 'bidContracts' | 'askContracts'>
  >,
): ActiveOrders {
  const out: ActiveOrders = { activeBids: 0, activeBidContracts: 0, activeAsks: 0, activeAskContracts: 0 };
  for (const quotes of markets) {
    if (!quotes.enabled) continue;
    if (quotes.ourBidActive) {
      out.activeBids += 1;
      out.activeBidContracts += quotes.bidContracts;
    }
    if (quotes.ourAskActive) {
      out.activeAsks += 1;
      out.activeAskContracts += quotes.askContracts;
    }
  }
  return out;
}
