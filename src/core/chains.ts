// Reconciliation chains: decision → order events → fills, with the broken links found. Pure: the
// server hands in a market's decisions, execution events and fills for a range, and the live orders.
// The bot's execution mode is not recorded and can change at every restart, so it is decided per
// run from that run's own events (contract §6.19): a batch run logs no placement events, and its
// decisions and fills are never broken chains for that reason.
import { parseDecisionId, runStartMs } from './decision-id.js';
import type { Decision, ExecutionEvent, Fill, OpenOrder, QuoteDecision } from './types.js';
import { targetsKey } from './targets-key.js';

export type ChainProblem =
  /** A placement was attempted and did not end ACCEPTED (REJECTED, ERROR, or no result at all). */
  | 'placement_failed'
  /** The decision changed its targets but no order event followed it (in a per-market run). */
  | 'target_without_order'
  /** An ACCEPTED order never cancelled, never filled, and not live now. */
  | 'order_lost'
  /** A fill of an order no decision in the range placed (backfill, manual trade, or a lost id);
   *  never a fill made while a batch run was live (its placements are not logged). */
  | 'fill_without_decision';

export interface ChainOrder {
  orderId: string | null;
  clientOrderId: string | null;
  side: string | null;
  priceYes: number | null;
  size: number | null;
  placedAtMs: number;
  status: string | null;
  latencyMs: number | null;
  cancelledAtMs: number | null;
  fills: Fill[];
  live: boolean;
}

/** D: the decisions handed in (fill activity hands in projected ones: it reads no more). */
export interface Chain<D extends QuoteDecision = Decision> {
  decision: D;
  orders: ChainOrder[];
  /** Cancels this decision's loop sent (they carry the loop's id, not the placing decision's). */
  cancels: ExecutionEvent[];
  problems: ChainProblem[];
}

/**
 * How a run executed, judged from its own decisions and events in the range:
 * `batch` — its decisions wanted quotes and it logged no ORDER_PLACE (batch placements are not
 * logged); `per_market` — it logged ORDER_PLACE events; `idle` — no decision of it wanted a quote,
 * so its events cannot tell (and nothing of it can be a missing placement); `unknown` — its events
 * cannot be known (see RunReport.unknownReason), so its chains are not judged either.
 */
export type RunMode = 'batch' | 'per_market' | 'idle' | 'unknown';

/**
 * `no_run_id`: decisions without bot_run_id or decision id (before 2025-12-20, or damaged items):
 * no event can name them. `events_expired`: every decision of the run is older than the execution
 * log keeps events (30-day TTL), so the absence of placements proves nothing.
 */
export type UnknownRunReason = 'no_run_id' | 'events_expired';

/** The bot's default EXECUTION_LOG_TTL_DAYS (contract §2.5): events older than this are gone. */
export const EXECUTION_LOG_TTL_MS = 30 * 86_400_000;

export interface ChainOptions {
  /** Execution events older than this are gone (TTL): now − EXECUTION_LOG_TTL_DAYS (30 days). */
  eventsKeptSinceMs?: number;
  /**
   * Runs known to have logged an ORDER_PLACE for some market (read run-wide by the caller): per-market
   * mode even where this market's events in the range hold none (contract §6.19 decides on the run's
   * own events, not one market's slice of them).
   */
  runsWithPlacements?: ReadonlySet<string>;
}

export interface RunReport {
  /** bot_run_id; null for decisions older than run ids (before 2025-12-20). */
  runId: string | null;
  mode: RunMode;
  /** Why a run's mode is `unknown`; null otherwise. */
  unknownReason: UnknownRunReason | null;
  /** From the run id (`YYYYMMDD-HHMMSS-…`), else its first decision in the range. */
  startMs: number | null;
  decisions: number;
  /** Decisions of the run with at least one target quote. */
  quotingDecisions: number;
  placements: number;
  /** Fills of the range made while this run was the newest started one. */
  fills: number;
}

export interface ChainReport<D extends QuoteDecision = Decision> {
  chains: Chain<D>[];
  /** Fills no chain explains (fills made while a batch run was live are not counted). */
  orphanFills: Fill[];
  counts: Record<ChainProblem, number> & { chains: number; broken: number };
  /** Runs of the range's decisions, oldest first, each with its mode. */
  runs: RunReport[];
  /** Ids of the runs judged batch (their decisions and fills are not broken chains). */
  batchRuns: string[];
  /**
   * No ORDER_PLACE at all in the range although decisions wanted quotes: every quoting run was a
   * batch run. Informational — chains are judged per run.
   */
  noOrderEvents: boolean;
}

/** The run of a decision: bot_run_id, else the id's run part; '' when neither is known. */
function runOfDecision(d: QuoteDecision): string {
  if (d.botRunId) return d.botRunId;
  const p = d.decisionId ? parseDecisionId(d.decisionId) : null;
  return p?.runId ?? '';
}

