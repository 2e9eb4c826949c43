// Bulk writer: BatchWriteItem in chunks of 25, several requests in flight, UnprocessedItems
// retried with backoff. It writes to existing tables only — creating them is the embedded
// store's (or the bot's setup script's) job.
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Env } from '../core/types.js';
import { TABLE_BASES, tableName, type TableBase } from '../store/tables.js';
import type { Item, SimItems } from './types.js';

export class MissingTableError extends Error {
  constructor(readonly table: string) {
    super(
      `Table ${table} does not exist. The simulator writes to existing tables and does not create them: ` +
        `create the bot's tables first (the embedded store does, or the bot's setup_dynamodb.py).`,
    );
    this.name = 'MissingTableError';
  }
}

export interface WriteOptions {
  /** Batch requests in flight (default 12). */
  concurrency?: number;
  /** Retries of a batch's UnprocessedItems before giving up (default 10). */
  maxRetries?: number;
  onProgress?: (written: number, total: number) => void;
}

export interface WriteReport {
  counts: Record<TableBase, number>;
  seconds: number;
  /** Batch re-sends caused by UnprocessedItems. */
  retries: number;
}

const BATCH = 25;

type PutRequests = { PutRequest: { Item: Item } }[];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isMissingTable(err: unknown): boolean {
  return err instanceof Error && err.name === 'ResourceNotFoundException';
}

export async function writeItems(
  doc: DynamoDBDocumentClient,
  env: Env,
  items: Partial<SimItems>,
  opts: WriteOptions = {},
): Promise<WriteReport> {
  const started = performance.now();
  const concurrency = Math.max(1, opts.concurrency ?? 12);
  const maxRetries = opts.maxRetries ?? 10;
  const tasks: { table: string; requests: PutRequests }[] = [];
  const counts = Object.fromEntries(TABLE_BASES.map((t) => [t, 0])) as Record<TableBase, number>;
  for (const base of TABLE_BASES) {
    const list = items[base] ?? [];
    counts[base] = list.length;
    for (let i = 0; i < list.length; i += BATCH) {
      tasks.push({
        table: tableName(base, env),
        requests: list.slice(i, i + BATCH).map((Item) => ({ PutRequest: { Item } })),
      });
    }
  }
  const total = tasks.reduce((n, t) => n + t.requests.length, 0);
  let written = 0;
  let retries = 0;
  let next = 0;
  /** What the first failed write threw (kept in a list: what was thrown may itself be null). */
  const failed: unknown[] = [];

  const send = async (table: string, requests: PutRequests): Promise<void> => {
    let pending: PutRequests = requests;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > maxRetries)
        throw new Error(`${table}: ${pending.length} items still unprocessed after ${maxRetries} retries`);
      if (attempt > 0) {
        retries++;
        await sleep(Math.min(2000, 25 * 2 ** attempt));
      }
      let out: BatchWriteCommandOutput;
      try {
        out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      } catch (err) {
        if (isMissingTable(err)) throw new MissingTableError(table);
        throw err;
      }
      const left = (out.UnprocessedItems?.[table] ?? []) as PutRequests;
      written += pending.length - left.length;
      pending = left;
    }
  };

  const worker = async (): Promise<void> => {
    while (failed.length === 0 && next < tasks.length) {
      const task = tasks[next++];
      if (!task) break;
      try {
        await send(task.table, task.requests);
      } catch (err) {
        if (failed.length === 0) failed.push(err);
        return;
      }
      opts.onProgress?.(written, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  if (failed.length > 0) throw failed[0];
  return { counts, seconds: (performance.now() - started) / 1000, retries };
}
