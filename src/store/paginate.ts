// Every multi-item read follows LastEvaluatedKey (the old dashboard silently truncated at 1 MB).
import { QueryCommand, ScanCommand, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
    const page = await queryPage(doc, { ...input, ExclusiveStartKey: start, ...(limit ? { Limit: limit } : {}) });
    items.push(...page.items);
    start = page.lastKey;
    if (items.length >= maxItems) return { items, truncated: start !== undefined };
  } while (start);
  return { items, truncated: false };
}

/** A paginated Scan split into `segments` parallel segments (config and trade log only). */
export async function scanAll(
  doc: DynamoDBDocumentClient,
  input: ScanCommandInput,
  segments = 1,
): Promise<RawItem[]> {
  const readSegment = async (segment: number): Promise<RawItem[]> => {
    const items: RawItem[] = [];
    let start: RawItem | undefined;
    do {
      const out = await doc.send(
        new ScanCommand({
          ...input,
          ExclusiveStartKey: start,
          ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
        }),
      );
      items.push(...((out.Items ?? []) as RawItem[]));
      start = out.LastEvaluatedKey as RawItem | undefined;
    } while (start);
    return items;
  };
  const parts = await Promise.all(Array.from({ length: segments }, (_, i) => readSegment(i)));
  return parts.flat();
}

/** Runs tasks with at most `limit` in flight, keeping result order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
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
