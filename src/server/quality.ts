// Market-making quality (metrics.md §"Market-making quality"; api.md §Added): what one market's
// figures need read, and the four blocks of the /quality routes made from core's pure figures.
//
// Reads, all tight (never a decision date partition, never a Scan of the decision or execution log):
// - the fill history and state items the other pages share (EnvData caches them);
// - the market's decisions of the range for quote health, newest first through the GSI in pages of
//   1000, at most `maxDecisions` of them: past the cap the quotes and fills blocks cover the newest
//   decisions only (`coveredFrom`, `truncated`, and a warning say so);
// - the decision in force at every time the markouts and attribution need (markoutTimes,
//   attributionTimes, and just before `from` for the first requote unless the cap made the oldest
//   decision read the `previous`), through EnvData.quoteDecisionsAt: covering newest-first GSI
//   reads, settled answers kept. Times inside the stretch the quote-health read covered are
//   answered from it (in-force-from-window.ts), so they cost no read;
// - the market's execution events of that window (EnvData.marketEvents, the run walk), and which
//   quiet runs placed at all, as the chains tab reads them, so run modes are the chains tab's.
// Decisions are read projected (QuoteDecision: targets, touch, mid, ids; decode/decision-quote.ts)
// with the `light` reads; `full` reads whole decisions and answers every time by a lookup, as
// before issue 19 (tests check that both give the same body).
import { EXECUTION_LOG_TTL_MS, runsToCheckForPlacements } from '../core/chains.js';
import {
  attribution,
  attributionCents,
  attributionTimes,
  dailyAttribution,
  sumAttributions,
  type AttributionFigures,
  type MarketAttribution,
} from '../core/attribution.js';
import { fillIdentity } from '../core/dedupe.js';
import {
  fillMarkouts,
  HORIZONS,
  markoutSummary,
  markoutTimes,
  type FillMarkout,
  type HorizonName,
} from '../core/markouts.js';
import { inForceFromWindow } from '../core/in-force-from-window.js';
import { decisionAtFromMaps } from '../core/mid-at.js';
import { fillActivity, quoteHealth, type FillActivity, type QuoteHealth } from '../core/quote-health.js';
import { replayFills } from '../core/replay.js';
import { toApiTime } from '../core/time.js';
import type { Decision, Fill, Warning, ExecutionEvent, QuoteDecision } from '../core/types.js';
import type {
  QualityAttribution,
  QualityBlocks,
  QualityDay,
  QualityFills,
  QualityMarkouts,
  QualityQuotes,
} from '../api/types.js';
import type { FillHistorySnapshot } from '../store/fill-history.js';
import type { DecisionPage, MarketDecisionsQuery } from '../store/read-decisions.js';
import type { StateItems } from '../store/read-state.js';

/**
 * The reads quality needs, as EnvData provides them (cached, single-flight). Named here rather than
 * importing EnvData, which calls this module: no import circle.
 */
export interface QualitySource {
  fillHistory(): Promise<FillHistorySnapshot>;
  state(): Promise<StateItems>;
  /** Whole decisions: the fills list's markouts share these answers with its decision context. */
  decisionsAt(
    marketId: string,
    timesMs: readonly number[],
    concurrency?: number,
  ): Promise<{ byTime: Map<number, Decision | null>; warnings: Warning[] }>;
  quoteDecisionsAt(
    marketId: string,
    timesMs: readonly number[],
    concurrency?: number,
  ): Promise<{ byTime: Map<number, QuoteDecision | null>; warnings: Warning[] }>;
  readMarketQuoteDecisions(q: MarketDecisionsQuery): Promise<DecisionPage<QuoteDecision>>;
  marketEvents(
    marketId: string,
    fromMs: number,
    toMs: number,
  ): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }>;
  runsWithPlacements(runIds: readonly string[]): Promise<Set<string>>;
}

