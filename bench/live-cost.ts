// DynamoDB cost of live updates (issue 18): requests and items one live refresh and one alert
// evaluation read, on a simulated store, with a simulated clock (one live round per second of it)
// and a simulated bot writing as it runs (a decision per market per loop, a fill now and then,
// logged late). Counts come from the store's request hook (src/store/stats.ts), so they do not
// depend on the machine's load. 50 clients on one environment share the one poller: same reads.
import { createBotTables } from '../src/embedded/create-tables.js';
import { startDynalite } from '../src/embedded/dynalite-server.js';
import { generateHistory } from '../src/sim/generate.js';
import { createWriterClient } from '../src/sim/client.js';
import { writeItems } from '../src/sim/write.js';
import { createReadClient } from '../src/store/client.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { EnvRegistry } from '../src/server/env-data.js';
import { LiveHub } from '../src/server/live.js';
import { AlertMonitor } from '../src/server/alert-monitor.js';
import type { AppContext } from '../src/server/context.js';
import { toNaiveIso, utcDate } from '../src/core/time.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface LiveCostOptions {
  markets: number;
  days: number;
  /** Simulated seconds to run (one live round per second). */
  seconds: number;
  /** Live poll interval and alert evaluation interval (simulated ms). */
  livePollMs?: number;
  alertEveryMs?: number;
  /** One fill every this many simulated seconds (default 120: 720 a day, ten times the S dataset's rate). */
  fillEverySeconds?: number;
  /** The server's live reads (issue 18); false ⇒ the cold reads every round, as before. */
  incremental?: boolean;
  log?: (m: string) => void;
}

export interface CostRow {
  requests: number;
  items: number;
  rcu: number;
  /** New items the bot wrote over the window (decisions + fills). */
  written: number;
  byKind: Record<string, { requests: number; items: number }>;
}

export interface LiveCostResult {
  markets: number;
  rounds: number;
  /** Per live round (one client), averaged: DynamoDB requests, items read, items the bot wrote. */
  perRefresh: { requests: number; items: number; written: number };
  /** Worst single live round: requests, and items read beyond what the bot wrote in that round. */
  maxRoundRequests: number;
  maxRoundExcessItems: number;
  /** Per simulated minute: nobody watching (alert evaluations only), one client, 50 clients. */
  perMinuteIdle: CostRow;
  perMinuteOne: CostRow;
  perMinuteFifty: CostRow;
}

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kind(r: RequestRecord): string {
  return `${r.operation} ${r.table.replace(/_demo$/, '')}${r.index ? ` [${r.index}]` : ''}`;
}

