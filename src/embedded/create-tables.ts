// Creates the bot's ten tables exactly as its setup does (contract §2): same key schemas, same GSI
// names, PAY_PER_REQUEST. Existing tables are left alone, like the bot's setup script.
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ENVS, TABLE_BASES, TABLE_DEFS, tableName, type TableDef } from '../store/tables.js';

export function createTableInput(def: TableDef, name: string): CreateTableCommandInput {
  const attrs = new Set<string>([def.key.hash, ...(def.key.range ? [def.key.range] : [])]);
  for (const ix of def.indexes) {
    attrs.add(ix.key.hash);
    if (ix.key.range) attrs.add(ix.key.range);
  }
  const keySchema = (k: TableDef['key']) => [
    { AttributeName: k.hash, KeyType: 'HASH' as const },
    ...(k.range ? [{ AttributeName: k.range, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attrs].map((a): AttributeDefinition => ({
      AttributeName: a,
      AttributeType: 'S',
    })),
    KeySchema: keySchema(def.key),
    ...(def.indexes.length
      ? {
          GlobalSecondaryIndexes: def.indexes.map((ix) => ({
            IndexName: ix.name,
            KeySchema: keySchema(ix.key),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

async function listAll(client: DynamoDBClient): Promise<Set<string>> {
  const names = new Set<string>();
  let start: string | undefined;
  do {
    const out = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const n of out.TableNames ?? []) names.add(n);
    start = out.LastEvaluatedTableName;
  } while (start);
  return names;
}

/** Creates whichever of the ten tables are missing; returns the names it created. */
export async function createBotTables(client: DynamoDBClient): Promise<string[]> {
  const existing = await listAll(client);
  const created: string[] = [];
  for (const env of ENVS) {
    for (const base of TABLE_BASES) {
      const name = tableName(base, env);
      if (existing.has(name)) continue;
      await client.send(new CreateTableCommand(createTableInput(TABLE_DEFS[base], name)));
      created.push(name);
    }
  }
  return created;
}
