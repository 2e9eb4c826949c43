// The /quality routes and the fills list's edge and markouts (metrics.md §"Market-making quality")
// on a hand-worked dataset written to the embedded store: every expected figure below is worked by
// hand from the items written here, not from the code under test.
//
// Setup. now = 2026-01-05 12:00Z. global_config.loop_interval_ms = 30000, so a mid is known while
// the decision in force is at most max(60 s, 3 × 30 s) = 90 s old. Range: 09:00:00Z to 10:59:59.999Z
// (exactly 2 h). One run, RUN (started 08:00Z), quoting per market (it logs ORDER_PLACE).
//
// KX-Q decisions (book bid/ask → mid; targets):
//   D0 08:59:00  0.40/0.44 → 0.42  bid 0.40×5, ask 0.44×5   (before the range: `previous`)
//   D1 09:00:30  0.40/0.44 → 0.42  bid 0.41×5, ask 0.44×5
//   D2 09:01:00  0.42/0.46 → 0.44  bid 0.41×5
//   D3 09:01:30  0.42/0.46 → 0.44  (none)
//   D4 09:30:00  0.38/0.42 → 0.40  bid 0.38×5, ask 0.43×5
//   D5 10:30:00  0.40/0.44 → 0.42  bid 0.38×5, ask 0.43×5
//   D6 10:59:30  0.44/0.48 → 0.46  bid 0.44×5, ask 0.48×5
// KX-Q fills (s = +1 buy YES, −1 sell YES):
//   F0 08:30:00 buy 10 @ 0.40 fee 0.07 (before the range: held at `from`)
//   F1 09:00:40 buy  5 @ 0.41 fee 0.02   mid D1 0.42 (10 s old) → edge +1 ¢/contract, $0.05
//   F2 09:30:20 sell 3 @ 0.43 fee 0.01   mid D4 0.40 (20 s)     → edge −(0.40−0.43) = +3 ¢, $0.09
//   F3 10:45:00 buy  2 @ 0.42 fee 0.01   D5 is 15 min old: mid unknown, no edge
// Markouts (¢/contract): F1: 5s→09:00:45 D1 0.42: +1; 30s→09:01:10 D2 0.44: +3; 1m→09:01:40 D3
//   0.44: +3; 5m→09:05:40 D3 250 s old: —; 30m→09:30:40 D4 0.40: −1; 1h→10:00:40 D4 30 min old: —;
//   4h, 1d after now: —.
//   F2: 5s, 30s, 1m (09:31:20, D4 80 s old): −(0.40−0.43) = +3; 5m, 30m stale: —; 1h→10:30:20 D5
//   0.42: −(0.42−0.43) = +1; 4h, 1d after now: —. F3: every horizon stale or after now: —.
// Curve (Σ markout / Σ size): 5s (0.05+0.09)/8 = 1.75; 30s, 1m (0.15+0.09)/8 = 3; 30m −0.05/5 = −1;
//   1h 0.03/3 = 1; others none. Edge (0.05+0.09)/8 = 1.75. Adverse = (Σ edge − Σ markout)/Σ size:
//   5s 0; 30s, 1m (0.14−0.24)/8 = −1.25; 30m (0.05+0.05)/5 = 2; 1h (0.09−0.03)/3 = 2.
// Attribution (whole-history replay, average cost): after F0 net 10 @ 0.40; F1 → net 15,
//   avg (4.00+2.05)/15 = 0.40333…, change −0.02; F2 closes 3: 3·(0.43−0.40333…) − 0.01 = +0.07,
//   net 12; F3 → net 14, avg (4.84+0.84)/14 = 0.405714…, change −0.01. Realized in range 0.04.
//   Mark at from: D0 (60 s old) 0.42 → 10·(0.42−0.40) = 0.20. Mark at to: D6 (30 s old) 0.46 →
//   14·0.46 − 5.68 = 0.76. total = 0.04 + 0.76 − 0.20 = 0.60; spreadCapture = 0.05 + 0.09 = 0.14;
//   fees = 0.04; inventory = 0.60 − 0.14 + 0.04 = 0.50 (0.14 + 0.50 − 0.04 = 0.60).
// Quote health over D1…D6 (6 decisions): quoted 5/6; two-sided (D1, D4, D5, D6) 4/6.
//   Bid targets: D1 0.41 vs 0.40 at touch, −1 ¢; D2 0.41 vs 0.42 not, +1; D4 0.38 vs 0.38 at, 0;
//   D5 0.38 vs 0.40 not, +2; D6 0.44 vs 0.44 at, 0 → at-touch 3/5 = 0.6, distance 2/5 = 0.4 ¢.
//   Ask targets: D1 0.44 vs 0.44 at, 0; D4 0.43 vs 0.42 not, +1; D5 0.43 vs 0.44 at, −1; D6 0.48 vs
//   0.48 at, 0 → at-touch 3/4, distance 0. Requotes: D1 (bid moved from D0's), D2 (ask pulled), D3
//   (all pulled), D4, D6 (D5 = D4's targets) = 5 → 2.5 per hour.
//   Quoted time (each decision until the next, at most 90 s, within the range): D0 from 09:00:00
//   to D1 30 s; D1 30 s; D2 30 s; D4 90 s; D5 90 s; D6 to 11:00:00 30 s → 300 s = 1/12 h.
// Fill activity: 3 fills, 10 contracts; accepted placements (D1 bid+ask, D4 bid+ask) 4; cancels
//   (at D3, at D6) 2 → fill rate 3/4, contracts per quoted hour 10·12 = 120, cancel-to-fill 2/3.
// KX-R (enabled, no fills): one decision 10:00:00 0.30/0.34 bid 0.30×5 → quoted 1/1, two-sided 0,
//   bid at touch 1/1, distance 0, no requote (nothing before it), 90 s quoted; attribution zero.
// All: the curve and attribution are KX-Q's; decisions 7, quoted 6/7, two-sided 4/7, bid at touch
//   4/6, bid distance 2/6 ¢, ask as KX-Q, requotes 5 (2.5/h), quoted 390 s, fill rate 3/4,
//   contracts per quoted hour 10/(390/3600) = 92.307…, cancel-to-fill 2/3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { toAwareIso } from '../src/core/time.js';
import type { MarketQualityResponse, QualityResponse, FillsResponse } from '../src/api/types.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { marketBlocks, QUALITY_EXPORT_COLUMNS } from '../src/server/quality.js';
import { EnvData } from '../src/server/env-data.js';
import { MARKET_FILL_EXPORT_COLUMNS } from '../src/server/json.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { testApp } from './helpers/test-app.js';
import { decisionItem, NOW, putAll, tradeItem } from './helpers/fixtures.js';

