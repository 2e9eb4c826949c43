// generateHistory: a pure, deterministic replay of the bot over the last `days` days that returns
// every item the bot (and its manager) would have written, plus the final simulation state so
// live mode can carry on from it. No clock or Math.random inside: `nowMs` and `seed` decide all.
import type { Env } from '../core/types.js';
import type { TableBase } from '../store/tables.js';
import { logit, publicTrades, pushTrades } from './book.js';
import { makeCtx, type Injections } from './engine/context.js';
import { runLoop } from './engine/loop.js';
import { endRun, startRun } from './engine/run.js';
import { saveState } from './engine/save.js';
import type { EraClock } from './eras.js';
import { DAY_US, HOUR_US, MINUTE_US, MS_US, msToUs, SECOND_US, usToMs } from './format.js';
import { globalConfigItem, marketConfigItem, marketUpdateLastRunItem } from './items/state.js';
import { markWindows } from './mark-windows.js';
import { buildMarketSpecs } from './markets.js';
import { newPrngState, Rng } from './prng.js';
import { planRuns, sampleTimes, type Cadence, type RunPlan } from './schedule.js';
import { KeyedSink } from './sink.js';
import type { ExecMode, RunEnd, SimItems, SimMarket, SimState } from './types.js';

export interface GenerateOptions {
  seed: number;
  env: Env;
  /** "Today": the end of the history, epoch ms. */
  nowMs: number;
  /** Configured markets (default 25). */
  markets?: number;
  /** Length of the history (default 30). */
  days?: number;
  /** Write the oldest part of the history in the old eras' item shapes (default true). */
  eras?: boolean;
  /** One decision per market per this interval for history older than the recent window (default 30 min). */
  historyCadenceMs?: number;
  /** Decision interval inside the recent window (default 60 s). */
  recentCadenceMs?: number;
  /** Length of the recent, finely sampled window (default 6 h). */
  recentWindowMs?: number;
  /**
   * Lookbacks (days) whose range start the dashboard can mark: around now − days the history is
   * decided every `markCadenceMs` (mark-windows.ts says why). Default [7], the Quality page's range.
   */
  markLookbackDays?: readonly number[];
  /** How long after now − days the dense stretch lasts: how long the demo can run (default 12 h). */
  markWindowMs?: number;
  /**
   * Decision interval there (default 45 s): under the 60 s staleness bound of mid(t) even after a
   * sampled instant rounds up to the next loop (≤ 1 period, ~7 s) and the markets' order in the loop
   * shifts by a few seconds.
   */
  markCadenceMs?: number;
  /** Execution events are written for the newest days only (default 2; TTL is 30). */
  executionLogDays?: number;
  /** The bot's loop_interval_ms (default 5000). */
  loopMs?: number;
  /** Emulate fix_trade_log_dates.py having run on this env (old items' date = fill date). Default false. */
  tradeDatesFixed?: boolean;
}

export interface GenerateStats {
  counts: Record<TableBase, number>;
  fills: number;
  runs: number;
  /** Items replaced by a later put with the same key (only the §5.8 re-log should do this). */
  overwrites: Record<TableBase, number>;
}

/** One bot process of the history, as the simulation ran it (the tables do not record all of it). */
export interface RunSummary {
  /** bot_run_id: `YYYYMMDD-HHMMSS-xxxxxx`, the start time in UTC. */
  runId: string;
  startMs: number;
  /** null: still running at nowMs. */
  endMs: number | null;
  end: RunEnd | null;
  mode: ExecMode;
  /** The exchange had open orders at startup: "ALL" startup_cancel record (and cancels) written. */
  startupRecord: boolean;
  /** Orders the startup cancel went through (its open_orders_count), 0 for a flat start. */
  startupOrders: number;
}

export interface GenerateResult {
  items: SimItems;
  state: SimState;
  stats: GenerateStats;
  /** Every bot run, oldest first. */
  runs: RunSummary[];
}

export const GENERATE_DEFAULTS = {
  markets: 25,
  days: 30,
  eras: true,
  historyCadenceMs: 30 * 60_000,
  recentCadenceMs: 60_000,
  recentWindowMs: 6 * 3_600_000,
  markLookbackDays: [7],
  markWindowMs: 12 * 3_600_000,
  markCadenceMs: 45_000,
  executionLogDays: 2,
  loopMs: 5000,
  tradeDatesFixed: false,
} as const;

/** A mark window starts this long before its range start: a mark right at it has a decision. */
const MARK_LEAD_US = 10 * MINUTE_US;

