// Execution-log reads (contract §2.5): by decision through the GSI decision_id_event_ts, or by
// market within a run through the base key with begins_with. Never a Scan (the old tabs did one).
import type { Env, ExecutionEvent, Warning } from '../core/types.js';
import type { ReadClient } from './client.js';
import { decodeAll } from './decode/decode-item.js';
import { decodeExecutionEvent } from './decode/execution.js';
import { mapLimit, queryAll, type RawItem } from './paginate.js';
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

/** Every event of one market within the given runs (run ids come from that market's decisions). */
export async function readMarketExecutions(
  client: ReadClient,
  env: Env,
  marketId: string,
  runIds: readonly string[],
  maxItemsPerRun = 50_000,
): Promise<{ events: ExecutionEvent[]; warnings: Warning[] }> {
  const table = tableName('dora_execution_log', env);
  const pages = await mapLimit(runIds, 4, (run) =>
    queryAll(
      client.doc,
      {
        TableName: table,
        KeyConditionExpression: 'bot_run_id = :r AND begins_with(#sk, :p)',
        ExpressionAttributeNames: { '#sk': 'decision_id#event_ts' },
        // Tickers contain no ':', so this prefix cannot match another market.
        ExpressionAttributeValues: { ':r': run, ':p': `${run}:${marketId}:` },
      },
      maxItemsPerRun,
    ),
  );
  return decode(
    pages.flatMap((p) => p.items),
    table,
  );
}
