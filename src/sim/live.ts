// Live mode: continue the simulated bot in real time, writing what its loop writes — a new run
// (startup backfill, "ALL" startup_cancel when orders rest), one decision per enabled market per
// loop, order events when targets change (per-market mode), fills now and then, and the four
// state items every 10 loops (every loop in batch mode). Every 30 min–2 h the process stops and a
// new run starts, sometimes flat (after a fatal error or a halt) and sometimes in batch mode.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Env } from '../core/types.js';
import { makeCtx, runMode, type BotCtx } from './engine/context.js';
import { runLoop as runBotLoop } from './engine/loop.js';
import { endRun, startRun } from './engine/run.js';
import { saveState } from './engine/save.js';
import { MS_US, msToUs, SECOND_US } from './format.js';
import { generateHistory } from './generate.js';
import { CURRENT_VERSION } from './schedule.js';
import { newPrngState, Rng } from './prng.js';
import { ListSink } from './sink.js';
import type { ExecMode, RunEnd, SimState } from './types.js';
import { writeItems } from './write.js';

export interface LiveOptions {
  doc: DynamoDBDocumentClient;
  env: Env;
  seed: number;
  /** Wall clock, epoch ms (injectable for tests). */
  nowFn?: () => number;
  /** The bot's loop_interval_ms (default 5000). */
  loopMs?: number;
  /** Final state of generateHistory for this env and seed; without it the history is regenerated
   *  (not written) ending at nowFn() — pass it whenever the history was generated with another nowMs. */
  state?: SimState;
  /** Used only when regenerating the history. */
  markets?: number;
  days?: number;
  /** Fill intensity relative to the history (default 30 ⇒ with ~20 markets, a fill somewhere
   *  every ~30–90 s; the history's rate matches the bot's ~100 fills/day instead). */
  fillRateMultiplier?: number;
  /** Write failures are reported here and the loop carries on (default: console.error). */
  onError?: (err: unknown) => void;
  /** Called after each loop's items are written (`loop` counts every loop of every run). */
  onLoop?: (info: { loop: number; items: number }) => void;
  /** Each bot process lives this many loops, drawn uniformly (default [360, 1440]: 30 min–2 h
   *  at 5 s); then it stops — mostly a graceful restart (the next run starts with resting orders
   *  and writes its startup_cancel), sometimes a fatal error or a risk halt (the next run starts
   *  flat, without one) — and a new run starts, in batch mode now and then. */
  restartEveryLoops?: [number, number];
}

export interface LiveSimulator {
  /** The current bot run (a new one after every restart). */
  readonly runId: string;
  /** Runs started so far, oldest first. */
  readonly runIds: readonly string[];
  /** Loops completed so far (all runs). */
  readonly loops: number;
  /** Stops after the loop in progress, saves state like the bot's shutdown, and resolves. */
  stop(): Promise<void>;
  /** A copy of the simulation state, so a restart can carry on from what was written. */
  snapshot(): SimState;
}

const STATE_SAVE_EVERY = 10;

