// A dense, virtualised table (TanStack Table v9 + TanStack Virtual) for the deep dive's long lists:
// only the rows in view are in the DOM, a row click selects (Enter/Space too), and nearing the end
// asks for the next page. Columns come from tableKit's helper; the API's order is kept (no sorting:
// these lists are time-ordered by the server and paged by cursor).
import { useEffect, useRef, type ReactNode } from 'react';
import { tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import { useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';

export interface ColMeta {
  numeric?: boolean;
  /** Tooltip of the header. */
  help?: string;
}

/** The meta type of the columns: tableFeatures infers it from this (empty) value's declared type. */
const colMeta: ColMeta = {};

export const tableKit = tableFeatures({ columnMeta: colMeta });
export type TableKit = typeof tableKit;

const ROW_HEIGHT_PX = 27;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 40;
/** The scroller's max-height (.vt-scroll in market.css), as a fraction of the viewport's height. */
const MAX_HEIGHT_VH = 0.62;

/**
 * The scroller's size for the virtualiser, from a ResizeObserver alone. TanStack's default also
 * reads clientHeight as the table mounts, which forces a layout of the whole page in the middle of
 * React's commit; the observer reports every element it starts observing once, right after the
 * browser's own layout. Until then the virtualiser starts from `initialRect` (the scroller's
 * max-height), so the first render already has the rows that fit.
 */
function observeScrollerRect(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: Rect) => void,
): (() => void) | undefined {
  const el = instance.scrollElement;
  if (!el) return undefined;
  const observer = new ResizeObserver(() => cb({ width: el.clientWidth, height: el.clientHeight }));
  observer.observe(el);
  return () => observer.disconnect();
}

interface Props<T extends RowData> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column array type
  columns: ColumnDef<TableKit, T, any>[];
  data: readonly T[];
  getRowId: (row: T) => string;
  selectedId?: string | null;
  onSelect?: (row: T) => void;
  /** Called when the view nears the last row (load the next page). */
  onNearEnd?: () => void;
  /** A row after the data: "loading more…", "end of range". */
  tail?: ReactNode;
  empty: ReactNode;
  rowClass?: (row: T) => string;
  testId: string;
  label: string;
}

export function VirtualTable<T extends RowData>({
  columns,
  data,
  getRowId,
  selectedId,
  onSelect,
  onNearEnd,
  tail,
  empty,
  rowClass,
  testId,
  label,
}: Props<T>) {
  const table = useTable({ features: tableKit, columns, data, getRowId });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler builds this app: nothing is memoized automatically
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 16,
    getItemKey: (i) => rows[i]?.id ?? i,
    observeElementRect: observeScrollerRect,
    initialRect: { width: window.innerWidth, height: Math.round(window.innerHeight * MAX_HEIGHT_VH) },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const nearEndRef = useRef(onNearEnd);
  nearEndRef.current = onNearEnd;
  useEffect(() => {
    if (rows.length === 0 || lastIndex >= rows.length - PREFETCH_ROWS) nearEndRef.current?.();
  }, [lastIndex, rows.length]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const nCols = table.getAllLeafColumns().length;

  return (
    <div className="table-scroll vt-scroll" ref={scrollRef} data-testid={`${testId}-scroll`}>
      <table className="grid vt" data-testid={testId} aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th
                  key={h.id}
                  className={h.column.columnDef.meta?.numeric ? 'num' : ''}
                  title={h.column.columnDef.meta?.help}
                >
                  <table.FlexRender header={h} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="vt-pad">
              <td colSpan={nCols} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const selected = selectedId !== undefined && selectedId !== null && row.id === selectedId;
            return (
              <tr
                key={row.id}
                data-row-id={row.id}
                className={`${selected ? 'selected' : ''} ${rowClass?.(row.original) ?? ''} ${onSelect ? 'clickable' : ''}`}
                aria-selected={onSelect ? selected : undefined}
                tabIndex={onSelect ? 0 : undefined}
                onClick={onSelect ? () => onSelect(row.original) : undefined}
                onKeyDown={
                  onSelect
                    ? (e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          onSelect(row.original);
                        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                          // Move through the rows from the keyboard (the virtualiser keeps neighbours rendered).
                          e.preventDefault();
                          const next =
                            e.key === 'ArrowDown'
                              ? e.currentTarget.nextElementSibling
                              : e.currentTarget.previousElementSibling;
                          if (next instanceof HTMLElement && next.tabIndex === 0) next.focus();
                        }
                      }
                    : undefined
                }
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'num' : ''}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="vt-pad">
              <td colSpan={nCols} style={{ height: padBottom }} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={nCols} className="muted empty">
                {empty}
              </td>
            </tr>
          )}
          {tail && rows.length > 0 && (
            <tr className="vt-tail">
              <td colSpan={nCols} className="muted">
                {tail}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
