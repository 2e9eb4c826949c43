// Execution events of one market in a time range. The execution log is keyed by run, so first find
// every run that can hold them (walked back through the decision index, plus the runs of "ALL"
// records in the range, contract §6.17), then read each run's events of that market with
// begins_with (contract §2.5). Never a Scan.
import type { Env, ExecutionEvent, Warning } from '../core/types.js';
import type { ReadClient } from '../store/client.js';
import { readMarketRuns, type MarketRuns } from '../store/read-runs.js';
import { runStartMs } from '../core/decision-id.js';
import { readMarketExecutions, runLoggedPlacement } from '../store/read-executions.js';
import { mapLimit } from '../store/paginate.js';
import type { RunEventsCache } from './run-events-cache.js';

/** The runs that can hold the market's events in the range: walked back, one request per run. */
export function runsInRange(
  client: ReadClient,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
  cache?: RunEventsCache,
): Promise<MarketRuns> {
  return readMarketRuns(client, env, marketId, fromMs, toMs, cache?.runSteps, cache?.runVersions);
}

export async function marketEventsInRange(
  client: ReadClient,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
  opts: { attributes?: readonly string[]; cache?: RunEventsCache } = {},
): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }> {
  const runs = await runsInRange(client, env, marketId, fromMs, toMs, opts.cache);
  // One bot process at a time: every run but the one that wrote last has been followed by another
  // and is over; that one may still be writing and is always read (so is any run that began in its
  // start second, whose order the ids cannot tell).
  const sorted = runs.runIds;
  const newest = runs.newestRunId;
  const newestStart = newest ? runStartMs(newest) : null;
  const live = (run: string) =>
    run === newest || newest === null || (newestStart !== null && runStartMs(run) === newestStart);
  const attrsKey = opts.attributes?.join(',') ?? '*';
  const read = (run: string) =>
    readMarketExecutions(client, env, marketId, [run], { attributes: opts.attributes });
  const parts = await mapLimit(sorted, 4, (run) =>
    live(run) || !opts.cache
      ? read(run)
      : opts.cache.get(`${env}|${marketId}|${run}|${attrsKey}`, () => read(run)),
  );
  const events = parts
    .flatMap((p) => p.events)
    .filter((e) => e.timeMs >= fromMs && e.timeMs <= toMs)
    .sort((a, b) => b.timeMs - a.timeMs || (a.sortKey < b.sortKey ? 1 : -1));
  return { events, warnings: [...runs.warnings, ...parts.flatMap((p) => p.warnings)] };
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
