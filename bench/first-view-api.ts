// The server's share of the first views of issue 18 (D, cold), without a browser: the API requests
// the deep dive and Compare make on a cold first view, sent as the page sends them, side by side.
// - deep dive of a quiet market over 30 days: the decisions page the load-time prefetch asks for
//   (first-view.ts in web/), and beside it what the page asks for as it mounts (the market list, the
//   market's detail, the price series of 300 points, the fills). "First rows" is the decisions
//   request; "all data" the last of them. Budget: first rows ≤ 500 ms (the browser adds its own).
// - Compare of 6 markets over 7 days: GET /api/v1/compare?markets=…&days=7 (the prefetch), with
//   the market list the page asks for beside it. Budget ≤ 1 s.
// Cold: each visit a fresh app (every cache empty), which first serves the shell's overview, as a
// server that had Home open; each visit another market (or set). In process (app.inject), the store
// in its own process. Each response's meta.dynamo gives its DynamoDB requests; the recorder counts
// the visit's total. The request counts are the CI-safe budget (they do not depend on the machine).
import { loadavg } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { decisionCounts } from './decision-counts.js';
import type { Bench, OpenSet } from './harness.js';
import { assertOk, newApp } from './inproc.js';
import { median } from './stats.js';

const SUITE = 'first-view-api';
const DAY = 86_400_000;
const DEEP_DIVE_BUDGET_MS = 500;
const COMPARE_BUDGET_MS = 1000;
/**
 * Request budgets: what the first view may cost in DynamoDB requests, whatever the machine. Compare:
 * ≤ 45 a market (40 spread samples at most, the run walk, one event read a run and market, plus each
 * run's system-decision events and the "ALL" records once for the page; 247–260 measured, 282–295
 * before those were shared).
 */
const DEEP_DIVE_FIRST_ROWS_REQUESTS = 2;
const COMPARE_REQUESTS = 6 * 45;
const COMPARE_MARKETS = 6;

interface Call {
  name: string;
  url: string;
  status: number;
  doneMs: number;
  dynamoRequests: number;
  dynamoMs: number;
  bytes: number;
}

interface Visit {
  what: string;
  calls: Call[];
  totalRequests: number;
  load: number;
}

async function timed(app: FastifyInstance, name: string, url: string, t0: number): Promise<Call> {
  const res = await app.inject({ method: 'GET', url });
  const doneMs = performance.now() - t0;
  let meta: { dynamo?: { requests?: number; ms?: number } } | undefined;
  try {
    meta = res.json<{ meta?: typeof meta }>().meta;
  } catch {
    meta = undefined;
  }
  return {
    name,
    url,
    status: res.statusCode,
    doneMs,
    dynamoRequests: meta?.dynamo?.requests ?? 0,
    dynamoMs: meta?.dynamo?.ms ?? 0,
    bytes: res.rawPayload.length,
  };
}

/** A fresh app that has served the shell (the overview), then the page's requests side by side. */
async function visit(set: OpenSet, what: string, requests: [string, string][]): Promise<Visit> {
  const app = await newApp(set);
  try {
    const shell = await app.inject({ method: 'GET', url: '/api/v1/overview?env=demo' });
    assertOk({ status: shell.statusCode, json: {}, ms: 0, bytes: 0 }, 'overview');
    const load = loadavg()[0] ?? NaN;
    const m = await set.recorder.measure(async () => {
      const t0 = performance.now();
      return Promise.all(requests.map(([name, url]) => timed(app, name, url, t0)));
    });
    for (const c of m.result) if (c.status !== 200) throw new Error(`${c.url}: HTTP ${c.status}`);
    return { what, calls: m.result, totalRequests: m.dyn.requests, load };
  } finally {
    await app.close();
  }
}

function deepDiveRequests(market: string, nowMs: number): [string, string][] {
  const p = `/api/v1/markets/${encodeURIComponent(market)}`;
  const range = `env=demo&from=${new Date(nowMs - 30 * DAY).toISOString()}&to=${new Date(nowMs).toISOString()}`;
  return [
    ['decisions (first rows)', `${p}/decisions?${range}&limit=200`],
    ['markets', '/api/v1/markets?env=demo'],
    ['detail', `${p}?env=demo`],
    ['series', `${p}/series?${range}&points=300`],
    ['fills', `${p}/fills?${range}`],
  ];
}

function compareRequests(markets: readonly string[]): [string, string][] {
  return [
    ['compare', `/api/v1/compare?env=demo&markets=${encodeURIComponent(markets.join(','))}&days=7`],
    ['markets', '/api/v1/markets?env=demo'],
  ];
}

function medianBy(visits: Visit[], name: string, f: (c: Call) => number): number {
  return median(visits.map((v) => f(v.calls.find((c) => c.name === name) as Call)));
}

