// The HTTP API against a real embedded DynamoDB holding a hand-worked dataset: every figure checked
// against arithmetic written out here, plus validation, 404s, CSV, cache and its DynamoDB cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTION_EXPORT_COLUMNS, MARKET_FILL_EXPORT_COLUMNS } from '../src/server/json.js';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, RUN, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
let app: FastifyInstance;
let now = NOW;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  app = await testApp(store.reader, () => now);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return {
    status: res.statusCode,
    body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body,
    headers: res.headers,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are checked field by field
type Json = any;

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 10);

describe('GET /api/v1/overview on the hand-worked dataset', () => {
  it('computes every headline figure as worked out by hand', async () => {
    const { status, body } = await get('/api/v1/overview?days=7');
    expect(status).toBe(200);
    // KX-A: buy 10 @ 0.40, fee 0.042 → realized −0.042; sell 4 @ 0.50, fee 0.0175 →
    //   −0.0175 + 4·(0.50 − 0.40) = +0.3825; total 0.3405. The duplicate f1 counts once.
    // KX-C: sell 5 @ 0.30, no stored fee → fee(0.30, 5) = 0.0175·5·0.3·0.7 = 0.018375 → −0.018375.
    close(body.pnl.realizedTotal, 0.3405 - 0.018375);
    close(body.pnl.botRealizedTotal, 0.3405 - 0.018375);
    // Today (UTC 2026-01-05) holds only the KX-A sell: +0.3825, fee 0.0175.
    close(body.pnl.todayRealized, 0.3825);
    close(body.pnl.feesToday, 0.0175);
    expect(body.pnl.daily).toHaveLength(7);
    expect(body.pnl.daily.at(-1).date).toBe('2026-01-05');
    close(body.pnl.daily.at(-1).cumulative, 0.322125);
    // Unrealized worst: KX-A long 6 @ 0.40 vs best bid 0.45: 0.05·6 − fee(0.45, 6) = 0.3 − 0.0259875 = 0.2740125.
    //   KX-C short 5 @ 0.30, no decision ⇒ no ask: (0.30 − 1)·5 = −3.5.
    close(body.pnl.unrealizedWorst, 0.2740125 - 3.5);
    // Best: KX-A our ask 0.47 ≤ best ask 0.48 is active: 0.07·6 − fee(0.47, 6) = 0.42 − 0.0261555 = 0.3938445.
    //   KX-C has no bid of ours ⇒ falls back to worst, −3.5.
    close(body.pnl.unrealizedBest, 0.3938445 - 3.5);
    // Exposure: |6| + |−5| = 11; enabled markets only: 6.
    expect(body.exposure.total).toBe(11);
    expect(body.exposure.enabled).toBe(6);
    // Capital at risk: long 6·0.40 = 2.4; short 5·(1 − 0.30) = 3.5.
    close(body.exposure.capitalAtRisk, 5.9);
    expect(body.orders).toMatchObject({ activeAsks: 1, activeAskContracts: 6, activeBids: 0 });
    expect(body.bot).toMatchObject({ heartbeat: 'alive', runId: RUN });
    expect(body.recent.fill.fillId).toBe('f2');
    // KX-B's decision (now − 19 s) is newer than KX-A's (now − 20 s).
    expect(body.recent.decision.decisionId).toBe(`${RUN}:KX-B:11`);
  });

  it('makes headline = Σ rows = TOTAL row', async () => {
    const { body } = await get('/api/v1/overview');
    const sum = (k: string) =>
      body.markets.reduce((a: number, r: Record<string, number>) => a + (r[k] ?? 0), 0);
    close(body.totals.unrealizedWorst, sum('unrealizedWorst'));
    close(body.pnl.unrealizedWorst, body.totals.unrealizedWorst);
    close(body.pnl.unrealizedBest, body.totals.unrealizedBest);
    expect(body.markets.map((m: { marketId: string }) => m.marketId).sort()).toEqual([
      'KX-A',
      'KX-B',
      'KX-C',
    ]);
  });

  it('reports a missing live bid as a mismatch, because the open-orders snapshot is newer than the decision', async () => {
    const { body } = await get('/api/v1/overview');
    const a = body.markets.find((m: { marketId: string }) => m.marketId === 'KX-A');
    expect(a.mismatch).toMatchObject({ bid: 'missing', ask: 'ok', any: true });
    // Spread 0.48 − 0.45 = 0.03 is below the market's min_spread 0.04.
    close(a.spread, 0.03);
    expect(a.spreadHealth).toBe('below');
  });

  it('buckets days in the requested time zone', async () => {
    const { body } = await get('/api/v1/overview?days=3&tz=Asia/Tokyo');
    // 2026-01-05 09:00Z is 18:00 in Tokyo, the same day; 2026-01-04 10:00Z is 19:00 Tokyo on 01-04.
    expect(body.pnl.daily.map((d: { date: string }) => d.date)).toEqual([
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
    ]);
    close(body.pnl.daily[1].realized, -0.042);
  });

  it('carries meta with the DynamoDB cost; a warm request costs nothing', async () => {
    now += 60_000; // past every TTL
    const cold = await get('/api/v1/overview?days=30&tz=UTC');
    expect(cold.body.meta.cache).toBe('miss');
    expect(cold.body.meta.dynamo.requests).toBeGreaterThan(0);
    expect(cold.body.meta.dynamo.requests).toBeLessThanOrEqual(3 + 40);
    const warm = await get('/api/v1/overview?days=30&tz=UTC');
    expect(warm.body.meta.cache).toBe('hit');
    expect(warm.body.meta.dynamo.requests).toBe(0);
    expect(Array.isArray(warm.body.warnings)).toBe(true);
  });

  it('single-flight: 100 concurrent identical requests cause one set of DynamoDB reads', async () => {
    now += 60_000;
    const { onRequest } = await import('../src/store/stats.js');
    let requests = 0;
    const stop = onRequest(() => requests++);
    const all = await Promise.all(Array.from({ length: 100 }, () => get('/api/v1/overview?days=14')));
    stop();
    expect(all.every((r) => r.status === 200)).toBe(true);
    // One overview load reads: configs, state, fills, one GSI query per market (3) and "ALL": well under 20.
    expect(requests).toBeLessThan(20);
  });

  it('exports the markets table as RFC 4180 CSV with a filename', async () => {
    const res = await get('/api/v1/overview?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="overview-markets-demo.csv"');
    const lines = (res.body as string).split('\r\n');
    expect(lines[0]).toContain('marketId');
    expect(lines).toHaveLength(3 + 2); // header, 3 rows, final empty string
  });
});

