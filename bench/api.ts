// Per-market API pages on D, in process (app.inject; the store in its own process):
// - a decisions page of 200 for one market, on a server already up (the market list and the GSI
//   check cached, as after any earlier page): ≤ 2 DynamoDB requests, ≤ 100 ms;
// - decision context for 500 fills of one market: ≤ 500 ms. No simulated market has 500 fills, so
//   the busiest gets temporary ones (temp-fills.ts) until it has 500 in its 30 days, and the fills
//   route is measured on a fresh app that has loaded them. The server keeps the context of past
//   fills once read, so the budget is checked on the first view of the market's fills (each run a
//   fresh app, primed with another market's page); the view again (context cached) is shown beside;
// - analytics of the market with the most execution events over 30 days, first view: ≤ 500 ms.
// Each run asks for a new time range (the clock moves), so the response cache never answers.
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { runsInRange } from '../src/server/market-events.js';
import { readDecisionsAt } from '../src/store/read-decisions.js';
import { ANALYTICS_ATTRIBUTES } from '../src/store/read-executions.js';
import { mapLimit } from '../src/store/paginate.js';
import { tableName } from '../src/store/tables.js';
import type { Bench, OpenSet } from './harness.js';
import { assertOk, get, newApp } from './inproc.js';
import { tableRequests } from './recorder.js';
import { median, percentile, repeat } from './stats.js';
import { fillItem, TempFills } from './temp-fills.js';

const SUITE = 'api';
const DAY = 86_400_000;

async function measureRoute(set: OpenSet, url: string, primeUrl: string, opts: { firstView?: boolean } = {}) {
  const app = opts.firstView ? null : await newApp(set);
  /** firstView: each run on a fresh app primed with primeUrl, so only `url`'s own caches are cold. */
  const once = async () => {
    const a = app ?? (await newApp(set));
    try {
      if (!app) assertOk(await get(a, primeUrl), primeUrl);
      const m = await set.recorder.measure(() => get(a, url));
      assertOk(m.result, url);
      return m;
    } finally {
      if (!app) await a.close();
    }
  };
  try {
    if (app) assertOk(await get(app, primeUrl), primeUrl);
    const runs = await repeat(5, once);
    return {
      ...measured(runs),
      decisionRequests: median(runs.map((r) => tableRequests(r.dyn, 'dora_decision_log'))),
      kb: median(runs.map((r) => r.result.bytes / 1024)),
      body: runs[0]?.result.json ?? {},
    };
  } finally {
    await app?.close();
  }
}

type Measured = Awaited<ReturnType<typeof measureRoute>>;

function routeRow(label: string, size: string, m: Measured): (string | number)[] {
  return [label, size, m.requests, m.decisionRequests, m.items, m.kb, m.ms, m.p95];
}

