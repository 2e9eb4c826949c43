// metrics.md §"Market lifecycle": what Kalshi's market data adds to a market's figures — its title,
// when it closes, whether it has settled and what the settlement paid. The bot's trade log has no
// settlements (data-contract.md §0.12): a market that settles while we hold keeps its position in
// `positions` forever and its payout never enters realized P&L. These figures stand beside the
// replayed ones, never replacing them. Pure: the view and "now" are parameters.
import type { AccountSettlement, MarketDataView, MarketInfo } from './market-info.js';
import type { Holding } from './unrealized.js';
import { DAY_MS, parseIsoUtcMs, toApiTime, utcDate } from './time.js';

/**
 * Kalshi statuses whose result is final or decided: `determined` (result known, payout due),
 * `settled`/`finalized` (paid; Kalshi's API has used both names), `amended` (a decided result
 * corrected). A position in such a market no longer exists at Kalshi.
 */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set([
  'determined',
  'settled',
  'finalized',
  'amended',
]);
/** Trading has stopped and the result is not yet decided (`disputed`: decided, then contested). */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['closed', 'disputed']);

export type MarketPhase = 'open' | 'closed' | 'settled';

/** Where a market stands; any status Kalshi may add later reads as open (no alarm on a guess). */
export function marketPhase(status: string): MarketPhase {
  const s = status.toLowerCase();
  if (SETTLED_STATUSES.has(s)) return 'settled';
  if (CLOSED_STATUSES.has(s)) return 'closed';
  return 'open';
}

/**
 * What one YES contract paid: 1 for `yes`, 0 for `no`. Any other result (`void`, `scalar`, '') has
 * no payout metrics.md defines, so it is null: our own figure is then unknown, never guessed (a
 * voided market is refunded at Kalshi's rules, which our average cost cannot reproduce); with
 * credentials the account's settlement still gives the figure.
 */
export function payoutOf(result: string): number | null {
  const r = result.toLowerCase();
  if (r === 'yes') return 1;
  if (r === 'no') return 0;
  return null;
}

/**
 * Settlement P&L from the displayed position (metrics.md): settled with payout known and net ≠ 0:
 * long q ⇒ (payout − avgBuy)·q; short q ⇒ (avgSell − payout)·q. Settled and flat: 0 (nothing was
 * held). Not settled, unknown market or unknown payout: null.
 */
export function positionSettlementPnl(h: Holding, info: MarketInfo | undefined | null): number | null {
  if (!info || marketPhase(info.status) !== 'settled') return null;
  const payout = payoutOf(info.result);
  if (payout === null) return null;
  if (h.net > 0) return (payout - h.avgBuy) * h.net;
  if (h.net < 0) return (h.avgSell - payout) * -h.net;
  return 0;
}

/**
 * The account's own figure from Kalshi's portfolio settlements: what it was paid less the cost of
 * the contracts it held and the settlement fee (revenue − yes cost − no cost − fee). Long YES q at
 * avgBuy is q YES contracts costing q·avgBuy; short YES q at avgSell is q NO contracts costing
 * q·(1 − avgSell): both equal the position formula when the cost bases agree.
 */
export function accountSettlementPnl(s: AccountSettlement): number {
  return s.revenueUsd - s.yesTotalCostUsd - s.noTotalCostUsd - s.feeUsd;
}

export type SettlementSource = 'account' | 'position';

export interface SettlementFigures {
  /** The figure shown: the account's when Kalshi credentials give one, else the position's; null when unknown. */
  settlementPnl: number | null;
  settlementSource: SettlementSource | null;
  /** From the displayed position and the result (metrics.md formula); null when unknown. */
  settlementPnlPosition: number | null;
  /** Kalshi's portfolio settlement; null without credentials or without a settlement of this market. */
  settlementPnlAccount: number | null;
  /** account − position when both are known (shown, never hidden); else null. */
  settlementDifference: number | null;
}

/** metrics.md: "with Kalshi credentials, the portfolio settlements endpoint's figure wins and the difference is shown". */
export function settlementFigures(
  h: Holding,
  info: MarketInfo | undefined | null,
  account: AccountSettlement | undefined | null,
): SettlementFigures {
  const position = positionSettlementPnl(h, info);
  const acct = account ? accountSettlementPnl(account) : null;
  const shown = acct ?? position;
  return {
    settlementPnl: shown,
    settlementSource: acct !== null ? 'account' : position !== null ? 'position' : null,
    settlementPnlPosition: position,
    settlementPnlAccount: acct,
    // To the cent: both are whole-cent amounts, and a float residue (−1.8e-15) would read as a
    // difference that is not there.
    settlementDifference:
      acct !== null && position !== null ? Math.round((acct - position) * 100) / 100 : null,
  };
}

/** closeTime − now (negative once past); null without a close time. */
export function closesInMs(closeTime: string | null, nowMs: number): number | null {
  const ms = closeTime === null ? null : parseIsoUtcMs(closeTime);
  return ms === null ? null : ms - nowMs;
}

/** metrics.md "markets closing within 24 h flagged": open and closing in (0, 24 h]; null when unknown. */
export function closingWithin24h(closesIn: number | null, phase: MarketPhase | null): boolean | null {
  if (closesIn === null || phase === null) return null;
  return phase === 'open' && closesIn > 0 && closesIn <= DAY_MS;
}

