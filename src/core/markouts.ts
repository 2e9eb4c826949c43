// Edge at fill and markouts (metrics.md §"Market-making quality"): did we buy below / sell above
// the mid, and where was the mid h later? s = +1 for a fill that bought YES (`yes`), −1 for one that
// sold YES (`no`); prices are YES dollars, sizes contracts. Positive = good for us.
//
// Reads: the store looks up the decision in force at each time markoutTimes lists (t_fill and every
// t_fill + h ≤ now) with readDecisionsAt — tight newest-first index reads, never a partition.
import { prepareFills } from './dedupe.js';
import { midAt, midMaxAgeMs, type DecisionAt, type MidUnknownReason } from './mid-at.js';
import type { Fill } from './types.js';

export const HORIZONS = [
  { h: '5s', seconds: 5 },
  { h: '30s', seconds: 30 },
  { h: '1m', seconds: 60 },
  { h: '5m', seconds: 300 },
  { h: '30m', seconds: 1_800 },
  { h: '1h', seconds: 3_600 },
  { h: '4h', seconds: 14_400 },
  { h: '1d', seconds: 86_400 },
] as const;

export type HorizonName = (typeof HORIZONS)[number]['h'];

/** +1 bought YES (`yes` = bid filled), −1 sold YES (`no` = ask filled). */
export function fillSign(fill: Pick<Fill, 'side'>): 1 | -1 {
  return fill.side === 'yes' ? 1 : -1;
}

export interface MarkValue {
  /** s · (mid − price) · size, dollars. */
  usd: number;
  /** s · (mid − price) · 100: cents per contract. */
  perContractCents: number;
}

/** s · (mid − price) · size and per contract in cents. */
export function markValue(fill: Pick<Fill, 'side' | 'priceYes' | 'size'>, midYes: number): MarkValue {
  const perContract = fillSign(fill) * (midYes - fill.priceYes);
  return { usd: perContract * fill.size, perContractCents: perContract * 100 };
}

export interface FillMarkout {
  fill: Fill;
  /** mid(t_fill), null when unknown (with why). */
  midAtFillYes: number | null;
  midAtFillUnknown: MidUnknownReason | null;
  /** Edge at fill (spread capture); null when mid(t_fill) is unknown. */
  edge: MarkValue | null;
  /** Per horizon; null when t_fill + h > now or mid(t_fill + h) is unknown. */
  markouts: Record<HorizonName, MarkValue | null>;
}

export interface MarkoutOptions {
  nowMs: number;
  /** global_config.loop_interval_ms (see mid-at.ts midMaxAgeMs). */
  loopIntervalMs: number;
}

/**
 * Every time whose decision in force the markouts need, per market: each fill's time and each
 * t_fill + h that is not after now. Sorted ascending, distinct: hand each list to readDecisionsAt.
 */
export function markoutTimes(fills: readonly Fill[], nowMs: number): Map<string, number[]> {
  const byMarket = new Map<string, Set<number>>();
  for (const f of fills) {
    let set = byMarket.get(f.marketId);
    if (!set) byMarket.set(f.marketId, (set = new Set()));
    set.add(f.fillTimeMs);
    for (const { seconds } of HORIZONS) {
      const t = f.fillTimeMs + seconds * 1000;
      if (t <= nowMs) set.add(t);
    }
  }
  return new Map([...byMarket].map(([m, set]) => [m, [...set].sort((a, b) => a - b)]));
}

/** Edge and markouts of each fill (de-duplicated, replay order). */
export function fillMarkouts(
  fills: readonly Fill[],
  decisionAt: DecisionAt,
  opts: MarkoutOptions,
): FillMarkout[] {
  const maxAgeMs = midMaxAgeMs(opts.loopIntervalMs);
  return prepareFills(fills).map((fill) => {
    const atFill = midAt(decisionAt, fill.marketId, fill.fillTimeMs, maxAgeMs);
    const markouts = {} as Record<HorizonName, MarkValue | null>;
    for (const { h, seconds } of HORIZONS) {
      const t = fill.fillTimeMs + seconds * 1000;
      // A horizon still in the future has no markout yet; it must not read a later "now" mid.
      const mid = t <= opts.nowMs ? midAt(decisionAt, fill.marketId, t, maxAgeMs).midYes : null;
      markouts[h] = mid === null ? null : markValue(fill, mid);
    }
    return {
      fill,
      midAtFillYes: atFill.midYes,
      midAtFillUnknown: atFill.unknown,
      edge: atFill.midYes === null ? null : markValue(fill, atFill.midYes),
      markouts,
    };
  });
}

export interface EdgeSummary {
  /** Fills with mid(t_fill) known, and their Σ size. */
  count: number;
  contracts: number;
  usd: number;
  /** Σ edge / Σ size in cents per contract; null when count = 0. */
  perContractCents: number | null;
}

export interface HorizonSummary {
  h: HorizonName;
  seconds: number;
  /** Fills whose markout at h is known (t_fill + h ≤ now, mid known), and their Σ size. */
  count: number;
  contracts: number;
  markoutUsd: number;
  /** Σ markout / Σ size, cents per contract; null when count = 0. */
  perContractCents: number | null;
  /**
   * Adverse selection at h = edge − markout per contract, over the fills where both are known
   * (a fill without mid(t_fill) has no edge to compare): (Σ edge − Σ markout) / Σ size, in cents.
   * Per fill it is s·(mid(t_fill) − mid(t_fill + h)): positive when the mid moved against us.
   */
  adverseCount: number;
  adverseCents: number | null;
}

export interface MarkoutSummary {
  edge: EdgeSummary;
  /** The markout curve, one point per horizon in HORIZONS order. */
  horizons: HorizonSummary[];
}

/** Aggregates over any set of fills (one market, or all markets together). */
export function markoutSummary(rows: readonly FillMarkout[]): MarkoutSummary {
  const edge: EdgeSummary = { count: 0, contracts: 0, usd: 0, perContractCents: null };
  for (const r of rows) {
    if (!r.edge) continue;
    edge.count++;
    edge.contracts += r.fill.size;
    edge.usd += r.edge.usd;
  }
  edge.perContractCents = edge.contracts > 0 ? (edge.usd / edge.contracts) * 100 : null;
  const horizons = HORIZONS.map(({ h, seconds }): HorizonSummary => {
    let count = 0;
    let contracts = 0;
    let markoutUsd = 0;
    let adverseCount = 0;
    let adverseContracts = 0;
    let adverseUsd = 0;
    for (const r of rows) {
      const m = r.markouts[h];
      if (!m) continue;
      count++;
      contracts += r.fill.size;
      markoutUsd += m.usd;
      if (r.edge) {
        adverseCount++;
        adverseContracts += r.fill.size;
        adverseUsd += r.edge.usd - m.usd;
      }
    }
    return {
      h,
      seconds,
      count,
      contracts,
      markoutUsd,
      perContractCents: contracts > 0 ? (markoutUsd / contracts) * 100 : null,
      adverseCount,
      adverseCents: adverseContracts > 0 ? (adverseUsd / adverseContracts) * 100 : null,
    };
  });
  return { edge, horizons };
}
