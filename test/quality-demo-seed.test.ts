// Issue 19: on the embedded demo's default seed (25 markets × 30 days, as `npm start` writes it),
// the Quality page's default request, /api/v1/quality?days=7, marks every held market the bot
// still decides for at both ends of the range, so the `all` attribution total is a known sum over
// them. The simulator's history is sampled, but densely around now − 7 d (src/sim/mark-windows.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { QualityResponse } from '../src/api/types.js';
import { generateHistory, writeItems } from '../src/sim/index.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { testApp } from './helpers/test-app.js';

const NOW_MS = Date.UTC(2026, 10, 20, 15, 30);
let store: TestStore;
let app: FastifyInstance;
let nowMs: number;
let deciding: Set<string>;

beforeAll(async () => {
  store = await startTestStore();
  const history = generateHistory({ seed: 42, env: 'demo', nowMs: NOW_MS });
  await writeItems(store.writer, 'demo', history.items);
  // The dashboard's clock just after the history's last loop: under `npm start` the live simulator
  // decides every ~5 s from there on, so the range end is marked as it would be there.
  const decisionMs = history.items.dora_decision_log
    .filter((d) => d['market_id'] !== 'ALL')
    .map((d) => ({
      market: String(d['market_id']),
      ms: Date.parse(`${String(d['timestamp']).slice(0, 23)}Z`),
    }));
  nowMs = decisionMs.reduce((max, d) => Math.max(max, d.ms), 0) + 1000;
  // The markets the bot decides for at "now" (not disabled, not settled: a settled market 404s).
  deciding = new Set(decisionMs.filter((d) => d.ms > nowMs - 60_000).map((d) => d.market));
  // The answer waits for the whole load: a loaded test machine is slower than the default deadline.
  app = await testApp(store.reader, () => nowMs, { deadlineMs: 110_000 });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('the demo seed’s 7-day quality (issue 19)', () => {
  it('has a known attribution total for every market the bot decides for, and for all of them', async () => {
    const started = performance.now();
    const res = await app.inject('/api/v1/quality?env=demo&days=7');
    const seconds = (performance.now() - started) / 1000;
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const body = res.json<QualityResponse>();
    const a = body.all.attribution;
    console.log(
      `[quality 7d all] ${seconds.toFixed(1)} s ${JSON.stringify({ ...a, unknownMarkets: body.all.unknownMarkets, truncated: body.all.quotes.truncated })}`,
    );
    expect(a.total).toEqual(expect.any(Number));
    expect(a.inventory).toEqual(expect.any(Number));
    // Total = spread capture + inventory − fees, to the cent.
    expect(Math.round(((a.spreadCapture ?? 0) + (a.inventory ?? 0) - (a.fees ?? 0)) * 100)).toBe(
      Math.round((a.total ?? 0) * 100),
    );
    // Only markets the bot no longer decides for (disabled by the manager, settled, or never
    // configured: manual fills) hold an unmarkable position; every other market is marked.
    for (const m of body.all.unknownMarkets) expect(deciding.has(m), m).toBe(false);
    const known = body.markets.filter((m) => m.attribution.total !== null);
    expect(known.length).toBeGreaterThanOrEqual(15);
    expect(deciding.size).toBeGreaterThanOrEqual(15);
    for (const m of body.markets.filter((x) => deciding.has(x.marketId)))
      expect(m.attribution.total, m.marketId).not.toBeNull();
  }, 120_000);
});
