// A real DynamoDB (dynalite, in memory) with the bot's ten tables, for integration tests.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynalite, type EmbeddedServer } from '../../src/embedded/dynalite-server.js';
import { createBotTables } from '../../src/embedded/create-tables.js';
import { createReadClient, type ReadClient } from '../../src/store/client.js';

export interface TestStore {
  server: EmbeddedServer;
  /** Unguarded client for putting fixtures in (tests play the bot). */
  writer: DynamoDBDocumentClient;
  writerRaw: DynamoDBClient;
  /** The dashboard's read-only client. */
  reader: ReadClient;
  close(): Promise<void>;
}

export async function startTestStore(): Promise<TestStore> {
  const server = await startDynalite({});
  const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
  const writerRaw = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: creds });
  await createBotTables(writerRaw);
  const writer = DynamoDBDocumentClient.from(writerRaw, { marshallOptions: { removeUndefinedValues: true } });
  const reader = createReadClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: creds });
  return {
    server,
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
