// Test/bench helper: an in-process dynalite on a free loopback port and the bot's tables, made by
// the embedded store's own code (so tests of the simulator run against exactly what `npm start` runs).
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Env } from '../../core/types.js';
import { createTableInput } from '../../embedded/create-tables.js';
import { startDynalite } from '../../embedded/dynalite-server.js';
import { TABLE_BASES, TABLE_DEFS, tableName } from '../../store/tables.js';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = await startDynalite({});
  const client = new DynamoDBClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint: server.endpoint,
    client,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

/** The five tables of one environment (the embedded store's createBotTables makes all ten). */
export async function createBotTables(client: DynamoDBClient, env: Env): Promise<void> {
  for (const base of TABLE_BASES) {
    await client.send(new CreateTableCommand(createTableInput(TABLE_DEFS[base], tableName(base, env))));
  }
}
