// Counts every DynamoDB request a measured piece of code causes: requests, items read, bytes, RCU.
// It is SDK middleware on the bench's own read client (the dashboard's read-only client from
// src/store, unchanged), placed at the build step, below the read-only guard, so it sees every request that is sent.
//
// Items read = ScannedCount for Query/Scan (what DynamoDB reads and bills, filtered-out items
// included), items returned for GetItem/BatchGetItem. RCU = ConsumedCapacity as the store reports it
// (dynalite applies DynamoDB's formula); a store that reports none gets DynamoDB's billing rule
// applied to the bytes read: ceil(bytes / 4 KB) × 0.5 per request (eventually consistent).
import { createReadClient, type ReadClient } from '../src/store/client.js';

export interface Tally {
  requests: number;
  items: number;
  returned: number;
  rcu: number;
  bytes: number;
  ms: number;
  byTable: Record<string, { requests: number; items: number }>;
}

export function emptyTally(): Tally {
  return { requests: 0, items: 0, returned: 0, rcu: 0, bytes: 0, ms: 0, byTable: {} };
}

function valueSize(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number' || typeof v === 'bigint')
    return Math.ceil(String(v).replace(/^-|\.|e.*$/g, '').length / 2) + 1;
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (v instanceof Uint8Array) return v.length;
  if (v instanceof Set) return [...v].reduce((n: number, e) => n + valueSize(e), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, e) => n + 1 + valueSize(e), 0);
  if (typeof v === 'object') return 3 + itemSize(v as Record<string, unknown>);
  return 1;
}

/**
 * DynamoDB's item size (its documented sizing rules, approximately): attribute names plus values.
 * Items are sized after the document client has unmarshalled them, hence plain JS values.
 */
export function itemSize(item: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += Buffer.byteLength(k) + valueSize(v);
  return n;
}

export class Recorder {
  private current: Tally | null = null;
  /** Mean item size seen per table, for filtered reads that return fewer items than they read. */
  private readonly meanSize = new Map<string, number>();

  /** Any DynamoDB client: the dashboard's read client, or the plain one the original re-enactment uses. */
  constructor(readonly client: Pick<ReadClient, 'raw'>) {
    client.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        const result = await next(args);
        this.record(
          String(context.commandName ?? '').replace(/Command$/, ''),
          args.input as Record<string, unknown>,
          result.output as unknown as Record<string, unknown>,
          performance.now() - started,
        );
        return result;
      },
      { step: 'build', name: 'benchRecorder' },
    );
  }

  private record(
    operation: string,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    ms: number,
  ): void {
    const t = this.current;
    if (!t) return;
    const table =
      typeof input['TableName'] === 'string'
        ? input['TableName']
        : Object.keys((input['RequestItems'] as object) ?? {}).join(',') || '-';
    const key = typeof input['IndexName'] === 'string' ? `${table}/${input['IndexName']}` : table;
    let returnedItems: Record<string, unknown>[] = [];
    if (Array.isArray(output['Items'])) returnedItems = output['Items'] as Record<string, unknown>[];
    else if (output['Item']) returnedItems = [output['Item'] as Record<string, unknown>];
    else if (output['Responses'])
      returnedItems = Object.values(output['Responses'] as Record<string, Record<string, unknown>[]>).flat();
    const returnedBytes = returnedItems.reduce((n, i) => n + itemSize(i), 0);
    if (returnedItems.length) this.meanSize.set(table, returnedBytes / returnedItems.length);
    const scanned =
      typeof output['ScannedCount'] === 'number' ? output['ScannedCount'] : returnedItems.length;
    // Items read but filtered out are not returned: size them at the table's mean item size.
    const bytes = returnedBytes + (scanned - returnedItems.length) * (this.meanSize.get(table) ?? 1024);
    const cc = output['ConsumedCapacity'];
    const reported = (Array.isArray(cc) ? cc : cc ? [cc] : []).reduce(
      (n: number, c: { CapacityUnits?: number }) => n + (c.CapacityUnits ?? 0),
      0,
    );
    const isRead = operation === 'Query' || operation === 'Scan';
    t.requests++;
    t.items += scanned;
    t.returned += returnedItems.length;
    t.bytes += bytes;
    t.rcu += reported > 0 ? reported : isRead ? Math.max(1, Math.ceil(bytes / 4096)) * 0.5 : 0;
    t.ms += ms;
    const bt = (t.byTable[key] ??= { requests: 0, items: 0 });
    bt.requests++;
    bt.items += scanned;
  }

  /** Runs fn and returns what it cost. Measurements must not overlap. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; dyn: Tally }> {
    const tally = emptyTally();
    this.current = tally;
    const started = performance.now();
    try {
      const result = await fn();
      return { result, ms: performance.now() - started, dyn: tally };
    } finally {
      this.current = null;
    }
  }
}

/** Items read from one table (all its indexes included). */
export function tableItems(t: Tally, base: string): number {
  return Object.entries(t.byTable)
    .filter(([k]) => k.startsWith(base))
    .reduce((n, [, v]) => n + v.items, 0);
}

export function tableRequests(t: Tally, base: string): number {
  return Object.entries(t.byTable)
    .filter(([k]) => k.startsWith(base))
    .reduce((n, [, v]) => n + v.requests, 0);
}

export function benchReadClient(endpoint: string): { client: ReadClient; recorder: Recorder } {
  const client = createReadClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  return { client, recorder: new Recorder(client) };
}
