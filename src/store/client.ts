// The one way to talk to DynamoDB from the dashboard: a client that can only read. The guard is SDK
// middleware, so no code path (ours or a library's) can send a write, whatever command it builds.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordRequest } from './stats.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/** Exactly the actions the IAM policy grants (docs/iam-policy.json); a test compares the two. */
export const ALLOWED_OPERATIONS = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'DescribeTable',
  'ListTables',
] as const;

/** Scans are allowed on these small tables only; the decision and execution logs are never scanned. */
export const SCANNABLE_TABLE_BASES = ['dora_market_config', 'dora_trade_log'] as const;

export class ReadOnlyViolation extends Error {
  constructor(operation: string, reason: string) {
    super(`read-only guard: ${operation} refused (${reason})`);
    this.name = 'ReadOnlyViolation';
  }
}

const ALLOWED = new Set<string>(ALLOWED_OPERATIONS);

function tableOf(input: Record<string, unknown>): string {
  if (typeof input['TableName'] === 'string') return input['TableName'];
  const req = input['RequestItems'];
  if (req && typeof req === 'object') return Object.keys(req).join(',') || '-';
  return '-';
}

/** Items the store read (and billed), which a FilterExpression can make far more than it returned. */
function itemsOf(output: Record<string, unknown>): number {
  if (typeof output['ScannedCount'] === 'number') return output['ScannedCount'];
  if (typeof output['Count'] === 'number') return output['Count'];
  if (output['Item']) return 1;
  const responses = output['Responses'];
  if (responses && typeof responses === 'object') {
    return Object.values(responses as Record<string, unknown[]>).reduce((n, l) => n + l.length, 0);
  }
  return 0;
}

function rcuOf(output: Record<string, unknown>): number {
  const cc = output['ConsumedCapacity'];
  const list = Array.isArray(cc) ? cc : cc ? [cc] : [];
  return list.reduce((n: number, c: { CapacityUnits?: number }) => n + (c.CapacityUnits ?? 0), 0);
}

/** At most this many requests in flight per table, so one busy page cannot starve the others. */
const PER_TABLE_CONCURRENCY = 32;
/**
 * Of those, at most this many for bulk reads (any request not marked urgent): the rest are kept for
 * the urgent lane, so a dependent chain of reads (a run walk, issue 18) does not queue behind a
 * page's many independent reads, here or in the store (one request at a time per step of the chain,
 * each of which set the wall time when it waited behind 40 sampled lookups a market).
 */
const PER_TABLE_BULK = 24;

const lane = new AsyncLocalStorage<'urgent'>();

/**
 * Runs fn with its DynamoDB requests in the urgent lane: they take a free slot before any waiting
 * bulk request, and slots the bulk reads cannot fill. For dependent chains (each read needs the one
 * before), whose length sets a page's time; never for the bulk of a page's reads.
 */
export function urgent<T>(fn: () => Promise<T>): Promise<T> {
  return lane.run('urgent', fn);
}

export class Semaphore {
  private active = 0;
  private bulkActive = 0;
  private readonly waitingUrgent: (() => void)[] = [];
  private readonly waitingBulk: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly bulkLimit: number,
  ) {}
  /** A slot, taken at once or handed over by a release (which counts it in for the waiter). */
  async acquire(isUrgent: boolean): Promise<() => void> {
    const free = this.active < this.limit;
    if (isUrgent ? free : free && this.bulkActive < this.bulkLimit && !this.waitingUrgent.length) {
      this.take(isUrgent);
    } else {
      await new Promise<void>((resolve) => (isUrgent ? this.waitingUrgent : this.waitingBulk).push(resolve));
    }
    return () => {
      this.active--;
      if (!isUrgent) this.bulkActive--;
      this.wake();
    };
  }
  private take(isUrgent: boolean): void {
    this.active++;
    if (!isUrgent) this.bulkActive++;
  }
  /** Freed slots go to the urgent lane first; to a bulk waiter only within the bulk share. */
  private wake(): void {
    while (this.active < this.limit) {
      const urgentNext = this.waitingUrgent.shift();
      if (urgentNext) {
        this.take(true);
        urgentNext();
        continue;
      }
      if (this.bulkActive >= this.bulkLimit) return;
      const bulkNext = this.waitingBulk.shift();
      if (!bulkNext) return;
      this.take(false);
      bulkNext();
    }
  }
}

