// P&L attribution over [a, b] (metrics.md §"Market-making quality"): where did the P&L come from —
// the spread we captured at each fill, or the position moving with the mid (inventory), less fees?
//   total         = realized change of fills in [a, b] + (unrealizedMid(b) − unrealizedMid(a))
//   spreadCapture = Σ edge at fill over fills in [a, b]
//   fees          = Σ fee over those fills
//   inventory     = total − spreadCapture + fees   (so total = spreadCapture + inventory − fees)
// Realized changes, fees and positions come from the whole-history replay (replay.ts): pass every
// step of the market since its first fill, never a replay started flat at a.
//
// Readings (metrics.md leaves them open):
// - [a, b] is closed: fills at a and at b are in. unrealizedMid(a) values the position *before* a's
//   fills (fills < a), unrealizedMid(b) the position after b's (fills ≤ b), each marked at mid(a) /
//   mid(b) of mid-at.ts (so a stale or missing decision makes a mark unknown).
// - An unknown mark with a non-zero position makes total and inventory unknown (null): guessing a
//   mark would put an invented number into "inventory". Flat ⇒ 0 whatever the mark.
// - A fill whose mid(t_fill) is unknown adds no spread capture (counted in fillsWithoutMid); its edge
//   ends up in inventory, which is the residual, so the identity still holds.
// - fees are the fees the replay subtracted (stored `fees`, else the formula): the same ones inside
//   the realized change, so the identity is exact, not approximate.
// - Days cut the range at midnight in tz. A day is [start, next start): its end mark is at the next
//   day's start, the very mark the next day starts from, so the days add up to the range exactly.
import { midAt, midMaxAgeMs, type DecisionAt } from './mid-at.js';
import { markValue } from './markouts.js';
import { FLAT, type AvgCostState, type ReplayStep } from './replay.js';
import { addDays, dayOf, daysBetween, zonedDayStartMs } from './tz-days.js';
import { unrealizedMid } from './unrealized.js';

export interface AttributionFigures {
  /** Null when a mark is unknown while the position is not flat. */
  totalUsd: number | null;
  spreadCaptureUsd: number;
  feesUsd: number;
  /** total − spreadCapture + fees; null with total. */
  inventoryUsd: number | null;
}

export interface MarketAttribution extends AttributionFigures {
  marketId: string;
  /** Σ realized change (fee included) of the fills in the window. */
  realizedUsd: number;
  unrealizedStartUsd: number | null;
  unrealizedEndUsd: number | null;
  /** The marks used; null when unknown, and when flat there (no mark is needed or read). */
  midStartYes: number | null;
  midEndYes: number | null;
  netStart: number;
  netEnd: number;
  fills: number;
  /** Fills in the window whose mid(t_fill) is unknown: no spread capture counted for them. */
  fillsWithoutMid: number;
}

export interface AttributionSum extends AttributionFigures {
  /** Sums over the markets whose total is known (the identity holds over exactly these). */
  markets: number;
  /** Markets left out because a mark was unknown with a position held. */
  unknownMarkets: string[];
}

export interface AttributionReport {
  markets: MarketAttribution[];
  all: AttributionSum;
}

export interface AttributionOptions {
  fromMs: number;
  /** Inclusive. */
  toMs: number;
  /** global_config.loop_interval_ms (see mid-at.ts). */
  loopIntervalMs: number;
}

/** A window [startMs, endBeforeMs) with the times its two marks are read at. */
interface Piece {
  startMs: number;
  endBeforeMs: number;
  markStartMs: number;
  markEndMs: number;
}

/** Steps per market, in replay order (replay steps are already in it). */
function byMarket(steps: readonly ReplayStep[]): Map<string, ReplayStep[]> {
  const out = new Map<string, ReplayStep[]>();
  for (const s of steps) {
    const list = out.get(s.fill.marketId) ?? [];
    list.push(s);
    out.set(s.fill.marketId, list);
  }
  return out;
}

/** The market's state after every fill before tMs. */
function holdingBefore(steps: readonly ReplayStep[], tMs: number): Readonly<AvgCostState> {
  let state: Readonly<AvgCostState> = FLAT;
  for (const s of steps) {
    if (s.fill.fillTimeMs >= tMs) break;
    state = s.after;
  }
  return state;
}

