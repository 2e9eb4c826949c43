// DescribeTable for the health endpoint and for detecting a missing decision GSI (contract §5.1).
import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, ScanCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Env } from '../core/types.js';
import type { ReadClient } from './client.js';
import { TABLE_BASES, tableName, type TableBase } from './tables.js';

export interface TableHealth {
  name: string;
  base: TableBase;
  exists: boolean;
  /** DescribeTable's ItemCount: refreshed by AWS about every six hours, so only a hint. */
  itemCountHint: number | null;
  indexes: string[];
  /** Whether a bounded probe read found at least one item; null when not probed. */
  hasData: boolean | null;
}

export async function describeTable(client: ReadClient, env: Env, base: TableBase): Promise<TableHealth> {
  const name = tableName(base, env);
  try {
    const out = await client.raw.send(new DescribeTableCommand({ TableName: name }));
    return {
      name,
      base,
      exists: true,
      itemCountHint: out.Table?.ItemCount ?? null,
      hasData: null,
      indexes: (out.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName ?? '').filter(Boolean),
    };
  } catch (err) {
    if (err instanceof ResourceNotFoundException)
      return { name, base, exists: false, itemCountHint: null, indexes: [], hasData: false };
    throw err;
  }
}

export function describeEnvTables(client: ReadClient, env: Env): Promise<TableHealth[]> {
  return Promise.all(TABLE_BASES.map((b) => describeTable(client, env, b)));
}

/**
 * Whether a table holds any item, found with one bounded read each (DescribeTable's ItemCount is
 * refreshed only every ~6 h, and is 0 on local stores). The decision log is probed through today's
 * and yesterday's partitions, the execution log through the newest run id.
 */
export async function probeHasData(
  client: ReadClient,
  env: Env,
  base: TableBase,
  ctx: { today: string; yesterday: string; runId: string | null },
): Promise<boolean> {
  const TableName = tableName(base, env);
  const one = async (input: Omit<QueryCommandInput, 'TableName' | 'Limit'>) =>
    ((await client.doc.send(new QueryCommand({ TableName, Limit: 1, ...input }))).Items ?? []).length > 0;
  switch (base) {
    case 'dora_market_config':
    case 'dora_trade_log':
      return ((await client.doc.send(new ScanCommand({ TableName, Limit: 1 }))).Items ?? []).length > 0;
    case 'dora_state':
      return (
        (await client.doc.send(new GetCommand({ TableName, Key: { key: 'positions' } }))).Item !== undefined
      );
    case 'dora_decision_log':
      for (const d of [ctx.today, ctx.yesterday]) {
        if (
          await one({
            KeyConditionExpression: '#d = :d',
            ExpressionAttributeNames: { '#d': 'date' },
            ExpressionAttributeValues: { ':d': d },
          })
        )
          return true;
      }
      return false;
    case 'dora_execution_log':
      return (
        ctx.runId !== null &&
        (await one({
          KeyConditionExpression: 'bot_run_id = :r',
          ExpressionAttributeValues: { ':r': ctx.runId },
        }))
      );
  }
}
