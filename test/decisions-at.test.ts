// The decision in force at many times (fills' context, the price chart's steps) is read with
// covering reads: one read answers every time down to its oldest item. Its answers must equal one
// Limit-1 lookup per time — through sparse and dense decisions, equal timestamps, undecodable items
// and times before the first decision — and it must need far fewer requests where decisions are
// sparse beside the times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { BACKENDS, startTestStore, type TestStore } from './helpers/store.js';
import {
  readDecisionsAt,
  readLatestDecision,
  readMarketQuoteDecisions,
  readQuoteDecisionsAt,
} from '../src/store/read-decisions.js';
import { inForceFromWindow } from '../src/core/in-force-from-window.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { toNaiveIso, utcDate } from '../src/core/time.js';

const MARKET = 'KX-COVER-26';
const OTHER = 'KX-COVER-2';
const RUN = '20260301-000000-c0ffee';
const T0 = Date.UTC(2026, 2, 1, 0, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

interface Spec {
  ms: number;
  micros: number;
  bad?: boolean;
  market?: string;
  /** Partition other than the timestamp's UTC date (the old log-time dates, migrated items). */
  date?: string;
}

/** Two days of a decision every 30 min, then an hour of one every 5 s, with ties and bad items. */
function specs(): Spec[] {
  const out: Spec[] = [];
  // Some at .xxx999 µs: a lookup's bound for a time in that millisecond is that very string.
  for (let i = 0; i < 96; i++) out.push({ ms: T0 + i * 30 * MIN, micros: i % 5 === 0 ? 999 : 500 });
  const dense = T0 + 48 * HOUR;
  for (let i = 0; i < 720; i++) out.push({ ms: dense + i * 5_000, micros: 250 });
  // Three decisions with one timestamp, in three date partitions (the base key is date + timestamp):
  // the index orders the tie somehow; a lookup and a covering read see the same order.
  for (const date of ['2026-02-28', '2026-03-01', '2026-03-02'])
    out.push({ ms: T0 + 10 * HOUR + 7 * MIN, micros: 999, date });
  // Undecodable: a lone one in the sparse part, a run of three in the dense part, and one newest.
  out.push({ ms: T0 + 20 * HOUR + 5 * MIN, micros: 0, bad: true });
  for (const k of [0, 1, 2]) out.push({ ms: dense + 30 * MIN + 1_000 + k, micros: 0, bad: true });
  out.push({ ms: dense + HOUR + 10 * MIN, micros: 0, bad: true });
  // Another market, whose ticker is a prefix of this one: never an answer here.
  for (let i = 0; i < 40; i++) out.push({ ms: T0 + i * 17 * MIN + 3, micros: 0, market: OTHER });
  return out;
}

function item(s: Spec, n: number) {
  const market = s.market ?? MARKET;
  return {
    date: s.date ?? utcDate(s.ms),
    timestamp: toNaiveIso(s.ms, s.micros),
    market_id: market,
    decision_id: `${RUN}:${market}:${n}`,
    bot_run_id: RUN,
    order_book_snapshot: s.bad
      ? { best_bid: 7, best_ask: 0.5 }
      : { best_bid: 0.4, best_ask: 0.45, spread: 0.05, mid: 0.425, top_bids: [], top_asks: [] },
    inventory: { net_yes_qty: n },
    price_calc: {},
    target_quotes: [],
    num_targets: 0,
  };
}

describe.each(BACKENDS)('decision in force at many times on %s', (backend) => {
  let store: TestStore;
  const requests: RequestRecord[] = [];
  let stopListening: () => void;
  const all = specs();
  const first = T0;
  const last = T0 + 50 * HOUR;

  beforeAll(async () => {
    store = await startTestStore(backend);
    stopListening = onRequest((r) => requests.push(r));
    const unique = all.map((s, n) => item(s, n));
    expect(new Set(unique.map((i) => `${i.date}|${i.timestamp}`)).size).toBe(unique.length);
    for (let i = 0; i < unique.length; i += 25) {
      let batch: Record<string, unknown>[] | undefined = unique
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      while (batch?.length) {
        const out: BatchWriteCommandOutput = await store.writer.send(
          new BatchWriteCommand({ RequestItems: { dora_decision_log_demo: batch } }),
        );
        batch = out.UnprocessedItems?.['dora_decision_log_demo'];
      }
    }
  }, 240_000);
  afterAll(async () => {
    stopListening();
    await store.close();
  });

  /** The reference: one Limit-1 lookup per distinct time. */
  async function oracle(times: number[]) {
    const out = new Map<number, string | null>();
    for (const t of new Set(times)) {
      const r = await readLatestDecision(store.reader, 'demo', MARKET, t);
      out.set(t, r.decision?.decisionId ?? null);
    }
    return out;
  }

  async function covered(times: number[], concurrency?: number) {
    requests.length = 0;
    const r = await readDecisionsAt(store.reader, 'demo', MARKET, times, concurrency);
    const ids = new Map([...r.byTime].map(([t, d]) => [t, d?.decisionId ?? null]));
    return { ids, requests: requests.length, warnings: r.warnings };
  }

  it('answers like a lookup per time, for any set of times (property)', async () => {
    const time = fc.oneof(
      fc.integer({ min: first - 2 * HOUR, max: last + 2 * HOUR }),
      // Near decisions: exactly on one, a millisecond either side.
      fc
        .tuple(fc.constantFrom(...all.filter((s) => !s.market)), fc.integer({ min: -1, max: 1 }))
        .map(([s, d]) => s.ms + d),
      // In the very millisecond of a decision stamped .xxx999: the bound equals its timestamp.
      fc.constantFrom(...all.filter((s) => !s.market && s.micros === 999)).map((s) => s.ms),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(time, { minLength: 1, maxLength: 60 }),
        fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 40 })),
        async (times, concurrency) => {
          requests.length = 0;
          const r = await readDecisionsAt(store.reader, 'demo', MARKET, times, concurrency);
          const got = new Map([...r.byTime].map(([t, d]) => [t, d?.decisionId ?? null]));
          expect(got).toEqual(await oracle(times));
        },
      ),
      { numRuns: backend === 'dynalite' ? 40 : 12 },
    );
  }, 240_000);

  it('answers alike with projected items (quality), and from a capped range read (property)', async () => {
    const time = fc.oneof(
      fc.integer({ min: first - HOUR, max: last + HOUR }),
      fc
        .tuple(fc.constantFrom(...all.filter((s) => !s.market)), fc.integer({ min: -1, max: 1 }))
        .map(([s, d]) => s.ms + d),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(time, { minLength: 1, maxLength: 40 }),
        fc.tuple(time, time),
        fc.integer({ min: 1, max: 120 }),
        async (times, [a, b], limit) => {
          const expected = await oracle(times);
          const light = await readQuoteDecisionsAt(store.reader, 'demo', MARKET, times, 4);
          expect(new Map([...light.byTime].map(([t, d]) => [t, d?.decisionId ?? null]))).toEqual(expected);
          // The quote-health read of a range, capped, answers what it provably holds, as a lookup.
          const [fromMs, toMs] = a <= b ? [a, b] : [b, a];
          const page = await readMarketQuoteDecisions(store.reader, 'demo', {
            marketId: MARKET,
            fromMs,
            toMs,
            limit,
          });
          for (const [t, d] of inForceFromWindow(page.items, toMs, times))
            expect(d.decisionId, `t=${t}`).toBe(expected.get(t));
        },
      ),
      { numRuns: backend === 'dynalite' ? 25 : 8 },
    );
  }, 240_000);

  it('reads far fewer times than a lookup each where decisions are sparse beside the times', async () => {
    // 200 times spread over the two sparse days (a decision every 30 min, a time every ~14 min).
    // Four chunks of 50 times (~12 h each): a first read of 8, then reads sized to the rate seen.
    const times = Array.from({ length: 200 }, (_, i) => T0 + 1_000 + Math.round((i * 47 * HOUR) / 200));
    const r = await covered(times, 4);
    expect(r.ids).toEqual(await oracle(times));
    expect(r.requests).toBeLessThanOrEqual(16);
    // The undecodable item among them is reported once, by key.
    expect(r.warnings.filter((w) => w.code === 'undecodable_item')).toHaveLength(1);
    expect(r.warnings[0]?.message).toContain(toNaiveIso(T0 + 20 * HOUR + 5 * MIN, 0));
  });

  it('needs no more than a lookup per time where decisions are dense beside the times', async () => {
    // 30 times, two minutes apart, in the hour of a decision every 5 s (24 decisions between two).
    const times = Array.from({ length: 30 }, (_, i) => T0 + 48 * HOUR + 2 * MIN * i + 2_500);
    const r = await covered(times);
    expect(r.ids).toEqual(await oracle(times));
    // One Limit-1 read per time, plus the lookup that steps past the three undecodable items
    // newest at one of the times (a read each, as a lookup of its own would make).
    expect(r.requests).toBeLessThanOrEqual(30 + 4);
  });

  it('gives null before the first decision, with one read for all such times', async () => {
    const times = [T0 - 5 * HOUR, T0 - HOUR, T0 - 1];
    const r = await covered(times);
    expect([...r.ids.values()]).toEqual([null, null, null]);
    expect(r.requests).toBeLessThanOrEqual(3);
  });
});
