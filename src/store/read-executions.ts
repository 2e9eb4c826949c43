// Execution-log reads (contract §2.5): by decision through the GSI decision_id_event_ts, or by
// market within a run through the base key with begins_with. Never a Scan (the old tabs did one).
import type { Env, ExecutionEvent, Warning } from '../core/types.js';
import type { ReadClient } from './client.js';
import { decodeAll } from './decode/decode-item.js';
import { decodeExecutionEvent } from './decode/execution.js';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { mapLimit, queryAll, queryEach, type RawItem } from './paginate.js';
import { unmarshallItem } from './unmarshall.js';
import { EXECUTION_GSI, tableName } from './tables.js';

function decode(raws: RawItem[], table: string) {
  const { values, warnings } = decodeAll(raws, (r) => decodeExecutionEvent(r, table));
  return { events: values, warnings };
}

export async function readDecisionExecutions(
  client: ReadClient,
  env: Env,
  decisionId: string,
): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }> {
  const table = tableName('dora_execution_log', env);
  const { items } = await queryAll(
    client.doc,
    {
      TableName: table,
      IndexName: EXECUTION_GSI,
      KeyConditionExpression: 'decision_id = :d',
      ExpressionAttributeValues: { ':d': decisionId },
    },
    5_000,
  );
  return decode(items, table);
}

/**
 * What the execution analytics read of an event (core/analytics.ts, core/latency.ts), plus what the
 * decoder requires. Reading only these halves the bytes a 30-day analytics view moves and parses.
 */
export const ANALYTICS_ATTRIBUTES = [
  'bot_run_id',
  'decision_id#event_ts',
  'event_ts',
  'event_type',
  'status',
  'latency_ms',
  'side',
  'order_id',
  'error_type',
  'error_code',
] as const;

/**
 * Every event of one market within the given runs (run ids come from that market's decisions),
 * optionally only some attributes. Two reads per run: the market's own decisions
 * (`<run>:<TICKER>:<loop>`, begins_with), and the run's system decisions (`<run>:startup_cancel:…`,
 * `…:halt_cancel:…`, `…:fatal_cleanup_cancel:…`, contract §2.1) whose cancels name the market in
 * `market` — tickers are upper case, system names lower case, so those sort after every ticker.
 * Through the base client and the lean unmarshall: a busy market has tens of thousands of events
 * in a month.
 */
export async function readMarketExecutions(
  client: ReadClient,
  env: Env,
  marketId: string,
  runIds: readonly string[],
  opts: {
    attributes?: readonly string[] | undefined;
    maxItemsPerRun?: number;
    /**
     * Shares each run's system-decision events between the markets of a page: read once for every
     * market (key: run and attributes) and filtered here on `market`, instead of one filtered read
     * of the same key range per market.
     */
    systemShare?: RunSystemShare | undefined;
  } = {},
): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }> {
  const table = tableName('dora_execution_log', env);
  const names: Record<string, string> = { '#sk': 'decision_id#event_ts' };
  // Every projected name is aliased: `status` and others are reserved words, the sort key has a '#'.
  const projection = opts.attributes?.map((a, i) => {
    names[`#p${i}`] = a;
    return `#p${i}`;
  });
  const projected = projection ? { ProjectionExpression: projection.join(', ') } : {};
  const byKey = new Map<string, ExecutionEvent>();
  const warnings: Warning[] = [];
  const onPage = (page: RawItem[]) => {
    const r = decode(page, table);
    // A key read by both reads (a ticker in lower case) is kept once.
    for (const e of r.events) byKey.set(`${e.botRunId}|${e.sortKey}`, e);
    for (const w of r.warnings) warnings.push(w);
  };
  const maxItems = opts.maxItemsPerRun ?? 50_000;
  const reads = runIds.flatMap((run) => [
    { run, system: false },
    { run, system: true },
  ]);
  const share = opts.systemShare;
  await mapLimit(reads, 4, async ({ run, system }) => {
    if (system && share) {
      const all = await share(`${run}|${opts.attributes?.join(',') ?? '*'}`, () =>
        readRunSystemItems(client, table, run, opts.attributes, maxItems),
      );
      // What the filtered read returns: this market's items, without `market` unless asked for.
      const keepMarket = !opts.attributes || opts.attributes.includes('market');
      const mine: RawItem[] = [];
      for (const item of all) {
        if (item['market'] !== marketId) continue;
        if (keepMarket) mine.push(item);
        else {
          const { market: _market, ...rest } = item;
          mine.push(rest);
        }
      }
      onPage(mine.slice(0, maxItems));
      return;
    }
    await (system
      ? queryEach(
          client.raw,
          {
            TableName: table,
            KeyConditionExpression: 'bot_run_id = :r AND #sk BETWEEN :a AND :z',
            FilterExpression: '#mk = :m',
            ExpressionAttributeNames: { ...names, '#mk': 'market' },
            ExpressionAttributeValues: {
              ':r': { S: run },
              ':a': { S: `${run}:a` },
              ':z': { S: `${run}:z\uffff` },
              ':m': { S: marketId },
            },
            ...projected,
          },
          maxItems,
          onPage,
        )
      : readOwnDecisionEvents(client, table, run, marketId, names, projected, maxItems, onPage));
  });
  return { events: [...byKey.values()], warnings };
}

