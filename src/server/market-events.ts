// Execution events of one market in a time range. The execution log is keyed by run, so first find
// the runs that were live in the range — the run of the decision in force at its start, runs whose
// "ALL" startup record falls inside it, and the run of the newest decision before its end — then
// read each run's events of that market with begins_with (contract §2.5). Never a Scan.
import type { Env, ExecutionEvent, Warning } from '../core/types.js';
import type { ReadClient } from '../store/client.js';
import { readLatestDecision, readMarketDecisions } from '../store/read-decisions.js';
import { readMarketExecutions } from '../store/read-executions.js';
import { mapLimit } from '../store/paginate.js';
import type { RunEventsCache } from './run-events-cache.js';

export async function runsInRange(client: ReadClient, env: Env, marketId: string, fromMs: number, toMs: number): Promise<{ runIds: string[]; warnings: Warning[] }> {
  const [atStart, atEnd, system] = await Promise.all([
    readLatestDecision(client, env, marketId, fromMs),
    readLatestDecision(client, env, marketId, toMs),
    readMarketDecisions(client, env, { marketId: 'ALL', fromMs, toMs, limit: 200 }),
  ]);
  const runs = new Set<string>();
  for (const d of [atStart.decision, atEnd.decision, ...system.items]) if (d?.botRunId) runs.add(d.botRunId);
  return { runIds: [...runs].sort(), warnings: [...atStart.warnings, ...atEnd.warnings, ...system.warnings] };
}

export async function marketEventsInRange(
  client: ReadClient,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
  opts: { attributes?: readonly string[]; cache?: RunEventsCache } = {},
): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }> {
  const runs = await runsInRange(client, env, marketId, fromMs, toMs);
  // Run ids start with their start time, so every run but the newest has been followed by another
  // and is over; the newest may still be writing and is always read.
  const sorted = [...runs.runIds].sort();
  const newest = sorted[sorted.length - 1];
  const attrsKey = opts.attributes?.join(',') ?? '*';
  const read = (run: string) => readMarketExecutions(client, env, marketId, [run], { attributes: opts.attributes });
  const parts = await mapLimit(sorted, 4, (run) =>
    run === newest || !opts.cache ? read(run) : opts.cache.get(`${env}|${marketId}|${run}|${attrsKey}`, () => read(run)),
  );
  const events = parts
    .flatMap((p) => p.events)
    .filter((e) => e.timeMs >= fromMs && e.timeMs <= toMs)
    .sort((a, b) => b.timeMs - a.timeMs || (a.sortKey < b.sortKey ? 1 : -1));
  return { events, warnings: [...runs.warnings, ...parts.flatMap((p) => p.warnings)] };
}
