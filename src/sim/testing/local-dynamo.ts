// Test/bench helper: an in-process dynalite on a free loopback port and the bot's ten tables,
// created from src/store/tables.ts the way the bot's setup creates them (PAY_PER_REQUEST).
import { CreateTableCommand, DynamoDBClient, type AttributeDefinition } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Env } from '../../core/types.js';
import { TABLE_BASES, TABLE_DEFS, tableName, type KeyDef } from '../../store/tables.js';

type DynaliteFactory = (opts: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
  path?: string;
}) => Server;

// dynalite ships no types; require keeps the untyped boundary in one line.
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function keySchema(key: KeyDef) {
  return [
    { AttributeName: key.hash, KeyType: 'HASH' as const },
    ...(key.range ? [{ AttributeName: key.range, KeyType: 'RANGE' as const }] : []),
  ];
}

export async function createBotTables(client: DynamoDBClient, env: Env): Promise<void> {
  for (const base of TABLE_BASES) {
    const def = TABLE_DEFS[base];
    const names = new Set<string>();
    for (const k of [def.key, ...def.indexes.map((i) => i.key)]) {
      names.add(k.hash);
      if (k.range) names.add(k.range);
    }
    const attrs: AttributeDefinition[] = [...names].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S',
    }));
    await client.send(
      new CreateTableCommand({
        TableName: tableName(base, env),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attrs,
        KeySchema: keySchema(def.key),
        ...(def.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: def.indexes.map((i) => ({
                IndexName: i.name,
                KeySchema: keySchema(i.key),
                Projection: { ProjectionType: 'ALL' as const },
              })),
            }
          : {}),
      }),
    );
  }
}
