// The multi-run fixture other tests build on: every shape inside the execution window, a summary
// that agrees with the items, and small enough to write into the embedded store in seconds.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName, TABLE_BASES } from '../../store/tables.js';
import { createWriterClient } from '../client.js';
import { writeItems } from '../write.js';
import { createBotTables, startLocalDynamo, type LocalDynamo } from './local-dynamo.js';
import { MULTI_RUN_FIXTURE_DEFAULTS, multiRunFixture, type MultiRunFixture } from './multi-run-fixture.js';

let fx: MultiRunFixture;
let generateMs: number;

beforeAll(() => {
  const t = performance.now();
  fx = multiRunFixture();
  generateMs = performance.now() - t;
});

describe('multiRunFixture', () => {
  it('holds every shape the bot writes inside the execution window', () => {
    const { batchFill: _rare, ...required } = fx.summary.shapes;
    expect(required).toEqual({
      flatStart: true,
      startupCancels: true,
      shortRun: true,
      batchRun: true,
      severalRunsADay: true,
      disabledCancel: true,
      notFound: true,
      alreadyGoneAtStartup: true,
      ghostInSnapshot: true,
      truncatedFill: true,
      backfilledFill: true,
    });
    expect(fx.options.seed).toBe(fx.seed);
    // Found within a few seeds: the run shapes do not depend on luck.
    expect(fx.seed - MULTI_RUN_FIXTURE_DEFAULTS.seed).toBeLessThan(30);
  });

  it('holds the run shapes for any seed; an explicit seed is used as given', () => {
    for (const seed of [2, 3, 4]) {
      const other = multiRunFixture({ seed, env: 'prod', markets: 7, days: 2 });
      expect(other.seed).toBe(seed);
      const s = other.summary.shapes;
      expect([
        s.flatStart,
        s.startupCancels,
        s.batchRun,
        s.shortRun,
        s.severalRunsADay,
        s.disabledCancel,
        s.notFound,
      ]).toEqual(Array(7).fill(true));
    }
  });

  it('summarises the runs as the items show them', () => {
    const { runs } = fx.summary;
    expect(new Set(runs.map((r) => r.mode))).toEqual(new Set(['per_market', 'batch']));
    expect(runs[runs.length - 1]?.endMs).toBeNull();
    const startupIds = new Set(
      fx.items.dora_decision_log
        .filter((d) => d.reason === 'startup_cancel')
        .map((d) => String(d.decision_id)),
    );
    for (const r of runs) {
      expect(r.runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
      expect(r.startupRecord).toBe(r.startupDecisionId !== null);
      expect(r.startupRecord).toBe(r.startupOrders > 0);
      if (r.startupDecisionId) expect(startupIds.has(r.startupDecisionId)).toBe(true);
      expect(r.decisions).toBeGreaterThan(0);
    }
    expect(runs.filter((r) => r.inExecutionWindow).length).toBeGreaterThanOrEqual(4);
    for (const d of fx.summary.disabledCancels) {
      expect(fx.items.dora_market_config.find((c) => c.market_id === d.ticker)?.enabled).toBe(false);
      expect(d.decisionId).toMatch(new RegExp(`^${d.runId}:startup_cancel:\\d{8}-\\d{6}$`));
      expect(d.orderIds.length).toBeGreaterThan(0);
    }
    const errors = fx.items.dora_state.find((s) => s.key === 'api_errors')?.errors as Record<string, unknown>;
    expect(errors[fx.summary.notFoundTicker ?? '']).toBeDefined();
    const listed = Object.keys(
      fx.items.dora_state.find((s) => s.key === 'open_orders')?.orders as Record<string, unknown>,
    );
    for (const id of fx.summary.ghostOrderIds) expect(listed).toContain(id);
  });

  it('is small and quick to generate', () => {
    const total = Object.values(fx.stats.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(20_000);
    // The seed search included; a second call is served from the cache.
    expect(generateMs).toBeLessThan(15_000);
    const t = performance.now();
    expect(multiRunFixture()).toBe(fx);
    expect(performance.now() - t).toBeLessThan(50);
  });

  describe('written into the embedded store', () => {
    let db: LocalDynamo;
    beforeAll(async () => {
      db = await startLocalDynamo();
      await createBotTables(db.client, fx.env);
    });
    afterAll(async () => {
      await db.close();
    });

    it('takes seconds, and every item reads back', async () => {
      const doc = createWriterClient({ endpoint: db.endpoint });
      const t = performance.now();
      await writeItems(doc, fx.env, fx.items);
      const seconds = (performance.now() - t) / 1000;
      console.log(
        `[multi-run fixture] ${JSON.stringify(fx.stats.counts)} written in ${seconds.toFixed(1)} s`,
      );
      expect(seconds).toBeLessThan(30);
      for (const base of TABLE_BASES) {
        let count = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const page = await doc.send(
            new ScanCommand({
              TableName: tableName(base, fx.env),
              Select: 'COUNT',
              ExclusiveStartKey: start,
            }),
          );
          count += page.Count ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
        expect(count, base).toBe(fx.items[base].length);
      }
      doc.destroy();
    }, 60_000);
  });
});