/** A single-flight share of a run's system-decision items (all markets), keyed by run and attributes. */
export type RunSystemShare = (key: string, load: () => Promise<RawItem[]>) => Promise<RawItem[]>;

/**
 * Every market's events under a run's system decisions (`<run>:startup_cancel:…` and the halt and
 * cleanup forms, which sort after every ticker), with `market` among the attributes so each market's
 * can be picked out. The same key range the per-market filtered read covers.
 */
async function readRunSystemItems(
  client: ReadClient,
  table: string,
  run: string,
  attributes: readonly string[] | undefined,
  maxItems: number,
): Promise<RawItem[]> {
  const names: Record<string, string> = { '#sk': 'decision_id#event_ts' };
  const wanted = attributes ? [...new Set([...attributes, 'market'])] : null;
  const projection = wanted?.map((a, i) => {
    names[`#p${i}`] = a;
    return `#p${i}`;
  });
  const items: RawItem[] = [];
  await queryEach(
    client.raw,
    {
      TableName: table,
      KeyConditionExpression: 'bot_run_id = :r AND #sk BETWEEN :a AND :z',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':r': { S: run }, ':a': { S: `${run}:a` }, ':z': { S: `${run}:z\uffff` } },
      ...(projection ? { ProjectionExpression: projection.join(', ') } : {}),
    },
    maxItems,
    (page) => {
      for (const item of page) items.push(item);
    },
  );
  return items;
}

/**
 * Events of a market's own decisions in one run: `<run>:<TICKER>:<loop>#<ts>`. One read when they
 * fit in a page; otherwise the rest of the key range is cut at the loop number's first digit and the
 * parts read in parallel, so a run with 20k events of one market is not ten round trips one after
 * another. The parts cover every key above the first page (any character sorts into one of them).
 */
async function readOwnDecisionEvents(
  client: ReadClient,
  table: string,
  run: string,
  marketId: string,
  names: Record<string, string>,
  projected: { ProjectionExpression?: string },
  maxItems: number,
  onPage: (items: RawItem[]) => void,
): Promise<void> {
  // Tickers contain no ':', so this prefix cannot match another market.
  const prefix = `${run}:${marketId}:`;
  let read = 0;
  const counted = (items: RawItem[]) => {
    read += items.length;
    onPage(items);
  };
  const first = await client.raw.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'bot_run_id = :r AND begins_with(#sk, :p)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':r': { S: run }, ':p': { S: prefix } },
      ...projected,
    }),
  );
  counted((first.Items ?? []).map(unmarshallItem));
  const lastKey = first.LastEvaluatedKey;
  const lastSort = lastKey?.['decision_id#event_ts']?.S;
  if (!lastKey || lastSort === undefined) return;
  const top = `${prefix}\uffff`;
  const cuts = ['1', '2', '3', '4', '5', '6', '7', '8', '9']
    .map((d) => prefix + d)
    .filter((c) => c > lastSort);
  const bounds = [lastSort, ...cuts, top];
  await Promise.all(
    bounds.slice(0, -1).map((lo, i) =>
      queryEach(
        client.raw,
        {
          TableName: table,
          KeyConditionExpression: 'bot_run_id = :r AND #sk BETWEEN :lo AND :hi',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':r': { S: run },
            ':lo': { S: lo },
            ':hi': { S: bounds[i + 1] as string },
          },
          // The first part continues after the first page's last item (BETWEEN includes it).
          ...(i === 0 ? { ExclusiveStartKey: lastKey } : {}),
          ...projected,
        },
        // Each part may read what is left of the cap (a bound against runaway reads, not a quota).
        Math.max(1, maxItems - read),
        counted,
      ),
    ),
  );
}

/**
 * Whether a run logged an ORDER_PLACE for any market (contract §6.19: per-market mode; a batch run
 * logs none). Reads the run's events in key order and stops at the first placement: a per-market
 * run shows one in its first page, a batch run's few events (fills, halt cancels) are read whole.
 * Past `maxItems` items without one the answer is "no" (a bound, not a quota).
 */
export async function runLoggedPlacement(
  client: ReadClient,
  env: Env,
  runId: string,
  maxItems = 5_000,
): Promise<boolean> {
  const table = tableName('dora_execution_log', env);
  let start: Record<string, unknown> | undefined;
  let read = 0;
  do {
    const out = await client.raw.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'bot_run_id = :r',
        FilterExpression: 'event_type = :p',
        ExpressionAttributeValues: { ':r': { S: runId }, ':p': { S: 'ORDER_PLACE' } },
        ProjectionExpression: 'bot_run_id',
        Limit: 500,
        ...(start ? { ExclusiveStartKey: start as never } : {}),
      }),
    );
    if ((out.Items ?? []).length > 0) return true;
    read += out.ScannedCount ?? 500;
    start = out.LastEvaluatedKey;
  } while (start && read < maxItems);
  return false;
}