function table(bench: Bench, title: string, visits: Visit[]): void {
  const names = visits[0]?.calls.map((c) => c.name) ?? [];
  bench.report.table(
    SUITE,
    title,
    ['request', 'done ms (median)', 'per visit ms', 'DynamoDB requests', 'DynamoDB ms (sum)', 'kB'],
    names.map((n) => [
      n,
      Math.round(medianBy(visits, n, (c) => c.doneMs)),
      visits.map((v) => Math.round(v.calls.find((c) => c.name === n)?.doneMs ?? NaN)).join(', '),
      medianBy(visits, n, (c) => c.dynamoRequests),
      Math.round(medianBy(visits, n, (c) => c.dynamoMs)),
      Math.round(medianBy(visits, n, (c) => c.bytes) / 1024),
    ]),
  );
}

export async function firstViewApiSuite(bench: Bench): Promise<void> {
  const r = bench.report;
  const set = await bench.dataset('D');
  const counts = await bench.memo('decisionCounts:D', async () =>
    (await decisionCounts(set)).filter((c) => c.decisions > 0),
  );
  const quietest = counts.slice(0, bench.quick ? 1 : 3);
  const busiestFirst = [...counts].reverse().map((c) => c.market);
  const compareSets = [0, 1, 2]
    .slice(0, bench.quick ? 1 : 3)
    .map((k) => busiestFirst.slice(k * COMPARE_MARKETS, (k + 1) * COMPARE_MARKETS))
    .filter((s) => s.length === COMPARE_MARKETS);
  // Warm the process (JIT, connections) on a market and a set the visits do not use.
  const spare = counts[counts.length - 1 - 3 * COMPARE_MARKETS]?.market ?? counts[0]?.market ?? '';
  await visit(set, 'warm-up', [
    ...deepDiveRequests(spare, set.ds.now()),
    ...compareRequests(busiestFirst.slice(3 * COMPARE_MARKETS, 4 * COMPARE_MARKETS)),
  ]);

  const deep: Visit[] = [];
  for (const q of quietest) deep.push(await visit(set, q.market, deepDiveRequests(q.market, set.ds.now())));
  const compare: Visit[] = [];
  for (const s of compareSets) compare.push(await visit(set, s.join(','), compareRequests(s)));

  const loads = [...deep, ...compare].map((v) => v.load.toFixed(2)).join(', ');
  table(
    bench,
    `Deep dive of a quiet market, 30 days, cold (${quietest.map((q) => `${q.market}: ${q.decisions} decisions`).join('; ')}); the page's requests side by side; 1-min load ${deep.map((v) => v.load.toFixed(2)).join(', ')}`,
    deep,
  );
  table(
    bench,
    `Compare of ${COMPARE_MARKETS} markets over 7 days, cold (${compareSets.length} sets, busiest first); 1-min load ${compare.map((v) => v.load.toFixed(2)).join(', ')}`,
    compare,
  );
  const firstRows = medianBy(deep, 'decisions (first rows)', (c) => c.doneMs);
  const firstRowsRequests = Math.max(...deep.map((v) => v.calls[0]?.dynamoRequests ?? Infinity));
  const allData = median(deep.map((v) => Math.max(...v.calls.map((c) => c.doneMs))));
  const compareMs = medianBy(compare, 'compare', (c) => c.doneMs);
  const compareReq = Math.max(...compare.map((v) => v.calls[0]?.dynamoRequests ?? Infinity));
  if (!bench.ci) {
    r.check({
      suite: SUITE,
      dataset: set.label,
      what: 'deep dive, quiet market, 30 days, cold: the server answers the first rows (median)',
      value: firstRows,
      unit: 'ms',
      op: '<=',
      limit: DEEP_DIVE_BUDGET_MS,
      digits: 0,
      note: `all the page's data in ${Math.round(allData)} ms; ${median(deep.map((v) => v.totalRequests))} DynamoDB requests in all; load ${loads}`,
    });
    r.check({
      suite: SUITE,
      dataset: set.label,
      what: `compare, ${COMPARE_MARKETS} markets, 7 days, cold: the server answers (median)`,
      value: compareMs,
      unit: 'ms',
      op: '<=',
      limit: COMPARE_BUDGET_MS,
      digits: 0,
      note: `visits ${compare.map((v) => Math.round(v.calls[0]?.doneMs ?? NaN)).join(', ')} ms; ${compare.map((v) => v.calls[0]?.dynamoRequests ?? NaN).join(', ')} DynamoDB requests; load ${compare.map((v) => v.load.toFixed(2)).join(', ')}`,
    });
  }
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: 'deep dive first rows, cold: DynamoDB requests (most of the visits)',
    value: firstRowsRequests,
    op: '<=',
    limit: DEEP_DIVE_FIRST_ROWS_REQUESTS,
  });
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: `compare of ${COMPARE_MARKETS} markets, 7 days, cold: DynamoDB requests (most of the visits)`,
    value: compareReq,
    op: '<=',
    limit: COMPARE_REQUESTS,
  });
  r.fact(SUITE, 'deepDive', deep);
  r.fact(SUITE, 'compare', compare);
}