const RUN = '20260105-080000-9a9a9a';
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 0, 5, hh, mm, ss);
const FROM = '2026-01-05T09:00:00Z';
const TO = '2026-01-05T10:59:59.999Z';
const RANGE = `from=${FROM}&to=${TO}`;

type Q = { side: 'bid' | 'ask'; price: number; size: number };
const bid = (price: number): Q => ({ side: 'bid', price, size: 5 });
const ask = (price: number): Q => ({ side: 'ask', price, size: 5 });

function decision(market: string, loop: number, ms: number, b: number, a: number, targets: Q[]) {
  const item = decisionItem({ ms, market, loop, bid: b, ask: a, targets });
  return { ...item, decision_id: `${RUN}:${market}:${loop}`, bot_run_id: RUN };
}

function event(loop: number, ms: number, fields: Record<string, unknown>) {
  const decisionId = `${RUN}:KX-Q:${loop}`;
  const ts = toAwareIso(ms);
  return {
    bot_run_id: RUN,
    'decision_id#event_ts': `${decisionId}#${ts}#${String(fields['event_type'])}#${String(fields['side'] ?? '')}`,
    decision_id: decisionId,
    event_ts: ts,
    market: 'KX-Q',
    bot_version: 'ed4a2b3',
    env: 'demo',
    expires_at: Math.floor(NOW / 1000) + 30 * 86400,
    ...fields,
  };
}

