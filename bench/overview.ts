// GET /api/v1/overview in process (app.inject; the store in its own process). Cold = a fresh app per
// run (every cache empty); warm = the same app asked again within the 3 s TTL. Budgets: cold requests
// ≤ markets + 40 and the same overhead on S and D; cold decision items ≤ markets + 1; warm requests
// 0; server time p95 ≤ 500 ms cold and ≤ 10 ms warm. Under --ci: S only, the request and item
// budgets only (no time budgets, no part-by-part table).
import type { Bench, OpenSet } from './harness.js';
import { assertOk, get, newApp } from './inproc.js';
import { overviewParts } from './overview-parts.js';
import { tableItems, tableRequests, type Tally } from './recorder.js';
import { median, percentile, repeat } from './stats.js';

const SUITE = 'overview';
const URL = '/api/v1/overview?env=demo';
const COLD_RUNS = 10;
const WARM_RUNS = 50;

interface ColdRun {
  ms: number;
  dyn: Tally;
  /** The app's own account of its cost (meta.dynamo), to compare with what the store saw. */
  metaRequests: number;
  warmMs: number[];
  warmRequests: number;
}

async function run(set: OpenSet): Promise<ColdRun> {
  const app = await newApp(set);
  try {
    const cold = await set.recorder.measure(() => get(app, URL));
    assertOk(cold.result, 'overview');
    const meta = (cold.result.json['meta'] ?? {}) as { dynamo?: { requests?: number } };
    const warm = await set.recorder.measure(async () => {
      const ms: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const g = await get(app, URL);
        assertOk(g, 'overview (warm)');
        ms.push(g.ms);
      }
      return ms;
    });
    return {
      ms: cold.result.ms,
      dyn: cold.dyn,
      metaRequests: meta.dynamo?.requests ?? NaN,
      warmMs: warm.result,
      warmRequests: warm.dyn.requests,
    };
  } finally {
    await app.close();
  }
}

export interface OverviewFigures {
  set: string;
  markets: number;
  requests: number;
  overhead: number;
  decisionRequests: number;
  decisionItems: number;
  coldMedian: number;
  coldP95: number;
  warmP95: number;
  warmRequests: number;
}

export async function measureOverview(set: OpenSet): Promise<{
  fig: OverviewFigures;
  byTable: Record<string, { requests: number; items: number }>;
  metaRequests: number;
}> {
  const runs = await repeat(COLD_RUNS, () => run(set));
  const markets = set.discovery.watched.length;
  const requests = median(runs.map((r) => r.dyn.requests));
  return {
    fig: {
      set: set.label,
      markets,
      requests,
      overhead: requests - markets,
      decisionRequests: median(runs.map((r) => tableRequests(r.dyn, 'dora_decision_log'))),
      decisionItems: median(runs.map((r) => tableItems(r.dyn, 'dora_decision_log'))),
      coldMedian: median(runs.map((r) => r.ms)),
      coldP95: percentile(
        runs.map((r) => r.ms),
        95,
      ),
      warmP95: percentile(
        runs.flatMap((r) => r.warmMs),
        95,
      ),
      warmRequests: runs.reduce((n, r) => n + r.warmRequests, 0),
    },
    byTable: (runs[0] as ColdRun).dyn.byTable,
    metaRequests: median(runs.map((r) => r.metaRequests)),
  };
}

export async function overview(bench: Bench): Promise<void> {
  const figs: OverviewFigures[] = [];
  for (const name of bench.setsOf(['S', 'D'])) {
    const set = await bench.dataset(name);
    const { fig, byTable, metaRequests } = await bench.memo(`overview:${name}`, () => measureOverview(set));
    figs.push(fig);
    bench.report.fact(SUITE, `${set.label}.byTable`, byTable);
    bench.report.fact(SUITE, `${set.label}.metaRequests`, metaRequests);
  }
  bench.report.table(
    SUITE,
    `Overview (in process, store in a child process; cold: fresh app, median/p95 of ${COLD_RUNS}; warm: ${WARM_RUNS} requests per cold run)`,
    [
      'set',
      'markets',
      'requests',
      'req − markets',
      'decision req',
      'decision items',
      'cold ms med',
      'cold ms p95',
      'warm ms p95',
      'warm requests',
    ],
    figs.map((f) => [
      f.set,
      f.markets,
      f.requests,
      f.overhead,
      f.decisionRequests,
      f.decisionItems,
      f.coldMedian,
      f.coldP95,
      f.warmP95,
      f.warmRequests,
    ]),
  );
  for (const f of figs) {
    const byTable = bench.report.facts[SUITE]?.[`${f.set}.byTable`] as Record<
      string,
      { requests: number; items: number }
    >;
    bench.report.table(
      SUITE,
      `Overview cold, DynamoDB by table/index (${f.set}, first run)`,
      ['table/index', 'requests', 'items read'],
      Object.entries(byTable).map(([k, v]) => [k, v.requests, v.items]),
    );
  }
  for (const f of figs) {
    const r = bench.report;
    r.check({
      suite: SUITE,
      dataset: f.set,
      what: 'overview cold: DynamoDB requests',
      value: f.requests,
      op: '<=',
      limit: f.markets + 40,
      note: `${f.markets} markets + 40`,
    });
    r.check({
      suite: SUITE,
      dataset: f.set,
      what: 'overview cold: decision items read',
      value: f.decisionItems,
      op: '<=',
      limit: f.markets + 1,
      note: `${f.markets} markets + 1 (ALL)`,
    });
    r.check({
      suite: SUITE,
      dataset: f.set,
      what: 'overview warm: DynamoDB requests',
      value: f.warmRequests,
      op: '==',
      limit: 0,
    });
    if (bench.ci) continue;
    r.check({
      suite: SUITE,
      dataset: f.set,
      what: 'overview cold: server time p95',
      value: f.coldP95,
      unit: 'ms',
      op: '<=',
      limit: 500,
    });
    r.check({
      suite: SUITE,
      dataset: f.set,
      what: 'overview warm: server time p95',
      value: f.warmP95,
      unit: 'ms',
      op: '<=',
      limit: 10,
    });
  }
  if (bench.ci) return;
  const partRows: (string | number)[][] = [];
  for (const name of ['S', 'D', 'L'] as const)
    partRows.push(...(await overviewParts(await bench.dataset(name))));
  bench.report.table(
    SUITE,
    'Overview cold, part by part (each read alone, in process; medians of 3; L has no overview budget, shown for scale)',
    ['set', 'part', 'requests', 'items read', 'ms'],
    partRows,
  );
  const [s, d] = figs;
  if (s && d) {
    bench.report.check({
      suite: SUITE,
      dataset: `${s.set}/${d.set}`,
      what: `overview cold: requests − markets on D (S: ${s.overhead}), independent of decision-log size`,
      value: d.overhead,
      op: '==',
      limit: s.overhead,
    });
  }
}
