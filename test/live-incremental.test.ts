// Issue 18: the incremental live reads (one Query on today's decision partition after the
// high-water mark, trade-log sort keys after the newest fill − the logging lag, full passes on a new
// run and on a timer) give the same figures as a cold read, whatever the bot writes in between:
// fills logged late and out of order across markets, startup backfills with old sort keys at a new
// run, decisions across midnight with `date` and `timestamp` straddling it, puts landing late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildOverview } from '../src/core/index.js';
import { toAwareIso, toNaiveIso, utcDate } from '../src/core/time.js';
import { EnvRegistry } from '../src/server/env-data.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { putAll } from './helpers/fixtures.js';
import { startTestStore, type TestStore } from './helpers/store.js';

const DAY = 86_400_000;
const MARKETS = ['KX-A', 'KX-B', 'KX-C'];
/** Decides, but is not configured: neither read shows it. */
const UNWATCHED = 'KX-Z';

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
  await putAll(
    store.writer,
    'dora_market_config_demo',
    MARKETS.map((m) => ({
      market_id: m,
      enabled: true,
      quote_size: 5,
      max_inventory_yes: 20,
      max_inventory_no: 20,
      min_spread: 0.04,
      inventory_skew_factor: 0.25,
    })),
  );
});
afterAll(async () => store.close());

type Op =
  | { t: 'advance'; ms: number }
  | { t: 'toMidnight'; beforeMs: number }
  | { t: 'decision'; market: number; lateMs: number; dateSkewMs: number; micros: number }
  | { t: 'fill'; market: number; agoMs: number; side: 'yes' | 'no'; cents: number; size: number }
  | {
      t: 'newRun';
      backfills: { market: number; daysAgo: number; side: 'yes' | 'no'; cents: number; size: number }[];
    }
  /** A live round; the bot may put a decision at that very moment (then `decision` ops can be late puts). */
  | { t: 'refresh'; botMarket: number | null };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 20_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('toMidnight' as const), beforeMs: fc.integer({ min: 0, max: 3 }) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('decision' as const),
      market: fc.integer({ min: 0, max: MARKETS.length }),
      // A put that lands up to 1.5 s after its clock read (within the 2-s overlap).
      lateMs: fc.integer({ min: 0, max: 1_500 }),
      // `date` is a second clock read: microseconds to milliseconds apart, either side of midnight.
      dateSkewMs: fc.integer({ min: -2, max: 2 }),
      micros: fc.integer({ min: 0, max: 999 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('fill' as const),
      market: fc.integer({ min: 0, max: MARKETS.length }),
      // Logged up to 5 min after the fill (out of order across markets); the lag margin is 10 min.
      agoMs: fc.integer({ min: 0, max: 5 * 60_000 }),
      side: fc.constantFrom('yes' as const, 'no' as const),
      cents: fc.integer({ min: 1, max: 99 }),
      size: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('newRun' as const),
      backfills: fc.array(
        fc.record({
          market: fc.integer({ min: 0, max: MARKETS.length }),
          daysAgo: fc.integer({ min: 0, max: 5 }),
          side: fc.constantFrom('yes' as const, 'no' as const),
          cents: fc.integer({ min: 1, max: 99 }),
          size: fc.integer({ min: 1, max: 20 }),
        }),
        { maxLength: 3 },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('refresh' as const),
      botMarket: fc.option(fc.integer({ min: 0, max: MARKETS.length })),
    }),
  },
);

const marketOf = (i: number) => MARKETS[i] ?? UNWATCHED;

/** Money and quantities compared to the cent; everything else exactly. */
const cents = (_k: string, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v);

let base = Date.UTC(2027, 0, 1, 23, 58);
let seq = 0;