function tally(records: RequestRecord[], written: number, per: number): CostRow {
  const byKind: CostRow['byKind'] = {};
  for (const r of records) {
    const k = (byKind[kind(r)] ??= { requests: 0, items: 0 });
    k.requests++;
    k.items += r.items;
  }
  for (const k of Object.values(byKind)) {
    k.requests = round1(k.requests / per);
    k.items = round1(k.items / per);
  }
  return {
    requests: round1(records.length / per),
    items: round1(records.reduce((n, r) => n + r.items, 0) / per),
    rcu: round1(records.reduce((n, r) => n + r.rcu, 0) / per),
    written: round1(written / per),
    byKind,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function measureLiveCost(o: LiveCostOptions): Promise<LiveCostResult> {
  const log = o.log ?? (() => {});
  const server = await startDynalite({});
  const creds = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  const raw = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: creds });
  await createBotTables(raw);
  const writer = createWriterClient({ endpoint: server.endpoint });
  const reader = createReadClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: creds });
  let now = Math.floor(Date.now() / 60_000) * 60_000;
  const history = generateHistory({ seed: 42, env: 'demo', nowMs: now, markets: o.markets, days: o.days });
  log(`live-cost: seeding ${o.markets} markets × ${o.days} days`);
  await writeItems(writer, 'demo', history.items);
  const run = history.runs.at(-1);
  const runId = run?.runId ?? 'bench-run';
  const marketIds = history.items.dora_market_config.map((c) => String(c['market_id']));
  const ctx = { region: 'us-east-1', nowMs: () => now, client: reader } as unknown as AppContext;
  const envs = new EnvRegistry(reader, () => now, { incremental: o.incremental ?? true });
  const hub = new LiveHub(ctx, envs, 1_000_000_000); // rounds driven below, on the simulated clock
  const poller = hub.poller('demo');
  const monitor = new AlertMonitor('demo', ctx, envs, {});
  const records: RequestRecord[] = [];
  const off = onRequest((r) => records.push(r));
  const livePollMs = o.livePollMs ?? 1_000;
  const alertEveryMs = o.alertEveryMs ?? 15_000;
  const fillEverySeconds = o.fillEverySeconds ?? 120;
  let loop = 0;
  let written = 0;
  let fillSeq = 0;
  // The bot between two rounds: each market decides once per loop, and a loop lasts
  // max(5 s, 0.2 s × markets) — each market costs the bot 0.2–0.4 s of Kalshi calls, one after
  // another (contract §3.1), so it writes at most ~5 decisions a second however many markets; a fill every
  // fillEverySeconds, logged 8 s after its fill time (the bot fetches fills once per loop, market by market).
  const botWrites = async (fromMs: number, toMs: number) => {
    const decisions: Record<string, unknown>[] = [];
    const fills: Record<string, unknown>[] = [];
    for (let t = fromMs; t < toMs; t += 1_000) {
      const perSecond = Math.ceil(marketIds.length / Math.max(5, 0.2 * marketIds.length));
      for (let i = 0; i < perSecond; i++) {
        const m = marketIds[(loop * perSecond + i) % marketIds.length] as string;
        decisions.push({
          date: utcDate(t),
          timestamp: toNaiveIso(t + i),
          market_id: m,
          decision_id: `${runId}:${m}:${loop}`,
          bot_run_id: runId,
          bot_version: 'bench',
          order_book_snapshot: { best_bid: 0.4, best_ask: 0.45, spread: 0.05, mid: 0.425 },
          recent_trades: [],
          inventory: { net_yes_qty: 0 },
          price_calc: {},
          target_quotes: [],
          num_targets: 0,
        });
      }
      loop++;
      if (loop % fillEverySeconds === 0) {
        const fillMs = t - 8_000;
        const id = `bench-fill-${fillSeq++}`;
        const ts = new Date(fillMs).toISOString().replace('Z', '000+00:00');
        const m = marketIds[fillSeq % marketIds.length] as string;
        fills.push({
          date: utcDate(fillMs),
          'timestamp#order_id': `${ts}#order-${id}`,
          market_id: m,
          side: 'yes',
          type: 'bid',
          price: 0.41,
          size: 1,
          fill_price: 0.41,
          fill_size: 1,
          status: 'filled',
          pnl_realized: -0.01,
          fees: 0.01,
          order_id: `order-${id}`,
          fill_id: id,
          fill_timestamp: ts,
        });
      }
    }
    written += decisions.length + fills.length;
    await writeItems(writer, 'demo', { dora_decision_log: decisions, dora_trade_log: fills } as never);
  };
  /** One phase: `seconds` of simulated time, the bot writing, alerts every alertEveryMs, live rounds if watched. */
  const phase = async (seconds: number, watched: boolean) => {
    records.length = 0;
    const rounds = Math.round((seconds * 1_000) / livePollMs);
    const perRound: { requests: number; items: number; written: number }[] = [];
    let writtenTotal = 0;
    for (let i = 1; i <= rounds; i++) {
      const w0 = written;
      await botWrites(now, now + livePollMs);
      writtenTotal += written - w0;
      now += livePollMs;
      if (watched) {
        const before = records.length;
        await poller.poll();
        const mine = records.slice(before);
        perRound.push({
          requests: mine.length,
          items: mine.reduce((n, r) => n + r.items, 0),
          written: written - w0,
        });
      }
      if ((i * livePollMs) % alertEveryMs === 0) await monitor.evaluate();
    }
    const all = records.slice();
    records.length = 0;
    return { all, perRound, written: writtenTotal, minutes: (rounds * livePollMs) / 60_000 };
  };
  try {
    // The cold start of the poller and the alert monitor (not counted).
    await poller.poll();
    await monitor.evaluate();
    const idle = await phase(o.seconds, false);
    const one = await phase(o.seconds, true);
    // 50 viewers of the same environment share its one poller: subscribed, they add no reads.
    const unsubscribe = Array.from({ length: 50 }, () => poller.subscribe(() => {}, null));
    await sleepMs(50);
    records.length = 0;
    const fifty = await phase(o.seconds, true);
    for (const u of unsubscribe) u();
    const rounds = one.perRound.length;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      markets: o.markets,
      rounds,
      perRefresh: {
        requests: round1(sum(one.perRound.map((r) => r.requests)) / rounds),
        items: round1(sum(one.perRound.map((r) => r.items)) / rounds),
        written: round1(sum(one.perRound.map((r) => r.written)) / rounds),
      },
      maxRoundRequests: Math.max(...one.perRound.map((r) => r.requests)),
      maxRoundExcessItems: Math.max(...one.perRound.map((r) => r.items - r.written)),
      perMinuteIdle: tally(idle.all, idle.written, idle.minutes),
      perMinuteOne: tally(one.all, one.written, one.minutes),
      perMinuteFifty: tally(fifty.all, fifty.written, fifty.minutes),
    };
  } finally {
    off();
    hub.stopAll();
    reader.destroy();
    raw.destroy();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const markets = Number(process.argv[2] ?? 25);
  const days = Number(process.argv[3] ?? 3);
  const seconds = Number(process.argv[4] ?? 60);
  const incremental = process.argv[5] !== 'cold';
  const r = await measureLiveCost({ markets, days, seconds, incremental, log: console.log });
  console.log(JSON.stringify(r, null, 2));
}
