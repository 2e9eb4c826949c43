// "The bot wanted a quote but none is live": comparing the newest decision's targets with the
// open_orders snapshot. That snapshot is saved only every 10 loops in per-market mode, so when it
// predates the decision the comparison proves nothing and says `unknown` instead of raising the
// old dashboard's false alarms (contract §5.7).
import type { OurQuotes } from './quotes.js';
import { toApiTime } from './time.js';
import type { Decision, OpenOrder } from './types.js';

/**
 * The bot sends prices as int(price × 100) cents, so a 0.58 target can rest at 57¢ (binary float,
 * contract §5.8, §6.20): a resting price 1¢ below its target still is that target's order.
 */
export const TRUNCATION_TOLERANCE = 0.01;
/** Float artifacts of stored prices (0.35000000000000003). */
const PRICE_EPS = 1e-6;

/**
 * How a resting price compares with its target: `match` (equal), `truncated` (1¢ below: the
 * bot's int(price × 100)), `differs` (anything else).
 */
export type PriceMatch = 'match' | 'truncated' | 'differs';

/** Resting price in [target − 0.01 − ε, target + ε] is the target's order; exact within ε is `match`. */
export function priceMatch(target: number, resting: number): PriceMatch {
  if (Math.abs(resting - target) <= PRICE_EPS) return 'match';
  if (resting < target && resting >= target - TRUNCATION_TOLERANCE - PRICE_EPS) return 'truncated';
  return 'differs';
}

/** The best of several resting prices against one target: match, else truncated, else differs. */
function bestMatch(target: number, resting: readonly number[]): PriceMatch | null {
  let best: PriceMatch | null = null;
  for (const p of resting) {
    const m = priceMatch(target, p);
    if (m === 'match') return m;
    if (m === 'truncated' || best === null) best = m;
  }
  return best;
}

/**
 * Per side: `none` = the decision targets no quote on this side (or there is no decision);
 * `ok` = targeted and live; `missing` = targeted, snapshot at least as new as the decision, no
 * live order (a real mismatch); `unknown` = targeted but the snapshot is older than the decision
 * (or absent), so it cannot tell.
 */
export type MismatchSide = 'none' | 'ok' | 'missing' | 'unknown';

export interface Mismatch {
  bid: MismatchSide;
  ask: MismatchSide;
  /** True when either side is `missing`. */
  any: boolean;
  /** Best target prices of the decision (highest bid, lowest ask), null when not targeted. */
  targetBid: number | null;
  targetAsk: number | null;
  decisionAt: string | null;
  openOrdersSyncedAt: string | null;
  /** now − open_orders.last_updated; null when unknown. */
  snapshotAgeMs: number | null;
  /** decision time − open_orders.last_updated (> 0: the snapshot predates the decision). */
  snapshotLagMs: number | null;
  /**
   * Where a side is `ok`: how the live orders' prices compare with the target, 1¢ below counting
   * as the target's order (`truncated`); null when the side is not `ok`. `differs` is shown, not
   * counted in `any`: the order is live, at another price (the snapshot may be a loop old).
   */
  bidPrice: PriceMatch | null;
  askPrice: PriceMatch | null;
}

function side(target: number | null, live: boolean, fresh: boolean): MismatchSide {
  if (target === null) return 'none';
  if (!fresh) return 'unknown';
  return live ? 'ok' : 'missing';
}

/**
 * `orders`: the market's live orders (open_orders); without them the best prices of `quotes` are
 * compared. A side's status is about presence (metrics.md "mismatch"); its price comparison is
 * bidPrice/askPrice.
 */
export function mismatchOf(
  decision: Decision | null,
  quotes: Pick<OurQuotes, 'ourBid' | 'ourAsk'>,
  openOrdersLastUpdatedMs: number | null,
  nowMs: number,
  orders?: readonly Pick<OpenOrder, 'side' | 'priceYes'>[],
): Mismatch {
  let targetBid: number | null = null;
  let targetAsk: number | null = null;
  for (const t of decision?.targetQuotes ?? []) {
    if (t.side === 'bid') targetBid = targetBid === null ? t.priceYes : Math.max(targetBid, t.priceYes);
    else targetAsk = targetAsk === null ? t.priceYes : Math.min(targetAsk, t.priceYes);
  }
  const synced = openOrdersLastUpdatedMs;
  const fresh = decision !== null && synced !== null && synced >= decision.timeMs;
  const bid = side(targetBid, quotes.ourBid !== null, fresh);
  const ask = side(targetAsk, quotes.ourAsk !== null, fresh);
  const resting = (s: 'yes' | 'no', best: number | null): number[] =>
    orders ? orders.filter((o) => o.side === s).map((o) => o.priceYes) : best === null ? [] : [best];
  const bidPrice =
    bid === 'ok' && targetBid !== null ? bestMatch(targetBid, resting('yes', quotes.ourBid)) : null;
  const askPrice =
    ask === 'ok' && targetAsk !== null ? bestMatch(targetAsk, resting('no', quotes.ourAsk)) : null;
  return {
    bid,
    ask,
    any: bid === 'missing' || ask === 'missing',
    targetBid,
    targetAsk,
    decisionAt: decision === null ? null : toApiTime(decision.timeMs),
    openOrdersSyncedAt: synced === null ? null : toApiTime(synced),
    snapshotAgeMs: synced === null ? null : nowMs - synced,
    snapshotLagMs: synced === null || decision === null ? null : decision.timeMs - synced,
    bidPrice,
    askPrice,
  };
}