/** `light`: projected decisions, in-window answers; `full`: whole decisions, a lookup per time. */
export type QualityReads = 'light' | 'full';

/** Decisions read per market for quote health: the market page, and each row of the all-markets table. */
export const MAX_QUALITY_DECISIONS = 10_000;
export const MAX_QUALITY_DECISIONS_PER_ROW = 1_000;
/**
 * Parallel reads per market of the decision-in-force lookups in the all-markets table (markets run
 * several at once already): fewer, longer covering reads — on D, 7 days, about half the requests
 * of the default 32 chunks, and no slower.
 */
export const ROW_READ_CONCURRENCY = 4;

export interface QualityRange {
  fromMs: number;
  /** Inclusive. */
  toMs: number;
  tz: string;
}

/** Side counts of the quote-health decisions: what pooling markets into `all` needs. */
interface SideCounts {
  bidWith: number;
  askWith: number;
  bidDistance: number;
  askDistance: number;
}

/** One market's figures before they become API blocks (the `all` block pools these). */
export interface MarketQualityParts {
  marketId: string;
  rows: FillMarkout[];
  /** Null when the market neither fills in the range nor holds a position at its start. */
  attribution: MarketAttribution | null;
  daily: { date: string; attribution: MarketAttribution | null }[];
  quotes: QuoteHealth;
  sides: SideCounts;
  fills: FillActivity;
  coveredFromMs: number;
  truncated: boolean;
  warnings: Warning[];
}