/** The run of an event: bot_run_id (the table's key), else the decision id's run part. */
function runOfEvent(e: ExecutionEvent): string {
  if (e.botRunId) return e.botRunId;
  return parseDecisionId(e.decisionId)?.runId ?? '';
}

interface RunAcc {
  runId: string;
  startMs: number | null;
  firstDecisionMs: number;
  lastDecisionMs: number;
  decisions: number;
  quotingDecisions: number;
  placements: number;
  fills: number;
}

/** Per run: decisions, quoting decisions and ORDER_PLACE events; the mode follows. */
function runsOf(decisions: readonly QuoteDecision[], events: readonly ExecutionEvent[]): Map<string, RunAcc> {
  const runs = new Map<string, RunAcc>();
  const get = (runId: string, atMs: number): RunAcc => {
    let r = runs.get(runId);
    if (!r) {
      r = {
        runId,
        startMs: runId ? runStartMs(runId) : null,
        firstDecisionMs: atMs,
        lastDecisionMs: atMs,
        decisions: 0,
        quotingDecisions: 0,
        placements: 0,
        fills: 0,
      };
      runs.set(runId, r);
    }
    return r;
  };
  for (const d of decisions) {
    const r = get(runOfDecision(d), d.timeMs);
    r.firstDecisionMs = Math.min(r.firstDecisionMs, d.timeMs);
    r.lastDecisionMs = Math.max(r.lastDecisionMs, d.timeMs);
    r.decisions++;
    if (d.targetQuotes.length > 0) r.quotingDecisions++;
  }
  // A placement counts for the run of the decision it names (the same run as its bot_run_id in
  // what the bot writes); an event of no decision in the range falls back to its own run id.
  const runOfId = new Map<string, string>();
  for (const d of decisions) if (d.decisionId) runOfId.set(d.decisionId, runOfDecision(d));
  for (const e of events) {
    if (e.eventType !== 'ORDER_PLACE') continue;
    const r = runs.get(runOfId.get(e.decisionId) ?? runOfEvent(e));
    if (r) r.placements++;
  }
  return runs;
}

function unknownReasonOf(r: RunAcc, opts: ChainOptions): UnknownRunReason | null {
  if (r.placements > 0 || opts.runsWithPlacements?.has(r.runId)) return null;
  if (r.runId === '') return 'no_run_id';
  if (opts.eventsKeptSinceMs !== undefined && r.lastDecisionMs < opts.eventsKeptSinceMs)
    return 'events_expired';
  return null;
}

function modeOf(r: RunAcc, opts: ChainOptions): RunMode {
  if (r.placements > 0 || opts.runsWithPlacements?.has(r.runId)) return 'per_market';
  if (unknownReasonOf(r, opts) !== null) return 'unknown';
  return r.quotingDecisions > 0 ? 'batch' : 'idle';
}

/**
 * The run live at time t: the one with the latest start at or before t (else the earliest). Only
 * runs with an id span time; decisions without one (interleaved with real runs) never do, unless
 * there is nothing else.
 */
function runAt(sortedRuns: readonly RunAcc[], t: number): RunAcc | null {
  const withId = sortedRuns.filter((r) => r.runId !== '');
  const candidates = withId.length > 0 ? withId : sortedRuns;
  let found: RunAcc | null = null;
  for (const r of candidates) {
    if ((r.startMs ?? r.firstDecisionMs) <= t) found = r;
    else break;
  }
  return found ?? candidates[0] ?? null;
}

/**
 * Runs that wanted quotes for this market (a decision with targets) but placed nothing for it in
 * these events: whether they placed any order at all decides their mode (batch mode is a property of
 * the run), which the caller reads for `runsWithPlacements`, one short read per run.
 */
export function runsToCheckForPlacements(
  decisions: readonly QuoteDecision[],
  events: readonly ExecutionEvent[],
): string[] {
  const placedHere = new Set(events.filter((e) => e.eventType === 'ORDER_PLACE').map((e) => e.botRunId));
  return [
    ...new Set(
      decisions
        .filter((d) => d.targetQuotes.length > 0)
        .map((d) => d.botRunId ?? (d.decisionId ? parseDecisionId(d.decisionId)?.runId : null) ?? '')
        .filter((run) => run !== '' && !placedHere.has(run)),
    ),
  ];
}

