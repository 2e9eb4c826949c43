// A sortable table on TanStack Table v9 for the smaller lists (stale positions, compare stats, P&L
// sources, …): headers sort (numbers largest first), a sticky header, an optional footer row whose
// cells come from the column's `meta.footer` (an API total, never summed here) and an empty state.
import { useState, type ReactNode } from 'react';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';

export interface SortColumnMeta {
  numeric?: boolean;
  /** Header tooltip: what the figure is. */
  help?: string;
  /** The footer row's cell (TOTAL); columns without one stay empty. */
  footer?: ReactNode;
}

/** The meta type of the columns: tableFeatures infers it from this (empty) value's declared type. */
const sortColumnMeta: SortColumnMeta = {};

export const sortFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: sortColumnMeta,
});

export type SortFeatures = typeof sortFeatures;
export type SortColumn<T extends RowData> = ColumnDef<SortFeatures, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function sortColumnHelper<T extends RowData>() {
  return createColumnHelper<SortFeatures, T>();
}

/** null → undefined, so rows without a value sort last in both directions. */
export const orUndef = (v: number | null | undefined): number | undefined =>
  v === null || v === undefined ? undefined : v;

interface Props<T extends RowData> {
  columns: SortColumn<T>[];
  data: T[];
  getRowId: (row: T) => string;
  rowClass?: (row: T) => string;
  testId: string;
  /** Shown in the body when there are no rows: say what to check. */
  empty: ReactNode;
  initialSorting?: SortingState;
  /** Render a footer row from the columns' `meta.footer`. */
  footer?: boolean;
  className?: string;
}

export function SortableTable<T extends RowData>({
  columns,
  data,
  getRowId,
  rowClass,
  testId,
  empty,
  initialSorting = [],
  footer = false,
  className = '',
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useTable({
    features: sortFeatures,
    columns,
    data,
    getRowId,
    state: { sorting },
    onSortingChange: setSorting,
  });
  const rows = table.getRowModel().rows;
  const leaves = table.getAllLeafColumns();
  return (
    <div className="table-scroll dtable-scroll">
      <table className={`grid dtable ${className}`} data-testid={testId}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const meta = h.column.columnDef.meta;
                const sorted = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    className={meta?.numeric ? 'num' : ''}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    title={meta?.help}
                  >
                    {h.column.getCanSort() ? (
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={h} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={rowClass?.(row.original) ?? ''}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'num' : ''}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={leaves.length} className="muted empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
        {footer && rows.length > 0 && (
          <tfoot>
            <tr className="total-row" data-testid={`${testId}-total`}>
              {leaves.map((c) => (
                <td
                  key={c.id}
                  className={c.columnDef.meta?.numeric ? 'num' : ''}
                  data-testid={`${testId}-total-${c.id}`}
                >
                  {c.columnDef.meta?.footer}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
