// DescribeTable for the health endpoint and for detecting a missing decision GSI (contract §5.1).
import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
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
      indexes: (out.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName ?? '').filter(Boolean),
    };
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return { name, base, exists: false, itemCountHint: null, indexes: [] };
    throw err;
  }
}

export function describeEnvTables(client: ReadClient, env: Env): Promise<TableHealth[]> {
  return Promise.all(TABLE_BASES.map((b) => describeTable(client, env, b)));
}
