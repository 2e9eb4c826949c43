// Market lifecycle for display (metrics.md §"Market lifecycle"): how long until a market closes,
// where it stands once closed, what its settlement paid and where that figure came from. The API
// gives the figures (closesInMs, marketPhase, result, settlementPnl…); only the wording is here.
import { formatMoney, NONE } from '@core/format';
import { marketPhase, type MarketPhase } from '@core/lifecycle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A time until close, coarse as a trader reads it: `< 1 m`, `42 m`, `3 h 12 m`, `1 d 5 h` (under 3
 * days the hours still matter), `12 d`. Whole units, rounded down (a market 59 s from closing is
 * `< 1 m`, never `1 m`). Zero or past: null (the caller says closed or settled).
 */
export function formatTimeLeft(ms: number): string | null {
  if (!Number.isFinite(ms) || ms <= 0) return null;
  if (ms < MINUTE) return '< 1 m';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} m`;
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    return m === 0 ? `${h} h` : `${h} h ${m} m`;
  }
  const d = Math.floor(ms / DAY);
  if (d >= 3) return `${d} d`;
  const h = Math.floor((ms % DAY) / HOUR);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

/** What a row knows of its market's lifecycle (every field null when the market data does not know it). */
export interface LifecycleFields {
  closesInMs: number | null;
  marketStatus: string | null;
  /** Absent on rows that carry only the status (the risk page's): derived from it then. */
  marketPhase?: MarketPhase | null;
  result?: string | null;
}

export function phaseOf(f: LifecycleFields): MarketPhase | null {
  if (f.marketPhase !== undefined) return f.marketPhase;
  return f.marketStatus === null ? null : marketPhase(f.marketStatus);
}

export type ClosesInKind = 'unknown' | 'open' | 'past' | 'closed' | 'settled';

/**
 * The "closes in" cell: `3 h 12 m` while open; `closed` once Kalshi closed it (or its close time is
 * past while Kalshi still says it is open); `settled yes` / `settled no` / `settled` once decided;
 * the dash when the market data does not know the market.
 */
export function closesIn(f: LifecycleFields): { text: string; kind: ClosesInKind } {
  const phase = phaseOf(f);
  if (phase === 'settled') {
    const r = f.result ?? null;
    return { text: r ? `settled ${r}` : 'settled', kind: 'settled' };
  }
  if (phase === 'closed') return { text: 'closed', kind: 'closed' };
  if (f.closesInMs === null) return { text: NONE, kind: 'unknown' };
  const left = formatTimeLeft(f.closesInMs);
  if (left === null) return { text: 'closed', kind: 'past' };
  return { text: left, kind: 'open' };
}

/**
 * Sort key of the "closes in" column: settled markets first, then closed, then by time left (the
 * market closing soonest first); unknown: undefined (last in both directions).
 */
export function closesInSortKey(f: LifecycleFields): number | undefined {
  const phase = phaseOf(f);
  if (phase === 'settled') return -2e15 + (f.closesInMs ?? 0);
  if (phase === 'closed') return -1e15 + (f.closesInMs ?? 0);
  return f.closesInMs ?? undefined;
}

/** Where the settlement figure comes from, for its tooltip. */
export function settlementSourceText(r: {
  settlementSource: 'account' | 'position' | null;
  settlementPnlPosition: number | null;
  settlementPnlAccount: number | null;
  settlementDifference: number | null;
}): string {
  if (r.settlementSource === 'account') {
    const diff =
      r.settlementDifference === null || r.settlementDifference === 0
        ? r.settlementPnlPosition === null
          ? ''
          : '; the position’s figure agrees'
        : `; the position’s figure is ${formatMoney(r.settlementPnlPosition, { plus: true })} (difference ${formatMoney(r.settlementDifference, { plus: true })})`;
    return `Kalshi’s account settlement (revenue − cost − fee)${diff}`;
  }
  if (r.settlementSource === 'position') return 'From the bot’s position and the result (no account figure)';
  return 'Not settled, or unknown';
}

/**
 * The `lifecycle` block as one line for a note or tooltip: null when fresh. The source's reasons
 * already name Kalshi ("Kalshi market data unreachable: …"); others get it said.
 */
export function lifecycleNote(l: { available: boolean; unavailable: string | null }): string | null {
  if (l.unavailable === null) return null;
  const reason = /^kalshi/i.test(l.unavailable) ? l.unavailable : `Kalshi market data: ${l.unavailable}`;
  return l.available ? `${reason} — showing the last good data` : reason;
}