function attributePiece(
  marketId: string,
  steps: readonly ReplayStep[],
  decisionAt: DecisionAt,
  maxAgeMs: number,
  p: Piece,
): MarketAttribution {
  let realizedUsd = 0;
  let feesUsd = 0;
  let spreadCaptureUsd = 0;
  let fills = 0;
  let fillsWithoutMid = 0;
  for (const s of steps) {
    const t = s.fill.fillTimeMs;
    if (t < p.startMs || t >= p.endBeforeMs) continue;
    fills++;
    realizedUsd += s.realizedChange;
    feesUsd += s.feeUsd;
    const mid = midAt(decisionAt, marketId, t, maxAgeMs).midYes;
    if (mid === null) fillsWithoutMid++;
    else spreadCaptureUsd += markValue(s.fill, mid).usd;
  }
  const start = holdingBefore(steps, p.startMs);
  const end = holdingBefore(steps, p.endBeforeMs);
  // Flat needs no mark: no read is asked for it (attributionTimes) and none is looked at.
  const midStartYes = start.net === 0 ? null : midAt(decisionAt, marketId, p.markStartMs, maxAgeMs).midYes;
  const midEndYes = end.net === 0 ? null : midAt(decisionAt, marketId, p.markEndMs, maxAgeMs).midYes;
  const unrealizedStartUsd = unrealizedMid(start, midStartYes);
  const unrealizedEndUsd = unrealizedMid(end, midEndYes);
  const totalUsd =
    unrealizedStartUsd === null || unrealizedEndUsd === null
      ? null
      : realizedUsd + (unrealizedEndUsd - unrealizedStartUsd);
  return {
    marketId,
    totalUsd,
    spreadCaptureUsd,
    feesUsd,
    inventoryUsd: totalUsd === null ? null : totalUsd - spreadCaptureUsd + feesUsd,
    realizedUsd,
    unrealizedStartUsd,
    unrealizedEndUsd,
    midStartYes,
    midEndYes,
    netStart: start.net,
    netEnd: end.net,
    fills,
    fillsWithoutMid,
  };
}

/** Markets that matter to a window: a fill in it, or a position held at its start. */
function relevant(steps: readonly ReplayStep[], p: Piece): boolean {
  if (holdingBefore(steps, p.startMs).net !== 0) return true;
  return steps.some((s) => s.fill.fillTimeMs >= p.startMs && s.fill.fillTimeMs < p.endBeforeMs);
}

/** Σ over markets with a known total; the others are named, not guessed. */
export function sumAttributions(markets: readonly MarketAttribution[]): AttributionSum {
  const sum: AttributionSum = {
    totalUsd: 0,
    spreadCaptureUsd: 0,
    feesUsd: 0,
    inventoryUsd: 0,
    markets: 0,
    unknownMarkets: [],
  };
  for (const m of markets) {
    if (m.totalUsd === null || m.inventoryUsd === null) {
      sum.unknownMarkets.push(m.marketId);
      continue;
    }
    sum.markets++;
    sum.totalUsd = (sum.totalUsd ?? 0) + m.totalUsd;
    sum.spreadCaptureUsd += m.spreadCaptureUsd;
    sum.feesUsd += m.feesUsd;
    sum.inventoryUsd = (sum.inventoryUsd ?? 0) + m.inventoryUsd;
  }
  return sum;
}

function report(
  steps: readonly ReplayStep[],
  decisionAt: DecisionAt,
  maxAgeMs: number,
  p: Piece,
): AttributionReport {
  const markets: MarketAttribution[] = [];
  for (const [marketId, list] of byMarket(steps)) {
    if (relevant(list, p)) markets.push(attributePiece(marketId, list, decisionAt, maxAgeMs, p));
  }
  return { markets, all: sumAttributions(markets) };
}

function rangePiece(opts: AttributionOptions): Piece {
  return { startMs: opts.fromMs, endBeforeMs: opts.toMs + 1, markStartMs: opts.fromMs, markEndMs: opts.toMs };
}

/**
 * Attribution per market and for all of them over [fromMs, toMs]. `steps`: the whole-history replay
 * of the markets wanted (replayFills(...).steps, optionally filtered to one market); markets
 * neither holding a position at fromMs nor filling in the range are left out.
 */
export function attribution(
  steps: readonly ReplayStep[],
  decisionAt: DecisionAt,
  opts: AttributionOptions,
): AttributionReport {
  return report(steps, decisionAt, midMaxAgeMs(opts.loopIntervalMs), rangePiece(opts));
}

