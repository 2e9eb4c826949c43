// Data layer: every access path of src/store on S and D, called directly (no cache, no server):
// requests, items read, RCU, ms — medians of 5 runs after one warm-up. The newest-decision-per-market
// path must read at most one decision item per market whatever the size of the decision log.
import type { Env } from '../src/core/types.js';
import type { ReadClient } from '../src/store/client.js';
import {
  readDecisionById,
  readDecisionsAt,
  readLatestDecisions,
  readLatestSystemDecision,
  readMarketDecisions,
} from '../src/store/read-decisions.js';
import { readDecisionExecutions, readMarketExecutions } from '../src/store/read-executions.js';
import { readAllFills, readFillsInWindow } from '../src/store/read-fills.js';
import { readConfigs, readStateItems } from '../src/store/read-state.js';
import type { Bench, OpenSet } from './harness.js';
import { tableItems } from './recorder.js';
import { median, repeat } from './stats.js';

const SUITE = 'access-paths';
const ENV: Env = 'demo';
const DAY = 86_400_000;

interface Path {
  name: string;
  args: string;
  run: (c: ReadClient) => Promise<unknown>;
}

function paths(set: OpenSet): Path[] {
  const d = set.discovery;
  const now = set.ds.now;
  const m = d.busiestFills.market;
  const x = d.busiestExec;
  return [
    { name: 'readConfigs', args: 'Scan', run: (c) => readConfigs(c, ENV) },
    { name: 'readStateItems', args: 'BatchGet 5 keys', run: (c) => readStateItems(c, ENV) },
    { name: 'readAllFills', args: `Scan, ${d.fills} fills`, run: (c) => readAllFills(c, ENV) },
    {
      name: 'readFillsInWindow',
      args: 'last 7 days',
      run: (c) => readFillsInWindow(c, ENV, now() - 7 * DAY, now(), now()),
    },
    {
      name: 'readLatestDecisions',
      args: `${d.watched.length} markets`,
      run: (c) => readLatestDecisions(c, ENV, d.watched, now()),
    },
    { name: 'readLatestSystemDecision', args: 'ALL', run: (c) => readLatestSystemDecision(c, ENV, now()) },
    {
      name: 'readMarketDecisions',
      args: '1 market, 24 h, page 200',
      run: (c) => readMarketDecisions(c, ENV, { marketId: m, fromMs: now() - DAY, toMs: now(), limit: 200 }),
    },
    {
      name: 'readDecisionsAt',
      args: `1 market, ${d.busiestFills.fillTimesMs.length} fill times`,
      run: (c) => readDecisionsAt(c, ENV, m, d.busiestFills.fillTimesMs),
    },
    {
      name: 'readDecisionById',
      args: 'newest of a market',
      run: (c) => readDecisionById(c, ENV, d.newestDecisionId ?? ''),
    },
    {
      name: 'readDecisionExecutions',
      args: '1 decision',
      run: (c) => readDecisionExecutions(c, ENV, x.topDecisionId ?? ''),
    },
    {
      name: 'readMarketExecutions',
      args: `1 market, ${x.runIds.length} runs, ${x.events} events`,
      run: (c) => readMarketExecutions(c, ENV, x.market, x.runIds),
    },
  ];
}

interface Row {
  path: string;
  args: string;
  set: string;
  requests: number;
  items: number;
  rcu: number;
  ms: number;
  decisionItems: number;
}

async function measureSet(set: OpenSet): Promise<Row[]> {
  const rows: Row[] = [];
  for (const p of paths(set)) {
    const runs = await repeat(5, () => set.recorder.measure(() => p.run(set.client)));
    rows.push({
      path: p.name,
      args: p.args,
      set: set.label,
      requests: median(runs.map((r) => r.dyn.requests)),
      items: median(runs.map((r) => r.dyn.items)),
      rcu: median(runs.map((r) => r.dyn.rcu)),
      ms: median(runs.map((r) => r.ms)),
      decisionItems: median(runs.map((r) => tableItems(r.dyn, 'dora_decision_log'))),
    });
  }
  return rows;
}

export async function accessPaths(bench: Bench): Promise<void> {
  const sets: OpenSet[] = [];
  for (const name of bench.setsOf(['S', 'D'])) sets.push(await bench.dataset(name));
  const rows: Row[] = [];
  for (const set of sets) rows.push(...(await measureSet(set)));
  // Group by path, datasets side by side.
  const order = paths(sets[0] as OpenSet).map((p) => p.name);
  rows.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
  bench.report.table(
    SUITE,
    'Access paths (store called directly; medians of 5 runs after 1 warm-up; items read = ScannedCount; RCU as reported by the store)',
    ['path', 'set', 'arguments', 'requests', 'items read', 'RCU', 'ms'],
    rows.map((r) => [r.path, r.set, r.args, r.requests, r.items, r.rcu, r.ms]),
  );
  bench.report.fact(SUITE, 'rows', rows);
  for (const set of sets) {
    const r = rows.find((x) => x.path === 'readLatestDecisions' && x.set === set.label);
    if (!r) continue;
    const markets = set.discovery.watched.length;
    bench.report.check({
      suite: SUITE,
      dataset: set.label,
      what: `newest decision per market: decision items per market (${r.decisionItems} items, ${markets} markets, log of ${(set.ds.meta.counts['dora_decision_log'] ?? 0).toLocaleString('en-US')})`,
      value: r.decisionItems / markets,
      op: '<=',
      limit: 1,
      digits: 2,
    });
  }
}
