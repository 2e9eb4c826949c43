// Market-making quality on D (issue 19's budgets), in process (app.inject; the store in its own
// process), cold: each run a fresh app (every cache empty, as after a restart), primed with another
// market's decisions page so only the measured route's own reads are cold.
// - markouts for every fill of the busiest market over 30 days: the fills list, which now carries
//   each fill's edge and markouts (the decision in force at each fill and each fill + h ≤ now):
//   ≤ 1 s; the market's /quality over the same 30 days (curve, attribution, quote health) beside it;
// - all markets' quality table over 7 days (/api/v1/quality): ≤ 2 s.
// DynamoDB requests and items of each are printed.
import type { Bench, OpenSet } from './harness.js';
import { assertOk, get, newApp } from './inproc.js';
import { tableRequests } from './recorder.js';
import { median, percentile, repeat } from './stats.js';

const SUITE = 'quality';
const MARKOUTS_BUDGET_MS = 1_000;
const TABLE_BUDGET_MS = 2_000;

/** `url`: the route's path and query up to a trailing `&`; the range (`days` up to now) is added. */
async function coldRoute(set: OpenSet, url: string, days: number, primeUrl: string, runs: number) {
  const once = async () => {
    const app = await newApp(set);
    try {
      assertOk(await get(app, primeUrl), primeUrl);
      // Past the answer deadline (10 s) the route says 503 while its load goes on: ask again (the
      // same single-flight load) until it answers, so a slow table is measured, not a crash. The
      // range is pinned (from/to, not days=N): with `days` each ask ends at a later now, a new
      // answer-cache key, so each re-ask started another whole load beside the first.
      const nowMs = set.ds.now();
      const rangeUrl = `${url}from=${new Date(nowMs - days * 86_400_000).toISOString()}&to=${new Date(nowMs).toISOString()}`;
      const m = await set.recorder.measure(async () => {
        let g = await get(app, rangeUrl);
        for (let i = 0; i < 10 && g.status === 503; i++) g = await get(app, rangeUrl);
        return g;
      });
      assertOk(m.result, rangeUrl);
      return m;
    } finally {
      await app.close();
    }
  };
  const results = await repeat(runs, once);
  const ms = results.map((r) => r.ms);
  return {
    ms: median(ms),
    p95: percentile(ms, 95),
    requests: median(results.map((r) => r.dyn.requests)),
    decisionRequests: median(results.map((r) => tableRequests(r.dyn, 'dora_decision_log'))),
    executionRequests: median(results.map((r) => tableRequests(r.dyn, 'dora_execution_log'))),
    items: median(results.map((r) => r.dyn.items)),
    body: results[0]?.result.json ?? {},
  };
}

export async function qualitySuite(bench: Bench): Promise<void> {
  const set = await bench.dataset('D');
  const d = set.discovery;
  const r = bench.report;
  const enc = encodeURIComponent;
  const market = d.busiestFills.market;
  const other = d.watched.find((m) => m !== market) ?? market;
  const prime = `/api/v1/markets/${enc(other)}/decisions?env=demo&limit=1`;
  const runs = bench.quick ? 2 : 3;

  const fills = await coldRoute(set, `/api/v1/markets/${enc(market)}/fills?env=demo&`, 30, prime, runs);
  const marketQuality = await coldRoute(
    set,
    `/api/v1/markets/${enc(market)}/quality?env=demo&`,
    30,
    prime,
    runs,
  );
  const table = await coldRoute(set, `/api/v1/quality?env=demo&`, 7, prime, runs);
  const fillCount = (fills.body['items'] as unknown[] | undefined)?.length ?? 0;
  const marketCount = (table.body['markets'] as unknown[] | undefined)?.length ?? 0;
  const rows = [
    ['fills with edge and markouts (30 days, cold)', `${fillCount} fills`, fills],
    ['market quality (30 days, cold)', `${fillCount} fills`, marketQuality],
    ['all markets quality table (7 days, cold)', `${marketCount} markets`, table],
  ] as const;
  r.table(
    SUITE,
    `Market-making quality on ${set.label} (in process, cold app per run; medians of ${runs}; busiest market by fills ${market})`,
    ['request', 'size', 'requests', 'decision req', 'execution req', 'items read', 'ms med', 'ms p95'],
    rows.map(([label, size, m]) => [
      label,
      size,
      m.requests,
      m.decisionRequests,
      m.executionRequests,
      m.items,
      Math.round(m.ms),
      Math.round(m.p95),
    ]),
  );
  r.fact(
    SUITE,
    'rows',
    rows.map(([label, size, { body: _body, ...m }]) => ({ label, size, ...m })),
  );
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: `markouts for every fill (${fillCount}), busiest market, 30 days, cold (median)`,
    value: fills.ms,
    unit: 'ms',
    op: '<=',
    limit: MARKOUTS_BUDGET_MS,
    note: `${fills.requests} DynamoDB requests (${fills.decisionRequests} on the decision index); the market's /quality: ${Math.round(marketQuality.ms)} ms, ${marketQuality.requests} requests`,
  });
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: `all markets' quality table (${marketCount} markets), 7 days, cold (median)`,
    value: table.ms,
    unit: 'ms',
    op: '<=',
    limit: TABLE_BUDGET_MS,
    note: `${table.requests} DynamoDB requests (${table.decisionRequests} decision index, ${table.executionRequests} execution log), ${table.items} items`,
  });
}