/** Marks errors that came back from the store (as opposed to bugs in our code). */
export const STORE_ERROR = Symbol('doraStoreError');

/** Whether an error came from DynamoDB or the way to it (throttling, 5xx, timeouts, garbage). */
export function isStoreError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[STORE_ERROR] === true;
}

/** A store error that says which operation on which table failed (the SDK's message does not). */
function nameTheRequest(err: unknown, operation: string, table: string): unknown {
  if (err instanceof Error && !err.message.includes(`${operation} on ${table}`)) {
    err.message = `${operation} on ${table}: ${err.message}`;
  }
  // A ValidationException means our request was wrong (a bug), not that the store is unwell.
  if (typeof err === 'object' && err !== null && (err as Error).name !== 'ValidationException') {
    (err as Record<symbol, unknown>)[STORE_ERROR] = true;
  }
  return err;
}

export interface ReadClientOptions {
  region: string;
  /** A DynamoDB-compatible endpoint; unset ⇒ the SDK's own resolution (incl. AWS_ENDPOINT_URL_DYNAMODB). */
  endpoint?: string;
  credentials?: DynamoDBClientConfig['credentials'];
  /** Per-attempt timeout, so a hung connection cannot hang a page. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

export interface ReadClient {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  destroy(): void;
}

export function createReadClient(opts: ReadClientOptions): ReadClient {
  const raw = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    retryMode: 'adaptive',
    maxAttempts: opts.maxAttempts ?? 4,
    // throwOnRequestTimeout: without it the SDK only warns and a stalled response hangs the page.
    requestHandler: {
      requestTimeout: opts.requestTimeoutMs ?? 5_000,
      connectionTimeout: 2_000,
      throwOnRequestTimeout: true,
    },
  });
  const perTable = new Map<string, Semaphore>();
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      if (!ALLOWED.has(operation)) throw new ReadOnlyViolation(operation, 'not a read operation');
      const table = tableOf(input);
      if (operation === 'Scan' && !SCANNABLE_TABLE_BASES.some((b) => table.startsWith(`${b}_`))) {
        throw new ReadOnlyViolation(
          operation,
          `Scan of ${table} is not allowed: use a Query on its keys or index`,
        );
      }
      if (['GetItem', 'BatchGetItem', 'Query', 'Scan'].includes(operation)) {
        input['ReturnConsumedCapacity'] ??= 'TOTAL';
      }
      const index = typeof input['IndexName'] === 'string' ? input['IndexName'] : null;
      let gate = perTable.get(table);
      if (!gate) perTable.set(table, (gate = new Semaphore(PER_TABLE_CONCURRENCY, PER_TABLE_BULK)));
      const release = await gate.acquire(lane.getStore() === 'urgent');
      const started = performance.now();
      try {
        const result = await next(args);
        const output = result.output as unknown as Record<string, unknown>;
        recordRequest({
          operation,
          table,
          index,
          items: itemsOf(output),
          rcu: rcuOf(output),
          ms: performance.now() - started,
          error: null,
        });
        return result;
      } catch (err) {
        const name = err instanceof Error ? err.name : 'Error';
        recordRequest({
          operation,
          table,
          index,
          items: 0,
          rcu: 0,
          ms: performance.now() - started,
          error: name,
        });
        throw nameTheRequest(err, operation, table);
      } finally {
        release();
      }
    },
    { step: 'initialize', name: 'doraReadOnlyGuard', priority: 'high' },
  );
  const doc = DynamoDBDocumentClient.from(raw);
  return { doc, raw, destroy: () => raw.destroy() };
}
