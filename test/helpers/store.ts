// A real DynamoDB with the bot's ten tables for integration tests: dynalite (in memory, in process)
// or Amazon's DynamoDB Local. Tests that take a `backend` run against both.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynalite } from '../../src/embedded/dynalite-server.js';
import { createBotTables } from '../../src/embedded/create-tables.js';
import { createReadClient, type ReadClient } from '../../src/store/client.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

export type Backend = 'dynalite' | 'dynamodb-local';
export const BACKENDS: readonly Backend[] = ['dynalite', 'dynamodb-local'];

export interface TestStore {
  backend: Backend;
  endpoint: string;
  /** Unguarded client for putting fixtures in (tests play the bot). */
  writer: DynamoDBDocumentClient;
  writerRaw: DynamoDBClient;
  /** The dashboard's read-only client. */
  reader: ReadClient;
  close(): Promise<void>;
}

export async function startTestStore(backend: Backend = 'dynalite'): Promise<TestStore> {
  const server = backend === 'dynalite' ? await startDynalite({}) : await startDynamoDbLocal();
  const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
  const writerRaw = new DynamoDBClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: creds,
  });
  await createBotTables(writerRaw);
  const writer = DynamoDBDocumentClient.from(writerRaw, { marshallOptions: { removeUndefinedValues: true } });
  const reader = createReadClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: creds });
  return {
    backend,
    endpoint: server.endpoint,
    writer,
    writerRaw,
    reader,
    close: async () => {
      reader.destroy();
      writerRaw.destroy();
      await server.close();
    },
  };
}