/** The market's decisions in [fromMs, toMs], newest first, up to `max`. */
async function decisionsInRange(
  data: QualitySource,
  marketId: string,
  fromMs: number,
  toMs: number,
  max: number,
) {
  const out: QuoteDecision[] = [];
  const warnings: Warning[] = [];
  let cursor: string | null = null;
  do {
    const page = await data.readMarketQuoteDecisions({
      marketId,
      fromMs,
      toMs,
      limit: Math.min(1000, max - out.length),
      cursor,
    });
    out.push(...page.items);
    warnings.push(...page.warnings);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return { decisions: out, truncated: cursor !== null, warnings };
}

function sideCounts(decisions: readonly QuoteDecision[]): SideCounts {
  const c = { bidWith: 0, askWith: 0, bidDistance: 0, askDistance: 0 };
  for (const d of decisions) {
    if (d.targetQuotes.some((q) => q.side === 'bid')) {
      c.bidWith++;
      if (d.book?.bestBid != null) c.bidDistance++;
    }
    if (d.targetQuotes.some((q) => q.side === 'ask')) {
      c.askWith++;
      if (d.book?.bestAsk != null) c.askDistance++;
    }
  }
  return c;
}

/** Everything one market's blocks need, read and computed (see the header for the reads). */
export async function marketQualityParts(
  data: QualitySource,
  marketId: string,
  range: QualityRange,
  opts: { nowMs: number; maxDecisions: number; readConcurrency?: number; answerInWindow?: boolean },
): Promise<MarketQualityParts> {
  const { fromMs, toMs, tz } = range;
  const [history, state] = await Promise.all([data.fillHistory(), data.state()]);
  const loopIntervalMs = state.globalConfig.loopIntervalMs;
  const marketFills = history.fills.filter((f) => f.marketId === marketId);
  // The whole history's replay (positions and fees before `from` matter), this market's steps.
  const steps = replayFills(marketFills).steps;
  const inRange = steps.map((s) => s.fill).filter((f) => f.fillTimeMs >= fromMs && f.fillTimeMs <= toMs);
  const times = new Set<number>();
  for (const t of markoutTimes(inRange, opts.nowMs).get(marketId) ?? []) times.add(t);
  for (const t of attributionTimes(steps, { fromMs, toMs, tz }).get(marketId) ?? []) times.add(t);

  // The range's decisions first: they answer the times inside the stretch they cover and say
  // whether `previous` needs a lookup. Then two independent chains at once: the remaining decisions
  // in force, and the window's execution events → which quiet runs placed.
  const read = await decisionsInRange(data, marketId, fromMs, toMs, opts.maxDecisions);
  // Quote health over what was read: past the cap, the window of the newest decisions. The oldest
  // read millisecond may hold unread ties: it is left out, and its decision is the `previous`.
  let decisions = read.decisions;
  let coveredFromMs = fromMs;
  let oldestRead: QuoteDecision | null = null;
  if (read.truncated && decisions.length > 0) {
    oldestRead = decisions[decisions.length - 1] as QuoteDecision;
    coveredFromMs = oldestRead.timeMs + 1;
    decisions = decisions.filter((d) => d.timeMs >= coveredFromMs);
  }
  if (oldestRead === null || !opts.answerInWindow) times.add(fromMs - 1);
  const fromWindow = opts.answerInWindow
    ? inForceFromWindow(read.decisions, toMs, [...times])
    : new Map<number, QuoteDecision>();
  const atP = data.quoteDecisionsAt(
    marketId,
    [...times].filter((t) => !fromWindow.has(t)),
    opts.readConcurrency,
  );
  const activityP = (async () => {
    const events = await data.marketEvents(marketId, coveredFromMs, toMs);
    const runsWithPlacements = await data.runsWithPlacements(
      runsToCheckForPlacements(decisions, events.events),
    );
    return { events, runsWithPlacements };
  })();
  // Both settle before either is used, so a failure of one never leaves the other unobserved.
  const [atS, activityS] = await Promise.allSettled([atP, activityP]);
  if (atS.status === 'rejected') throw atS.reason;
  if (activityS.status === 'rejected') throw activityS.reason;
  const at = atS.value;
  const { events, runsWithPlacements } = activityS.value;
  const byTime = new Map<number, QuoteDecision | null>(at.byTime);
  for (const [t, d] of fromWindow) byTime.set(t, d);
  const decisionAt = decisionAtFromMaps(new Map([[marketId, byTime]]));

  const rows = fillMarkouts(inRange, decisionAt, { nowMs: opts.nowMs, loopIntervalMs });
  const attr = attribution(steps, decisionAt, { fromMs, toMs, loopIntervalMs });
  const daily = dailyAttribution(steps, decisionAt, { fromMs, toMs, loopIntervalMs, tz }).map((d) => ({
    date: d.date,
    attribution: d.markets.find((m) => m.marketId === marketId) ?? null,
  }));

  const previous: QuoteDecision | null = oldestRead ?? byTime.get(fromMs - 1) ?? null;
  const warnings: Warning[] = [...at.warnings, ...read.warnings];
  if (oldestRead !== null) {
    warnings.push({
      code: 'quality_decisions_capped',
      message: `${marketId}: more than ${opts.maxDecisions} decisions in the range; quote health and fill activity cover ${toApiTime(coveredFromMs)} to ${toApiTime(toMs)}`,
      detail: { marketId, coveredFrom: toApiTime(coveredFromMs) },
    });
  }
  const quotes = quoteHealth(decisions, { fromMs: coveredFromMs, toMs, loopIntervalMs, previous });
  warnings.push(...events.warnings);
  const fills = fillActivity(decisions, events.events, marketFills, {
    fromMs: coveredFromMs,
    toMs,
    quotedHours: quotes.quotedHours,
    chainOptions: { eventsKeptSinceMs: opts.nowMs - EXECUTION_LOG_TTL_MS, runsWithPlacements },
  });
  return {
    marketId,
    rows,
    attribution: attr.markets.find((m) => m.marketId === marketId) ?? null,
    daily,
    quotes,
    sides: sideCounts(decisions.filter((d) => d.timeMs >= coveredFromMs && d.timeMs <= toMs)),
    fills,
    coveredFromMs,
    truncated: read.truncated,
    warnings,
  };
}

// --- blocks ---

function markoutsBlock(rows: readonly FillMarkout[]): QualityMarkouts {
  const s = markoutSummary(rows);
  return {
    edge: { count: s.edge.count, contracts: s.edge.contracts, perContractCents: s.edge.perContractCents },
    horizons: s.horizons.map((h) => ({
      h: h.h,
      seconds: h.seconds,
      count: h.count,
      contracts: h.contracts,
      perContractCents: h.perContractCents,
      adverseCount: h.adverseCount,
      adverseCents: h.adverseCents,
    })),
  };
}

/** In dollars, each a whole number of cents: inventory derived from the rounded three (attributionCents). */
function attributionBlock(a: AttributionFigures | null): QualityAttribution {
  if (a === null) return { total: 0, spreadCapture: 0, inventory: 0, fees: 0 };
  const c = attributionCents(a);
  if (c === null) {
    // Total unknown: spread capture and fees are still known, rounded the same way.
    const known = attributionCents({ ...a, totalUsd: 0, inventoryUsd: 0 });
    return {
      total: null,
      spreadCapture: (known?.spreadCaptureCents ?? 0) / 100,
      inventory: null,
      fees: (known?.feesCents ?? 0) / 100,
    };
  }
  return {
    total: c.totalCents / 100,
    spreadCapture: c.spreadCaptureCents / 100,
    inventory: c.inventoryCents / 100,
    fees: c.feesCents / 100,
  };
}

function quotesBlock(q: QuoteHealth, coveredFromMs: number, truncated: boolean): QualityQuotes {
  return {
    decisions: q.decisions,
    quotedPct: q.quotedPct,
    twoSidedPct: q.twoSidedPct,
    atTouchBidPct: q.atTouchBidPct,
    atTouchAskPct: q.atTouchAskPct,
    distanceBidCents: q.distanceBidCents,
    distanceAskCents: q.distanceAskCents,
    requotes: q.requotes,
    requotesPerHour: q.requotesPerHour,
    quotedHours: q.quotedHours,
    coveredFrom: toApiTime(coveredFromMs),
    truncated,
  };
}

function fillsBlock(f: FillActivity): QualityFills {
  return {
    fills: f.fills,
    contracts: f.contracts,
    acceptedPlacements: f.acceptedPlacements,
    cancels: f.cancels,
    fillRate: f.fillRate,
    contractsPerQuotedHour: f.contractsPerQuotedHour,
    cancelToFill: f.cancelToFill,
  };
}

export function marketBlocks(p: MarketQualityParts): QualityBlocks {
  return {
    markouts: markoutsBlock(p.rows),
    attribution: attributionBlock(p.attribution),
    daily: p.daily.map((d): QualityDay => ({ date: d.date, ...attributionBlock(d.attribution) })),
    quotes: quotesBlock(p.quotes, p.coveredFromMs, p.truncated),
    fills: fillsBlock(p.fills),
  };
}

const ratio = (x: number, of: number) => (of > 0 ? x / of : null);

/**
 * All markets together: markouts over every fill, attribution summed over the markets with a known
 * total (the others named), quote shares pooled over every market's decisions, counts summed,
 * requotes per hour the markets' rates summed (the bot's requote rate), ratios of the sums.
 */
export function allBlocks(
  parts: readonly MarketQualityParts[],
  range: { fromMs: number },
): QualityBlocks & { unknownMarkets: string[] } {
  const attrs = parts.map((p) => p.attribution).filter((a): a is MarketAttribution => a !== null);
  const sum = sumAttributions(attrs);
  const dates = parts[0]?.daily.map((d) => d.date) ?? [];
  const daily = dates.map((date, i): QualityDay => {
    const day = parts
      .map((p) => p.daily[i]?.attribution ?? null)
      .filter((a): a is MarketAttribution => a !== null);
    // A day on which any market's mark is unknown has no known total (never a partial sum drawn as
    // the day's): its spread capture and fees are known all the same, summed over every market.
    if (day.some((a) => a.totalUsd === null)) {
      return {
        date,
        ...attributionBlock({
          totalUsd: null,
          inventoryUsd: null,
          spreadCaptureUsd: day.reduce((s, a) => s + a.spreadCaptureUsd, 0),
          feesUsd: day.reduce((s, a) => s + a.feesUsd, 0),
        }),
      };
    }
    return { date, ...attributionBlock(sumAttributions(day)) };
  });
  let decisions = 0;
  let quoted = 0;
  let twoSided = 0;
  let requotes = 0;
  let requotesPerHour: number | null = null;
  let quotedHours = 0;
  const side = { bidWith: 0, askWith: 0, bidAt: 0, askAt: 0, bidDist: 0, askDist: 0, bidDn: 0, askDn: 0 };
  for (const p of parts) {
    const q = p.quotes;
    decisions += q.decisions;
    quoted += Math.round((q.quotedPct ?? 0) * q.decisions);
    twoSided += Math.round((q.twoSidedPct ?? 0) * q.decisions);
    requotes += q.requotes;
    if (q.requotesPerHour !== null) requotesPerHour = (requotesPerHour ?? 0) + q.requotesPerHour;
    quotedHours += q.quotedHours;
    side.bidWith += p.sides.bidWith;
    side.askWith += p.sides.askWith;
    side.bidAt += Math.round((q.atTouchBidPct ?? 0) * p.sides.bidWith);
    side.askAt += Math.round((q.atTouchAskPct ?? 0) * p.sides.askWith);
    side.bidDist += (q.distanceBidCents ?? 0) * p.sides.bidDistance;
    side.askDist += (q.distanceAskCents ?? 0) * p.sides.askDistance;
    side.bidDn += p.sides.bidDistance;
    side.askDn += p.sides.askDistance;
  }
  const f = {
    fills: 0,
    contracts: 0,
    perMarketFills: 0,
    acceptedPlacements: 0,
    cancels: 0,
  };
  for (const p of parts) {
    f.fills += p.fills.fills;
    f.contracts += p.fills.contracts;
    f.perMarketFills += p.fills.perMarketFills;
    f.acceptedPlacements += p.fills.acceptedPlacements;
    f.cancels += p.fills.cancels;
  }
  const coveredFromMs = Math.max(range.fromMs, ...parts.map((p) => p.coveredFromMs));
  return {
    markouts: markoutsBlock(parts.flatMap((p) => p.rows)),
    attribution: attributionBlock(sum),
    daily,
    quotes: {
      decisions,
      quotedPct: ratio(quoted, decisions),
      twoSidedPct: ratio(twoSided, decisions),
      atTouchBidPct: ratio(side.bidAt, side.bidWith),
      atTouchAskPct: ratio(side.askAt, side.askWith),
      distanceBidCents: ratio(side.bidDist, side.bidDn),
      distanceAskCents: ratio(side.askDist, side.askDn),
      requotes,
      requotesPerHour,
      quotedHours,
      coveredFrom: toApiTime(coveredFromMs),
      truncated: parts.some((p) => p.truncated),
    },
    fills: {
      fills: f.fills,
      contracts: f.contracts,
      acceptedPlacements: f.acceptedPlacements,
      cancels: f.cancels,
      fillRate: ratio(f.perMarketFills, f.acceptedPlacements),
      contractsPerQuotedHour: ratio(f.contracts, quotedHours),
      cancelToFill: ratio(f.cancels, f.perMarketFills),
    },
    unknownMarkets: sum.unknownMarkets,
  };
}

/** Edge at fill and markouts per fill of one market, keyed by fillIdentity (the fills list's columns). */
export interface FillQuality {
  edgeCents: number | null;
  markouts: Record<HorizonName, number | null>;
}

export async function fillsQuality(
  data: QualitySource,
  marketId: string,
  fills: readonly Fill[],
  nowMs: number,
): Promise<{ byFill: Map<string, FillQuality>; warnings: Warning[] }> {
  const state = await data.state();
  const times = markoutTimes(fills, nowMs).get(marketId) ?? [];
  const at = times.length ? await data.decisionsAt(marketId, times) : { byTime: new Map(), warnings: [] };
  const rows = fillMarkouts(fills, decisionAtFromMaps(new Map([[marketId, at.byTime]])), {
    nowMs,
    loopIntervalMs: state.globalConfig.loopIntervalMs,
  });
  const byFill = new Map<string, FillQuality>();
  for (const r of rows) {
    const markouts = {} as Record<HorizonName, number | null>;
    for (const { h } of HORIZONS) markouts[h] = r.markouts[h]?.perContractCents ?? null;
    byFill.set(fillIdentity(r.fill), { edgeCents: r.edge?.perContractCents ?? null, markouts });
  }
  return { byFill, warnings: at.warnings };
}

/** Without a mid (no GSI): every figure unknown. */
export function unknownFillQuality(): FillQuality {
  const markouts = {} as Record<HorizonName, number | null>;
  for (const { h } of HORIZONS) markouts[h] = null;
  return { edgeCents: null, markouts };
}

/** One row of a quality table export: a market's (or all markets') flat figures. */
export function qualityRow(marketId: string, b: QualityBlocks) {
  const row: Record<string, string | number | boolean | null> = {
    marketId,
    fills: b.fills.fills,
    contracts: b.fills.contracts,
    edgeCents: b.markouts.edge.perContractCents,
  };
  for (const h of b.markouts.horizons) {
    row[`markout${h.h}Cents`] = h.perContractCents;
    row[`markout${h.h}Count`] = h.count;
    row[`adverse${h.h}Cents`] = h.adverseCents;
  }
  Object.assign(row, {
    total: b.attribution.total,
    spreadCapture: b.attribution.spreadCapture,
    inventory: b.attribution.inventory,
    fees: b.attribution.fees,
    decisions: b.quotes.decisions,
    quotedPct: b.quotes.quotedPct,
    twoSidedPct: b.quotes.twoSidedPct,
    atTouchBidPct: b.quotes.atTouchBidPct,
    atTouchAskPct: b.quotes.atTouchAskPct,
    distanceBidCents: b.quotes.distanceBidCents,
    distanceAskCents: b.quotes.distanceAskCents,
    requotes: b.quotes.requotes,
    requotesPerHour: b.quotes.requotesPerHour,
    quotedHours: b.quotes.quotedHours,
    coveredFrom: b.quotes.coveredFrom,
    truncated: b.quotes.truncated,
    acceptedPlacements: b.fills.acceptedPlacements,
    cancels: b.fills.cancels,
    fillRate: b.fills.fillRate,
    contractsPerQuotedHour: b.fills.contractsPerQuotedHour,
    cancelToFill: b.fills.cancelToFill,
  });
  return row;
}

/** The header of qualityRow, in order (an export with no rows still has it). */
export const QUALITY_EXPORT_COLUMNS: readonly string[] = Object.keys(
  qualityRow('', {
    markouts: markoutsBlock([]),
    attribution: attributionBlock(null),
    daily: [],
    quotes: quotesBlock(
      {
        decisions: 0,
        quotedPct: null,
        twoSidedPct: null,
        atTouchBidPct: null,
        atTouchAskPct: null,
        distanceBidCents: null,
        distanceAskCents: null,
        requotes: 0,
        requotesPerHour: null,
        quotedHours: 0,
      },
      0,
      false,
    ),
    fills: {
      fills: 0,
      contracts: 0,
      acceptedPlacements: 0,
      cancels: 0,
      fillRate: null,
      contractsPerQuotedHour: null,
      cancelToFill: null,
    },
  }),
);