/** The lifecycle columns of a market row (api.md §Added). */
export interface MarketLifecycle extends SettlementFigures {
  /** Kalshi's title; null when the market data does not know the market (or is unavailable). */
  title: string | null;
  subtitle: string | null;
  /** ISO UTC. */
  closeTime: string | null;
  closesInMs: number | null;
  /** Open and closing within 24 h. */
  closingSoon: boolean | null;
  /** As Kalshi names it (active, closed, determined, finalized, …). */
  marketStatus: string | null;
  marketPhase: MarketPhase | null;
  /** `yes`, `no` (or Kalshi's `void`/`scalar`); null while undetermined or unknown. */
  result: string | null;
}

export function marketLifecycle(
  h: Holding,
  info: MarketInfo | undefined | null,
  account: AccountSettlement | undefined | null,
  nowMs: number,
): MarketLifecycle {
  const phase = info ? marketPhase(info.status) : null;
  const closeTime = info?.closeTime ? normaliseTime(info.closeTime) : null;
  const closesIn = closesInMs(closeTime, nowMs);
  return {
    title: info?.title || null,
    subtitle: info?.subtitle || null,
    closeTime,
    closesInMs: closesIn,
    closingSoon: closingWithin24h(closesIn, phase),
    marketStatus: info?.status ?? null,
    marketPhase: phase,
    result: info?.result || null,
    ...settlementFigures(h, info, account),
  };
}

/** An ISO time as every API time is written (…Z, milliseconds); kept verbatim if it does not parse. */
function normaliseTime(text: string): string {
  const ms = parseIsoUtcMs(text);
  return ms === null ? text : toApiTime(ms);
}

/** The `lifecycle` block: can the page show lifecycle figures, and if not, why. */
export interface LifecycleStatus {
  /** True once the market data has been fetched at least once (the figures may then be old: see `unavailable`). */
  available: boolean;
  /** Why the data is missing or old ("market data not configured", "unreachable: …"); null when fresh. */
  unavailable: string | null;
  fetchedAt: string | null;
  /** Kalshi credentials configured: settlement P&L is the account's where it has one. */
  accountSettlements: boolean;
}

export const NOT_CONFIGURED = 'market data not configured';

/** A null view is a dashboard started without market data. */
export function lifecycleStatus(view: MarketDataView | null | undefined): LifecycleStatus {
  if (!view)
    return { available: false, unavailable: NOT_CONFIGURED, fetchedAt: null, accountSettlements: false };
  const available = view.fetchedAt !== null;
  return {
    available,
    unavailable: view.unavailable ?? (available ? null : 'not fetched yet'),
    fetchedAt: view.fetchedAt,
    accountSettlements: view.settlements !== null,
  };
}

/** What a row needs for the totals and the close-date grouping. */
interface LifecycleRow {
  marketId: string;
  netPosition: number;
  exposure: number;
  capitalAtRisk: number;
  closeTime: string | null;
  settlementPnl: number | null;
  marketPhase: MarketPhase | null;
}

export interface SettlementTotals {
  /** Σ settlementPnl over the markets; null when the market data is unavailable (never fetched). */
  settlementTotal: number | null;
  /** realizedTotal + settlementTotal, beside realizedTotal (never replacing it); null with it. */
  realizedInclSettlement: number | null;
  /** Markets holding a position whose lifecycle is unknown (not in the market data): left out of the sum. */
  settlementUnknown: number;
}

/** metrics.md "realized incl. settlement" = realizedTotal + Σ settlement P&L. */
export function settlementTotals(
  rows: readonly Pick<LifecycleRow, 'netPosition' | 'settlementPnl' | 'marketPhase'>[],
  realizedTotal: number,
  status: LifecycleStatus,
): SettlementTotals {
  let sum = 0;
  let unknown = 0;
  for (const r of rows) {
    if (r.settlementPnl !== null) sum += r.settlementPnl;
    else if (r.netPosition !== 0 && r.marketPhase === null) unknown += 1;
  }
  // Only a fetch makes the sum mean anything: before the first one (or with credentials configured
  // but nothing fetched yet) a 0 would claim that nothing settled.
  const known = status.available;
  return {
    settlementTotal: known ? sum : null,
    realizedInclSettlement: known ? realizedTotal + sum : null,
    settlementUnknown: known ? unknown : rows.filter((r) => r.netPosition !== 0).length,
  };
}

export interface ExposureByCloseDate {
  /** UTC date (YYYY-MM-DD) of closeTime; null for markets whose close time is unknown. */
  date: string | null;
  markets: number;
  marketIds: string[];
  /** Σ |net| contracts. */
  exposure: number;
  /** Σ capitalAtRisk, dollars. */
  capitalAtRisk: number;
}

/** metrics.md "exposure by close date": Σ capitalAtRisk (and |net|) of held markets by UTC close date; unknown last. */
export function exposureByCloseDate(
  rows: readonly Pick<
    LifecycleRow,
    'marketId' | 'netPosition' | 'exposure' | 'capitalAtRisk' | 'closeTime'
  >[],
): ExposureByCloseDate[] {
  const groups = new Map<string | null, ExposureByCloseDate>();
  for (const r of rows) {
    if (r.netPosition === 0) continue;
    const ms = r.closeTime === null ? null : parseIsoUtcMs(r.closeTime);
    const date = ms === null ? null : utcDate(ms);
    let g = groups.get(date);
    if (!g) {
      g = { date, markets: 0, marketIds: [], exposure: 0, capitalAtRisk: 0 };
      groups.set(date, g);
    }
    g.markets += 1;
    g.marketIds.push(r.marketId);
    g.exposure += r.exposure;
    g.capitalAtRisk += r.capitalAtRisk;
  }
  return [...groups.values()]
    .map((g) => ({ ...g, marketIds: g.marketIds.sort() }))
    .sort((a, b) =>
      a.date === b.date ? 0 : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1,
    );
}