describe('incremental live reads = cold reads (property)', () => {
  it('after any sequence of bot writes, the incremental snapshot equals a fresh cold read to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (ops) => {
        // Each run starts days after the previous one, so its writes are the newest in the store.
        base += 20 * DAY;
        let now = base;
        let run = `run-${++seq}`;
        let loop = 0;
        const ctx = { region: 'us-east-1', nowMs: () => now };
        const live = new EnvRegistry(store.reader, () => now, { incremental: true });
        // (date, timestamp) is the item's key: two decisions at the same microsecond would be one item
        // overwritten, which the bot's clock never produces.
        const used = new Set<string>();
        const writeDecision = async (market: string, tsMs: number, dateMs: number, micros: number) => {
          while (used.has(`${utcDate(dateMs)}|${toNaiveIso(tsMs, micros)}`)) micros++;
          used.add(`${utcDate(dateMs)}|${toNaiveIso(tsMs, micros)}`);
          await putAll(store.writer, 'dora_decision_log_demo', [
            {
              date: utcDate(dateMs),
              timestamp: toNaiveIso(tsMs, micros),
              market_id: market,
              decision_id: `${run}:${market}:${++loop}`,
              bot_run_id: run,
              bot_version: 't',
              order_book_snapshot: { best_bid: 0.4, best_ask: 0.45, spread: 0.05, mid: 0.425 },
              recent_trades: [],
              inventory: { net_yes_qty: loop % 7 },
              price_calc: {},
              target_quotes: [],
              num_targets: 0,
            },
          ]);
        };
        const writeFill = async (f: {
          market: string;
          ms: number;
          side: 'yes' | 'no';
          cents: number;
          size: number;
          backfill: boolean;
        }) => {
          const id = `f-${seq}-${++loop}`;
          const ts = toAwareIso(f.ms);
          await putAll(store.writer, 'dora_trade_log_demo', [
            {
              date: utcDate(f.ms),
              'timestamp#order_id': `${ts}#o-${id}`,
              market_id: f.market,
              side: f.side,
              type: f.side === 'yes' ? 'bid' : 'ask',
              price: f.cents / 100,
              size: f.size,
              fill_price: f.cents / 100,
              fill_size: f.size,
              status: 'filled',
              pnl_realized: f.backfill ? 0 : -0.01,
              fees: 0.01,
              order_id: `o-${id}`,
              fill_id: id,
              fill_timestamp: ts,
              ...(f.backfill ? { reconciled_at_startup: true } : {}),
            },
          ]);
        };
        // The bot is running: every market has decided once, before the dashboard looks.
        for (const m of [...MARKETS, UNWATCHED]) await writeDecision(m, now - 1_000, now - 1_000, 0);
        const compare = async (botMarket: number | null = null) => {
          // The live poller's cadence: at least the 3-s cache, and fills expired every round.
          now += 3_000;
          // A decision put just as we read: the next `decision` op (clock read up to 1.5 s before
          // now) is then a put that lands after a newer one was seen.
          if (botMarket !== null) await writeDecision(marketOf(botMarket), now, now, 0);
          live.get('demo').expireFills();
          const inc = await live.get('demo').metricsInput(ctx, 'UTC', 30);
          const cold = await new EnvRegistry(store.reader, () => now)
            .get('demo')
            .metricsInput(ctx, 'UTC', 30);
          const keys = (fs: typeof inc.input.fills) => fs.map((f) => `${f.date}|${f.sortKey}`).sort();
          expect(keys(inc.input.fills)).toEqual(keys(cold.input.fills));
          const newest = (m: typeof inc.input.latestDecisions) =>
            [...m].map(([k, d]) => `${k}=${d.date}|${d.timestampRaw}`).sort();
          expect(newest(inc.input.latestDecisions)).toEqual(newest(cold.input.latestDecisions));
          expect(inc.input.newestDecisionAny?.timestampRaw).toEqual(
            cold.input.newestDecisionAny?.timestampRaw,
          );
          const a = buildOverview(inc.input);
          const b = buildOverview(cold.input);
          expect(JSON.stringify({ ...a, asOf: 0 }, cents)).toEqual(JSON.stringify({ ...b, asOf: 0 }, cents));
        };
        await compare();
        for (const op of ops) {
          switch (op.t) {
            case 'advance':
              now += op.ms;
              break;
            case 'toMidnight': {
              const next = Math.ceil(now / DAY) * DAY - op.beforeMs;
              if (next > now) now = next;
              break;
            }
            case 'decision': {
              // Clock read `lateMs` ago; `date` read a few ms apart (either side of midnight).
              const ts = now - op.lateMs;
              await writeDecision(marketOf(op.market), ts, ts + op.dateSkewMs, op.micros);
              break;
            }
            case 'fill':
              await writeFill({
                market: marketOf(op.market),
                ms: now - op.agoMs,
                side: op.side,
                cents: op.cents,
                size: op.size,
                backfill: false,
              });
              break;
            case 'newRun':
              run = `run-${seq}-${++loop}`;
              // Startup reconciliation first (old fill times ⇒ old partitions, old sort keys), then the
              // new run's first records.
              for (const b of op.backfills) {
                await writeFill({
                  market: marketOf(b.market),
                  ms: now - b.daysAgo * DAY - 3_600_000,
                  side: b.side,
                  cents: b.cents,
                  size: b.size,
                  backfill: true,
                });
              }
              await writeDecision('ALL', now, now, 0);
              for (const m of MARKETS) await writeDecision(m, now + 1, now + 1, 0);
              break;
            case 'refresh':
              await compare(op.botMarket);
              break;
          }
        }
        await compare();
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('one refresh costs one decision Query and one trade-log Query whatever the number of markets', async () => {
    base += 20 * DAY;
    let now = base + 12 * 3_600_000;
    const live = new EnvRegistry(store.reader, () => now, { incremental: true });
    const ctx = { region: 'us-east-1', nowMs: () => now };
    await live.get('demo').metricsInput(ctx, 'UTC', 30);
    const reads: RequestRecord[] = [];
    const stop = onRequest((r) => reads.push(r));
    try {
      now += 3_000;
      live.get('demo').expireFills();
      await live.get('demo').metricsInput(ctx, 'UTC', 30);
      const kinds = reads.map((r) => `${r.operation} ${r.table}${r.index ? ` ${r.index}` : ''}`).sort();
      // Decisions: one base-table Query (no GSI, no per-market reads); fills: one Query; state: one
      // BatchGetItem; configs: cached for 5 min.
      expect(kinds).toEqual([
        'BatchGetItem dora_state_demo',
        'Query dora_decision_log_demo',
        'Query dora_trade_log_demo',
      ]);
    } finally {
      stop();
    }
  });
});
