// Market microstructure: a wandering fair value, the others' order book around it, public trades,
// and whether the market trades through our resting orders. All prices are YES cents internally
// (integers) and YES dollars in items.
import { HOUR_US, kalshiTime } from './format.js';
import type { MarketSpec } from './markets.js';
import { Rng } from './prng.js';
import type { MarketDyn, SimOrder, SimPublicTrade } from './types.js';

const LOGIT_MAX = 4.6; // ≈ 0.99

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function fairPriceYes(dyn: MarketDyn): number {
  return 1 / (1 + Math.exp(-dyn.fvLogit));
}

/** Random walk in logit space, mildly mean-reverting, pulled to the settlement price near the end. */
export function evolveFair(rng: Rng, spec: MarketSpec, dyn: MarketDyn, toUs: number): void {
  const dtHours = Math.max(0, toUs - dyn.lastUs) / HOUR_US;
  if (dtHours === 0) return;
  const home = logit(spec.initialPriceYes);
  let x = dyn.fvLogit + spec.volLogitPerSqrtHour * Math.sqrt(dtHours) * rng.normal();
  x += (home - x) * Math.min(1, (spec.meanReversionPerHour ?? 0.004) * dtHours);
  // News: occasional jumps that run straight through stale quotes (adverse selection), so the
  // bot's realized P&L is a realistic mix of wins and losses rather than pure spread capture.
  if (rng.chance(Math.min(1, spec.jumpsPerHour * dtHours))) x += rng.normal() * 0.7;
  if (spec.settle) {
    const leftHours = (spec.settle.atUs - toUs) / HOUR_US;
    if (leftHours < 24) {
      const target = logit(spec.settle.priceYes);
      x += (target - x) * Math.min(1, dtHours / Math.max(1, leftHours + dtHours));
    }
  }
  dyn.fvLogit = Math.max(-LOGIT_MAX, Math.min(LOGIT_MAX, x));
  // The book's width changes now and then, not every loop.
  if (rng.chance(Math.min(1, 0.15 * dtHours))) {
    dyn.spreadTicks = Math.max(1, Math.min(spec.spreadTicks + 3, dyn.spreadTicks + rng.pick([-1, 1])));
  }
}

export interface BookLevelCents {
  cents: number;
  size: number;
}

/** Others' book (our own orders excluded, as in the bot's snapshot). Best first on both sides. */
export interface Book {
  bids: BookLevelCents[];
  asks: BookLevelCents[];
}

export function makeBook(rng: Rng, spec: MarketSpec, dyn: MarketDyn): Book {
  const fvCents = fairPriceYes(dyn) * 100;
  const spread = dyn.spreadTicks;
  const bestBid = Math.round(fvCents - spread / 2);
  const bestAsk = bestBid + spread;
  const bids: BookLevelCents[] = [];
  const asks: BookLevelCents[] = [];
  const levels = (best: number, dir: -1 | 1, out: BookLevelCents[]): void => {
    let cents = best;
    for (let i = 0; i < 3 && cents >= 1 && cents <= 99; i++) {
      out.push({ cents, size: 1 + Math.round(rng.logNormal(Math.log(60), 1)) });
      cents += dir * rng.int(1, 2);
    }
  };
  if (!rng.chance(spec.emptyBidProb)) levels(bestBid, -1, bids);
  if (!rng.chance(spec.emptyAskProb)) levels(bestAsk, 1, asks);
  return { bids, asks };
}

/** Public trades between the market's last visit and `toUs`, newest first. */
export function publicTrades(rng: Rng, spec: MarketSpec, dyn: MarketDyn, toUs: number): SimPublicTrade[] {
  const dtHours = Math.max(0, toUs - dyn.lastUs) / HOUR_US;
  const n = Math.min(4, rng.poisson(spec.publicTradesPerHour * dtHours));
  const fvCents = fairPriceYes(dyn) * 100;
  const out: SimPublicTrade[] = [];
  for (let i = 0; i < n; i++) {
    const takerBuys = rng.chance(0.5);
    const offset = dyn.spreadTicks / 2 + rng.uniform(-1, 1) * spec.tradeNoiseTicks;
    const cents = Math.max(1, Math.min(99, Math.round(fvCents + (takerBuys ? offset : -offset))));
    // Kalshi times have ms precision (sometimes µs); trimmed fractions give 1–6 digits.
    const ms = Math.floor(rng.uniform(dyn.lastUs, toUs) / 1000);
    const us = ms * 1000 + (rng.chance(0.1) ? rng.int(1, 999) : 0);
    out.push({ cents, size: 1 + Math.round(rng.logNormal(Math.log(8), 1)), us, kalshiTs: kalshiTime(us) });
  }
  return out.sort((a, b) => b.us - a.us);
}

/** Fills per hour of a resting order: the further the fair value has moved through our price,
 *  the likelier the fill (adverse selection), decaying as we sit behind value. */
const BASE_FILLS_PER_HOUR = 0.35;

export function fillProbability(
  order: SimOrder,
  dyn: MarketDyn,
  dtHours: number,
  multiplier: number,
  spec?: Pick<MarketSpec, 'fillBoost'>,
): number {
  const fvCents = fairPriceYes(dyn) * 100;
  const behindTicks = order.side === 'bid' ? fvCents - order.cents : order.cents - fvCents;
  const boost = spec?.fillBoost?.[order.side] ?? 1;
  const rate = Math.min(30, BASE_FILLS_PER_HOUR * multiplier * boost * Math.exp(-behindTicks / 1.5));
  return 1 - Math.exp(-rate * dtHours);
}

/**
 * An informed taker (`informed` flow) in (fromUs, toUs] with probability 1 − exp(−rate·dt): it hits
 * our bid (it knows the price is going down) or lifts our ask, more often toward the market's
 * starting price, and the fair value then jumps 2–4¢ through our price. Returns the order it
 * takes and the cents fair value jumps to, or null. Draws from `rng` only for `informed` markets.
 */
export function informedTaker(
  rng: Rng,
  spec: MarketSpec,
  dyn: MarketDyn,
  dtHours: number,
): { order: SimOrder; toCents: number } | null {
  const rate = spec.flow === 'informed' ? (spec.informedPerHour ?? 0) : 0;
  if (rate <= 0 || dtHours <= 0) return null;
  if (!rng.chance(1 - Math.exp(-rate * dtHours))) return null;
  // Down (hit the bid) with probability rising as the price sits above where it started.
  const pDown = Math.min(0.9, Math.max(0.1, 0.5 + (dyn.fvLogit - logit(spec.initialPriceYes)) * 0.8));
  const down = rng.chance(pDown);
  const jump = rng.uniform(2, 4);
  const order = down ? dyn.bid : dyn.ask;
  if (!order) return null;
  const toCents = Math.max(1.5, Math.min(98.5, down ? order.cents - jump : order.cents + jump));
  return { order, toCents };
}

export function pushTrades(dyn: MarketDyn, trades: SimPublicTrade[]): void {
  dyn.trades = [...trades, ...dyn.trades].sort((a, b) => b.us - a.us).slice(0, 12);
}
