// What the suites need to know about a dataset before measuring: its markets, and the markets that
// make the heaviest requests (most fills, most execution events). Found with the same access paths,
// outside any measurement.
import type { ReadClient } from '../src/store/client.js';
import { runsInRange } from '../src/server/market-events.js';
import { readAllFills } from '../src/store/read-fills.js';
import { readLatestDecision } from '../src/store/read-decisions.js';
import { readMarketExecutions } from '../src/store/read-executions.js';
import { readConfigs, readStateItems } from '../src/store/read-state.js';
import { mapLimit } from '../src/store/paginate.js';

const DAY = 86_400_000;

export interface Discovery {
  /** Configured markets plus markets with an open position: what the overview watches. */
  watched: string[];
  configured: string[];
  fills: number;
  /** The market with the most fills, and its fill times (ms). */
  busiestFills: { market: string; fillTimesMs: number[] };
  /** The market with the most execution events in its runs of the last 2 days. */
  busiestExec: { market: string; runIds: string[]; events: number; topDecisionId: string | null };
  /** The newest decision of busiestFills.market (its id, for the by-id lookup). */
  newestDecisionId: string | null;
}

export async function discover(client: ReadClient, nowMs: number): Promise<Discovery> {
  const env = 'demo';
  const [{ configs }, state, fills] = await Promise.all([
    readConfigs(client, env),
    readStateItems(client, env),
    readAllFills(client, env),
  ]);
  const watched = new Set(configs.map((c) => c.marketId));
  for (const p of state.positions?.positions.values() ?? []) if (p.netYesQty !== 0) watched.add(p.marketId);

  const byMarket = new Map<string, number[]>();
  for (const f of fills.fills) {
    if (f.fillTimeMs < nowMs - 30 * DAY) continue;
    const list = byMarket.get(f.marketId) ?? [];
    list.push(f.fillTimeMs);
    byMarket.set(f.marketId, list);
  }
  const [fillMarket, fillTimes] = [...byMarket.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [
    '',
    [],
  ];

  // Execution events exist for the newest days only: count them per market over its recent runs.
  const perMarket = await mapLimit([...watched], 8, async (market) => {
    const runs = await runsInRange(client, env, market, nowMs - 2 * DAY, nowMs);
    const read = await readMarketExecutions(client, env, market, runs.runIds);
    const perDecision = new Map<string, number>();
    for (const e of read.events) perDecision.set(e.decisionId, (perDecision.get(e.decisionId) ?? 0) + 1);
    const top = [...perDecision.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    return { market, runIds: runs.runIds, events: read.events.length, topDecisionId: top };
  });
  const busiestExec = perMarket.sort((a, b) => b.events - a.events)[0] ?? {
    market: '',
    runIds: [],
    events: 0,
    topDecisionId: null,
  };
  const newest = fillMarket ? await readLatestDecision(client, env, fillMarket, nowMs) : { decision: null };
  return {
    watched: [...watched].sort(),
    configured: configs.map((c) => c.marketId),
    fills: fills.fills.length,
    busiestFills: { market: fillMarket, fillTimesMs: fillTimes.sort((a, b) => a - b) },
    busiestExec,
    newestDecisionId: newest.decision?.decisionId ?? null,
  };
}
