// Writing to a real (in-process) DynamoDB emulator: round trip, missing tables, seed throughput.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../core/types.js';
import { TABLE_BASES, tableName, type TableBase } from '../store/tables.js';
import { createWriterClient } from './client.js';
import { generateHistory } from './generate.js';
import { primaryKeyOf } from './sink.js';
import { createBotTables, startLocalDynamo, type LocalDynamo } from './testing/local-dynamo.js';
import type { Item } from './types.js';
import { MissingTableError, writeItems } from './write.js';

let db: LocalDynamo;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  db = await startLocalDynamo();
  doc = createWriterClient({ endpoint: db.endpoint });
});

afterAll(async () => {
  doc.destroy();
  await db.close();
});

async function scanAll(table: string): Promise<Item[]> {
  const out: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    out.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

function byKey(table: TableBase, items: Item[]): Map<string, Item> {
  return new Map(items.map((i) => [primaryKeyOf(table, i), i]));
}

describe('writeItems', () => {
  it('reports a missing table clearly instead of creating it', async () => {
    const { items } = generateHistory({
      seed: 1,
      env: 'prod',
      nowMs: Date.UTC(2026, 10, 25),
      days: 1,
      markets: 2,
    });
    await expect(writeItems(doc, 'prod', items)).rejects.toBeInstanceOf(MissingTableError);
    await expect(writeItems(doc, 'prod', items)).rejects.toThrow(
      /dora_market_config_prod does not exist.*does not create/,
    );
  });

  it('writes items that read back identical (float artifacts, NULLs, empty strings, nested lists)', async () => {
    await createBotTables(db.client, 'demo');
    const { items } = generateHistory({
      seed: 7,
      env: 'demo',
      nowMs: Date.UTC(2026, 10, 25, 12),
      days: 4,
      markets: 10,
    });
    const report = await writeItems(doc, 'demo', items);
    for (const t of TABLE_BASES) {
      expect(report.counts[t]).toBe(items[t].length);
      const back = byKey(t, await scanAll(tableName(t, 'demo')));
      const want = byKey(t, items[t]);
      expect(back.size, t).toBe(want.size);
      for (const [k, item] of want) expect(back.get(k), `${t} ${k}`).toStrictEqual(item);
    }
    // Spot checks straight from the stored data.
    const decisions = items.dora_decision_log;
    expect(
      decisions.some((d) => (d.target_quotes as Item[]).some((q) => /\d{15,}/.test(String(q.price)))),
    ).toBe(true);
  });

  // Seeding time is a benchmark figure (npm run bench), not a test assertion: tests check behaviour.
  it('writes the default 30 days × 25 markets seed for both environments completely', async () => {
    // A fresh store, as the embedded default starts with one.
    const fresh = await startLocalDynamo();
    const freshDoc = createWriterClient({ endpoint: fresh.endpoint });
    try {
      const nowMs = Date.now();
      const started = performance.now();
      const lines: string[] = [];
      for (const env of ['demo', 'prod'] as Env[]) {
        await createBotTables(fresh.client, env);
        const g0 = performance.now();
        const gen = generateHistory({ seed: 42, env, nowMs });
        const g1 = performance.now();
        const report = await writeItems(freshDoc, env, gen.items);
        // Read back: every generated item is in the store (COUNT scans with the writer's client).
        for (const base of TABLE_BASES) {
          let count = 0;
          let start: Record<string, unknown> | undefined;
          do {
            const out = await freshDoc.send(
              new ScanCommand({ TableName: tableName(base, env), Select: 'COUNT', ExclusiveStartKey: start }),
            );
            count += out.Count ?? 0;
            start = out.LastEvaluatedKey;
          } while (start);
          expect(count, `${env} ${base}`).toBe(gen.items[base].length);
        }
        lines.push(
          `${env}: generate ${((g1 - g0) / 1000).toFixed(1)} s, write ${report.seconds.toFixed(1)} s, ${JSON.stringify(report.counts)}`,
        );
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(`[sim seed] ${lines.join('\n[sim seed] ')}\n[sim seed] total ${seconds.toFixed(1)} s`);
    } finally {
      freshDoc.destroy();
      await fresh.close();
    }
  }, 300_000);
});
