// "The bot wanted a quote but none is live": comparing the newest decision's targets with the
// open_orders snapshot. That snapshot is saved only every 10 loops in per-market mode, so when it
// predates the decision the comparison proves nothing and says `unknown` instead of raising the
// old dashboard's false alarms (contract §5.7).
import type { OurQuotes } from './quotes.js';
import { toApiTime } from './time.js';
import type { Decision } from './types.js';

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
}

function side(target: number | null, live: boolean, fresh: boolean): MismatchSide {
  if (target === null) return 'none';
  if (!fresh) return 'unknown';
  return live ? 'ok' : 'missing';
}

export function mismatchOf(
  decision: Decision | null,
  quotes: Pick<OurQuotes, 'ourBid' | 'ourAsk'>,
  openOrdersLastUpdatedMs: number | null,
  nowMs: number,
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
  };
}