/** The range cut at midnights in tz: the first and last pieces are partial days. */
function dayPieces(opts: AttributionOptions & { tz: string }): { date: string; piece: Piece }[] {
  if (opts.toMs < opts.fromMs) return [];
  return daysBetween(dayOf(opts.fromMs, opts.tz), dayOf(opts.toMs, opts.tz)).map((date) => {
    const startMs = Math.max(opts.fromMs, zonedDayStartMs(date, opts.tz));
    const nextMs = zonedDayStartMs(addDays(date, 1), opts.tz);
    const last = nextMs > opts.toMs;
    return {
      date,
      piece: {
        startMs,
        endBeforeMs: last ? opts.toMs + 1 : nextMs,
        markStartMs: startMs,
        markEndMs: last ? opts.toMs : nextMs,
      },
    };
  });
}

export interface DailyAttribution extends AttributionReport {
  /** `YYYY-MM-DD` in tz. */
  date: string;
}

/**
 * One entry per calendar day in tz that the range touches (for the stacked daily chart), each an
 * attribution of its part of the range. Σ days = attribution(range) for every market whose marks
 * are all known.
 */
export function dailyAttribution(
  steps: readonly ReplayStep[],
  decisionAt: DecisionAt,
  opts: AttributionOptions & { tz: string },
): DailyAttribution[] {
  const maxAgeMs = midMaxAgeMs(opts.loopIntervalMs);
  return dayPieces(opts).map(({ date, piece }) => ({ date, ...report(steps, decisionAt, maxAgeMs, piece) }));
}

/**
 * The times whose decision in force the attribution needs, per market: each fill time in the range
 * (edge at fill) and the marks — range ends, and with tz every midnight inside the range — wherever
 * the market holds a position then. Hand each list to readDecisionsAt.
 */
export function attributionTimes(
  steps: readonly ReplayStep[],
  opts: Omit<AttributionOptions, 'loopIntervalMs'> & { tz?: string },
): Map<string, number[]> {
  const marks = opts.tz
    ? dayPieces({ ...opts, loopIntervalMs: 0, tz: opts.tz }).flatMap(({ piece }) => [
        { t: piece.markStartMs, before: piece.startMs },
        { t: piece.markEndMs, before: piece.endBeforeMs },
      ])
    : [
        { t: opts.fromMs, before: opts.fromMs },
        { t: opts.toMs, before: opts.toMs + 1 },
      ];
  const out = new Map<string, number[]>();
  for (const [marketId, list] of byMarket(steps)) {
    const times = new Set<number>();
    for (const s of list)
      if (s.fill.fillTimeMs >= opts.fromMs && s.fill.fillTimeMs <= opts.toMs) times.add(s.fill.fillTimeMs);
    for (const m of marks) if (holdingBefore(list, m.before).net !== 0) times.add(m.t);
    if (times.size)
      out.set(
        marketId,
        [...times].sort((a, b) => a - b),
      );
  }
  return out;
}

export interface AttributionCents {
  totalCents: number;
  spreadCaptureCents: number;
  feesCents: number;
  /** totalCents − spreadCaptureCents + feesCents: the shown identity holds to the cent. */
  inventoryCents: number;
}

/** Whole cents, half away from zero; toPrecision first so 0.285 (28.499999…) rounds to 29. */
function toCents(usd: number): number {
  const c = Number.parseFloat((usd * 100).toPrecision(12));
  const r = Math.sign(c) * Math.round(Math.abs(c));
  return Object.is(r, -0) ? 0 : r;
}

/**
 * The figures as shown, in whole cents: total, spread capture and fees rounded, inventory derived
 * from the rounded three, so total = spreadCapture + inventory − fees holds exactly on screen
 * (rounding inventory on its own could miss by a cent). Null when total is unknown.
 */
export function attributionCents(a: AttributionFigures): AttributionCents | null {
  if (a.totalUsd === null) return null;
  const totalCents = toCents(a.totalUsd);
  const spreadCaptureCents = toCents(a.spreadCaptureUsd);
  const feesCents = toCents(a.feesUsd);
  return {
    totalCents,
    spreadCaptureCents,
    feesCents,
    inventoryCents: totalCents - spreadCaptureCents + feesCents,
  };
}
