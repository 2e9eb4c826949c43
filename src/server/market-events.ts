// Execution events of one market in a time range. The execution log is keyed by run, so first find
// every run that can hold them (walked back through the decision index, plus the runs of "ALL"
// records in the range, contract §6.17), then read each run's events of that market with
// begins_with (contract §2.5). Never a Scan.
import type { Env, ExecutionEvent, Warning } from '../core/types.js';
import type { ReadClient } from '../store/client.js';
import { readMarketRuns, type MarketRuns, type WalkOptions } from '../store/read-runs.js';
import { runStartMs } from '../core/decision-id.js';
import { readMarketExecutions, runLoggedPlacement } from '../store/read-executions.js';
import { mapLimit } from '../store/paginate.js';
import type { RunEvents, RunEventsCache } from './run-events-cache.js';

/** The runs that can hold the market's events in the range: walked back, one request per run. */
export function runsInRange(
  client: ReadClient,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
  cache?: RunEventsCache,
  onRun?: WalkOptions['onRun'],
): Promise<MarketRuns> {
  return readMarketRuns(client, env, marketId, fromMs, toMs, cache?.runSteps, cache?.runVersions, {
    systemShare: cache ? (key, load) => cache.shared.get(`all|${key}`, load) : undefined,
    onRun,
  });
}

export async function marketEventsInRange(
  client: ReadClient,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
  opts: { attributes?: readonly string[]; cache?: RunEventsCache } = {},
): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }> {
  const cache = opts.cache;
  const attrsKey = opts.attributes?.join(',') ?? '*';
  const keyOf = (run: string) => `${env}|${marketId}|${run}|${attrsKey}`;
  const read = (run: string) =>
    readMarketExecutions(client, env, marketId, [run], {
      attributes: opts.attributes,
      systemShare: cache ? (key, load) => cache.shared.get(`sys|${env}|${key}`, load) : undefined,
    });
  // Pipelined (issue 18): each run's events are read as soon as the walk finds it, not after the
  // whole walk. A run found by a later step that began before the run of the range end's newest
  // decision has been followed by that run and is over: read through the cache at once. Any other
  // (the newest decision's run, the runs of "ALL" records) may be the live run: read now, and held
  // by the cache below only once the walk has shown it is over — as before.
  const started = new Map<string, { events: Promise<RunEvents>; cached: boolean }>();
  let endRunStart: number | null = null;
  const limit = limiter(4);
  const onRun = (run: string, walkStep: number | null) => {
    if (started.has(run)) return;
    const start = runStartMs(run);
    if (walkStep === 0) endRunStart = start;
    const ended =
      walkStep !== null && walkStep > 0 && endRunStart !== null && start !== null && start < endRunStart;
    const events =
      cache && ended ? cache.get(keyOf(run), () => limit(() => read(run))) : limit(() => read(run));
    // Started before anything awaits it: a read that fails while the walk is still going (or for a
    // run the walk then leaves out, or when the walk itself fails) must not be an unhandled
    // rejection. The failure still reaches the answer through the await below.
    events.catch(() => undefined);
    started.set(run, { events, cached: Boolean(cache && ended) });
  };
  const runs = await runsInRange(client, env, marketId, fromMs, toMs, cache, onRun);
  // One bot process at a time: every run but the one that wrote last has been followed by another
  // and is over; that one may still be writing and is always read (so is any run that began in its
  // start second, whose order the ids cannot tell).
  const sorted = runs.runIds;
  const newest = runs.newestRunId;
  const newestStart = newest ? runStartMs(newest) : null;
  const live = (run: string) =>
    run === newest || newest === null || (newestStart !== null && runStartMs(run) === newestStart);
  const parts = await Promise.all(
    sorted.map(async (run) => {
      const early = started.get(run) ?? { events: limit(() => read(run)), cached: false };
      if (!cache) return early.events;
      if (live(run)) {
        // Held as over, yet the live run: forget it, and read it fresh as a live run always is.
        if (early.cached) {
          cache.delete(keyOf(run));
          return read(run);
        }
        return early.events;
      }
      return early.cached ? early.events : cache.get(keyOf(run), () => early.events);
    }),
  );
  const events = parts
    .flatMap((p) => p.events)
    .filter((e) => e.timeMs >= fromMs && e.timeMs <= toMs)
    .sort((a, b) => b.timeMs - a.timeMs || (a.sortKey < b.sortKey ? 1 : -1));
  return { events, warnings: [...runs.warnings, ...parts.flatMap((p) => p.warnings)] };
}

/** At most `n` of the given tasks running at once, in the order they were handed in. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * Of these runs, those that logged an ORDER_PLACE for any market: per-market mode even where the
 * market in view placed nothing in the range (contract §6.19). A "yes" never changes; a "no" is
 * kept for minutes (the newest run may still place).
 */
export async function runsWithPlacements(
  client: ReadClient,
  env: Env,
  runIds: readonly string[],
  cache?: RunEventsCache,
): Promise<Set<string>> {
  const found = await mapLimit(runIds, 4, async (run) => {
    const key = `${env}|${run}`;
    const known = cache?.placedRuns.get(key);
    if (known !== undefined) return known ? run : null;
    const placed = await runLoggedPlacement(client, env, run);
    cache?.placedRuns.set(key, placed);
    return placed ? run : null;
  });
  return new Set(found.filter((r): r is string => r !== null));
}
