// Contract §6.17–6.18 on both backends: a market's execution events are found in every run that
// holds them — a run that started flat (no "ALL" record), a run that began and ended inside the
// range, a batch run, a run that cancelled a disabled market's orders at startup, two runs that
// began in the same second — and served counts equal a direct count of the items written.
// Decision ids of both forms open their decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { BACKENDS, startTestStore, type TestStore } from './helpers/store.js';
import { readMarketRuns } from '../src/store/read-runs.js';
import { readDecisionById } from '../src/store/read-decisions.js';
import { runLoggedPlacement } from '../src/store/read-executions.js';
import { marketEventsInRange } from '../src/server/market-events.js';
import { RunEventsCache } from '../src/server/run-events-cache.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { HOUR_MS, toAwareIso, toNaiveIso, utcDate } from '../src/core/time.js';

const M = 'KX-WALK-1';
const DISABLED = 'KX-GONE-2';
const T0 = Date.UTC(2026, 2, 10, 0, 0, 0);

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

interface Run {
  id: string;
  startMs: number;
  endMs: number;
  batch: boolean;
  /** Resting orders at startup: an "ALL" startup record and its cancels. */
  startupOrders: { market: string; orderId: string }[];
}

function run(startMs: number, hex: string, endMs: number, opts: Partial<Run> = {}): Run {
  return { id: `${stamp(startMs)}-${hex}`, startMs, endMs, batch: false, startupOrders: [], ...opts };
}

// Runs of one bot, one after another (the last two began in the same second).
const RUNS: Run[] = [
  run(T0, 'a00001', T0 + 20 * HOUR_MS),
  // Began flat and ended inside the day: no "ALL" record, events only under its own decisions.
  run(T0 + 20 * HOUR_MS + 60_000, 'b00002', T0 + 22 * HOUR_MS),
  // Started with resting orders, one of a market disabled since: cancels under the system id.
  run(T0 + 22 * HOUR_MS + 60_000, 'c00003', T0 + 26 * HOUR_MS, {
    startupOrders: [
      { market: M, orderId: 'o-start-1' },
      { market: DISABLED, orderId: 'o-start-2' },
    ],
  }),
  // Batch mode: decisions and fills, no placement events.
  run(T0 + 26 * HOUR_MS + 60_000, 'd00004', T0 + 30 * HOUR_MS, { batch: true }),
  run(T0 + 30 * HOUR_MS + 60_000 + 100, 'e00005', T0 + 30 * HOUR_MS + 60_000 + 600),
  run(T0 + 30 * HOUR_MS + 60_000 + 700, '000006', T0 + 40 * HOUR_MS),
];

type Item = Record<string, unknown>;
const decisions: Item[] = [];
const events: Item[] = [];

function event(r: Run, decisionId: string, ms: number, type: string, market: string, extra: Item = {}): Item {
  const ts = toAwareIso(ms, 321);
  return {
    bot_run_id: r.id,
    'decision_id#event_ts': `${decisionId}#${ts}`,
    decision_id: decisionId,
    event_ts: ts,
    event_type: type,
    market,
    bot_version: 'ed4a2b3',
    env: 'demo',
    expires_at: 1900000000,
    ...extra,
  };
}

