// Decision-log reads, all through the GSI market_id-timestamp-index with tight ranges and limits:
// the decision table grows by 10^5 items a day, so a date partition is never read on a request path.
import type { Decision, Env, QuoteDecision, Warning } from '../core/types.js';
import { toNaiveIso, utcDate } from '../core/time.js';
import type { ReadClient } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { decodeAll, dedupeWarnings } from './decode/decode-item.js';
import { decodeDecision } from './decode/decision.js';
import { FULL_DECISIONS, QUOTE_DECISIONS, type DecisionShape } from './decision-shape.js';
import { mapLimit, queryAll, queryPage, type RawItem } from './paginate.js';
import { DECISION_GSI, tableName } from './tables.js';

/** Slack for clock skew between the bot's host and ours when bounding "newest" reads by now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const GSI_CURSOR_ATTRS = ['date', 'timestamp', 'market_id'] as const;

function decode(raws: RawItem[], table: string) {
  return decodeAll(raws, (r) => decodeDecision(r, table));
}

/** A query's own attribute names with the shape's projection, if any (`#ts` is timestamp in both). */
function projected(shape: DecisionShape<QuoteDecision>, names: Record<string, string>) {
  return shape.projection
    ? {
        ProjectionExpression: shape.projection.ProjectionExpression,
        ExpressionAttributeNames: { ...names, ...shape.projection.ExpressionAttributeNames },
      }
    : { ExpressionAttributeNames: names };
}

/** A market's decisions at or before a time, newest first, through the GSI. */
function newestFirstQuery(
  table: string,
  marketId: string,
  atOrBeforeMs: number,
  limit: number,
  start?: RawItem,
  shape: DecisionShape<QuoteDecision> = FULL_DECISIONS,
) {
  return {
    TableName: table,
    IndexName: DECISION_GSI,
    KeyConditionExpression: 'market_id = :m AND #ts <= :t',
    ...projected(shape, { '#ts': 'timestamp' }),
    ExpressionAttributeValues: { ':m': marketId, ':t': toNaiveIso(atOrBeforeMs, 999) },
    ScanIndexForward: false,
    Limit: limit,
    ...(start ? { ExclusiveStartKey: start } : {}),
  };
}

/**
 * Newest decision of one market at or before a time: one GSI Query, descending, Limit 1 (one item
 * read). Callers bound it by "now" so a decision stamped in the future cannot pose as the newest
 * forever. An item that does not decode is reported and the next older one read instead (≤ 5 tries).
 */
export function readLatestDecision(
  client: ReadClient,
  env: Env,
  marketId: string,
  atOrBeforeMs: number,
): Promise<{ decision: Decision | null; warnings: Warning[] }> {
  return latestOf(client, env, marketId, atOrBeforeMs, FULL_DECISIONS);
}

async function latestOf<D extends QuoteDecision>(
  client: ReadClient,
  env: Env,
  marketId: string,
  atOrBeforeMs: number,
  shape: DecisionShape<D>,
): Promise<{ decision: D | null; warnings: Warning[] }> {
  const table = tableName('dora_decision_log', env);
  const warnings: Warning[] = [];
  let start: RawItem | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const page = await queryPage(
      client.doc,
      newestFirstQuery(table, marketId, atOrBeforeMs, 1, start, shape),
    );
    const r = decodeAll(page.items, (raw) => shape.decode(raw, table));
    warnings.push(...r.warnings);
    if (r.values[0] || !page.lastKey || page.items.length === 0)
      return { decision: r.values[0] ?? null, warnings };
    start = page.lastKey;
  }
  return { decision: null, warnings };
}

/** Newest decision per market, markets in parallel with a concurrency cap. */
export async function readLatestDecisions(
  client: ReadClient,
  env: Env,
  marketIds: readonly string[],
  nowMs: number,
  concurrency = 16,
): Promise<{ decisions: Map<string, Decision>; warnings: Warning[] }> {
  const results = await mapLimit(marketIds, concurrency, (m) => readLatestDecision(client, env, m, nowMs));
  const decisions = new Map<string, Decision>();
  const warnings: Warning[] = [];
  results.forEach((r, i) => {
    if (r.decision) decisions.set(marketIds[i] as string, r.decision);
    warnings.push(...r.warnings);
  });
  return { decisions, warnings };
}

/** First read of a chunk, before anything is known of the market's decision rate there. */
const COVER_FIRST_LIMIT = 8;