/** decisions: any order; events and fills: of the same market and range. */
export function buildChains<D extends QuoteDecision = Decision>(
  decisions: readonly D[],
  events: readonly ExecutionEvent[],
  fills: readonly Fill[],
  liveOrders: readonly OpenOrder[],
  opts: ChainOptions = {},
): ChainReport<D> {
  const byDecision = new Map<string, ExecutionEvent[]>();
  for (const e of events) {
    const list = byDecision.get(e.decisionId) ?? [];
    list.push(e);
    byDecision.set(e.decisionId, list);
  }
  const fillsByOrder = new Map<string, Fill[]>();
  for (const f of fills) {
    if (!f.orderId) continue;
    const list = fillsByOrder.get(f.orderId) ?? [];
    list.push(f);
    fillsByOrder.set(f.orderId, list);
  }
  const cancelled = new Map<string, number>();
  for (const e of events) {
    if (e.orderId && (e.eventType === 'ORDER_CANCEL' || (e.eventType === 'ORDER_RESULT' && !e.side))) {
      cancelled.set(e.orderId, Math.min(cancelled.get(e.orderId) ?? Infinity, e.timeMs));
    }
  }
  const live = new Set(liveOrders.map((o) => o.orderId));
  const runs = runsOf(decisions, events);
  // Runs whose placements are not (or no longer) logged: their chains are not judged.
  const unjudged = new Set(
    [...runs.values()]
      .filter((r) => {
        const mode = modeOf(r, opts);
        return mode === 'batch' || mode === 'unknown';
      })
      .map((r) => r.runId),
  );
  const sorted = [...decisions].sort((a, b) => a.timeMs - b.timeMs);
  const explained = new Set<string>();
  const chains: Chain<D>[] = [];
  // The previous targets of the same run: a restart cancels every order, so a run's first
  // decision in the range has nothing to compare with.
  const prevTargets = new Map<string, string>();
  for (const d of sorted) {
    const run = runOfDecision(d);
    const evs = (d.decisionId ? byDecision.get(d.decisionId) : undefined) ?? [];
    const places = evs.filter((e) => e.eventType === 'ORDER_PLACE');
    const results = evs.filter((e) => e.eventType === 'ORDER_RESULT' && e.side);
    const orders: ChainOrder[] = places.map((p) => {
      const r = results.find((x) => x.clientOrderId !== null && x.clientOrderId === p.clientOrderId) ?? null;
      const orderId = r?.orderId ?? null;
      const orderFills = orderId ? (fillsByOrder.get(orderId) ?? []) : [];
      for (const f of orderFills) explained.add(f.fillId ?? f.sortKey);
      return {
        orderId,
        clientOrderId: p.clientOrderId,
        side: p.side,
        priceYes: p.priceYes,
        size: p.size,
        placedAtMs: p.timeMs,
        status: r?.status ?? null,
        latencyMs: r?.latencyMs ?? null,
        cancelledAtMs: orderId ? (cancelled.get(orderId) ?? null) : null,
        fills: orderFills,
        live: orderId ? live.has(orderId) : false,
      };
    });
    const problems = new Set<ChainProblem>();
    for (const o of orders) {
      if (o.status !== 'ACCEPTED') problems.add('placement_failed');
      else if (o.cancelledAtMs === null && o.fills.length === 0 && !o.live) problems.add('order_lost');
    }
    const key = targetsKey(d);
    const prev = prevTargets.get(run);
    if (
      !unjudged.has(run) &&
      d.targetQuotes.length > 0 &&
      prev !== undefined &&
      key !== prev &&
      places.length === 0
    ) {
      problems.add('target_without_order');
    }
    prevTargets.set(run, key);
    chains.push({
      decision: d,
      orders,
      cancels: evs.filter((e) => e.eventType === 'ORDER_CANCEL'),
      problems: [...problems],
    });
  }
  // A fill belongs to the run live at its time; a batch run's placements are not logged (an
  // unknown run's cannot be read), so its fills legitimately have no chain.
  const byStart = [...runs.values()].sort(
    (a, b) =>
      (a.startMs ?? a.firstDecisionMs) - (b.startMs ?? b.firstDecisionMs) || (a.runId < b.runId ? -1 : 1),
  );
  const orphanFills: Fill[] = [];
  for (const f of fills) {
    const r = runAt(byStart, f.fillTimeMs);
    if (r) r.fills++;
    if (explained.has(f.fillId ?? f.sortKey)) continue;
    if (r && unjudged.has(r.runId)) continue;
    orphanFills.push(f);
  }
  const counts = {
    placement_failed: 0,
    target_without_order: 0,
    order_lost: 0,
    fill_without_decision: orphanFills.length,
    chains: chains.length,
    broken: 0,
  };
  for (const c of chains) {
    for (const p of c.problems) counts[p]++;
    if (c.problems.length) counts.broken++;
  }
  const runReports: RunReport[] = byStart.map((r) => ({
    runId: r.runId || null,
    mode: modeOf(r, opts),
    unknownReason: unknownReasonOf(r, opts),
    startMs: r.startMs ?? r.firstDecisionMs,
    decisions: r.decisions,
    quotingDecisions: r.quotingDecisions,
    placements: r.placements,
    fills: r.fills,
  }));
  const quoting = runReports.filter((r) => r.mode === 'batch' || r.mode === 'per_market');
  return {
    chains: chains.reverse(),
    orphanFills,
    counts,
    runs: runReports,
    batchRuns: runReports.filter((r) => r.mode === 'batch').map((r) => r.runId ?? ''),
    noOrderEvents: quoting.length > 0 && quoting.every((r) => r.mode === 'batch'),
  };
}