for (const r of RUNS) {
  let t = r.startMs + 3_000;
  if (r.startupOrders.length) {
    const id = `${r.id}:startup_cancel:${stamp(t)}`;
    decisions.push({
      date: utcDate(t),
      timestamp: toNaiveIso(t, 417),
      market_id: 'ALL',
      decision_id: id,
      bot_run_id: r.id,
      bot_version: 'ed4a2b3',
      reason: 'startup_cancel',
      open_orders_count: r.startupOrders.length,
      target_quotes: [],
      num_targets: 0,
    });
    for (const o of r.startupOrders) {
      t += 50;
      events.push(event(r, id, t, 'ORDER_CANCEL', o.market, { order_id: o.orderId, client_order_id: null }));
      events.push(
        event(r, id, t + 20, 'ORDER_RESULT', o.market, {
          order_id: o.orderId,
          client_order_id: null,
          status: 'CANCELLED',
          latency_ms: 120,
        }),
      );
    }
  }
  // One decision of M every 10 min (the first one just after start), each placing a bid in per-market mode.
  for (
    let loop = 0, dt = r.startMs + Math.min(5_000, (r.endMs - r.startMs) / 2);
    dt < r.endMs;
    loop++, dt += 10 * 60_000
  ) {
    const id = `${r.id}:${M}:${loop}`;
    decisions.push({
      date: utcDate(dt),
      timestamp: toNaiveIso(dt, 250),
      market_id: M,
      decision_id: id,
      bot_run_id: r.id,
      bot_version: 'ed4a2b3',
      order_book_snapshot: { best_bid: 0.4, best_ask: 0.45, spread: 0.05, mid: 0.425 },
      inventory: { net_yes_qty: 0 },
      price_calc: {},
      target_quotes: [{ side: 'bid', price: 0.41, size: 5 }],
      num_targets: 1,
    });
    if (r.batch) {
      if (loop === 2)
        events.push(
          event(r, id, dt + 90 * 60_000, 'FILL', M, {
            fill_id: `f-${r.id}`,
            order_id: `o-${r.id}-${loop}`,
            side: 'yes',
            price: 0.41,
            size: 5,
            pnl_delta: -0.01,
            fees: 0.01,
            client_order_id: 'c1',
          }),
        );
      continue;
    }
    const coid = `${r.id.slice(-6)}${String(loop).padStart(10, '0')}`;
    events.push(
      event(r, id, dt + 100, 'ORDER_PLACE', M, { side: 'bid', price: 0.41, size: 5, client_order_id: coid }),
    );
    events.push(
      event(r, id, dt + 290, 'ORDER_RESULT', M, {
        side: 'bid',
        price: 0.41,
        size: 5,
        client_order_id: coid,
        status: 'ACCEPTED',
        order_id: `o-${r.id}-${loop}`,
        latency_ms: 150 + loop,
      }),
    );
  }
}
// The market's config was never seen by the walk before its first run: an older, run-less decision.
decisions.push({
  date: utcDate(T0 - HOUR_MS),
  timestamp: toNaiveIso(T0 - HOUR_MS),
  market_id: M,
  order_book_snapshot: { best_bid: 0.4, best_ask: 0.45, spread: 0.05, mid: 0.425 },
  inventory: { net_yes_qty: 0 },
  target_quotes: [],
  num_targets: 0,
});

async function putAll(store: TestStore, table: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let batch: Item[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (batch && batch.length) {
      const out: BatchWriteCommandOutput = await store.writer.send(
        new BatchWriteCommand({ RequestItems: { [table]: batch } }),
      );
      batch = out.UnprocessedItems?.[table];
    }
  }
}

/** The direct count: the items written for the market with event time in [from, to]. */
function storeCount(market: string, fromMs: number, toMs: number): number {
  return events.filter((e) => {
    const ms = Date.parse(String(e['event_ts']));
    return e['market'] === market && ms >= fromMs && ms <= toMs;
  }).length;
}

