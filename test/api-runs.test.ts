// GET /api/v1/markets/:id/runs: the runs seen for a market over a range, with their versions, and the
// restarts and version changes that the deep dive's charts mark — against a real embedded DynamoDB
// holding the hand-worked dataset plus three older runs written here, every answer worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { decisionItem, NOW, putAll, RUN, writeHandWorkedDataset } from './helpers/fixtures.js';
import { toNaiveIso, utcDate } from '../src/core/time.js';

// NOW is 2026-01-05 12:00 UTC; the dataset's run RUN began at 10:00:00 and wrote 'ed4a2b3'.
const at = (h: number, m = 0, s = 0) => Date.UTC(2026, 0, 5, h, m, s);
const R1 = '20260105-020000-000001';
const R2 = '20260105-060000-000002';
// R3 wrote no decision of KX-A (the market was off then): only its startup "ALL" record shows it.
const R3 = '20260105-080000-000003';

function ofRun(run: string, version: string, item: Record<string, unknown>) {
  const loop = String(item['decision_id']).split(':')[2];
  return { ...item, bot_run_id: run, bot_version: version, decision_id: `${run}:KX-A:${loop}` };
}

let store: TestStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  await putAll(store.writer, 'dora_decision_log_demo', [
    ofRun(R1, '1.4.1', decisionItem({ ms: at(2, 0, 30), market: 'KX-A', loop: 0, bid: 0.4, ask: 0.5 })),
    ofRun(R2, '1.4.1', decisionItem({ ms: at(6, 0, 30), market: 'KX-A', loop: 0, bid: 0.4, ask: 0.5 })),
    {
      date: utcDate(at(8, 0, 5)),
      timestamp: toNaiveIso(at(8, 0, 5), 7),
      market_id: 'ALL',
      decision_id: `${R3}:startup_cancel:20260105-080005`,
      bot_run_id: R3,
      bot_version: '1.4.2',
      reason: 'startup_cancel',
      open_orders_count: 2,
      target_quotes: [],
      num_targets: 0,
    },
  ]);
  app = await testApp(store.reader, () => NOW);
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
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('GET /api/v1/markets/:id/runs', () => {
  it('lists the runs back to the one in force at the range start, and the restarts in the range', async () => {
    const { status, body } = await get(`/api/v1/markets/KX-A/runs?from=${iso(at(4))}&to=${iso(NOW)}`);
    expect(status).toBe(200);
    // The walk: RUN (newest decision) → R2 (newest KX-A decision before 10:00) → R1, which began
    // before 04:00; R3 from its "ALL" record in the range.
    expect(body.runs).toEqual([
      { runId: R1, start: '2026-01-05T02:00:00.000Z', version: '1.4.1' },
      { runId: R2, start: '2026-01-05T06:00:00.000Z', version: '1.4.1' },
      { runId: R3, start: '2026-01-05T08:00:00.000Z', version: '1.4.2' },
      { runId: RUN, start: '2026-01-05T10:00:00.000Z', version: 'ed4a2b3' },
    ]);
    // R1 began before the range: no marker. R2 restarted on the same version; R3 and RUN changed it.
    expect(body.starts).toEqual([
      {
        runId: R2,
        start: '2026-01-05T06:00:00.000Z',
        version: '1.4.1',
        previousRunId: R1,
        previousVersion: '1.4.1',
        versionChanged: false,
      },
      {
        runId: R3,
        start: '2026-01-05T08:00:00.000Z',
        version: '1.4.2',
        previousRunId: R2,
        previousVersion: '1.4.1',
        versionChanged: true,
      },
      {
        runId: RUN,
        start: '2026-01-05T10:00:00.000Z',
        version: 'ed4a2b3',
        previousRunId: R3,
        previousVersion: '1.4.2',
        versionChanged: true,
      },
    ]);
  });

  it('keeps each run’s version when the walk’s steps come from the memo (no item read)', async () => {
    // A different range end: a new answer, but the steps RUN → R2 → R1 are remembered.
    const { body } = await get(`/api/v1/markets/KX-A/runs?from=${iso(at(4))}&to=${iso(NOW - 1_000)}`);
    expect(body.runs.map((r: { version: string }) => r.version)).toEqual([
      '1.4.1',
      '1.4.1',
      '1.4.2',
      'ed4a2b3',
    ]);
    expect(body.starts.map((s: { versionChanged: boolean }) => s.versionChanged)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('a range inside one run has no start; one holding only R3 compares it with R2', async () => {
    // From 11:30: RUN's decisions (11:59) are the newest, and RUN began before the range.
    const quiet = await get(`/api/v1/markets/KX-A/runs?from=${iso(at(11, 30))}&to=${iso(NOW)}`);
    expect(quiet.body.runs.map((r: { runId: string }) => r.runId)).toEqual([RUN]);
    expect(quiet.body.starts).toEqual([]);
    const { body } = await get(`/api/v1/markets/KX-A/runs?from=${iso(at(7))}&to=${iso(at(9))}`);
    expect(body.runs.map((r: { runId: string }) => r.runId)).toEqual([R2, R3]);
    expect(body.starts).toMatchObject([{ runId: R3, previousRunId: R2, versionChanged: true }]);
  });

  it('refuses what it cannot answer: an unknown market, a bad range', async () => {
    expect((await get('/api/v1/markets/KX-NOPE/runs')).status).toBe(404);
    expect((await get('/api/v1/markets/KX-A/runs?days=0')).status).toBe(400);
    const csv = await get(`/api/v1/markets/KX-A/runs?from=${iso(at(4))}&to=${iso(NOW)}&format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body).trim().split('\n')).toHaveLength(4);
  });
});
