// The Outcomes table of a market's analytics, row by row: shared by the analytics tab and its export
// (format=csv|xlsx), so the file holds what the tab shows. Its own module, importing types only, so
// the web bundle takes this without the analytics computation.
import type { Outcomes } from './analytics.js';

/** One line of the table: a result status, its count, and that count split by kind. */
export interface OutcomeRow {
  status: string;
  total: number;
  place: number;
  cancel: number;
  /** Results that are neither a placement's nor a cancel's (no side and no order id). */
  unknown: number;
}

/** One row per status (the five known ones always, then any other), with its split by kind. */
export function outcomeRows(o: Outcomes): OutcomeRow[] {
  const kind = (k: 'place' | 'cancel' | 'unknown', s: string) => o.byKind[k][s] ?? 0;
  return [...Object.entries(o.counts), ...Object.entries(o.other)].map(([status, total]) => ({
    status,
    total,
    place: kind('place', status),
    cancel: kind('cancel', status),
    unknown: kind('unknown', status),
  }));
}