describe.each(BACKENDS)('run walk on %s', (backend) => {
  let store: TestStore;
  const requests: RequestRecord[] = [];
  let stop: () => void;

  beforeAll(async () => {
    store = await startTestStore(backend);
    await putAll(store, 'dora_decision_log_demo', decisions);
    await putAll(store, 'dora_execution_log_demo', events);
    stop = onRequest((r) => requests.push(r));
  }, 240_000);
  afterAll(async () => {
    stop();
    await store.close();
  });

  it('finds every run of the range, one request per run (flat starts, same-second starts included)', async () => {
    requests.length = 0;
    const from = T0 + 10 * HOUR_MS;
    const to = T0 + 40 * HOUR_MS;
    const r = await readMarketRuns(store.reader, 'demo', M, from, to);
    expect(r.runIds).toEqual(RUNS.map((x) => x.id).sort());
    expect(r.newestRunId).toBe(RUNS[5]?.id);
    // 6 runs: one read per run found plus the "ALL" read; none more.
    expect(r.requests).toBeLessThanOrEqual(RUNS.length + 1);
    expect(requests.filter((q) => q.operation === 'Query')).toHaveLength(r.requests);
  });

  it('a run that began and ended inside the range, without any ALL record, is found', async () => {
    const flat = RUNS[1] as Run;
    const r = await readMarketRuns(
      store.reader,
      'demo',
      M,
      flat.startMs - 30 * 60_000,
      flat.endMs + 30 * 60_000,
    );
    expect(r.runIds).toContain(flat.id);
  });

  it('served events equal the direct count for ranges of every shape', async () => {
    const ranges: [number, number][] = [
      [T0, T0 + 40 * HOUR_MS],
      [T0 + 20 * HOUR_MS, T0 + 22 * HOUR_MS + 30 * 60_000],
      [T0 + 21 * HOUR_MS, T0 + 21 * HOUR_MS + 20 * 60_000],
      [T0 + 26 * HOUR_MS, T0 + 31 * HOUR_MS],
      [T0 + 30 * HOUR_MS + 60_000, T0 + 30 * HOUR_MS + 70_000],
      [T0 - 5 * HOUR_MS, T0 - 1],
    ];
    const cache = new RunEventsCache();
    for (const [from, to] of ranges) {
      for (const c of [undefined, cache, cache]) {
        const r = await marketEventsInRange(store.reader, 'demo', M, from, to, c ? { cache: c } : {});
        expect(r.events.length, `${new Date(from).toISOString()}..${new Date(to).toISOString()}`).toBe(
          storeCount(M, from, to),
        );
      }
    }
    // The disabled market has no decision in the run that cancelled its order: still served.
    const withStartup = RUNS[2] as Run;
    const d = await marketEventsInRange(
      store.reader,
      'demo',
      DISABLED,
      withStartup.startMs,
      withStartup.endMs,
    );
    expect(d.events.map((e) => e.eventType).sort()).toEqual(['ORDER_CANCEL', 'ORDER_RESULT']);
    expect(d.events.length).toBe(storeCount(DISABLED, withStartup.startMs, withStartup.endMs));
  });

  it('a warm walk reads only from the range end to the newest run', async () => {
    const cache = new RunEventsCache();
    const from = T0;
    const to = T0 + 40 * HOUR_MS;
    await readMarketRuns(store.reader, 'demo', M, from, to, cache.runSteps);
    const warm = await readMarketRuns(store.reader, 'demo', M, from, to, cache.runSteps);
    expect(warm.runIds).toEqual(RUNS.map((x) => x.id).sort());
    expect(warm.requests).toBe(2);
  });

  it('tells a per-market run (placements logged) from a batch run (fills only) by the run’s own events', async () => {
    for (const r of RUNS) {
      const placed = await runLoggedPlacement(store.reader, 'demo', r.id);
      const hasDecisions = decisions.some((d) => d['bot_run_id'] === r.id && d['market_id'] === M);
      expect(placed, r.id).toBe(!r.batch && hasDecisions);
    }
  });

  it('opens a decision by id of every form; an id that does not exist is null', async () => {
    const sys = decisions.find((d) => d['market_id'] === 'ALL');
    const bySys = await readDecisionById(
      store.reader,
      'demo',
      String(sys?.['decision_id']),
      undefined,
      T0 + 41 * HOUR_MS,
    );
    expect(bySys.decision).toMatchObject({ marketId: 'ALL', reason: 'startup_cancel', openOrdersCount: 2 });
    // Market decisions of a long run, with and without order events (batch), and of the same-second runs.
    const ids = [
      `${RUNS[0]?.id}:${M}:0`,
      `${RUNS[0]?.id}:${M}:77`,
      `${RUNS[0]?.id}:${M}:119`,
      `${RUNS[3]?.id}:${M}:5`,
      `${RUNS[4]?.id}:${M}:0`,
      `${RUNS[5]?.id}:${M}:31`,
    ];
    for (const id of ids) {
      requests.length = 0;
      const r = await readDecisionById(store.reader, 'demo', id, undefined, T0 + 41 * HOUR_MS);
      expect(r.decision?.decisionId, id).toBe(id);
      expect(requests.length, id).toBeLessThanOrEqual(30);
    }
    for (const missing of [
      `${RUNS[0]?.id}:${M}:999`,
      `${RUNS[0]?.id}:startup_cancel:${stamp(T0)}`,
      `${RUNS[0]?.id}:KX-NOPE-9:1`,
    ]) {
      expect(
        (await readDecisionById(store.reader, 'demo', missing, undefined, T0 + 41 * HOUR_MS)).decision,
        missing,
      ).toBeNull();
    }
  });
});

