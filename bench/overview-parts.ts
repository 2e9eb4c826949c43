// Where a cold overview's time goes, part by part, on each dataset: the reads EnvData makes (called
// directly here, one after the other, whereas the route runs them side by side) and the pure
// computation (core's buildOverview on the assembled input). Medians of 3. Informational: it tells
// the owners of src/store and src/core which part to make faster.
import { buildOverview } from '../src/core/index.js';
import { readLatestDecisions, readLatestSystemDecision } from '../src/store/read-decisions.js';
import { readAllFills } from '../src/store/read-fills.js';
import { readConfigs, readStateItems } from '../src/store/read-state.js';
import type { OpenSet } from './harness.js';
import { assertOk, get, newApp } from './inproc.js';
import { median, repeat } from './stats.js';

export async function overviewParts(set: OpenSet): Promise<(string | number)[][]> {
  const c = set.client;
  const now = set.ds.now;
  const parts: [string, () => Promise<unknown>][] = [
    ['readConfigs + readStateItems', () => Promise.all([readConfigs(c, 'demo'), readStateItems(c, 'demo')])],
    ['readAllFills (full trade-log Scan)', () => readAllFills(c, 'demo')],
    [
      'readLatestDecisions + ALL',
      () =>
        Promise.all([
          readLatestDecisions(c, 'demo', set.discovery.watched, now()),
          readLatestSystemDecision(c, 'demo', now()),
        ]),
    ],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, fn] of parts) {
    const runs = await repeat(3, () => set.recorder.measure(fn));
    rows.push([
      set.label,
      name,
      median(runs.map((r) => r.dyn.requests)),
      median(runs.map((r) => r.dyn.items)),
      median(runs.map((r) => r.ms)),
    ]);
  }
  const app = await newApp(set);
  try {
    assertOk(await get(app, '/api/v1/overview?env=demo'), 'overview');
    // The same input the route computed from, straight from the app's (now warm) caches.
    const { input } = await app.dora.envs
      .get('demo')
      .metricsInput({ region: 'us-east-1', nowMs: now }, 'UTC', 30);
    const runs = await repeat(3, async () => {
      const t = performance.now();
      buildOverview(input);
      return performance.now() - t;
    });
    rows.push([set.label, `buildOverview (core, ${input.fills.length} fills)`, 0, 0, median(runs)]);
  } finally {
    await app.close();
  }
  return rows;
}