export function generateHistory(options: GenerateOptions): GenerateResult {
  const o: Required<GenerateOptions> = {
    ...GENERATE_DEFAULTS,
    ...stripUndefined(options),
    seed: options.seed,
    env: options.env,
    nowMs: options.nowMs,
  };
  if (!Number.isFinite(o.nowMs)) throw new Error('generateHistory: nowMs must be a finite epoch-ms number');
  if (!(o.days > 0) || !(o.markets >= 0))
    throw new Error('generateHistory: days must be > 0 and markets ≥ 0');
  const endUs = msToUs(o.nowMs);
  const startUs = endUs - Math.round(o.days * DAY_US);
  const rng = new Rng(newPrngState(o.seed, o.env, 'world'));
  const specs = buildMarketSpecs(rng, { count: o.markets, startUs, endUs });
  const historyCadenceUs = o.historyCadenceMs * MS_US;
  const state: SimState = {
    formatVersion: 1,
    seed: o.seed,
    env: o.env,
    clockUs: startUs,
    rng: newPrngState(o.seed, o.env, 'bot'),
    markets: specs.map((spec, i) => initMarket(spec, o.seed, o.env, i)),
    positions: {},
    run: null,
    risk: { dailyPnlUsd: 0, lastFillUs: null },
    apiErrors: {},
    executionFromUs: endUs - Math.round(o.executionLogDays * DAY_US),
    fillRateMultiplier: 1,
    eraSpec: {
      startUs,
      spanUs: o.eras ? Math.round(Math.min(6 * DAY_US, o.days * 0.2 * DAY_US)) : 0,
      gapUs: Math.max(20 * MINUTE_US, Math.round(historyCadenceUs * 1.5)),
    },
    marketStepUs: [150 * MS_US, 350 * MS_US],
  };
  const sink = new KeyedSink();
  const inject: Injections = {
    omitFeesOnce: o.eras,
    midnightFillUs: null,
    straddleUs: null,
    manualFillsPending: true,
    relogPending: true,
    oldKeyFills: [],
    newKeyFills: [],
    datesFixed: o.tradeDatesFixed,
  };
  const ctx = makeCtx(state, sink, inject);
  inject.midnightFillUs = pickMidnight(
    ctx.eras,
    startUs + 6 * HOUR_US,
    endUs,
    (us) => ctx.eras.at(us).tradeKey === 'log_time',
  );
  const straddleUs = pickMidnight(
    ctx.eras,
    startUs + state.eraSpec.spanUs + 6 * HOUR_US,
    endUs - 2 * HOUR_US,
    (us) => ctx.eras.at(us).name === ctx.eras.at(endUs).name,
    true,
  );
  const cadence: Cadence = {
    historyUs: historyCadenceUs,
    recentUs: o.recentCadenceMs * MS_US,
    recentWindowUs: o.recentWindowMs * MS_US,
    markWindows: markWindows({
      historyStartUs: startUs,
      endUs,
      lookbackDays: o.markLookbackDays,
      beforeUs: MARK_LEAD_US,
      afterUs: o.markWindowMs * MS_US,
    }),
    markUs: o.markCadenceMs * MS_US,
  };

  const runs = planRuns(
    new Rng(newPrngState(o.seed, o.env, 'runs')),
    startUs,
    endUs,
    ctx.eras,
    state.executionFromUs,
  );
  for (const plan of runs) {
    const firstLoopUs = startRun(ctx, plan.startUs, {
      botVersion: plan.botVersion,
      loopMs: o.loopMs,
      mode: plan.mode,
    });
    const run = state.run;
    if (!run) throw new Error('run did not start');
    // Leave room for the last loop to finish before the run ends / before "now".
    const stopUs = (plan.endUs ?? endUs) - 20 * SECOND_US;
    // Loop 0 (right after startup) and the sampled loops.
    const loops = new Map<number, number | undefined>([[0, undefined]]);
    for (const g of sampleTimes(firstLoopUs, stopUs, startUs, endUs, cadence)) {
      loops.set(Math.ceil((g - firstLoopUs) / run.loopPeriodUs), undefined);
    }
    if (plan.endUs !== null) {
      // The loop the bot was in when it was told to stop: the shutdown save follows it.
      const last = Math.floor((plan.endUs - 8 * SECOND_US - firstLoopUs) / run.loopPeriodUs);
      if (last >= 0) loops.set(last, undefined);
    }
    if (straddleUs !== null && straddleUs > firstLoopUs + run.loopPeriodUs && straddleUs < stopUs) {
      // Pin one loop to start just before midnight (its first decision straddles it).
      inject.straddleUs = straddleUs;
      loops.set(
        Math.floor((straddleUs - 100 * MS_US - firstLoopUs) / run.loopPeriodUs),
        straddleUs - 100 * MS_US,
      );
    }
    let lastEndUs = firstLoopUs;
    for (const loop of [...loops.keys()].sort((a, b) => a - b)) {
      const startOverride = loops.get(loop);
      lastEndUs = runLoop(ctx, loop, startOverride);
    }
    if (plan.endUs !== null && plan.end !== null) {
      const endAtUs = Math.max(plan.endUs, lastEndUs + SECOND_US);
      endRun(ctx, endAtUs, plan.end);
      if (plan.role === 'before') disableBetweenRuns(ctx.state.markets, endAtUs, runs);
    }
  }
  const saveUs = Math.min(endUs, state.clockUs + 40 * MS_US);
  saveState(ctx, saveUs);
  for (const spec of specs) sink.put('dora_market_config', marketConfigItem(spec, endUs));
  sink.put('dora_state', globalConfigItem(runs[runs.length - 1]?.mode === 'batch'));
  sink.put('dora_state', marketUpdateLastRunItem(endUs - Math.round(rng.uniform(2, 20) * HOUR_US)));
  state.clockUs = Math.max(state.clockUs, saveUs);

  const items = sink.items();
  const counts = Object.fromEntries(Object.entries(items).map(([t, list]) => [t, list.length])) as Record<
    TableBase,
    number
  >;
  return {
    items,
    state,
    stats: { counts, fills: counts.dora_trade_log, runs: runs.length, overwrites: { ...sink.overwrites } },
    runs: ctx.runLog.map((r) => ({
      runId: r.runId,
      startMs: usToMs(r.startUs),
      endMs: r.endUs === null ? null : usToMs(r.endUs),
      end: r.end,
      mode: r.mode,
      startupRecord: r.startupRecord,
      startupOrders: r.startupOrders,
    })),
  };
}