describe.each(BACKENDS)('run walk cost on %s', (backend) => {
  let store: TestStore;
  const DAY = 24 * HOUR_MS;
  const START = Date.UTC(2026, 4, 1);
  // 60 runs over 30 days, 12 decisions each; a third of them start with orders (an ALL record).
  const runs = Array.from({ length: 60 }, (_, i) =>
    run(START + i * 12 * HOUR_MS, i.toString(16).padStart(6, '0'), START + (i + 1) * 12 * HOUR_MS - 60_000),
  );
  beforeAll(async () => {
    store = await startTestStore(backend);
    const items: Item[] = [];
    runs.forEach((r, i) => {
      for (let loop = 0; loop < 12; loop++) {
        const t = r.startMs + 5_000 + loop * HOUR_MS;
        items.push({
          date: utcDate(t),
          timestamp: toNaiveIso(t),
          market_id: M,
          decision_id: `${r.id}:${M}:${loop}`,
          bot_run_id: r.id,
          target_quotes: [],
          num_targets: 0,
        });
      }
      if (i % 3 === 0) {
        const t = r.startMs + 2_000;
        items.push({
          date: utcDate(t),
          timestamp: toNaiveIso(t),
          market_id: 'ALL',
          decision_id: `${r.id}:startup_cancel:${stamp(t)}`,
          bot_run_id: r.id,
          reason: 'startup_cancel',
          open_orders_count: 1,
          target_quotes: [],
          num_targets: 0,
        });
      }
    });
    await putAll(store, 'dora_decision_log_demo', items);
  }, 240_000);
  afterAll(async () => store.close());

  it('30 days with 60 runs: one request per run, plus the last step and the ALL read; two when warm', async () => {
    const cache = new RunEventsCache();
    const to = START + 30 * DAY;
    const cold = await readMarketRuns(store.reader, 'demo', M, START, to, cache.runSteps);
    expect(cold.runIds).toHaveLength(60);
    // One step per run, one more that finds nothing older (the range starts in the first run's
    // start second), and the ALL read: 62.
    expect(cold.requests).toBeLessThanOrEqual(60 + 2);
    const warm = await readMarketRuns(store.reader, 'demo', M, START, to, cache.runSteps);
    expect(warm.runIds).toEqual(cold.runIds);
    expect(warm.requests).toBe(2);
    // A 7-day view walks only the runs of those 7 days (14 of them, plus the one before).
    const week = await readMarketRuns(store.reader, 'demo', M, to - 7 * DAY, to);
    expect(week.runIds.length).toBeLessThanOrEqual(15);
    expect(week.requests).toBeLessThanOrEqual(week.runIds.length + 1);
  });
});