function placed(loop: number, ms: number, side: 'bid' | 'ask', price: number, orderId: string) {
  return [
    event(loop, ms, { event_type: 'ORDER_PLACE', side, price, size: 5 }),
    event(loop, ms + 200, {
      event_type: 'ORDER_RESULT',
      side,
      price,
      size: 5,
      status: 'ACCEPTED',
      order_id: orderId,
      latency_ms: 120,
    }),
  ];
}

let store: TestStore;
let app: FastifyInstance;
const requests: RequestRecord[] = [];
let stop: () => void;

const config = (market: string) => ({
  market_id: market,
  enabled: true,
  quote_size: 5,
  max_inventory_yes: 20,
  max_inventory_no: 20,
  min_spread: 0.04,
  inventory_skew_factor: 0.25,
  event_ticker: 'EV-Q',
});

beforeAll(async () => {
  store = await startTestStore();
  await putAll(store.writer, 'dora_market_config_demo', [config('KX-Q'), config('KX-R')]);
  await putAll(store.writer, 'dora_state_demo', [{ key: 'global_config', loop_interval_ms: 30_000 }]);
  await putAll(store.writer, 'dora_decision_log_demo', [
    decision('KX-Q', 0, at(8, 59), 0.4, 0.44, [bid(0.4), ask(0.44)]),
    decision('KX-Q', 1, at(9, 0, 30), 0.4, 0.44, [bid(0.41), ask(0.44)]),
    decision('KX-Q', 2, at(9, 1), 0.42, 0.46, [bid(0.41)]),
    decision('KX-Q', 3, at(9, 1, 30), 0.42, 0.46, []),
    decision('KX-Q', 4, at(9, 30), 0.38, 0.42, [bid(0.38), ask(0.43)]),
    decision('KX-Q', 5, at(10, 30), 0.4, 0.44, [bid(0.38), ask(0.43)]),
    decision('KX-Q', 6, at(10, 59, 30), 0.44, 0.48, [bid(0.44), ask(0.48)]),
    decision('KX-R', 1, at(10, 0), 0.3, 0.34, [bid(0.3)]),
  ]);
  await putAll(store.writer, 'dora_trade_log_demo', [
    tradeItem({
      ms: at(8, 30),
      market: 'KX-Q',
      side: 'yes',
      price: 0.4,
      size: 10,
      fees: 0.07,
      fillId: 'f0',
      orderId: 'o0',
    }),
    tradeItem({
      ms: at(9, 0, 40),
      market: 'KX-Q',
      side: 'yes',
      price: 0.41,
      size: 5,
      fees: 0.02,
      fillId: 'f1',
      orderId: 'o1',
    }),
    tradeItem({
      ms: at(9, 30, 20),
      market: 'KX-Q',
      side: 'no',
      price: 0.43,
      size: 3,
      fees: 0.01,
      fillId: 'f2',
      orderId: 'o4a',
    }),
    tradeItem({
      ms: at(10, 45),
      market: 'KX-Q',
      side: 'yes',
      price: 0.42,
      size: 2,
      fees: 0.01,
      fillId: 'f3',
      orderId: 'o4b',
    }),
  ]);
  await putAll(store.writer, 'dora_execution_log_demo', [
    ...placed(1, at(9, 0, 31), 'bid', 0.41, 'o1'),
    ...placed(1, at(9, 0, 31), 'ask', 0.44, 'o1a'),
    event(3, at(9, 1, 31), { event_type: 'ORDER_CANCEL', order_id: 'o1a' }),
    ...placed(4, at(9, 30, 1), 'bid', 0.38, 'o4b'),
    ...placed(4, at(9, 30, 1), 'ask', 0.43, 'o4a'),
    event(6, at(10, 59, 31), { event_type: 'ORDER_CANCEL', order_id: 'o4b' }),
  ]);
  app = await testApp(store.reader, () => NOW);
  stop = onRequest((r) => requests.push(r));
});

afterAll(async () => {
  stop();
  await app?.close();
  await store?.close();
});

const close = (n: number | null | undefined, v: number) => {
  expect(n).not.toBeNull();
  expect(n as number).toBeCloseTo(v, 9);
};

