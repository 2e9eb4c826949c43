// Fills the bench writes into a dataset for a measurement and removes afterwards: the SSE suite's
// "one fill written", and the extra fills that give one market 500. They are shaped like the bot's
// trade items (contract §2.3) and carry a "bench-" fill id. While any exist the dataset is marked
// dirty, so a crash before the clean-up makes the next run re-make the set instead of using it.
import { randomUUID } from 'node:crypto';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { toAwareIso, utcDate } from '../src/core/time.js';
import { createWriterClient } from '../src/sim/client.js';
import type { OpenSet } from './harness.js';

const TABLE = 'dora_trade_log_demo';

export function fillItem(fillMs: number, marketId: string, side: 'yes' | 'no' = 'yes') {
  const fillId = `bench-${randomUUID()}`;
  const ts = toAwareIso(fillMs);
  const orderId = `bench-order-${fillId.slice(-12)}`;
  return {
    date: utcDate(fillMs),
    'timestamp#order_id': `${ts}#${orderId}`,
    market_id: marketId,
    side,
    type: side === 'yes' ? 'bid' : 'ask',
    price: 0.5,
    size: 1,
    fill_price: 0.5,
    fill_size: 1,
    status: 'filled',
    pnl_realized: 0,
    fees: 0.004375,
    order_id: orderId,
    fill_id: fillId,
    fill_timestamp: ts,
  };
}

export type FillItem = ReturnType<typeof fillItem>;

export class TempFills {
  private readonly writer: DynamoDBDocumentClient;
  private readonly keys: Record<string, string>[] = [];

  constructor(private readonly set: OpenSet) {
    this.writer = createWriterClient({ endpoint: set.ds.endpoint });
  }

  async put(items: FillItem[]): Promise<void> {
    if (!this.keys.length) this.set.ds.markDirty(true);
    for (const i of items) this.keys.push({ date: i.date, 'timestamp#order_id': i['timestamp#order_id'] });
    if (items.length === 1) {
      await this.writer.send(new PutCommand({ TableName: TABLE, Item: items[0] }));
      return;
    }
    for (let i = 0; i < items.length; i += 25) {
      let batch: unknown[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (batch?.length) {
        const out: BatchWriteCommandOutput = await this.writer.send(
          new BatchWriteCommand({ RequestItems: { [TABLE]: batch as never } }),
        );
        batch = out.UnprocessedItems?.[TABLE];
      }
    }
  }

  /** Deletes every fill written, then marks the dataset clean again. */
  async removeAll(): Promise<void> {
    for (const Key of this.keys.splice(0))
      await this.writer.send(new DeleteCommand({ TableName: TABLE, Key }));
    this.set.ds.markDirty(false);
    this.writer.destroy();
  }
}