describe('parameters', () => {
  it.each([
    ['/api/v1/overview?env=staging', 'env'],
    ['/api/v1/overview?days=0', 'days'],
    ['/api/v1/overview?days=366', 'days'],
    ['/api/v1/overview?days=abc', 'days'],
    ['/api/v1/overview?tz=Mars/Phobos', 'tz'],
    ['/api/v1/overview?format=xml', 'format'],
    ['/api/v1/overview?env=demo&env=prod', 'env'],
    ['/api/v1/markets/KX-A/decisions?limit=0', 'limit'],
    ['/api/v1/markets/KX-A/decisions?limit=-5', 'limit'],
    ['/api/v1/markets/KX-A/decisions?from=2026-01-05&to=2026-01-01', 'from'],
    ['/api/v1/markets/KX-A/decisions?from=yesterday', 'from'],
    ['/api/v1/markets/KX-A/decisions?cursor=Zm9yZ2Vk', 'cursor'],
    ['/api/v1/stale?hours=0', 'hours'],
    ['/api/v1/decisions/not-an-id', 'decisionId'],
  ])('%s → 400 naming %s', async (url, param) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_parameter');
    expect(body.error.param).toBe(param);
    expect(body.error.message).toContain(param);
  });

  it.each([
    '/api/v1/markets/KX-NOPE',
    '/api/v1/markets/KX-NOPE/decisions',
    '/api/v1/markets/KX-NOPE/fills',
    `/api/v1/decisions/${RUN}:KX-A:999`,
    '/api/v1/no-such-route',
  ])('%s → 404', async (url) => {
    const { status, body } = await get(url);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('market endpoints', () => {
  it('GET /markets lists configs with the API names', async () => {
    const { body } = await get('/api/v1/markets');
    expect(body.items.find((m: { marketId: string }) => m.marketId === 'KX-C')).toMatchObject({
      enabled: false,
      eventTicker: 'EV-2',
      maxInventoryYes: 10,
      minSpread: 0.05,
    });
  });

  it('GET /markets/:id gives config, position, newest decision, book and our orders', async () => {
    const { status, body } = await get('/api/v1/markets/KX-A');
    expect(status).toBe(200);
    expect(body.config.marketId).toBe('KX-A');
    expect(body.position.netPosition).toBe(6);
    expect(body.latestDecision.decisionId).toBe(`${RUN}:KX-A:11`);
    expect(body.book.bestBid).toBe(0.45);
    expect(body.ourOrders).toHaveLength(1);
  });

  it('GET /markets/:id/fills gives each fill its realized change and the decision in force', async () => {
    const { body } = await get('/api/v1/markets/KX-A/fills?from=2026-01-01&to=2026-01-05');
    expect(body.items.map((f: { fillId: string }) => f.fillId)).toEqual(['f2', 'f1']);
    close(body.items[0].realizedChange, 0.3825);
    close(body.items[1].realizedChange, -0.042);
    // Both fills precede every decision of the fixture: no context, stated as null.
    expect(body.items[0].decisionContext).toBeNull();
  });

  it('GET /markets/:id/decisions pages newest first', async () => {
    const { body } = await get('/api/v1/markets/KX-A/decisions?limit=1');
    expect(body.items[0].decisionId).toBe(`${RUN}:KX-A:11`);
    const next = await get(`/api/v1/markets/KX-A/decisions?limit=1&cursor=${body.nextCursor}`);
    expect(next.body.items[0].decisionId).toBe(`${RUN}:KX-A:10`);
    expect(next.body.nextCursor).toBeNull();
  });

  it('GET /decisions/:id returns the chain: decision, its executions, the fills it was in force for', async () => {
    const { status, body } = await get(`/api/v1/decisions/${RUN}:KX-A:11`);
    expect(status).toBe(200);
    expect(body.executions.map((e: { eventType: string }) => e.eventType)).toEqual([
      'ORDER_PLACE',
      'ORDER_RESULT',
    ]);
    expect(body.fills).toEqual([]);
  });

  it('GET /markets/:id/executions and /analytics read the run’s events, never a Scan', async () => {
    const ex = await get('/api/v1/markets/KX-A/executions');
    expect(ex.body.items).toHaveLength(2);
    const an = await get('/api/v1/markets/KX-A/analytics');
    expect(an.body.latency.all).toMatchObject({ count: 1, mean: 200, p50: 200, max: 200 });
    expect(an.body.outcomes.counts.ACCEPTED).toBe(1);
  });

  it('GET /markets/:id/series samples the decision in force at evenly spaced times', async () => {
    const from = new Date(NOW - 90_000).toISOString();
    const to = new Date(NOW).toISOString();
    const { body } = await get(`/api/v1/markets/KX-A/series?from=${from}&to=${to}&points=4`);
    // Samples at now−90 s (before any decision), now−60 s (loop 10, stamped 250 µs into that very
    // millisecond: times are compared at millisecond precision, so it counts), now−30 s (loop 10)
    // and now (loop 11, at now−20 s).
    expect(body.items.map((p: { decisionId: string | null }) => p.decisionId)).toEqual([
      null,
      `${RUN}:KX-A:10`,
      `${RUN}:KX-A:10`,
      `${RUN}:KX-A:11`,
    ]);
    expect(body.items[3]).toMatchObject({
      bestBid: 0.45,
      bestAsk: 0.48,
      targetBid: 0.44,
      targetAsk: 0.47,
      inventory: 6,
    });
    expect((await get('/api/v1/markets/KX-A/series?points=5000')).status).toBe(400);
  });

  it('GET /reconciliation gives chains, P&L sources with explanations, and drift', async () => {
    const from = new Date(NOW - 3 * 86_400_000).toISOString();
    const { status, body } = await get(
      `/api/v1/reconciliation?market=KX-A&from=${from}&to=${new Date(NOW).toISOString()}`,
    );
    expect(status).toBe(200);
    // Loop 11 placed ask o9 (ACCEPTED, live now): a whole chain. The fills f1, f2 were of orders no
    // decision in the range placed (o1, o2): orphan fills.
    const c11 = body.chains.items.find(
      (c: { decision: { decisionId: string } }) => c.decision.decisionId === `${RUN}:KX-A:11`,
    );
    expect(c11.problems).toEqual([]);
    expect(c11.orders[0]).toMatchObject({ orderId: 'o9', status: 'ACCEPTED', live: true, latencyMs: 200 });
    expect(body.chains.orphanFills.map((f: { fillId: string }) => f.fillId).sort()).toEqual(['f1', 'f2']);
    const a = body.pnlSources.find((r: { marketId: string }) => r.marketId === 'KX-A');
    close(a.replayed, 0.3405);
    close(a.botRealized, 0.3405);
    expect(a.storedPnlRealizedSum).toBe(0); // the fixture stores pnl_realized 0 on every fill
    expect(a.explanations.join(' ')).toContain('Σ pnl_realized differs');
    expect(body.drift).toEqual([]);
    const csv = await get('/api/v1/reconciliation?format=csv');
    expect(String(csv.body).split('\r\n')[0]).toContain('replayedFormulaFees');
  });

  it('GET /compare gives per-market stats and overlay series for the range', async () => {
    const { status, body } = await get('/api/v1/compare?markets=KX-A,KX-C&from=2026-01-04&to=2026-01-05');
    expect(status).toBe(200);
    const a = body.items.find((r: { marketId: string }) => r.marketId === 'KX-A');
    // In range (01-04 00:00 → 01-05 23:59:59.999): f1 (−0.042) and f2 (+0.3825): 2 fills, 14 contracts,
    // volume 10·0.40 + 4·0.50 = 6.00, fees 0.042 + 0.0175, net 6 at the end.
    expect(a).toMatchObject({ fills: 2, contracts: 14, netAtEnd: 6 });
    close(a.realized, 0.3405);
    close(a.volumeUsd, 6);
    close(a.feesUsd, 0.0595);
    expect(a.fillRatePerDay).toBeCloseTo(1, 6); // 2 fills over 2 days less 1 ms
    const c = body.items.find((r: { marketId: string }) => r.marketId === 'KX-C');
    expect(c).toMatchObject({ fills: 0, netAtEnd: -5, realized: 0 });
    expect(body.series[0].points.at(-1).net).toBe(6);
    expect((await get('/api/v1/compare')).status).toBe(400);
    expect((await get('/api/v1/compare?markets=KX-A,KX-NOPE')).status).toBe(404);
  });

  it('GET /stale lists positions with no fill for H hours', async () => {
    const { body } = await get('/api/v1/stale?hours=48');
    // KX-C last filled 2026-01-01 15:00Z (> 48 h before now); KX-A filled today.
    expect(body.items.map((i: { marketId: string }) => i.marketId)).toEqual(['KX-C']);
    expect(body.totals).toMatchObject({ count: 1, exposure: 5 });
  });
});

describe('GET /metrics', () => {
  it('exposes Prometheus text with route, DynamoDB, cache and SSE figures', async () => {
    await get('/api/v1/overview');
    const res = await app.inject('/metrics');
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/dora_http_requests_total\{method="GET",route="\/api\/v1\/overview"\} \d+/);
    expect(res.body).toMatch(/dora_dynamodb_requests_total\{table="dora_trade_log_demo"\} \d+/);
    expect(res.body).toMatch(/dora_cache_responses_total\{cache="hit"\} \d+/);
    expect(res.body).toContain('dora_sse_clients 0');
  });
});

describe('format=xlsx', () => {
  it('downloads a list as an Excel workbook', async () => {
    const res = await app.inject('/api/v1/overview?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="overview-markets-demo.xlsx"');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('executions cursor', () => {
  it('carries its range, so pages do not shift as new events arrive', async () => {
    const first = (await get('/api/v1/markets/KX-A/executions?limit=1&days=3')).body;
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toMatch(/^o1\.\d+\.\d+$/);
    now += 5_000; // "now" moves on; the cursor keeps the first page's range
    const second = (await get(`/api/v1/markets/KX-A/executions?limit=1&days=3&cursor=${first.nextCursor}`))
      .body;
    expect(second.items).toHaveLength(1);
    expect(Date.parse(second.items[0].time)).toBeLessThanOrEqual(Date.parse(first.items[0].time));
    expect(second.nextCursor).toBeNull();
    expect((await get('/api/v1/markets/KX-A/executions?cursor=o1')).status).toBe(400);
  });
});

describe('every list endpoint exports', () => {
  it.each(['/api/v1/markets', '/api/v1/risk', '/api/v1/stale', '/api/v1/alerts', '/api/v1/reconciliation'])(
    '%s as CSV and Excel, and refuses a bad format',
    async (url) => {
      const csv = await app.inject(`${url}?format=csv`);
      expect(csv.headers['content-type']).toContain('text/csv');
      const xlsx = await app.inject(`${url}?format=xlsx`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((await app.inject(`${url}?format=bogus`)).statusCode).toBe(400);
    },
  );

  it.each([
    [
      'fills',
      MARKET_FILL_EXPORT_COLUMNS,
      // `markouts` becomes a column per horizon (markout5s … markout1d).
      (r: Record<string, unknown>) => [
        ...Object.keys(r)
          .filter((k) => k !== 'decisionContext')
          .flatMap((k) => (k === 'markouts' ? Object.keys(r[k] as object).map((h) => `markout${h}`) : [k])),
        'decisionId',
      ],
    ],
    ['executions', EXECUTION_EXPORT_COLUMNS, (r: Record<string, unknown>) => Object.keys(r)],
  ] as const)(
    '%s: the CSV header is the JSON row’s fields, and an export with no rows still has it',
    async (list, columns, fieldsOf) => {
      const json = (await app.inject(`/api/v1/markets/KX-A/${list}?days=30`)).json();
      expect(json.items.length).toBeGreaterThan(0);
      expect(fieldsOf(json.items[0])).toEqual([...columns]);
      const full = (await app.inject(`/api/v1/markets/KX-A/${list}?days=30&format=csv`)).body.split('\r\n');
      expect(full[0]).toBe(columns.join(','));
      // A range long before any data: no rows, the header alone.
      const empty = await app.inject(
        `/api/v1/markets/KX-A/${list}?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&format=csv`,
      );
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toBe(`${columns.join(',')}\r\n`);
    },
  );
});

describe('list exports keep their header when the list is empty', () => {
  // [list with rows, the same list empty, where the rows are in the JSON]. The prod tables of the
  // test store are empty; a 365-day stale window holds no market of the hand-worked dataset.
  it.each([
    ['/api/v1/markets', '/api/v1/markets?env=prod', (j: Json) => j.items],
    ['/api/v1/overview', '/api/v1/overview?env=prod', (j: Json) => j.markets],
    ['/api/v1/stale?hours=1', '/api/v1/stale?hours=8760', (j: Json) => j.items],
    ['/api/v1/risk', '/api/v1/risk?env=prod', (j: Json) => j.markets],
    ['/api/v1/alerts', null, (j: Json) => [...j.active, ...j.resolved]],
    ['/api/v1/compare?markets=KX-A,KX-B&days=30', null, (j: Json) => j.items],
  ] as const)(
    '%s: the header is the JSON rows’ fields in order, with rows or without',
    async (full, empty, rowsOf) => {
      const csvOf = async (url: string) =>
        (await app.inject(`${url}${url.includes('?') ? '&' : '?'}format=csv`)).body;
      const rows = rowsOf((await get(full)).body) as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      const header = (await csvOf(full)).split('\r\n')[0];
      expect(header).toBe(fields.join(','));
      if (empty) {
        expect(rowsOf((await get(empty)).body)).toHaveLength(0);
        expect(await csvOf(empty)).toBe(`${header}\r\n`);
      }
    },
  );
});