async function getJson<T>(url: string): Promise<T> {
  const res = await app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

function expectKxqMarkouts(b: MarketQualityResponse['markouts']) {
  expect(b.edge.count).toBe(2);
  expect(b.edge.contracts).toBe(8);
  close(b.edge.perContractCents, 1.75);
  const byH = Object.fromEntries(b.horizons.map((h) => [h.h, h]));
  expect(b.horizons.map((h) => h.h)).toEqual(['5s', '30s', '1m', '5m', '30m', '1h', '4h', '1d']);
  expect(b.horizons.map((h) => h.count)).toEqual([2, 2, 2, 0, 1, 1, 0, 0]);
  close(byH['5s']?.perContractCents, 1.75);
  close(byH['5s']?.adverseCents, 0);
  close(byH['30s']?.perContractCents, 3);
  close(byH['30s']?.adverseCents, -1.25);
  close(byH['1m']?.perContractCents, 3);
  close(byH['30m']?.perContractCents, -1);
  close(byH['30m']?.adverseCents, 2);
  close(byH['1h']?.perContractCents, 1);
  close(byH['1h']?.adverseCents, 2);
  for (const h of ['5m', '4h', '1d']) {
    expect(byH[h]?.perContractCents).toBeNull();
    expect(byH[h]?.adverseCents).toBeNull();
  }
}

describe('GET /api/v1/markets/:marketId/quality', () => {
  it('answers the hand-worked figures, with a bounded number of tight reads and no log Scan', async () => {
    requests.length = 0;
    const body = await getJson<MarketQualityResponse>(`/api/v1/markets/KX-Q/quality?${RANGE}`);
    expect(body.marketId).toBe('KX-Q');
    expectKxqMarkouts(body.markouts);
    expect(body.attribution).toEqual({ total: 0.6, spreadCapture: 0.14, inventory: 0.5, fees: 0.04 });
    expect(body.daily).toEqual([
      { date: '2026-01-05', total: 0.6, spreadCapture: 0.14, inventory: 0.5, fees: 0.04 },
    ]);
    const q = body.quotes;
    expect(q.decisions).toBe(6);
    close(q.quotedPct, 5 / 6);
    close(q.twoSidedPct, 4 / 6);
    close(q.atTouchBidPct, 0.6);
    close(q.atTouchAskPct, 0.75);
    close(q.distanceBidCents, 0.4);
    close(q.distanceAskCents, 0);
    expect(q.requotes).toBe(5);
    close(q.requotesPerHour, 2.5);
    close(q.quotedHours, 300 / 3600);
    expect(q.truncated).toBe(false);
    expect(q.coveredFrom).toBe('2026-01-05T09:00:00.000Z');
    expect(body.fills).toMatchObject({ fills: 3, contracts: 10, acceptedPlacements: 4, cancels: 2 });
    close(body.fills.fillRate, 0.75);
    close(body.fills.contractsPerQuotedHour, 120);
    close(body.fills.cancelToFill, 2 / 3);

    // Cost: the run walk, one decision page, the decision-at reads of ~20 times, the state and
    // trade log — a few dozen requests at most; nothing scans the decision or execution log.
    expect(body.meta.dynamo.requests).toBeGreaterThan(0);
    expect(body.meta.dynamo.requests).toBeLessThanOrEqual(40);
    const logs = requests.filter((r) => /dora_(decision|execution)_log/.test(r.table));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((r) => r.operation === 'Scan')).toEqual([]);
    // Every decision-log read goes through the market index (never a date partition).
    expect(
      logs.filter(
        (r) => r.table.startsWith('dora_decision_log') && r.operation === 'Query' && r.index === null,
      ),
    ).toEqual([]);
    // Cached: the second answer reads nothing.
    const again = await getJson<MarketQualityResponse>(`/api/v1/markets/KX-Q/quality?${RANGE}`);
    expect(again.meta.cache).toBe('hit');
  });

  it('a mark that is unknown with a position held makes total and inventory null, never guessed', async () => {
    // Range ending 10:50: the end mark is D5, 20 min old → unknown while 14 are held.
    const body = await getJson<MarketQualityResponse>(
      `/api/v1/markets/KX-Q/quality?from=${FROM}&to=2026-01-05T10:50:00Z`,
    );
    expect(body.attribution.total).toBeNull();
    expect(body.attribution.inventory).toBeNull();
    expect(body.attribution.spreadCapture).toBe(0.14);
    expect(body.attribution.fees).toBe(0.04);
  });

  it('splits the attribution at midnight in tz (Kiritimati, UTC+14: midnight is 10:00Z)', async () => {
    const body = await getJson<MarketQualityResponse>(
      `/api/v1/markets/KX-Q/quality?${RANGE}&tz=Pacific/Kiritimati`,
    );
    // The mark at 10:00Z is D4, 30 min old, with 12 held: both days unknown; their captures are
    // F1+F2's and nothing (F3 has no mid), fees 0.03 and 0.01.
    expect(body.daily).toEqual([
      { date: '2026-01-05', total: null, spreadCapture: 0.14, inventory: null, fees: 0.03 },
      { date: '2026-01-06', total: null, spreadCapture: 0, inventory: null, fees: 0.01 },
    ]);
    expect(body.attribution.total).toBe(0.6);
  });

  it('all markets: a day on which a mark is unknown has no total (never a partial sum); capture and fees still add up', async () => {
    const body = await getJson<QualityResponse>(`/api/v1/quality?${RANGE}&tz=Pacific/Kiritimati`);
    expect(body.all.daily.map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06']);
    for (const [i, day] of body.all.daily.entries()) {
      const perMarket = body.markets.map((m) => m.daily[i]!);
      expect(perMarket.some((d) => d.total === null)).toBe(true);
      expect(day.total).toBeNull();
      expect(day.inventory).toBeNull();
      const sum = (f: 'spreadCapture' | 'fees') =>
        Math.round(perMarket.reduce((s, d) => s + d[f], 0) * 100) / 100;
      expect(day.spreadCapture).toBe(sum('spreadCapture'));
      expect(day.fees).toBe(sum('fees'));
    }
    expect(body.all.daily[0]!.spreadCapture).toBeGreaterThanOrEqual(0.14);
  });

  it('exports the flat figures as one CSV row', async () => {
    const res = await app.inject(`/api/v1/markets/KX-Q/quality?${RANGE}&format=csv`);
    expect(res.statusCode).toBe(200);
    const [header, row] = res.body.split('\r\n');
    expect(header).toBe(QUALITY_EXPORT_COLUMNS.join(','));
    const cells = Object.fromEntries(QUALITY_EXPORT_COLUMNS.map((c, i) => [c, row?.split(',')[i]]));
    expect(cells['marketId']).toBe('KX-Q');
    expect(Number(cells['total'])).toBe(0.6);
    expect(Number(cells['markout30sCents'])).toBe(3);
    expect(Number(cells['requotes'])).toBe(5);
  });

  it.each([
    ['tz=Mars/Base', 'tz'],
    ['days=0', 'days'],
    ['from=2026-01-05T11:00:00Z&to=2026-01-05T10:00:00Z', 'from'],
    ['format=pdf', 'format'],
    ['from=yesterday', 'from'],
    ['env=staging', 'env'],
  ])('400 on %s, naming %s', async (query, param) => {
    for (const url of [`/api/v1/markets/KX-Q/quality?${query}`, `/api/v1/quality?${query}`]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('bad_parameter');
      expect(res.json().error.message.startsWith(`${param}:`)).toBe(true);
    }
  });

  it('404 for a market nobody knows', async () => {
    expect((await app.inject(`/api/v1/markets/KX-NOPE/quality?${RANGE}`)).statusCode).toBe(404);
  });
});

describe('more decisions than one answer reads', () => {
  it('covers the newest ones only, says where it starts, and warns', async () => {
    // A cap of 3 reads D6, D5, D4 (newest first). D4's millisecond may hold unread ties, so the
    // window starts just after it and D4 is the `previous`: decisions D5, D6; D5 repeats D4's
    // targets, D6 changes them → 1 requote. Fills in [09:30:00.001, to]: F2 and F3, 5 contracts.
    const data = new EnvData(store.reader, 'demo', () => NOW);
    const parts = await data.marketQuality(
      'KX-Q',
      { fromMs: at(9, 0), toMs: at(11, 0) - 1, tz: 'UTC' },
      { maxDecisions: 3 },
    );
    const b = marketBlocks(parts);
    expect(b.quotes).toMatchObject({
      decisions: 2,
      quotedPct: 1,
      twoSidedPct: 1,
      requotes: 1,
      truncated: true,
      coveredFrom: '2026-01-05T09:30:00.001Z',
    });
    expect(b.fills).toMatchObject({ fills: 2, contracts: 5 });
    expect(parts.warnings.map((w) => w.code)).toContain('quality_decisions_capped');
    // Markouts and attribution still cover the whole range.
    expect(b.attribution).toEqual({ total: 0.6, spreadCapture: 0.14, inventory: 0.5, fees: 0.04 });
    expect(b.markouts.edge.count).toBe(2);
  });
});

describe('GET /api/v1/quality', () => {
  it('lists enabled markets and markets with fills, and the all block pools them', async () => {
    requests.length = 0;
    const body = await getJson<QualityResponse>(`/api/v1/quality?${RANGE}`);
    expect(body.markets.map((m) => m.marketId)).toEqual(['KX-Q', 'KX-R']);
    const [kq, kr] = body.markets;
    expectKxqMarkouts(kq!.markouts);
    expect(kq!.attribution).toEqual({ total: 0.6, spreadCapture: 0.14, inventory: 0.5, fees: 0.04 });
    expect(kr!.attribution).toEqual({ total: 0, spreadCapture: 0, inventory: 0, fees: 0 });
    expect(kr!.quotes).toMatchObject({
      decisions: 1,
      quotedPct: 1,
      twoSidedPct: 0,
      atTouchBidPct: 1,
      requotes: 0,
    });
    expect(kr!.quotes.atTouchAskPct).toBeNull();
    close(kr!.quotes.quotedHours, 90 / 3600);
    expect(kr!.fills).toMatchObject({
      fills: 0,
      fillRate: null,
      cancelToFill: null,
      contractsPerQuotedHour: 0,
    });

    const all = body.all;
    expectKxqMarkouts(all.markouts);
    expect(all.attribution).toEqual({ total: 0.6, spreadCapture: 0.14, inventory: 0.5, fees: 0.04 });
    expect(all.unknownMarkets).toEqual([]);
    expect(all.quotes.decisions).toBe(7);
    close(all.quotes.quotedPct, 6 / 7);
    close(all.quotes.twoSidedPct, 4 / 7);
    close(all.quotes.atTouchBidPct, 4 / 6);
    close(all.quotes.atTouchAskPct, 0.75);
    close(all.quotes.distanceBidCents, 2 / 6);
    expect(all.quotes.requotes).toBe(5);
    close(all.quotes.requotesPerHour, 2.5);
    close(all.quotes.quotedHours, 390 / 3600);
    expect(all.fills).toMatchObject({ fills: 3, contracts: 10, acceptedPlacements: 4, cancels: 2 });
    close(all.fills.fillRate, 0.75);
    close(all.fills.contractsPerQuotedHour, 10 / (390 / 3600));
    close(all.fills.cancelToFill, 2 / 3);

    expect(body.meta.dynamo.requests).toBeLessThanOrEqual(60);
    const logs = requests.filter((r) => /dora_(decision|execution)_log/.test(r.table));
    expect(logs.filter((r) => r.operation === 'Scan')).toEqual([]);
    expect(
      logs.filter(
        (r) => r.table.startsWith('dora_decision_log') && r.operation === 'Query' && r.index === null,
      ),
    ).toEqual([]);
  });

  it('exports a row per market and the ALL row', async () => {
    const res = await app.inject(`/api/v1/quality?${RANGE}&format=csv`);
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(QUALITY_EXPORT_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['KX-Q', 'KX-R', 'ALL']);
    const xlsx = await app.inject(`/api/v1/quality?${RANGE}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('fills gain edgeCents and markouts', () => {
  it('per fill, as worked by hand, in the JSON and the export', async () => {
    const body = await getJson<FillsResponse>(`/api/v1/markets/KX-Q/fills?${RANGE}`);
    const byId = Object.fromEntries(body.items.map((f) => [f.fillId, f]));
    close(byId['f1']?.edgeCents, 1);
    const m1 = byId['f1']!.markouts;
    close(m1['5s'], 1);
    close(m1['30s'], 3);
    close(m1['1m'], 3);
    close(m1['30m'], -1);
    expect([m1['5m'], m1['1h'], m1['4h'], m1['1d']]).toEqual([null, null, null, null]);
    close(byId['f2']?.edgeCents, 3);
    close(byId['f2']!.markouts['1h'], 1);
    expect(byId['f3']?.edgeCents).toBeNull();
    expect(Object.values(byId['f3']!.markouts).every((v) => v === null)).toBe(true);

    const csv = await app.inject(`/api/v1/markets/KX-Q/fills?${RANGE}&format=csv`);
    const [header, ...rows] = csv.body.split('\r\n').filter((l) => l !== '');
    expect(header).toBe(MARKET_FILL_EXPORT_COLUMNS.join(','));
    const col = (name: string) => MARKET_FILL_EXPORT_COLUMNS.indexOf(name as never);
    const f1 = rows.find((r) => r.startsWith('f1,'))!.split(',');
    expect(Number(f1[col('markout30s')])).toBe(3);
    expect(f1[col('markout5m')]).toBe('');
  });
});

describe('light reads (projected decisions, in-window answers) against the full reads', () => {
  // The `light` reads of issue 19 must change no figure: the same bodies (but `meta`) as the reads
  // before it, for the all-markets table, each market, a range ending inside the decisions (every
  // time answered from the window) and a capped read (the oldest decision read is `previous`).
  it('answer the same bodies and fewer decision reads', async () => {
    const full = await testApp(store.reader, () => NOW, { qualityReads: 'full' });
    const light = await testApp(store.reader, () => NOW);
    try {
      const bodyOf = async (a: FastifyInstance, url: string) => {
        requests.length = 0;
        const res = await a.inject(url);
        expect(res.statusCode, res.body).toBe(200);
        const { meta: _meta, ...body } = res.json<Record<string, unknown>>();
        const decisionReads = requests.filter((r) => r.table.startsWith('dora_decision_log')).length;
        return { body, decisionReads };
      };
      let fewer = 0;
      for (const url of [
        `/api/v1/quality?${RANGE}`,
        `/api/v1/markets/KX-Q/quality?${RANGE}`,
        `/api/v1/markets/KX-R/quality?${RANGE}`,
        `/api/v1/quality?from=2026-01-05T09:00:00Z&to=2026-01-05T10:59:40Z`,
        `/api/v1/quality?from=2026-01-05T08:00:00Z&to=2026-01-05T12:00:00Z&tz=Pacific/Kiritimati`,
      ]) {
        const a = await bodyOf(full, url);
        const b = await bodyOf(light, url);
        expect(b.body, url).toEqual(a.body);
        expect(JSON.stringify(b.body), url).toBe(JSON.stringify(a.body));
        expect(b.decisionReads, url).toBeLessThanOrEqual(a.decisionReads);
        if (b.decisionReads < a.decisionReads) fewer++;
      }
      expect(fewer).toBeGreaterThan(0);
      for (const qualityReads of ['full', 'light'] as const) {
        const data = new EnvData(store.reader, 'demo', () => NOW, 3_000, { qualityReads });
        const parts = await data.marketQuality(
          'KX-Q',
          { fromMs: at(9, 0), toMs: at(11, 0) - 1, tz: 'UTC' },
          { maxDecisions: 3 },
        );
        expect(marketBlocks(parts).quotes).toMatchObject({ decisions: 2, requotes: 1, truncated: true });
        expect(marketBlocks(parts).attribution).toEqual({
          total: 0.6,
          spreadCapture: 0.14,
          inventory: 0.5,
          fees: 0.04,
        });
      }
    } finally {
      await full.close();
      await light.close();
    }
  });
});
