// Every multi-item read follows LastEvaluatedKey (the old dashboard silently truncated at 1 MB).
import {
  QueryCommand as RawQueryCommand,
  ScanCommand as RawScanCommand,
  type DynamoDBClient,
  type QueryCommandInput as RawQueryInput,
  type ScanCommandInput as RawScanInput,
} from '@aws-sdk/client-dynamodb';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshallItem } from './unmarshall.js';

export type RawItem = Record<string, unknown>;

export interface PageResult {
  items: RawItem[];
  lastKey: RawItem | undefined;
}

export async function queryPage(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<PageResult> {
  const out = await doc.send(new QueryCommand(input));
  return { items: (out.Items ?? []) as RawItem[], lastKey: out.LastEvaluatedKey as RawItem | undefined };
}

/**
 * Reads every page of a Query, or stops once `maxItems` are collected (a hard cap for request
 * paths; the caller learns whether more remained through `truncated`).
 */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  maxItems = Infinity,
): Promise<{ items: RawItem[]; truncated: boolean }> {
  const items: RawItem[] = [];
  let start: RawItem | undefined = input.ExclusiveStartKey as RawItem | undefined;
  do {
    const remaining = maxItems - items.length;
    const limit = Number.isFinite(remaining) ? Math.min(input.Limit ?? remaining, remaining) : input.Limit;
    const page = await queryPage(doc, {
      ...input,
      ExclusiveStartKey: start,
      ...(limit ? { Limit: limit } : {}),
    });
    items.push(...page.items);
    start = page.lastKey;
    if (items.length >= maxItems) return { items, truncated: start !== undefined };
  } while (start);
  return { items, truncated: false };
}

/**
 * Every page of a Query through the base client and the lean unmarshall, each handed to `onPage`
 * as it arrives (its raw items then die young), up to `maxItems`. For the reads whose size grows
 * with activity; `input` is in the wire format (`{ S: … }` values).
 */
export async function queryEach(
  raw: DynamoDBClient,
  input: RawQueryInput,
  maxItems: number,
  onPage: (items: RawItem[]) => void,
): Promise<{ truncated: boolean }> {
  let read = 0;
  let start = input.ExclusiveStartKey;
  do {
    const room = maxItems - read;
    const limit = Math.min(input.Limit ?? room, room);
    const out = await raw.send(
      new RawQueryCommand({
        ...input,
        ExclusiveStartKey: start,
        ...(Number.isFinite(limit) ? { Limit: limit } : {}),
      }),
    );
    const items = (out.Items ?? []).map(unmarshallItem);
    read += items.length;
    onPage(items);
    start = out.LastEvaluatedKey;
    if (read >= maxItems) return { truncated: start !== undefined };
  } while (start);
  return { truncated: false };
}

/**
 * A paginated Scan split into `segments` parallel segments (config and trade log only), handing
 * each page to `onPage` as it arrives: a caller that converts pages keeps only what it makes, and
 * the raw items of a page die young instead of all of them living until the last page. Through the
 * base client with the lean unmarshall (unmarshall.ts): this is the read that grows with the log.
 */
export async function scanEach(
  raw: DynamoDBClient,
  input: RawScanInput,
  segments: number,
  onPage: (items: RawItem[]) => void,
): Promise<void> {
  const readSegment = async (segment: number): Promise<void> => {
    let start: RawScanInput['ExclusiveStartKey'];
    do {
      const out = await raw.send(
        new RawScanCommand({
          ...input,
          ExclusiveStartKey: start,
          ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
        }),
      );
      onPage((out.Items ?? []).map(unmarshallItem));
      start = out.LastEvaluatedKey;
    } while (start);
  };
  await Promise.all(Array.from({ length: segments }, (_, i) => readSegment(i)));
}

/** Every item of a paginated Scan (small tables: the market config). */
export async function scanAll(raw: DynamoDBClient, input: RawScanInput, segments = 1): Promise<RawItem[]> {
  const items: RawItem[] = [];
  await scanEach(raw, input, segments, (page) => {
    for (const item of page) items.push(item);
  });
  return items;
}

/** Runs tasks with at most `limit` in flight, keeping result order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
