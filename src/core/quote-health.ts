// Quote health and fill activity of one market over a range (metrics.md §"Market-making quality"):
// how often the bot quotes, how close to the touch, how often it changes its mind, and what its
// orders turn into. Targets and book come from the decision items (the book excludes our orders);
// placements and cancels from the execution log. Shares are fractions 0–1, as every `…Pct` of the
// API (formatPercent multiplies by 100).
//
// Readings (metrics.md leaves them open):
// - two-sided = a bid and an ask target. The bot writes at most one target per side, so this is
//   metrics.md's "≥ 2 targets" on every item it writes, and stays right if that ever changes.
// - A side with several targets (never written by the bot) is judged by its best price.
// - at-touch with that side of the book empty (best_bid sentinel 0 / best_ask sentinel 1): we are
//   the touch, so it counts as at touch; distance to touch has no touch to measure from, so such
//   decisions are left out of the mean (the sentinel would make it a meaningless −price).
// - Prices are compared with a 1e-9 tolerance (stored floats carry artifacts: 0.35000000000000003).
// - requotes: a decision whose target set (side, price, size) differs from the previous decision of
//   the market — pulling a quote or adding one counts. The first decision of the range compares with
//   `previous` (the decision in force at the range start) when the caller has it, else it is not
//   counted. Restarts are not special: a new run quoting differently is a requote.
// - quoted hours (for contracts per quoted hour): time during which the decision in force had a
//   target, each decision lasting until the next one, but never longer than the mid staleness bound
//   max(60 s, 3 × loop interval) — past that the bot is not known to be running — nor past the range.
// - fill rate and cancel-to-fill count only per-market runs: batch runs log neither placements nor
//   cancels (contract §6.13), so their fills would inflate one ratio and dilute the other. The run
//   mode comes from chains.ts (per run, from the run's own events). A fill is one trade-log item
//   (one Kalshi trade), so partial fills make the fill rate exceed 1 when orders fill in pieces.
// - cancels are ORDER_CANCEL events of the market in the range, system cancels (startup, halt)
//   included: they are cancels of this market's orders.
import { buildChains, type ChainOptions } from './chains.js';
import { parseDecisionId } from './decision-id.js';
import { prepareFills } from './dedupe.js';
import { midMaxAgeMs } from './mid-at.js';
import { targetsKey } from './targets-key.js';
import type { ExecutionEvent, Fill, QuoteDecision, TargetQuote } from './types.js';

const PRICE_EPSILON = 1e-9;
const HOUR_MS = 3_600_000;

export interface QuoteHealthOptions {
  fromMs: number;
  /** Inclusive. */
  toMs: number;
  /** global_config.loop_interval_ms (see mid-at.ts midMaxAgeMs). */
  loopIntervalMs: number;
  /** The market's decision in force at fromMs (newest before it), if read: the first requote's base. */
  previous?: QuoteDecision | null;
}

export interface QuoteHealth {
  /** The market's decisions in the range (system decisions excluded). */
  decisions: number;
  /** Shares of decisions; null when there is no decision. */
  quotedPct: number | null;
  twoSidedPct: number | null;
  /** Shares of the decisions with a target on that side; null when none has one. */
  atTouchBidPct: number | null;
  atTouchAskPct: number | null;
  /** Mean of best_bid − target bid / target ask − best_ask, cents; negative = inside the touch. */
  distanceBidCents: number | null;
  distanceAskCents: number | null;
  requotes: number;
  /** requotes / hours of the range; null for an empty range. */
  requotesPerHour: number | null;
  quotedHours: number;
}

function best(targets: readonly TargetQuote[], side: 'bid' | 'ask'): number | null {
  let out: number | null = null;
  for (const q of targets) {
    if (q.side !== side) continue;
    if (out === null || (side === 'bid' ? q.priceYes > out : q.priceYes < out)) out = q.priceYes;
  }
  return out;
}

export { targetsKey };

/** The market's decisions in [fromMs, toMs], oldest first, system decisions left out. */
function inRange<D extends QuoteDecision>(decisions: readonly D[], fromMs: number, toMs: number): D[] {
  return decisions
    .filter((d) => d.marketId !== 'ALL' && d.timeMs >= fromMs && d.timeMs <= toMs)
    .sort((a, b) => a.timeMs - b.timeMs);
}

/** Hours during which the decision in force had a target (see the readings above). */
export function quotedHours(decisions: readonly QuoteDecision[], opts: QuoteHealthOptions): number {
  const maxAgeMs = midMaxAgeMs(opts.loopIntervalMs);
  const list = inRange(decisions, opts.fromMs, opts.toMs);
  const end = opts.toMs + 1;
  let ms = 0;
  const prev = opts.previous;
  if (prev && prev.timeMs < opts.fromMs && prev.targetQuotes.length > 0) {
    const until = Math.min(list[0]?.timeMs ?? end, prev.timeMs + maxAgeMs, end);
    ms += Math.max(0, until - opts.fromMs);
  }
  list.forEach((d, i) => {
    if (d.targetQuotes.length === 0) return;
    const next = list[i + 1]?.timeMs ?? end;
    ms += Math.min(next, d.timeMs + maxAgeMs, end) - d.timeMs;
  });
  return ms / HOUR_MS;
}

