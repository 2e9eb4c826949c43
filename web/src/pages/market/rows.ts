// Row mappers of the deep dive's tables: stable row ids, the pages of an infinite list as one list,
// execution kinds and filters, and the fills tab's totals. Pure, tested in rows.test.ts.
import type { DecisionJson, ExecutionJson, MarketFill } from '@api/types';

/** A decision's row id: its decision id, else (old eras) its table key. */
export function decisionRowId(d: Pick<DecisionJson, 'decisionId' | 'date' | 'timestamp'>): string {
  return d.decisionId ?? `${d.date}|${d.timestamp}`;
}

/** Only real decision ids can be looked up with GET /api/v1/decisions/:id. */
export function isDecisionId(id: string | null | undefined): id is string {
  return !!id && /^\d{8}-\d{6}-[0-9a-f]+:[^:]+:[^:]+$/.test(id);
}

/**
 * The items of every loaded page in order. A cursor API must never repeat an item across pages;
 * should a server ever do so, the repeat is dropped (and counted) rather than shown twice.
 */
export function flattenPages<T>(
  pages: readonly { items: readonly T[] }[] | undefined,
  idOf: (item: T) => string,
): { items: T[]; duplicates: number } {
  const seen = new Set<string>();
  const items: T[] = [];
  let duplicates = 0;
  for (const page of pages ?? []) {
    for (const item of page.items) {
      const id = idOf(item);
      if (seen.has(id)) {
        duplicates += 1;
        continue;
      }
      seen.add(id);
      items.push(item);
    }
  }
  return { items, duplicates };
}

export interface ExecutionRow extends ExecutionJson {
  rowId: string;
  kind: ExecutionKind;
}

export type ExecutionKind = 'place' | 'cancel' | 'fill' | 'other';

/** Placement events carry a side, cancels an order id and no side (metrics.md, execution analytics). */
export function executionKind(e: Pick<ExecutionJson, 'eventType' | 'side' | 'orderId'>): ExecutionKind {
  switch (e.eventType) {
    case 'ORDER_PLACE':
      return 'place';
    case 'ORDER_CANCEL':
      return 'cancel';
    case 'FILL':
      return 'fill';
    case 'ORDER_RESULT':
      if (e.side !== null) return 'place';
      if (e.orderId !== null) return 'cancel';
      return 'other';
    default:
      return 'other';
  }
}

/** Events have no id of their own: decision, time, type and order make one, numbered on a tie. */
export function executionRows(events: readonly ExecutionJson[]): ExecutionRow[] {
  const counts = new Map<string, number>();
  return events.map((e) => {
    const base = `${e.decisionId}#${e.time}#${e.eventType}#${e.orderId ?? e.clientOrderId ?? e.fillId ?? ''}`;
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return { ...e, rowId: n === 0 ? base : `${base}#${n}`, kind: executionKind(e) };
  });
}

/** The status filter's value for events without a status (ORDER_PLACE, ORDER_CANCEL, FILL). */
export const NO_STATUS = '(none)';

export interface ExecutionFilter {
  /** '' = every type. */
  type: string;
  /** '' = every status; NO_STATUS = events without one. */
  status: string;
}

export function matchesFilter(e: ExecutionJson, f: ExecutionFilter): boolean {
  if (f.type && e.eventType !== f.type) return false;
  if (f.status && (e.status ?? NO_STATUS) !== f.status) return false;
  return true;
}

export const KNOWN_TYPES = ['ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'FILL'] as const;
export const KNOWN_STATUSES = ['ACCEPTED', 'REJECTED', 'ERROR', 'CANCELLED', 'ALREADY_GONE'] as const;

/** Filter choices: the known values plus anything else the loaded events carry. */
export function filterChoices(events: readonly ExecutionJson[]): { types: string[]; statuses: string[] } {
  const types = new Set<string>(KNOWN_TYPES);
  const statuses = new Set<string>(KNOWN_STATUSES);
  for (const e of events) {
    types.add(e.eventType);
    statuses.add(e.status ?? NO_STATUS);
  }
  statuses.delete(NO_STATUS);
  return { types: [...types], statuses: [...statuses, NO_STATUS] };
}

export interface FillTotals {
  count: number;
  bidContracts: number;
  askContracts: number;
  feesUsd: number;
  realizedUsd: number;
  /** Σ of the bot's stored pnl_realized (0 for start-up backfills; null items skipped). */
  botStoredUsd: number;
}

/**
 * Totals of the fills shown. The fills endpoint returns no totals (see the report's API gaps), so
 * they are plain sums of the API's per-fill figures — the fee the replay applied and the realized
 * change it gave — never a recomputation of either.
 */
export function fillTotals(fills: readonly MarketFill[]): FillTotals {
  const t: FillTotals = {
    count: 0,
    bidContracts: 0,
    askContracts: 0,
    feesUsd: 0,
    realizedUsd: 0,
    botStoredUsd: 0,
  };
  for (const f of fills) {
    t.count += 1;
    if (f.type === 'bid') t.bidContracts += f.size;
    else t.askContracts += f.size;
    t.feesUsd += f.feeAppliedUsd;
    t.realizedUsd += f.realizedChange;
    t.botStoredUsd += f.pnlRealizedStoredUsd ?? 0;
  }
  return t;
}

/** Time of an API instant with milliseconds, in the display zone's wall clock. */
export function withMillis(formatted: string, iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return formatted;
  const frac = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  // `2026-11-25 12:50:51 EST` → `2026-11-25 12:50:51.228 EST`
  return formatted.replace(/(\d{2}:\d{2}:\d{2})/, `$1.${frac}`);
}
