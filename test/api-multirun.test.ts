// Issue 15's "done when", through the HTTP API on both DynamoDB backends, on a history the simulator
// writes in the real bot's run shapes (flat starts with no ALL record, startup cancels of a disabled
// market, a batch run, several runs a day, a 404 market): for every market and many ranges the
// served execution count, latency and outcome figures equal a direct count of the items written;
// every decision id in the execution log opens its decision; batch-run decisions are never broken
// chains; the TOTAL row equals the headline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { writeItems } from '../src/sim/index.js';
import { multiRunFixture, type MultiRunFixture } from '../src/sim/testing/multi-run-fixture.js';
import { buildMarketAnalytics } from '../src/core/index.js';
import { decodeAll } from '../src/store/decode/decode-item.js';
import { decodeExecutionEvent } from '../src/store/decode/execution.js';
import type { ExecutionEvent } from '../src/core/types.js';
import { BACKENDS, startTestStore, type TestStore } from './helpers/store.js';

const fx: MultiRunFixture = multiRunFixture();
const NOW = fx.nowMs;
const HOUR = 3_600_000;
const events: ExecutionEvent[] = decodeAll(fx.items.dora_execution_log, (r) =>
  decodeExecutionEvent(r),
).values;
const markets = [...new Set(events.map((e) => e.market))].sort();

