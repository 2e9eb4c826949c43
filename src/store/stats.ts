// Every DynamoDB request is counted twice: into the tally of the API request that caused it
// (AsyncLocalStorage, reported as `meta.dynamo`) and into process-wide per-table totals (/metrics).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface DynamoTally {
  requests: number;
  items: number;
  rcu: number;
  ms: number;
}

export interface RequestRecord {
  operation: string;
  table: string;
  index: string | null;
  items: number;
  rcu: number;
  ms: number;
  error: string | null;
}

export interface TableTotals extends DynamoTally {
  errors: number;
}

export function emptyTally(): DynamoTally {
  return { requests: 0, items: 0, rcu: 0, ms: 0 };
}

const context = new AsyncLocalStorage<DynamoTally[]>();
const totals = new Map<string, TableTotals>();
const listeners = new Set<(r: RequestRecord) => void>();

/** Runs fn with a fresh tally that collects every DynamoDB request fn causes (nested tallies too). */
export async function withTally<T>(fn: () => Promise<T>): Promise<{ result: T; tally: DynamoTally }> {
  const tally = emptyTally();
  const outer = context.getStore() ?? [];
  const result = await context.run([...outer, tally], fn);
  return { result, tally };
}

/**
 * Runs fn outside every tally: for what outlives the request that started it (a timer), whose later
 * requests are nobody's cost — inside, they would keep adding to a request long answered.
 */
export function untallied<T>(fn: () => T): T {
  return context.exit(fn);
}

export function recordRequest(r: RequestRecord): void {
  for (const t of context.getStore() ?? []) {
    t.requests++;
    t.items += r.items;
    t.rcu += r.rcu;
    t.ms += r.ms;
  }
  const key = r.table;
  const tt = totals.get(key) ?? { requests: 0, items: 0, rcu: 0, ms: 0, errors: 0 };
  tt.requests++;
  tt.items += r.items;
  tt.rcu += r.rcu;
  tt.ms += r.ms;
  if (r.error) tt.errors++;
  totals.set(key, tt);
  for (const l of listeners) l(r);
}

export function tableTotals(): ReadonlyMap<string, TableTotals> {
  return totals;
}

/** Lets tests and benchmarks watch every request (operation, table, index, items). */
export function onRequest(listener: (r: RequestRecord) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