/**
 * The manager disables one quoted market between the `before` run and the next: it had orders
 * resting when the bot stopped, gets no decision in the next run, and that run's startup cancel
 * cancels its orders under the system decision id (contract §6.17). Prefers the latest ordinary
 * market in config order that has an order resting, among the markets of the default flow first.
 */
function disableBetweenRuns(markets: SimMarket[], stoppedUs: number, runs: RunPlan[]): void {
  const next = runs.find((r) => r.startUs > stoppedUs);
  if (!next) return;
  const quoting = markets.filter(
    (m) =>
      (m.dyn.bid || m.dyn.ask) &&
      !m.dyn.settled &&
      m.spec.disabledAtUs === null &&
      m.spec.settle === null &&
      ['normal', 'volatile', 'low_price', 'high_price'].includes(m.spec.role),
  );
  // Markets with a flow of their own (markets.ts MarketFlow) keep their whole history to show it.
  const plain = quoting.filter((m) => (m.spec.flow ?? 'mixed') === 'mixed');
  const pick =
    plain.filter((m) => m.spec.role === 'normal').pop() ??
    plain.pop() ??
    quoting.filter((m) => m.spec.role === 'normal').pop() ??
    quoting.pop();
  if (!pick) return;
  pick.spec.disabledAtUs = stoppedUs + Math.round((next.startUs - stoppedUs) / 2);
  pick.spec.disabledReason = 'Low volume: 0 fills in the last 72h';
  pick.spec.writesDisabledAt = true;
  if (pick.spec.updatedAtUs !== null && pick.spec.updatedAtUs > pick.spec.disabledAtUs)
    pick.spec.updatedAtUs = pick.spec.disabledAtUs;
}

function initMarket(spec: SimMarket['spec'], seed: number, env: Env, index: number): SimMarket {
  const dyn: SimMarket['dyn'] = {
    fvLogit: logit(spec.initialPriceYes),
    spreadTicks: spec.spreadTicks,
    lastUs: spec.activeFromUs - DAY_US,
    trades: [],
    bid: null,
    ask: null,
    settled: false,
    rng: newPrngState(seed, env, 'market', index, spec.ticker),
  };
  // A day of public trades before the bot starts quoting, so fair value has something to use.
  pushTrades(dyn, publicTrades(new Rng(dyn.rng), spec, dyn, spec.activeFromUs));
  dyn.lastUs = spec.activeFromUs;
  return { spec, dyn };
}

/** The first (or last) UTC midnight in (fromUs, toUs) satisfying `pred`. */
function pickMidnight(
  eras: EraClock,
  fromUs: number,
  toUs: number,
  pred: (us: number) => boolean,
  last = false,
): number | null {
  void eras;
  let found: number | null = null;
  for (let m = Math.ceil(fromUs / DAY_US) * DAY_US; m < toUs; m += DAY_US) {
    if (!pred(m - HOUR_US) || !pred(m + HOUR_US)) continue;
    if (!last) return m;
    found = m;
  }
  return found;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