/**
 * The decision in force at each time (newest at or before it). The answer for one time is a GSI
 * read, descending from it; that same read, asked for a few more items, also holds the answer for
 * every other time down to its oldest item. So the distinct times, newest first, are cut into
 * contiguous chunks read in parallel, and each chunk walks down its times with one read per time
 * not yet covered, sized from the decision rate the previous read saw: where decisions are sparse
 * beside the times (hours of history, fills in bursts) one read answers many; where they are dense
 * (a decision every few seconds, fills hours apart) each read is Limit 1, as a plain lookup.
 * The answers equal one Limit-1 lookup per time (tested property), undecodable items included.
 */
export function readDecisionsAt(
  client: ReadClient,
  env: Env,
  marketId: string,
  timesMs: readonly number[],
  concurrency = 32,
): Promise<{ byTime: Map<number, Decision | null>; warnings: Warning[] }> {
  return decisionsAtOf(client, env, marketId, timesMs, concurrency, FULL_DECISIONS);
}

/** readDecisionsAt with the quality reads' projection (decision-shape.ts): QuoteDecisions. */
export function readQuoteDecisionsAt(
  client: ReadClient,
  env: Env,
  marketId: string,
  timesMs: readonly number[],
  concurrency = 32,
): Promise<{ byTime: Map<number, QuoteDecision | null>; warnings: Warning[] }> {
  return decisionsAtOf(client, env, marketId, timesMs, concurrency, QUOTE_DECISIONS);
}

async function decisionsAtOf<D extends QuoteDecision>(
  client: ReadClient,
  env: Env,
  marketId: string,
  timesMs: readonly number[],
  concurrency: number,
  shape: DecisionShape<D>,
): Promise<{ byTime: Map<number, D | null>; warnings: Warning[] }> {
  const distinct = [...new Set(timesMs)].sort((a, b) => b - a);
  const byTime = new Map<number, D | null>();
  const warnings: Warning[] = [];
  const chunkCount = Math.min(concurrency, distinct.length);
  const chunks = Array.from({ length: chunkCount }, (_, c) =>
    distinct.slice(
      Math.floor((c * distinct.length) / chunkCount),
      Math.floor(((c + 1) * distinct.length) / chunkCount),
    ),
  );
  await Promise.all(chunks.map((chunk) => coverChunk(client, env, marketId, chunk, byTime, warnings, shape)));
  return { byTime, warnings: dedupeWarnings(warnings) };
}

/** Times of one chunk, newest first; answers go into `byTime`. */
async function coverChunk<D extends QuoteDecision>(
  client: ReadClient,
  env: Env,
  marketId: string,
  times: readonly number[],
  byTime: Map<number, D | null>,
  warnings: Warning[],
  shape: DecisionShape<D>,
): Promise<void> {
  const table = tableName('dora_decision_log', env);
  /** Decisions per ms seen by the previous read; null before the first. */
  let rate: number | null = null;
  let i = 0;
  while (i < times.length) {
    const top = times[i] as number;
    const limit = coverLimit(times, i, rate, shape.coverMaxItems);
    const page = await queryPage(client.doc, newestFirstQuery(table, marketId, top, limit, undefined, shape));
    // The index's own order, newest first: the raw sort key decides what is "at or before" a time,
    // exactly as the key condition of a lookup would, and ties keep the order a lookup would see.
    const read = page.items.map((raw) => {
      const d = shape.decode(raw, table);
      if (!d.ok) warnings.push(d.warning);
      else warnings.push(...d.warnings);
      return {
        ts: typeof raw['timestamp'] === 'string' ? raw['timestamp'] : '',
        decision: d.ok ? d.value : null,
      };
    });
    /** Everything older than the oldest item read is unknown, unless the index has no more. */
    const complete = !page.lastKey;
    const oldestTs = read[read.length - 1]?.ts ?? '';
    let j = i;
    while (j < times.length) {
      const t = times[j] as number;
      const bound = toNaiveIso(t, 999);
      // Another item with the oldest item's timestamp may follow it in the index: only times above
      // it are settled (the first time always is: its lookup would start with these very items).
      if (j > i && !complete && !(bound > oldestTs)) break;
      let answer: D | null | undefined;
      for (const r of read) {
        if (r.ts > bound) continue;
        if (r.decision) {
          answer = r.decision;
          break;
        }
      }
      // Every candidate in the page was undecodable (or none read yet below it): a lookup of its
      // own steps past them, as readLatestDecision does.
      if (answer === undefined && !complete) {
        const own = await latestOf(client, env, marketId, t, shape);
        warnings.push(...own.warnings);
        answer = own.decision;
      }
      byTime.set(t, answer ?? null);
      j++;
    }
    // The rate: items per ms of the span read; from a single item, its age at `top` (the mean age
    // of the newest decision is one interval), so a chunk that walks from dense into sparse
    // decisions learns it even from Limit-1 reads.
    const oldest = read[read.length - 1]?.decision?.timeMs;
    if (oldest !== undefined && read.length >= 1) rate = read.length / Math.max(1_000, top - oldest);
    i = j;
  }
}