function direct(market: string, fromMs: number, toMs: number): ExecutionEvent[] {
  return events.filter((e) => e.market === market && e.timeMs >= fromMs && e.timeMs <= toMs);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Ranges of every shape: the whole window, each run alone, runs' joins, an hour, a minute. */
function ranges(): [number, number][] {
  const from = fx.summary.executionFromMs;
  const out: [number, number][] = [[from, NOW]];
  for (const r of fx.summary.runs.filter((x) => x.inExecutionWindow)) {
    const end = r.endMs ?? NOW;
    out.push([r.startMs, end]);
    out.push([r.startMs + (end - r.startMs) / 3, end + 10 * 60_000]);
    out.push([Math.max(from, r.startMs - 30 * 60_000), r.startMs + 60_000]);
  }
  out.push([NOW - HOUR, NOW], [NOW - 20 * HOUR, NOW - 19 * HOUR]);
  return out.map(([a, b]) => [Math.floor(a), Math.min(NOW, Math.floor(b))]);
}

describe.each(BACKENDS)('API on the multi-run fixture on %s', (backend) => {
  let store: TestStore;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const res = await app.inject(url);
    return { status: res.statusCode, body: res.statusCode === 200 ? res.json() : res.body };
  };

  beforeAll(async () => {
    store = await startTestStore(backend);
    await writeItems(store.writer, 'demo', fx.items);
    app = await testApp(store.reader, () => NOW);
  }, 240_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('the fixture holds every run shape the bot writes', () => {
    expect(fx.summary.shapes).toMatchObject({
      flatStart: true,
      startupCancels: true,
      batchRun: true,
      shortRun: true,
      severalRunsADay: true,
      disabledCancel: true,
      notFound: true,
    });
    expect(markets.length).toBeGreaterThan(3);
  });

  it('served executions equal a direct count of the store, every market, every range', async () => {
    let compared = 0;
    for (const market of markets) {
      for (const [from, to] of ranges()) {
        const { status, body } = await get(
          `/api/v1/markets/${encodeURIComponent(market)}/executions?from=${iso(from)}&to=${iso(to)}&limit=1`,
        );
        expect(status, `${market} ${iso(from)}..${iso(to)}`).toBe(200);
        expect(body.total, `${market} ${iso(from)}..${iso(to)}`).toBe(direct(market, from, to).length);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('latency and outcome figures equal core applied to the items written, every market', async () => {
    const from = fx.summary.executionFromMs;
    for (const market of markets) {
      const { status, body } = await get(
        `/api/v1/markets/${encodeURIComponent(market)}/analytics?from=${iso(from)}&to=${iso(NOW)}`,
      );
      expect(status).toBe(200);
      const want = JSON.parse(JSON.stringify(buildMarketAnalytics(direct(market, from, NOW), from, NOW)));
      expect(body.eventCount, market).toBe(want.eventCount);
      expect(body.latency, market).toEqual(want.latency);
      expect(body.outcomes, market).toEqual(want.outcomes);
    }
  });

  it('the disabled market’s orders cancelled at a later startup are served under the system id', async () => {
    for (const c of fx.summary.disabledCancels) {
      const { body } = await get(
        `/api/v1/markets/${encodeURIComponent(c.ticker)}/executions?from=${iso(fx.summary.executionFromMs)}&to=${iso(NOW)}&limit=1000`,
      );
      const mine = body.items.filter((e: { decisionId: string }) => e.decisionId === c.decisionId);
      expect(mine.length).toBe(c.orderIds.length * 2);
      expect(mine.every((e: { systemReason: string }) => e.systemReason === 'startup_cancel')).toBe(true);
    }
  });

  it('every decision id of the execution log opens its decision', async () => {
    const ids = [...new Set(events.map((e) => e.decisionId))];
    const system = ids.filter((id) => /:(startup_cancel|halt_cancel|fatal_cleanup_cancel):/.test(id));
    expect(system.length).toBeGreaterThan(0);
    // Every system id, and market ids spread over every run.
    const byRun = new Map<string, string[]>();
    for (const id of ids)
      if (!system.includes(id))
        byRun.set(id.split(':')[0] as string, [...(byRun.get(id.split(':')[0] as string) ?? []), id]);
    const sample = [
      ...system,
      ...[...byRun.values()].flatMap((list) => list.filter((_, i) => i % Math.ceil(list.length / 8) === 0)),
    ];
    for (const id of sample) {
      const { status, body } = await get(`/api/v1/decisions/${encodeURIComponent(id)}`);
      expect(status, id).toBe(200);
      expect(body.decision.decisionId, id).toBe(id);
      if (system.includes(id)) expect(body.decision.marketId).toBe('ALL');
    }
  });

  it('batch-run decisions are never broken chains; per-market runs are still judged', async () => {
    const batch = new Set(fx.summary.runs.filter((r) => r.mode === 'batch').map((r) => r.runId));
    expect(batch.size).toBeGreaterThan(0);
    const from = fx.summary.executionFromMs;
    let judged = 0;
    for (const market of markets) {
      const { status, body } = await get(
        `/api/v1/reconciliation?market=${encodeURIComponent(market)}&from=${iso(from)}&to=${iso(NOW)}`,
      );
      expect(status).toBe(200);
      for (const run of body.chains.batchRuns) expect(batch.has(run), run).toBe(true);
      for (const c of body.chains.items) {
        if (batch.has(c.decision.botRunId)) expect(c.problems, c.decision.decisionId).toEqual([]);
        else judged++;
      }
    }
    expect(judged).toBeGreaterThan(0);
  });

  it('the TOTAL row equals the headline: rows + other markets', async () => {
    const { body } = await get('/api/v1/overview?days=30');
    const rows = body.markets as { realizedPnl: number; unrealizedWorst: number; pnl24h: number }[];
    const sum = (k: 'realizedPnl' | 'unrealizedWorst' | 'pnl24h') => rows.reduce((s, r) => s + r[k], 0);
    expect(
      Math.abs(sum('realizedPnl') + body.totals.otherMarkets.realizedPnl - body.pnl.realizedTotal),
    ).toBeLessThan(1e-9);
    expect(Math.abs(body.totals.realizedPnl - body.pnl.realizedTotal)).toBeLessThan(1e-9);
    expect(Math.abs(body.totals.unrealizedWorst - body.pnl.unrealizedWorst)).toBeLessThan(1e-9);
  });
});