/** Quote health of one market's decisions (other markets' and system decisions are ignored). */
export function quoteHealth(decisions: readonly QuoteDecision[], opts: QuoteHealthOptions): QuoteHealth {
  const list = inRange(decisions, opts.fromMs, opts.toMs);
  let quoted = 0;
  let twoSided = 0;
  const side = {
    bid: { with: 0, atTouch: 0, distanceSum: 0, distanceCount: 0 },
    ask: { with: 0, atTouch: 0, distanceSum: 0, distanceCount: 0 },
  };
  let requotes = 0;
  let prevKey = opts.previous ? targetsKey(opts.previous) : null;
  for (const d of list) {
    const bid = best(d.targetQuotes, 'bid');
    const ask = best(d.targetQuotes, 'ask');
    if (d.targetQuotes.length > 0) quoted++;
    if (bid !== null && ask !== null) twoSided++;
    if (bid !== null) {
      side.bid.with++;
      const touch = d.book?.bestBid ?? null;
      if (touch === null || bid >= touch - PRICE_EPSILON) side.bid.atTouch++;
      if (touch !== null) {
        side.bid.distanceSum += (touch - bid) * 100;
        side.bid.distanceCount++;
      }
    }
    if (ask !== null) {
      side.ask.with++;
      const touch = d.book?.bestAsk ?? null;
      if (touch === null || ask <= touch + PRICE_EPSILON) side.ask.atTouch++;
      if (touch !== null) {
        side.ask.distanceSum += (ask - touch) * 100;
        side.ask.distanceCount++;
      }
    }
    const key = targetsKey(d);
    if (prevKey !== null && key !== prevKey) requotes++;
    prevKey = key;
  }
  const n = list.length;
  const share = (x: number, of: number) => (of > 0 ? x / of : null);
  const hours = (opts.toMs + 1 - opts.fromMs) / HOUR_MS;
  return {
    decisions: n,
    quotedPct: share(quoted, n),
    twoSidedPct: share(twoSided, n),
    atTouchBidPct: share(side.bid.atTouch, side.bid.with),
    atTouchAskPct: share(side.ask.atTouch, side.ask.with),
    distanceBidCents: share(side.bid.distanceSum, side.bid.distanceCount),
    distanceAskCents: share(side.ask.distanceSum, side.ask.distanceCount),
    requotes,
    requotesPerHour: hours > 0 ? requotes / hours : null,
    quotedHours: quotedHours(decisions, opts),
  };
}

export interface FillActivity {
  /** Fills of the market in the range (de-duplicated) and their Σ size. */
  fills: number;
  contracts: number;
  /** The same restricted to per-market runs: what fill rate and cancel-to-fill use. */
  perMarketFills: number;
  /** ORDER_RESULT placements (with a side) ACCEPTED, in per-market runs. */
  acceptedPlacements: number;
  /** ORDER_CANCEL events in per-market runs. */
  cancels: number;
  /** perMarketFills / acceptedPlacements; null without an accepted placement. */
  fillRate: number | null;
  /** contracts / quoted hours (all runs: decisions show quoting in batch runs too); null at 0 h. */
  contractsPerQuotedHour: number | null;
  /** cancels / perMarketFills; null without a fill. */
  cancelToFill: number | null;
  /** Runs of the range judged per-market / batch or unknown (excluded from the two ratios). */
  perMarketRuns: string[];
  excludedRuns: string[];
}

function runOfEvent(e: ExecutionEvent): string {
  return e.botRunId || (parseDecisionId(e.decisionId)?.runId ?? '');
}

/**
 * Fill rate, contracts per quoted hour and cancel-to-fill of one market over [fromMs, toMs].
 * decisions, events and fills: the market's in the range (as chains.ts takes them); quotedHoursOf:
 * QuoteHealth.quotedHours of the same range. chainOptions: as for buildChains (runsWithPlacements,
 * eventsKeptSinceMs), so the run modes here are the chains tab's.
 */
export function fillActivity(
  decisions: readonly QuoteDecision[],
  events: readonly ExecutionEvent[],
  fills: readonly Fill[],
  opts: { fromMs: number; toMs: number; quotedHours: number; chainOptions?: ChainOptions },
): FillActivity {
  const inRangeFills = prepareFills(fills).filter(
    (f) => f.fillTimeMs >= opts.fromMs && f.fillTimeMs <= opts.toMs,
  );
  const inRangeEvents = events.filter((e) => e.timeMs >= opts.fromMs && e.timeMs <= opts.toMs);
  const report = buildChains(
    decisions.filter((d) => d.marketId !== 'ALL' && d.timeMs >= opts.fromMs && d.timeMs <= opts.toMs),
    inRangeEvents,
    inRangeFills,
    [],
    opts.chainOptions,
  );
  const perMarket = report.runs.filter((r) => r.mode === 'per_market');
  const perMarketIds = new Set(perMarket.map((r) => r.runId ?? ''));
  let acceptedPlacements = 0;
  let cancels = 0;
  for (const e of inRangeEvents) {
    if (!perMarketIds.has(runOfEvent(e))) continue;
    if (e.eventType === 'ORDER_RESULT' && e.side !== null && e.status === 'ACCEPTED') acceptedPlacements++;
    if (e.eventType === 'ORDER_CANCEL') cancels++;
  }
  const perMarketFills = perMarket.reduce((s, r) => s + r.fills, 0);
  const contracts = inRangeFills.reduce((s, f) => s + f.size, 0);
  return {
    fills: inRangeFills.length,
    contracts,
    perMarketFills,
    acceptedPlacements,
    cancels,
    fillRate: acceptedPlacements > 0 ? perMarketFills / acceptedPlacements : null,
    contractsPerQuotedHour: opts.quotedHours > 0 ? contracts / opts.quotedHours : null,
    cancelToFill: perMarketFills > 0 ? cancels / perMarketFills : null,
    perMarketRuns: [...perMarketIds],
    excludedRuns: report.runs.filter((r) => r.mode !== 'per_market').map((r) => r.runId ?? ''),
  };
}