/**
 * How many items the read for times[i] asks for: enough, at the rate seen so far (with a margin),
 * to reach below as many of the following times as fit in COVER_MAX_ITEMS — or 1 when not even the
 * next time fits (dense decisions: a plain lookup).
 */
function coverLimit(times: readonly number[], i: number, rate: number | null, maxItems: number): number {
  if (i + 1 >= times.length) return 1;
  if (rate === null) return COVER_FIRST_LIMIT;
  const top = times[i] as number;
  let limit = 1;
  for (let m = i + 1; m < times.length; m++) {
    const needed = Math.ceil(rate * (top - (times[m] as number)) * 1.25) + 2;
    if (needed > maxItems) break;
    limit = needed;
  }
  return limit;
}

export interface DecisionPage<D extends QuoteDecision = Decision> {
  items: D[];
  nextCursor: string | null;
  warnings: Warning[];
}

export interface MarketDecisionsQuery {
  marketId: string;
  fromMs: number;
  toMs: number;
  limit: number;
  cursor?: string | null;
}

/** Decisions of a market in [fromMs, toMs], newest first, one page of `limit` with a cursor. */
export function readMarketDecisions(
  client: ReadClient,
  env: Env,
  q: MarketDecisionsQuery,
): Promise<DecisionPage> {
  return marketDecisionsOf(client, env, q, FULL_DECISIONS);
}

/** readMarketDecisions with the quality reads' projection (decision-shape.ts): QuoteDecisions. */
export function readMarketQuoteDecisions(
  client: ReadClient,
  env: Env,
  q: MarketDecisionsQuery,
): Promise<DecisionPage<QuoteDecision>> {
  return marketDecisionsOf(client, env, q, QUOTE_DECISIONS);
}

async function marketDecisionsOf<D extends QuoteDecision>(
  client: ReadClient,
  env: Env,
  q: MarketDecisionsQuery,
  shape: DecisionShape<D>,
): Promise<DecisionPage<D>> {
  const table = tableName('dora_decision_log', env);
  const start = q.cursor
    ? decodeCursor(q.cursor, `decisions:${env}`, {
        attributes: GSI_CURSOR_ATTRS,
        equal: { market_id: q.marketId },
      })
    : undefined;
  // Ask for one more than the page: a next cursor is given only when another item really exists.
  const { items: read } = await queryAll(
    client.doc,
    {
      TableName: table,
      IndexName: DECISION_GSI,
      KeyConditionExpression: 'market_id = :m AND #ts BETWEEN :from AND :to',
      ...projected(shape, { '#ts': 'timestamp' }),
      ExpressionAttributeValues: {
        ':m': q.marketId,
        ':from': toNaiveIso(q.fromMs),
        ':to': toNaiveIso(q.toMs, 999),
      },
      ScanIndexForward: false,
      ...(start ? { ExclusiveStartKey: start } : {}),
    },
    q.limit + 1,
  );
  const items = read.slice(0, q.limit);
  const { values, warnings } = decodeAll(items, (raw) => shape.decode(raw, table));
  const last = items[items.length - 1];
  const nextKey =
    read.length > q.limit && last
      ? {
          date: String(last['date']),
          timestamp: String(last['timestamp']),
          market_id: String(last['market_id']),
        }
      : undefined;
  return { items: values, nextCursor: encodeCursor(`decisions:${env}`, nextKey), warnings };
}

export { readDecisionById } from './read-decision-by-id.js';

/** Newest "ALL" system decision (startup/halt/fatal cancels), for the run id and liveness. */
export function readLatestSystemDecision(client: ReadClient, env: Env, nowMs: number) {
  return readLatestDecision(client, env, 'ALL', nowMs);
}

