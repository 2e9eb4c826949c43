// Live mode: continue the simulated bot in real time, writing what its per-market loop writes —
// a new run (startup backfill, "ALL" startup_cancel), one decision per enabled market per loop,
// order events when targets change, fills now and then, and the four state items every 10 loops.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Env } from '../core/types.js';
import { makeCtx, type BotCtx } from './engine/context.js';
import { runLoop } from './engine/loop.js';
import { startRun } from './engine/run.js';
import { saveState } from './engine/save.js';
import { MS_US, msToUs, SECOND_US } from './format.js';
import { generateHistory } from './generate.js';
import { CURRENT_VERSION } from './schedule.js';
import { ListSink } from './sink.js';
import type { SimState } from './types.js';
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
  /** Called after each loop's items are written. */
  onLoop?: (info: { loop: number; items: number }) => void;
}

export interface LiveSimulator {
  readonly runId: string;
  /** Loops completed so far. */
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

  // Back-date the startup a little so its backfill, ALL record and cancels are not in the future.
  const startUs = Math.max(state.clockUs + SECOND_US, msToUs(nowFn()) - 8 * SECOND_US);
  let prevEndUs = startRun(ctx, startUs, { botVersion: CURRENT_VERSION, loopMs });
  const run = state.run;
  if (!run) throw new Error('live run did not start');
  let prevDurationUs = run.loopPeriodUs / 2;
  let loop = 0;
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

  async function tick(): Promise<void> {
    const tickStartMs = nowFn();
    try {
      // Stamp the loop so that it ends about now: items never run ahead of the wall clock.
      const loopStartUs = Math.max(prevEndUs + MS_US, msToUs(tickStartMs) - prevDurationUs);
      const endUs = runLoop(ctx, loop, loopStartUs);
      prevDurationUs = endUs - loopStartUs;
      prevEndUs = endUs;
      if (loop % STATE_SAVE_EVERY === 0) saveState(ctx, endUs + 3 * MS_US);
      const n = sink.list.length;
      await flush();
      opts.onLoop?.({ loop, items: n });
      loop++;
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
    runId: run.runId,
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
        saveState(ctx, Math.max(prevEndUs + MS_US, msToUs(nowFn())));
        await flush();
      })();
      return stopping;
    },
  };
}
