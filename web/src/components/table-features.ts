// The TanStack Table v9 feature sets of the dashboard's tables, and their column helpers: tables
// built on `sortFeatures` sort by header (stale positions, compare stats, P&L sources, drift); the
// deep dive's long lists use `tableKit` (the API's order, no sorting). The Active Markets table has
// its own set (pages/home/market-columns.tsx: filter, pinning, sizing too). All render through
// DataTable.
import type { ReactNode } from 'react';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';

/** What DataTable reads from a column's `meta`. */
export interface DataColumnMeta {
  numeric?: boolean;
  /** Header tooltip: what the figure is. */
  help?: string;
  /** The footer row's cell (TOTAL); columns without one stay empty. */
  footer?: ReactNode;
}

export const sortFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  // The assertion is what TanStack Table infers the columns' meta type from (the rule cannot see it).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  columnMeta: {} as DataColumnMeta,
});

export type SortFeatures = typeof sortFeatures;
export type SortColumn<T extends RowData> = ColumnDef<SortFeatures, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function sortColumnHelper<T extends RowData>() {
  return createColumnHelper<SortFeatures, T>();
}

/** null → undefined, so rows without a value sort last in both directions. */
export const orUndef = (v: number | null | undefined): number | undefined =>
  v === null || v === undefined ? undefined : v;

/** The deep dive's lists: no row model but the core one (they keep the API's order). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it types the columns' meta (above)
export const tableKit = tableFeatures({ columnMeta: {} as DataColumnMeta });
export type TableKit = typeof tableKit;
