// For context: the original Streamlit dashboard's DynamoDB access pattern, re-enacted as the data
// contract describes it (§4.1 Home, §4.2 Market Deep Dive, §5.2 query patterns), against the same
// store, next to ours. Reads only, through a plain DynamoDBDocumentClient (the AWS SDK directly, as
// boto3 did): these are not the dashboard's access paths, so they do not go through src/store.
// Requests run one after the other, as the original's synchronous Python did; the times are the
// DynamoDB round trips alone (no pandas, no Streamlit rendering, no Kalshi call), so they understate
// the original's page time.
//
// Home render (§4.1, every rerun, no cache): positions GetItem, configs Scan (one page), the P&L
// series' 31 per-day trade-log Queries, the trades' 31 more, the newest decision per enabled market
// (decision date partitions today then yesterday, newest first, pages of 1000, stopping once every
// enabled market has one — and reading both whole partitions when one never decides, §5.2), the
// open_orders GetItem twice, and the debug expander's 366 per-day Queries (365 days). Trade-log
// Queries are unpaginated (LastEvaluatedKey ignored, §5.2).
// Fills with decision context (§4.2): the lookback's per-day trade-log Queries (days + 1, all
// markets, filtered in memory) and, per fill, one GSI Query of the market, newest first, Limit 100,
// taking the first decision at or before the fill (none found when the fill is older than the
// market's newest 100 decisions).
// Ours: GET /api/v1/overview and GET /api/v1/markets/:m/fills?days=30, each on a fresh app (every
// cache empty), in process.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { parseIsoUtcMs, utcDate } from '../src/core/time.js';
import type { Bench, OpenSet } from './harness.js';
import { assertOk, get, newApp } from './inproc.js';
import { measureOverview } from './overview.js';
import { emptyTally, Recorder, type Tally } from './recorder.js';
import { fmt } from './report.js';
import { median } from './stats.js';

const SUITE = 'original';
const DAY = 86_400_000;
const T = {
  config: 'dora_market_config_demo',
  state: 'dora_state_demo',
  trades: 'dora_trade_log_demo',
  decisions: 'dora_decision_log_demo',
};
const DECISION_GSI = 'market_id-timestamp-index';
/** A part that takes longer than this is measured once (its request count does not vary). */
const SLOW_MS = 5_000;

type Item = Record<string, unknown>;

interface Plain {
  doc: DynamoDBDocumentClient;
  recorder: Recorder;
  destroy(): void;
}

function plainClient(endpoint: string): Plain {
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const recorder = new Recorder({ raw });
  const doc = DynamoDBDocumentClient.from(raw);
  return { doc, recorder, destroy: () => raw.destroy() };
}

/** The UTC dates `days` back from today, oldest first: days + 1 of them, as get_recent_trades made. */
function lastDates(nowMs: number, days: number): string[] {
  return Array.from({ length: days + 1 }, (_, i) => utcDate(nowMs - (days - i) * DAY));
}

/** One Query per date, no pagination (LastEvaluatedKey ignored). */
async function tradesByDay(doc: DynamoDBDocumentClient, nowMs: number, days: number): Promise<Item[]> {
  const out: Item[] = [];
  for (const date of lastDates(nowMs, days)) {
    const r = await doc.send(
      new QueryCommand({
        TableName: T.trades,
        KeyConditionExpression: '#d = :d',
        ExpressionAttributeNames: { '#d': 'date' },
        ExpressionAttributeValues: { ':d': date },
      }),
    );
    out.push(...(r.Items ?? []));
  }
  return out;
}

async function enabledMarkets(doc: DynamoDBDocumentClient): Promise<string[]> {
  const r = await doc.send(new ScanCommand({ TableName: T.config }));
  return (r.Items ?? []).filter((i) => Boolean(i['enabled'])).map((i) => String(i['market_id']));
}