export function startLiveSimulator(opts: LiveOptions): LiveSimulator {
  const nowFn = opts.nowFn ?? Date.now;
  const loopMs = opts.loopMs ?? 5000;
  const onError = opts.onError ?? ((err: unknown) => console.error('[sim live]', err));
  const state: SimState = opts.state
    ? structuredClone(opts.state)
    : generateHistory({
        seed: opts.seed,
        env: opts.env,
        nowMs: nowFn(),
        markets: opts.markets,
        days: opts.days,
      }).state;
  if (state.env !== opts.env || state.seed !== opts.seed) {
    throw new Error(
      `startLiveSimulator: state is for ${state.env}/seed ${state.seed}, not ${opts.env}/seed ${opts.seed}`,
    );
  }
  state.fillRateMultiplier = opts.fillRateMultiplier ?? 30;
  // Live loops must keep up with the wall clock: faster simulated per-market work than history.
  state.marketStepUs = [40 * MS_US, 110 * MS_US];
  const sink = new ListSink();
  const ctx: BotCtx = makeCtx(state, sink, null);

  const [minLoops, maxLoops] = opts.restartEveryLoops ?? [360, 1440];
  const runIds: string[] = [];
  // How each run ends is drawn from its own stream (not the loop's), so it does not depend on
  // how many loops the wall clock allowed.
  const runRng = (what: string) => new Rng(newPrngState(state.seed, state.env, what, runIds.length));
  const runLength = () =>
    runRng('live-run-length').int(Math.max(1, minLoops), Math.max(1, minLoops, maxLoops));

  // Back-date the startup a little so its backfill, ALL record and cancels are not in the future.
  const startUs = Math.max(state.clockUs + SECOND_US, msToUs(nowFn()) - 8 * SECOND_US);
  let prevEndUs = startRun(ctx, startUs, { botVersion: CURRENT_VERSION, loopMs });
  const first = state.run;
  if (!first) throw new Error('live run did not start');
  runIds.push(first.runId);
  let prevDurationUs = first.loopPeriodUs / 2;
  let loop = 0;
  let runLoop = 0;
  let loopsLeft = runLength();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> = flush();

  async function flush(): Promise<void> {
    const batch = sink.drain();
    const n = Object.values(batch).reduce((a, l) => a + l.length, 0);
    if (n === 0) return;
    try {
      await writeItems(opts.doc, opts.env, batch, { concurrency: 4 });
    } catch (err) {
      onError(err);
    }
  }

  /** Stops the bot process and starts the next one, stamped just before now. */
  function restart(nowMs: number): void {
    const rng = runRng('live-run-end');
    const roll = rng.float();
    const kind: RunEnd = roll < 0.75 ? 'restart' : roll < 0.9 ? 'fatal_error' : 'risk_halt';
    const endUs = Math.max(prevEndUs + MS_US, msToUs(nowMs) - 6 * SECOND_US);
    endRun(ctx, endUs, kind);
    const mode: ExecMode = rng.chance(0.2) ? 'batch' : 'per_market';
    const nextUs = Math.max(state.clockUs, endUs) + ctx.rng.int(800, 2500) * MS_US;
    prevEndUs = startRun(ctx, nextUs, { botVersion: CURRENT_VERSION, loopMs, mode });
    const run = state.run;
    if (run) runIds.push(run.runId);
    runLoop = 0;
    loopsLeft = runLength();
  }

  async function tick(): Promise<void> {
    const tickStartMs = nowFn();
    try {
      if (loopsLeft <= 0) {
        restart(tickStartMs);
        // The startup is stamped over the next seconds: its items are written with the first
        // loop, once the wall clock has caught up with them.
        if (!stopped) timer = setTimeout(schedule, untilWallClock());
        return;
      }
      // Stamp the loop so that it ends about now: items never run ahead of the wall clock.
      const loopStartUs = Math.max(prevEndUs + MS_US, msToUs(tickStartMs) - prevDurationUs);
      const endUs = runBotLoop(ctx, runLoop, loopStartUs);
      prevDurationUs = endUs - loopStartUs;
      prevEndUs = endUs;
      // Per-market mode saves every 10 loops; batch mode saved inside its loop already.
      if (runMode(state) === 'per_market' && runLoop % STATE_SAVE_EVERY === 0)
        saveState(ctx, endUs + 3 * MS_US);
      // A loop can take longer (simulated) than the one before it, which set its start: then it
      // ends ahead of the wall clock. Its items wait until the clock has caught up (the state save
      // is stamped 3 ms after the loop), so nothing readable is ever stamped in the future.
      const aheadMs = untilWallClock() + 3;
      if (aheadMs > 3) await new Promise((resolve) => setTimeout(resolve, aheadMs));
      const n = sink.list.length;
      await flush();
      opts.onLoop?.({ loop, items: n });
      loop++;
      runLoop++;
      loopsLeft--;
    } catch (err) {
      onError(err);
    }
    // Like the bot: sleep max(0, interval − elapsed), where elapsed is the simulated work (the
    // loop's stamped duration) or the real time spent writing, whichever is longer.
    const elapsedMs = Math.max(nowFn() - tickStartMs, prevDurationUs / MS_US);
    if (!stopped) timer = setTimeout(schedule, Math.max(0, loopMs - elapsedMs, untilWallClock()));
  }

  function schedule(): void {
    timer = null;
    inFlight = tick();
  }

  /** ms until the simulated clock is no longer ahead of the wall clock. */
  function untilWallClock(): number {
    return Math.max(0, prevEndUs / MS_US - nowFn());
  }

  inFlight = inFlight.then(() => {
    if (!stopped) timer = setTimeout(schedule, untilWallClock());
  });

  let stopping: Promise<void> | null = null;
  return {
    get runId() {
      return runIds[runIds.length - 1] ?? first.runId;
    },
    get runIds() {
      return [...runIds];
    },
    get loops() {
      return loop;
    },
    snapshot() {
      return structuredClone(state);
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await inFlight;
        // The bot's graceful shutdown: save state (orders keep resting for the next start).
        endRun(ctx, Math.max(prevEndUs + MS_US, msToUs(nowFn())), 'restart');
        await flush();
      })();
      return stopping;
    },
  };
}