/** The next decision of a market strictly after `afterRaw` (a stored naive timestamp). */
export async function readNextDecision(
  client: ReadClient,
  env: Env,
  marketId: string,
  afterRaw: string,
): Promise<{ decision: Decision | null; warnings: Warning[] }> {
  const table = tableName('dora_decision_log', env);
  const page = await queryPage(client.doc, {
    TableName: table,
    IndexName: DECISION_GSI,
    KeyConditionExpression: 'market_id = :m AND #ts > :t',
    ExpressionAttributeNames: { '#ts': 'timestamp' },
    ExpressionAttributeValues: { ':m': marketId, ':t': afterRaw },
    ScanIndexForward: true,
    Limit: 1,
  });
  const { values, warnings } = decode(page.items, table);
  return { decision: values[0] ?? null, warnings };
}

/**
 * Without the GSI there is no cheap per-market read (contract §5.1): walk date partitions newest
 * first, in the given order, handing each decoded page to `visit` until it says stop or `maxItems`
 * items (of all markets) have been read. Returns whether the walk ended before the budget ran out.
 */
async function walkPartitionsNewestFirst(
  client: ReadClient,
  env: Env,
  dates: readonly string[],
  range: { fromMs: number; toMs: number } | null,
  maxItems: number,
  visit: (page: Decision[]) => boolean,
): Promise<{ warnings: Warning[]; withinBudget: boolean }> {
  const table = tableName('dora_decision_log', env);
  const warnings: Warning[] = [];
  let budget = maxItems;
  for (const date of dates) {
    let start: RawItem | undefined;
    do {
      const page = await queryPage(client.doc, {
        TableName: table,
        KeyConditionExpression: range ? '#d = :d AND #ts BETWEEN :from AND :to' : '#d = :d',
        ExpressionAttributeNames: range ? { '#d': 'date', '#ts': 'timestamp' } : { '#d': 'date' },
        ExpressionAttributeValues: range
          ? { ':d': date, ':from': toNaiveIso(range.fromMs), ':to': toNaiveIso(range.toMs, 999) }
          : { ':d': date },
        ScanIndexForward: false,
        Limit: Math.min(500, budget),
        ExclusiveStartKey: start,
      });
      budget -= page.items.length;
      const r = decode(page.items, table);
      warnings.push(...r.warnings);
      if (visit(r.values)) return { warnings, withinBudget: true };
      start = page.lastKey;
    } while (start && budget > 0);
    if (budget <= 0) return { warnings, withinBudget: false };
  }
  return { warnings, withinBudget: true };
}

/**
 * Newest decision per market without the GSI: today's partition, then yesterday's, up to a hard
 * item cap; the first decision seen per market wins. Bounded cost, partial answers; the caller warns.
 */
export async function readLatestDecisionsWithoutGsi(
  client: ReadClient,
  env: Env,
  marketIds: readonly string[],
  nowMs: number,
  maxItems = 5_000,
): Promise<{
  decisions: Map<string, Decision>;
  newestAny: Decision | null;
  warnings: Warning[];
  complete: boolean;
}> {
  const wanted = new Set(marketIds);
  const decisions = new Map<string, Decision>();
  let newestAny: Decision | null = null;
  const { warnings } = await walkPartitionsNewestFirst(
    client,
    env,
    [utcDate(nowMs), utcDate(nowMs - 86_400_000)],
    null,
    maxItems,
    (page) => {
      for (const d of page) {
        newestAny ??= d;
        if (wanted.has(d.marketId) && !decisions.has(d.marketId)) decisions.set(d.marketId, d);
      }
      return decisions.size === wanted.size;
    },
  );
  return { decisions, newestAny, warnings, complete: decisions.size === wanted.size };
}

/**
 * Without the GSI: a market's decisions in a range from the date partitions, newest first, stopping
 * after `maxItems` items read in total (of all markets). Partial by design; the caller warns.
 */
export async function readMarketDecisionsWithoutGsi(
  client: ReadClient,
  env: Env,
  q: { marketId: string; fromMs: number; toMs: number; limit: number },
  maxItems = 5_000,
): Promise<DecisionPage & { complete: boolean }> {
  const out: Decision[] = [];
  const dates: string[] = [];
  for (let t = q.toMs; t >= q.fromMs - 86_400_000; t -= 86_400_000) dates.push(utcDate(t));
  const { warnings, withinBudget } = await walkPartitionsNewestFirst(
    client,
    env,
    [...new Set(dates)],
    q,
    maxItems,
    (page) => {
      for (const d of page) if (d.marketId === q.marketId && out.length < q.limit) out.push(d);
      return out.length >= q.limit;
    },
  );
  return { items: out, nextCursor: null, warnings, complete: withinBudget };
}
