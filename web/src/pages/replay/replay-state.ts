// Replay: the state of a market at a past moment, from its decisions (oldest → newest) and the fills
// of the window. Pure, so stepping is tested without a browser. The moment of a step is its decision's
// time; the fills "so far" are those at or before it, and realized P&L so far is the running sum of
// their realized change (the API's figure per fill: the bot's average-cost rule over all history).
import type { DecisionJson, ReplayFill } from '@api/types';

export interface Timeline {
  decisions: DecisionJson[];
  /** ms of each decision, ascending. */
  decisionMs: number[];
  /** Fills oldest → newest. */
  fills: ReplayFill[];
  fillMs: number[];
  /** realizedPrefix[k] = Σ realizedChange of fills[0..k) (so [0] = 0). */
  realizedPrefix: number[];
  /** contractsPrefix[k] = Σ size of fills[0..k). */
  contractsPrefix: number[];
}

/** Builds the timeline from the API's lists in any order (decisions come newest first). */
export function buildTimeline(decisions: readonly DecisionJson[], fills: readonly ReplayFill[]): Timeline {
  const ds = [...decisions]
    .map((d) => ({ d, t: Date.parse(d.time) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t);
  const fs = [...fills]
    .map((f) => ({ f, t: Date.parse(f.time) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t);
  const realizedPrefix = [0];
  const contractsPrefix = [0];
  for (const { f } of fs) {
    realizedPrefix.push((realizedPrefix[realizedPrefix.length - 1] ?? 0) + f.realizedChange);
    contractsPrefix.push((contractsPrefix[contractsPrefix.length - 1] ?? 0) + f.size);
  }
  return {
    decisions: ds.map((x) => x.d),
    decisionMs: ds.map((x) => x.t),
    fills: fs.map((x) => x.f),
    fillMs: fs.map((x) => x.t),
    realizedPrefix,
    contractsPrefix,
  };
}

/** How many of the ascending `times` are ≤ t (binary search). */
export function countAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? Infinity) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The step in force at time t: the newest decision at or before t (the first one if t is earlier). */
export function indexAtTime(tl: Timeline, t: number): number {
  if (tl.decisionMs.length === 0) return -1;
  return Math.max(0, countAtOrBefore(tl.decisionMs, t) - 1);
}

/** index + delta, kept inside the timeline. */
export function stepIndex(tl: Timeline, index: number, delta: number): number {
  if (tl.decisionMs.length === 0) return -1;
  return Math.min(tl.decisionMs.length - 1, Math.max(0, index + delta));
}

/** The first step that shows a fill the step `index` does not yet show; null when none is left. */
export function nextFillIndex(tl: Timeline, index: number): number | null {
  const t = tl.decisionMs[index];
  if (t === undefined) return null;
  const shown = countAtOrBefore(tl.fillMs, t);
  const next = tl.fillMs[shown];
  if (next === undefined) return null;
  const i = tl.decisionMs.findIndex((d) => d >= next);
  return i < 0 ? null : i;
}

/** The last step that shows fewer fills than `index` does; null when none is before. */
export function prevFillIndex(tl: Timeline, index: number): number | null {
  const t = tl.decisionMs[index];
  if (t === undefined) return null;
  const shown = countAtOrBefore(tl.fillMs, t);
  if (shown === 0) return null;
  const last = tl.fillMs[shown - 1] ?? 0;
  // The newest step before that fill.
  const i = countAtOrBefore(tl.decisionMs, last - 1) - 1;
  return i < 0 ? null : i;
}

export interface Frame {
  index: number;
  decision: DecisionJson;
  timeMs: number;
  /** Fills at or before the step, oldest first. */
  fillCount: number;
  contracts: number;
  realized: number;
  /** The trade log's net after the last fill shown; before any, the first fill's net before; else null. */
  tradeLogNet: number | null;
  /** The newest fills shown, newest first (at most `recent`). */
  recentFills: ReplayFill[];
}

export function frameAt(tl: Timeline, index: number, recent = 8): Frame | null {
  const decision = tl.decisions[index];
  const timeMs = tl.decisionMs[index];
  if (!decision || timeMs === undefined) return null;
  const n = countAtOrBefore(tl.fillMs, timeMs);
  const last = tl.fills[n - 1];
  const first = tl.fills[0];
  return {
    index,
    decision,
    timeMs,
    fillCount: n,
    contracts: tl.contractsPrefix[n] ?? 0,
    realized: tl.realizedPrefix[n] ?? 0,
    tradeLogNet: last ? last.netAfter : first ? first.netBefore : null,
    recentFills: tl.fills.slice(Math.max(0, n - recent), n).reverse(),
  };
}

export interface LadderRow {
  priceYes: number;
  bidSize: number | null;
  askSize: number | null;
  /** Our target quote at this price, if any. */
  target: { side: 'bid' | 'ask'; size: number } | null;
}

/**
 * The depth ladder of a step: ask-side rows (asks and our ask targets) above, bid-side rows below,
 * each side from the highest price down; a target at a book level's price shares its row.
 */
export function ladderRows(decision: DecisionJson): { asks: LadderRow[]; bids: LadderRow[] } {
  const side = (levels: readonly { priceYes: number; size: number }[], which: 'bid' | 'ask'): LadderRow[] => {
    const rows = new Map<string, LadderRow>();
    const key = (p: number) => p.toFixed(4);
    for (const l of levels) {
      rows.set(key(l.priceYes), {
        priceYes: l.priceYes,
        bidSize: which === 'bid' ? l.size : null,
        askSize: which === 'ask' ? l.size : null,
        target: null,
      });
    }
    for (const q of decision.targetQuotes) {
      if (q.side !== which) continue;
      const row = rows.get(key(q.priceYes)) ?? {
        priceYes: q.priceYes,
        bidSize: null,
        askSize: null,
        target: null,
      };
      row.target = { side: which, size: q.size };
      rows.set(key(q.priceYes), row);
    }
    return [...rows.values()].sort((a, b) => b.priceYes - a.priceYes);
  };
  return {
    asks: side(decision.book?.topAsks ?? [], 'ask'),
    bids: side(decision.book?.topBids ?? [], 'bid'),
  };
}
