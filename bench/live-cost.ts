// DynamoDB cost of live updates (issue 18): requests and items one live refresh and one alert
// evaluation read, on a simulated store, with a simulated clock (one live round per second of it)
// and a simulated bot writing as it runs (a decision per market per 5-s loop, a fill now and then,
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
  /** Per live round, after the first (which reads everything cold). */
  perRefresh: CostRow;
  /** Worst single round after the first. */
  maxRoundRequests: number;
  /** Per simulated minute with someone watching (live rounds + alert evaluations). */
  perMinuteWatching: CostRow;
  /** Per simulated minute with nobody watching (alert evaluations only). */
  perMinuteIdle: CostRow;
}

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
  const envs = new EnvRegistry(reader, () => now);
  const hub = new LiveHub(ctx, envs, o.livePollMs ?? 1_000);
  const poller = hub.poller('demo');
  const monitor = new AlertMonitor('demo', ctx, envs, {});
  const records: RequestRecord[] = [];
  const off = onRequest((r) => records.push(r));
  const livePollMs = o.livePollMs ?? 1_000;
  const alertEveryMs = o.alertEveryMs ?? 15_000;
  let loop = 0;
  let written = 0;
  let fillSeq = 0;
  // The bot between two rounds: each market decides once per 5-s loop; a fill every ~20 s, logged
  // up to 8 s after its fill time (the bot fetches fills once per loop, market by market).
  const botWrites = async (fromMs: number, toMs: number) => {
    const decisions: Record<string, unknown>[] = [];
    const fills: Record<string, unknown>[] = [];
    for (let t = fromMs; t < toMs; t += 1_000) {
      const perSecond = Math.ceil(marketIds.length / 5);
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
      if (loop % 20 === 0) {
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
  try {
    // Round 0: the cold start of the poller (not counted).
    await poller.poll();
    await monitor.evaluate();
    records.length = 0;
    // Watching: a live round every livePollMs, an alert evaluation every alertEveryMs.
    const rounds = Math.round((o.seconds * 1_000) / livePollMs);
    const perRound: number[] = [];
    const watching: RequestRecord[] = [];
    let writtenWatching = 0;
    for (let i = 1; i <= rounds; i++) {
      const before = records.length;
      const w0 = written;
      await botWrites(now, now + livePollMs);
      writtenWatching += written - w0;
      now += livePollMs;
      await poller.poll();
      if ((i * livePollMs) % alertEveryMs === 0) await monitor.evaluate();
      perRound.push(records.length - before);
    }
    watching.push(...records);
    records.length = 0;
    // Idle: nobody watching, alerts only.
    const idle: RequestRecord[] = [];
    let writtenIdle = 0;
    for (let i = 1; i <= rounds; i++) {
      const w0 = written;
      await botWrites(now, now + livePollMs);
      writtenIdle += written - w0;
      now += livePollMs;
      if ((i * livePollMs) % alertEveryMs === 0) await monitor.evaluate();
    }
    idle.push(...records);
    records.length = 0;
    // Per refresh: live rounds alone (no alert evaluation in between).
    const refresh: RequestRecord[] = [];
    let writtenRefresh = 0;
    const perRefreshCounts: number[] = [];
    for (let i = 1; i <= rounds; i++) {
      const before = records.length;
      const w0 = written;
      await botWrites(now, now + livePollMs);
      writtenRefresh += written - w0;
      now += livePollMs;
      await poller.poll();
      perRefreshCounts.push(records.length - before);
    }
    refresh.push(...records);
    const minutes = (rounds * livePollMs) / 60_000;
    return {
      markets: o.markets,
      rounds,
      perRefresh: tally(refresh, writtenRefresh, rounds),
      maxRoundRequests: Math.max(...perRefreshCounts),
      perMinuteWatching: tally(watching, writtenWatching, minutes),
      perMinuteIdle: tally(idle, writtenIdle, minutes),
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
  const r = await measureLiveCost({ markets, days, seconds, log: console.log });
  console.log(JSON.stringify(r, null, 2));
}
