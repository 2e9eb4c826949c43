// What every step of the bot simulation needs: the mutable state, the era clock, where items go,
// and (history only) the one-off injections that make sure rare edge cases exist in the data.
import { EraClock } from '../eras.js';
import { Rng } from '../prng.js';
import type { SimFill } from '../items/trade.js';
import type { ItemSink, RunRecord, SimMarket, SimState } from '../types.js';
import type { AvgCostPosition } from '../avg-cost.js';
import { flatPosition } from '../avg-cost.js';

/** One-off edge cases the history generator plants; live mode runs without them. */
export interface Injections {
  /** The first old-regime fill is written without `fees` (metrics then use the formula). */
  omitFeesOnce: boolean;
  /** A fill just before this midnight, logged just after it (old era: log-date partition). */
  midnightFillUs: number | null;
  /** One decision timestamped µs after this midnight whose `date` read still saw the day before. */
  straddleUs: number | null;
  /** Manual account fills in a never-configured market, backfilled at the first eligible startup. */
  manualFillsPending: boolean;
  /** At the first startup with fill-time keys, re-log a few fills (a failed fill-id Scan, §5.8). */
  relogPending: boolean;
  /** Recent fills logged under naive log-time keys, candidates for that re-log. */
  oldKeyFills: SimFill[];
  /** Recent fills logged under fill-time keys (a re-log overwrites one of them). */
  newKeyFills: SimFill[];
  /** Emulate fix_trade_log_dates.py having run (old items' date = fill date). */
  datesFixed: boolean;
}

export interface BotCtx {
  state: SimState;
  eras: EraClock;
  sink: ItemSink;
  rng: Rng;
  inject: Injections | null;
  /** Every run started through this context, oldest first. */
  runLog: RunRecord[];
}

export function makeCtx(state: SimState, sink: ItemSink, inject: Injections | null): BotCtx {
  const { startUs, spanUs, gapUs } = state.eraSpec;
  return {
    state,
    eras: new EraClock(startUs, spanUs, gapUs),
    sink,
    rng: new Rng(state.rng),
    inject,
    runLog: [],
  };
}

/** The current run's execution mode (states saved before modes existed are per-market). */
export function runMode(state: SimState): 'per_market' | 'batch' {
  return state.run?.mode ?? 'per_market';
}

export function positionOf(state: SimState, ticker: string): AvgCostPosition {
  let pos = state.positions[ticker];
  if (!pos) {
    pos = flatPosition();
    state.positions[ticker] = pos;
  }
  return pos;
}

export function marketRng(m: SimMarket): Rng {
  return new Rng(m.dyn.rng);
}

/** Execution events exist since the 2025-12-23 era and only inside the TTL window. */
export function executionLogged(ctx: BotCtx, us: number): boolean {
  return us >= ctx.state.executionFromUs && ctx.eras.at(us).systemRecords;
}

/** Client-side latency: the 100 ms throttle plus a right-skewed exchange/bot overhead. */
export function latencyMs(rng: Rng): number {
  const tail = rng.chance(0.02) ? rng.uniform(600, 2800) : 0;
  return Math.round(100 + rng.logNormal(Math.log(75), 0.5) + tail);
}
