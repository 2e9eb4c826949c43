// The read-only guard: only the six read operations leave the process; Scans only on small tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  ExecuteStatementCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { startTestStore, type TestStore } from './helpers/store.js';
import { ReadOnlyViolation } from '../src/store/client.js';
import { onRequest } from '../src/store/stats.js';

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
});
afterAll(async () => store.close());

const T = 'dora_state_demo';
const writes = [
  ['PutItem', () => new PutItemCommand({ TableName: T, Item: { key: { S: 'x' } } })],
  [
    'UpdateItem',
    () =>
      new UpdateItemCommand({
        TableName: T,
        Key: { key: { S: 'x' } },
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { S: '1' } },
      }),
  ],
  ['DeleteItem', () => new DeleteItemCommand({ TableName: T, Key: { key: { S: 'x' } } })],
  [
    'BatchWriteItem',
    () =>
      new BatchWriteItemCommand({ RequestItems: { [T]: [{ PutRequest: { Item: { key: { S: 'x' } } } }] } }),
  ],
  [
    'TransactWriteItems',
    () =>
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: T, Item: { key: { S: 'x' } } } }],
      }),
  ],
  ['ExecuteStatement', () => new ExecuteStatementCommand({ Statement: `SELECT * FROM ${T}` })],
  [
    'CreateTable',
    () =>
      new CreateTableCommand({
        TableName: 'evil',
        AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
  ],
] as const;

describe('read-only guard', () => {
  it.each(writes)('refuses %s before anything leaves the process', async (_name, make) => {
    const seen: string[] = [];
    const stop = onRequest((r) => seen.push(r.operation));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await expect(store.reader.raw.send(make() as any)).rejects.toBeInstanceOf(ReadOnlyViolation);
    stop();
    expect(seen).toEqual([]);
  });

  it('refuses a Scan of the decision and execution logs, allows config and trade log', async () => {
    await expect(
      store.reader.raw.send(new ScanCommand({ TableName: 'dora_decision_log_prod' })),
    ).rejects.toThrow(/not allowed/);
    await expect(
      store.reader.raw.send(new ScanCommand({ TableName: 'dora_execution_log_demo' })),
    ).rejects.toThrow(/not allowed/);
    await expect(
      store.reader.raw.send(new ScanCommand({ TableName: 'dora_market_config_demo' })),
    ).resolves.toBeDefined();
    await expect(
      store.reader.raw.send(new ScanCommand({ TableName: 'dora_trade_log_demo' })),
    ).resolves.toBeDefined();
  });

  it('lets reads through and records them', async () => {
    const seen: string[] = [];
    const stop = onRequest((r) => seen.push(`${r.operation}:${r.table}`));
    const out = await store.reader.raw.send(new ListTablesCommand({}));
    stop();
    expect(out.TableNames).toHaveLength(10);
    expect(seen).toEqual(['ListTables:-']);
  });
});