export async function apiSuite(bench: Bench): Promise<void> {
  const set = await bench.dataset('D');
  const d = set.discovery;
  const enc = encodeURIComponent;
  const rows: (string | number)[][] = [];
  const r = bench.report;

  // Decisions page: prime with another market's page so the server is "up" (configs, state, GSI check).
  const other = d.watched.find((m) => m !== d.busiestFills.market) ?? d.busiestFills.market;
  const page = await measureRoute(
    set,
    `/api/v1/markets/${enc(d.busiestFills.market)}/decisions?env=demo&limit=200`,
    `/api/v1/markets/${enc(other)}/decisions?env=demo&limit=200`,
  );
  const pageItems = (page.body['items'] as unknown[] | undefined)?.length ?? 0;
  rows.push(routeRow('decisions page (limit 200, 1 day)', `${pageItems} decisions`, page));

  // Decision context for 500 fills: no simulated market has that many, so the busiest one gets
  // the missing ones as temporary fills spread over its 30 days (removed afterwards). The route
  // makes one Limit-1 GSI query per distinct fill time; that lookup alone is shown beside it.
  const market = d.busiestFills.market;
  const now = set.ds.now();
  const extra = Math.max(0, 500 - d.busiestFills.fillTimesMs.length);
  const temp = new TempFills(set);
  let fills;
  let fillsAgain;
  try {
    await temp.put(
      Array.from({ length: extra }, (_, i) =>
        fillItem(
          now - 30 * DAY + 60_000 + ((i + 0.37) * (30 * DAY - 600_000)) / extra,
          market,
          i % 2 ? 'no' : 'yes',
        ),
      ),
    );
    const fillsUrl = `/api/v1/markets/${enc(market)}/fills?env=demo&days=30`;
    const primeUrl = `/api/v1/markets/${enc(other)}/fills?env=demo&days=1`;
    fills = await measureRoute(set, fillsUrl, primeUrl, { firstView: true });
    fillsAgain = await measureRoute(set, fillsUrl, primeUrl);
  } finally {
    await temp.removeAll();
  }
  const fillCount = (fills.body['items'] as unknown[] | undefined)?.length ?? 0;
  rows.push(
    routeRow(
      'fills with decision context (route, 30 days, first view)',
      `${fillCount} fills (${extra} temporary)`,
      fills,
    ),
  );
  rows.push(routeRow('  the same again (context of past fills cached)', `${fillCount} fills`, fillsAgain));
  const times = Array.from({ length: 500 }, (_, i) =>
    Math.round(now - 30 * DAY + ((i + 0.5) * 30 * DAY) / 500),
  );
  const ctxRuns = await repeat(5, () =>
    set.recorder.measure(() => readDecisionsAt(set.client, 'demo', market, times)),
  );
  rows.push([
    '  of which: readDecisionsAt, 500 times',
    '500 lookups',
    median(ctxRuns.map((x) => x.dyn.requests)),
    median(ctxRuns.map((x) => x.dyn.requests)),
    median(ctxRuns.map((x) => x.dyn.items)),
    '-',
    median(ctxRuns.map((x) => x.ms)),
    percentile(
      ctxRuns.map((x) => x.ms),
      95,
    ),
  ]);

  // Analytics over 30 days for the market with the most execution events: the first view (each run
  // a fresh app, so every run's events are read) carries the budget; the view again on an app that
  // has read them (events of ended runs kept; the newest run re-read) is shown beside.
  const analyticsUrl = `/api/v1/markets/${enc(d.busiestExec.market)}/analytics?env=demo&days=30`;
  const analyticsPrime = `/api/v1/markets/${enc(other)}/decisions?env=demo&limit=1`;
  const analytics = await measureRoute(set, analyticsUrl, analyticsPrime, { firstView: true });
  const analyticsAgain = await measureRoute(set, analyticsUrl, analyticsPrime);
  rows.push(routeRow('analytics (30 days, first view)', `${d.busiestExec.events} events`, analytics));
  rows.push(routeRow('  the same again (ended runs kept)', `${d.busiestExec.events} events`, analyticsAgain));
  const floor = await storeAlone(set, d.busiestExec.market, now);
  rows.push([
    '  the store alone: its pages, undecoded',
    `${floor.items} items`,
    floor.requests,
    0,
    floor.items,
    '-',
    floor.ms,
    floor.p95,
  ]);

  r.table(
    SUITE,
    `Market pages on ${set.label} (in process, server already up; medians of 5; busiest markets: fills ${d.busiestFills.market}, executions ${d.busiestExec.market})`,
    ['request', 'size', 'requests', 'decision req', 'items read', 'body KB', 'ms med', 'ms p95'],
    rows,
  );
  r.fact(SUITE, 'rows', rows);
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: 'decisions page of 200: DynamoDB requests',
    value: page.requests,
    op: '<=',
    limit: 2,
  });
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: 'decisions page of 200: server time (median)',
    value: page.ms,
    unit: 'ms',
    op: '<=',
    limit: 100,
  });
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: `decision context for ${fillCount} fills of one market, first view (median)`,
    value: fills.ms,
    unit: 'ms',
    op: '<=',
    limit: 500,
    note: `${fills.requests} DynamoDB requests; again, context cached: ${fillsAgain.ms.toFixed(0)} ms`,
  });
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: 'analytics for one market over 30 days, first view (median)',
    value: analytics.ms,
    unit: 'ms',
    op: '<=',
    limit: 500,
    note: `${analytics.requests} DynamoDB requests, ${analytics.items} items; again, ended runs kept: ${analyticsAgain.ms.toFixed(0)} ms, ${analyticsAgain.items} items; the store alone returns those items in ${floor.ms.toFixed(0)} ms`,
  });
}

/**
 * The floor under the analytics figure: the same market's events of the same runs, the same
 * projection, paged straight from the store four runs at a time, with no decoding and no server —
 * what any route must wait for before it can add anything. (The route's few reads of system
 * decisions' cancels are left out, so this is a lower bound.)
 */
async function storeAlone(set: OpenSet, marketId: string, nowMs: number) {
  const { runIds } = await runsInRange(set.client, 'demo', marketId, nowMs - 30 * DAY, nowMs);
  const names: Record<string, string> = { '#sk': 'decision_id#event_ts' };
  const projection = ANALYTICS_ATTRIBUTES.map((a, i) => ((names[`#p${i}`] = a), `#p${i}`)).join(', ');
  const once = () =>
    mapLimit(runIds, 4, async (run) => {
      let start: QueryCommandOutput['LastEvaluatedKey'];
      do {
        const out = await set.client.raw.send(
          new QueryCommand({
            TableName: tableName('dora_execution_log', 'demo'),
            KeyConditionExpression: 'bot_run_id = :r AND begins_with(#sk, :p)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':r': { S: run }, ':p': { S: `${run}:${marketId}:` } },
            ProjectionExpression: projection,
            ExclusiveStartKey: start,
          }),
        );
        start = out.LastEvaluatedKey;
      } while (start);
    });
  await once();
  const runs = await repeat(5, () => set.recorder.measure(once));
  return measured(runs);
}

/** Median and p95 time, median requests and items read, of measured runs. */
function measured(runs: readonly { ms: number; dyn: { requests: number; items: number } }[]) {
  const ms = runs.map((r) => r.ms);
  return {
    ms: median(ms),
    p95: percentile(ms, 95),
    requests: median(runs.map((r) => r.dyn.requests)),
    items: median(runs.map((r) => r.dyn.items)),
  };
}