/** get_most_recent_decision_per_market: today's then yesterday's partition, newest first, pages of 1000. */
async function newestDecisionPerMarket(
  doc: DynamoDBDocumentClient,
  nowMs: number,
  enabled: string[],
): Promise<{ found: number; wanted: number }> {
  const latest = new Map<string, Item>();
  const done = () => enabled.every((m) => latest.has(m));
  for (const date of [utcDate(nowMs), utcDate(nowMs - DAY)]) {
    let start: Record<string, unknown> | undefined;
    do {
      const r: QueryCommandOutput = await doc.send(
        new QueryCommand({
          TableName: T.decisions,
          KeyConditionExpression: '#d = :d',
          ExpressionAttributeNames: { '#d': 'date' },
          ExpressionAttributeValues: { ':d': date },
          ScanIndexForward: false,
          Limit: 1000,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const i of r.Items ?? []) {
        const m = String(i['market_id']);
        if (!latest.has(m)) latest.set(m, i);
      }
      start = r.LastEvaluatedKey;
    } while (start && !done());
    if (done()) break;
  }
  return { found: enabled.filter((m) => latest.has(m)).length, wanted: enabled.length };
}

async function getState(doc: DynamoDBDocumentClient, key: string): Promise<void> {
  await doc.send(new GetCommand({ TableName: T.state, Key: { key } }));
}

/** get_decision_context_for_fill: the market's newest 100 decisions, the first at or before the fill. */
async function decisionContext(
  doc: DynamoDBDocumentClient,
  market: string,
  fillMs: number,
): Promise<boolean> {
  const r = await doc.send(
    new QueryCommand({
      TableName: T.decisions,
      IndexName: DECISION_GSI,
      KeyConditionExpression: 'market_id = :m',
      ExpressionAttributeValues: { ':m': market },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return (r.Items ?? []).some((d) => {
    const t = typeof d['timestamp'] === 'string' ? parseIsoUtcMs(d['timestamp']) : null;
    return t !== null && t <= fillMs;
  });
}

interface Part {
  part: string;
  requests: number;
  items: number;
  mb: number;
  ms: number;
  runs: number;
  note: string;
}

/** Median of 3 after a warm-up, or the one run when it is slow (its request count is fixed). */
async function measurePart<T>(
  plain: Plain,
  part: string,
  fn: () => Promise<T>,
  note: (r: T) => string = () => '',
): Promise<Part & { result: T }> {
  const first = await plain.recorder.measure(fn);
  const runs = first.ms > SLOW_MS ? [first] : [];
  if (!runs.length) for (let i = 0; i < 3; i++) runs.push(await plain.recorder.measure(fn));
  return {
    part,
    requests: median(runs.map((r) => r.dyn.requests)),
    items: median(runs.map((r) => r.dyn.items)),
    mb: median(runs.map((r) => r.dyn.bytes / 1e6)),
    ms: median(runs.map((r) => r.ms)),
    runs: runs.length,
    note: note(first.result),
    result: first.result,
  };
}

function sumParts(part: string, parts: readonly Part[], note: string): Part {
  const sum = (k: 'requests' | 'items' | 'mb' | 'ms') => parts.reduce((n, p) => n + p[k], 0);
  return {
    part,
    requests: sum('requests'),
    items: sum('items'),
    mb: sum('mb'),
    ms: sum('ms'),
    runs: Math.min(...parts.map((p) => p.runs)),
    note,
  };
}

interface Ours {
  requests: number;
  items: number;
  ms: number;
  fills?: number;
  withContext?: number;
}

function totalItems(t: Tally): number {
  return Object.values(t.byTable).reduce((n, v) => n + v.items, 0);
}

/** Our fills route, cold (fresh app): median of 3 after a warm-up. */
async function ourFills(set: OpenSet, market: string): Promise<Ours> {
  const url = `/api/v1/markets/${encodeURIComponent(market)}/fills?env=demo&days=30`;
  const runs: { ms: number; dyn: Tally; fills: number; withContext: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const app = await newApp(set);
    try {
      const m = await set.recorder.measure(() => get(app, url));
      assertOk(m.result, url);
      const items = (m.result.json['items'] ?? []) as { decisionContext?: unknown }[];
      if (i > 0)
        runs.push({
          ms: m.result.ms,
          dyn: m.dyn,
          fills: items.length,
          withContext: items.filter((f) => f.decisionContext).length,
        });
    } finally {
      await app.close();
    }
  }
  const first = runs[0] ?? { fills: 0, withContext: 0, dyn: emptyTally() };
  return {
    requests: median(runs.map((r) => r.dyn.requests)),
    items: median(runs.map((r) => totalItems(r.dyn))),
    ms: median(runs.map((r) => r.ms)),
    fills: first.fills,
    withContext: first.withContext,
  };
}

async function measureSet(bench: Bench, set: OpenSet) {
  const plain = plainClient(set.ds.endpoint);
  const now = set.ds.now;
  const doc = plain.doc;
  try {
    // Home render, part by part, in the order the page ran them.
    const head = await measurePart(plain, 'positions GetItem + configs Scan', async () => {
      await getState(doc, 'positions');
      return enabledMarkets(doc);
    });
    const enabled = await enabledMarkets(doc);
    const pnl = await measurePart(
      plain,
      'P&L series: trades, 30 days (31 Queries)',
      () => tradesByDay(doc, now(), 30),
      (items) => `${items.length} fills`,
    );
    const trades = await measurePart(
      plain,
      'trades, 30 days again (31 Queries)',
      () => tradesByDay(doc, now(), 30),
      (items) => `${items.length} fills`,
    );
    const latest = await measurePart(
      plain,
      'newest decision per enabled market (date partitions)',
      () => newestDecisionPerMarket(doc, now(), enabled),
      (r) =>
        `${r.found} of ${r.wanted} enabled markets found` +
        (r.found < r.wanted ? ': no early stop, both partitions read whole' : ''),
    );
    const orders = await measurePart(plain, 'open_orders GetItem × 2', async () => {
      await getState(doc, 'open_orders');
      await getState(doc, 'open_orders');
    });
    const debug = await measurePart(
      plain,
      'debug expander: trades, 365 days (366 Queries)',
      () => tradesByDay(doc, now(), 365),
      (items) => `${items.length} fills`,
    );
    const homeParts = [head, pnl, trades, latest, orders, debug];
    const home = sumParts('Home render (all of the above)', homeParts, 'no cache: every rerun');

    // Fills with decision context, 30 days, the market with the most fills.
    const market = set.discovery.busiestFills.market;
    const fillLog = await measurePart(
      plain,
      `fill log: trades, 30 days (31 Queries), kept: ${market}`,
      async () => (await tradesByDay(doc, now(), 30)).filter((i) => i['market_id'] === market),
      (mine) => `${mine.length} fills of the market`,
    );
    const times = fillLog.result.map((i) => parseIsoUtcMs(String(i['fill_timestamp'] ?? '')) ?? NaN);
    const ctx = await measurePart(
      plain,
      `decision context: 1 GSI Query (Limit 100) per fill × ${times.length}`,
      async () => {
        let found = 0;
        for (const t of times) if (await decisionContext(doc, market, t)) found++;
        return found;
      },
      (found) => `${found} of ${times.length} fills given a decision`,
    );
    const theirFills = { fills: times.length, withContext: ctx.result };
    const fills = sumParts(
      `fills with decision context (${market}, 30 days)`,
      [fillLog, ctx],
      `${theirFills.withContext} of ${theirFills.fills} fills given a decision`,
    );

    // Ours.
    const ov = await bench.memo(`overview:${set.ds.spec.name}`, () => measureOverview(set));
    const oursOverview: Ours = {
      requests: ov.fig.requests,
      items: Object.values(ov.byTable).reduce((n, v) => n + v.items, 0),
      ms: ov.fig.coldMedian,
    };
    const oursFills = await ourFills(set, market);
    return {
      parts: [...homeParts, home, fillLog, ctx, fills] as Part[],
      home,
      fills,
      oursOverview,
      oursFills,
      theirFills,
      market,
    };
  } finally {
    plain.destroy();
  }
}

const ratio = (theirs: number, ours: number) => (ours > 0 ? `${fmt(theirs / ours, 1)}×` : '-');

export async function originalSuite(bench: Bench): Promise<void> {
  const r = bench.report;
  const partRows: (string | number)[][] = [];
  const vsRows: (string | number)[][] = [];
  const facts: Record<string, unknown> = {};
  for (const name of bench.setsOf(['S', 'D'])) {
    const set = await bench.dataset(name);
    const m = await measureSet(bench, set);
    for (const p of m.parts)
      partRows.push([set.label, p.part, p.requests, p.items, p.mb, p.ms, p.runs, p.note]);
    vsRows.push([
      set.label,
      'Home / overview, cold',
      m.home.requests,
      m.home.items,
      m.home.ms,
      m.oursOverview.requests,
      m.oursOverview.items,
      m.oursOverview.ms,
      ratio(m.home.requests, m.oursOverview.requests),
      ratio(m.home.ms, m.oursOverview.ms),
    ]);
    vsRows.push([
      set.label,
      `fills with context, 30 days (${m.theirFills.withContext}/${m.theirFills.fills} theirs, ${m.oursFills.withContext ?? 0}/${m.oursFills.fills ?? 0} ours with a decision)`,
      m.fills.requests,
      m.fills.items,
      m.fills.ms,
      m.oursFills.requests,
      m.oursFills.items,
      m.oursFills.ms,
      ratio(m.fills.requests, m.oursFills.requests),
      ratio(m.fills.ms, m.oursFills.ms),
    ]);
    facts[set.label] = {
      market: m.market,
      home: m.home,
      fills: m.fills,
      oursOverview: m.oursOverview,
      oursFills: m.oursFills,
      theirFills: m.theirFills,
    };
  }
  r.table(
    SUITE,
    'Original dashboard access pattern, re-enacted (plain SDK client, requests one after another; medians of 3 after a warm-up, or 1 run when slower than 5 s; MB = item bytes read)',
    ['set', 'part', 'requests', 'items read', 'MB read', 'ms', 'runs', 'note'],
    partRows,
  );
  r.table(
    SUITE,
    'Original vs ours (theirs: DynamoDB round trips only; ours: the route on a fresh app, every cache empty; ratio = theirs ÷ ours)',
    [
      'set',
      'what',
      'orig req',
      'orig items',
      'orig ms',
      'our req',
      'our items',
      'our ms',
      'req ratio',
      'ms ratio',
    ],
    vsRows,
  );
  r.fact(SUITE, 'sets', facts);
  r.fact(SUITE, 'parts', partRows);
  r.fact(SUITE, 'vs', vsRows);
}
