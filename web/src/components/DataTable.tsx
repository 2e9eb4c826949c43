// The dashboard's one table (TanStack Table v9, TanStack Virtual for long lists): a scroll box
// (`table-scroll`, test id `<testId>-scroll` unless given), headers that sort when asked
// (aria-sort, ▲/▼), columns pinned to the left when the feature set pins, body rows with their id
// in `data-row-id`, a row that opens or selects by click, Enter (and Space) and walks by the arrow
// keys, an empty state, a tail row (`vt-tail`: "loading more…"), footer rows (TOTAL) and, for long
// lists, row virtualisation against either the page's scroll or the box's own (rows outside the
// view become the height of a spacer row).
//
// Which features a table has is its feature set's business (components/table-features.ts, the
// markets table's own): this component reads the columns' optional feature methods (sorting,
// pinning, sizing) and `meta` (numeric, help, cellClass) and renders what is there.
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
  type RefObject,
} from 'react';
import {
  useTable,
  type Column,
  type ColumnDef,
  type RowData,
  type SortingState,
  type TableFeatures,
  type TableOptions,
} from '@tanstack/react-table';
import { useVirtualizer, useWindowVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';

/** Rows virtualised against the page's own scroll, past `overRows` rows (Active Markets). */
export interface WindowVirtual {
  scroll: 'window';
  overRows: number;
  rowHeightPx: number;
  overscan: number;
}

/** Rows always virtualised inside the scroll box (the deep dive's lists, max-height in CSS). */
export interface BoxVirtual {
  scroll: 'box';
  rowHeightPx: number;
  overscan: number;
  /** The box's CSS max-height as a fraction of the viewport's height: the first render's size. */
  maxHeightVh: number;
}

export interface FooterRow<TFeatures extends TableFeatures, T extends RowData> {
  key: string;
  className: string;
  testId: string;
  cellTestId: (columnId: string) => string;
  cell: (column: Column<TFeatures, T, unknown>) => ReactNode;
}

type RowAttrs = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;

interface Props<TFeatures extends TableFeatures, T extends RowData> {
  features: TFeatures;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column array type
  columns: ColumnDef<TFeatures, T, any>[];
  data: readonly T[];
  getRowId: (row: T) => string;
  /** More of useTable's options: controlled state and its handlers, filter functions, … */
  options?: Partial<TableOptions<TFeatures, T>>;
  /** Headers sort (a button each); the sort is the table's own unless `options` controls it. */
  sortable?: boolean;
  initialSorting?: SortingState;
  testId: string;
  /** The scroll box's test id (default `<testId>-scroll`). */
  scrollTestId?: string;
  /** The scroll box's own class (besides `table-scroll`), which the page's CSS sizes. */
  scrollClassName: string;
  /** The table's class (besides `grid`). */
  className?: string;
  label?: string;
  /** The scroll box, for a caller that needs it (a sticky scrollbar). */
  scrollRef?: RefObject<HTMLDivElement | null>;
  /** The header row follows the page's scroll while the table is in view (a sideways-scrolling box). */
  floatingHeader?: boolean;
  /** Shown in the body when there are no rows: say what to check. */
  empty: ReactNode;
  /** A row after the data (`tr.vt-tail`): "loading more…", "end of range". */
  tail?: ReactNode;
  rowClass?: (row: T) => string;
  rowAttrs?: (row: T) => RowAttrs;
  /** Opens or selects a row: by click anywhere on it, or a key of `activateKeys` on the focused row. */
  onRowActivate?: (row: T) => void;
  activateKeys?: readonly string[];
  /** Clicks inside these (links, buttons of a cell) are theirs, not the row's. */
  ignoreClicksIn?: string;
  /** The selected row's id (marks it `selected`, `aria-selected` on every row); omit: no selection. */
  selectedId?: string | null;
  virtual?: WindowVirtual | BoxVirtual;
  /** Called when the view nears the last row, NEAR_END_ROWS before it (load the next page). */
  onNearEnd?: () => void;
  footerRows?: FooterRow<TFeatures, T>[];
}

/** The feature methods this component reads, present only when the table's feature set has them. */
interface ColumnFeatures {
  getIsSorted?: () => false | 'asc' | 'desc';
  getCanSort?: () => boolean;
  getToggleSortingHandler?: () => ((e: unknown) => void) | undefined;
  getIsPinned?: () => false | string;
  getStart?: (position: 'start') => number;
  getSize?: () => number;
}

interface MetaRead<T> {
  numeric?: boolean;
  help?: string;
  cellClass?: (row: T) => string;
}

const featuresOf = (c: unknown) => c as ColumnFeatures;
const metaOf = <T,>(c: { columnDef: { meta?: unknown } }) => (c.columnDef.meta ?? {}) as MetaRead<T>;
const isPinned = (c: unknown) => Boolean(featuresOf(c).getIsPinned?.());

/** Sticky geometry of a pinned column; others size to their content. */
function pinStyle(column: unknown): CSSProperties | undefined {
  const c = featuresOf(column);
  if (!c.getIsPinned?.()) return undefined;
  const w = c.getSize?.() ?? 0;
  return { position: 'sticky', left: c.getStart?.('start') ?? 0, width: w, minWidth: w, maxWidth: w };
}

const cellClassOf = (column: unknown, numeric: boolean | undefined, extra = '') =>
  [numeric ? 'num' : '', isPinned(column) ? 'pinned' : '', extra].filter(Boolean).join(' ');

/**
 * The header row follows the page's scroll (under the top bar) while the table is in view: the box
 * scrolls sideways, so CSS `sticky` cannot hold it to the window.
 */
function useFloatingHeader(scrollRef: RefObject<HTMLDivElement | null>, on: boolean) {
  useEffect(() => {
    if (!on) return;
    let frame = 0;
    const place = () => {
      frame = 0;
      const table = scrollRef.current?.querySelector('table');
      const head = table?.tHead;
      if (!table || !head) return;
      const bar = document.querySelector('header.topbar')?.getBoundingClientRect().bottom ?? 0;
      const box = table.getBoundingClientRect();
      const room = box.height - head.offsetHeight - (table.tFoot?.offsetHeight ?? 0);
      const shift = Math.round(Math.min(Math.max(0, bar - box.top), Math.max(0, room)));
      head.style.transform = shift > 0 ? `translateY(${shift}px)` : '';
      head.classList.toggle('floating', shift > 0);
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    place();
    window.addEventListener('scroll', later, { passive: true });
    window.addEventListener('resize', later);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', later);
      window.removeEventListener('resize', later);
    };
  }, [scrollRef, on]);
}

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

/** The visible slice of `count` rows and the spacer heights above and below it. */
interface Slice {
  /** Row indices to render; null: every row. */
  indices: number[] | null;
  padTop: number;
  padBottom: number;
  lastIndex: number;
}

function useRowSlice(
  count: number,
  virtual: WindowVirtual | BoxVirtual | undefined,
  scrollRef: RefObject<HTMLDivElement | null>,
  bodyRef: RefObject<HTMLTableSectionElement | null>,
  keyAt: (i: number) => string | number,
): Slice {
  const onWindow = virtual?.scroll === 'window' && count > virtual.overRows;
  const inBox = virtual?.scroll === 'box';
  const rowHeight = virtual?.rowHeightPx ?? 0;
  // Where the body starts on the page: the window virtualizer measures rows from there.
  const [bodyTop, setBodyTop] = useState(0);
  // After every render, deliberately: what is above the table can move it. An equal value is no
  // new render, so this settles at once.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- measured after every render, see above
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (onWindow && el) setBodyTop(el.getBoundingClientRect().top + window.scrollY);
  });
  const windowed = useWindowVirtualizer({
    count,
    estimateSize: () => rowHeight,
    overscan: virtual?.overscan ?? 0,
    enabled: onWindow,
    scrollMargin: bodyTop,
  });
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler builds the app; the virtualizer's functions are read fresh each render
  const boxed = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: virtual?.overscan ?? 0,
    getItemKey: keyAt,
    enabled: inBox,
    observeElementRect: observeScrollerRect,
    initialRect:
      virtual?.scroll === 'box' && typeof window !== 'undefined'
        ? { width: window.innerWidth, height: Math.round(window.innerHeight * virtual.maxHeightVh) }
        : undefined,
  });
  if (onWindow) {
    const items = windowed.getVirtualItems();
    const first = items[0];
    const last = items[items.length - 1];
    return {
      indices: items.map((i) => i.index),
      padTop: first ? first.start - bodyTop : 0,
      padBottom: last ? windowed.getTotalSize() - (last.end - bodyTop) : 0,
      lastIndex: last?.index ?? -1,
    };
  }
  if (inBox) {
    const items = boxed.getVirtualItems();
    const last = items[items.length - 1];
    return {
      indices: items.map((i) => i.index),
      padTop: items[0]?.start ?? 0,
      padBottom: last ? boxed.getTotalSize() - last.end : 0,
      lastIndex: last?.index ?? -1,
    };
  }
  return { indices: null, padTop: 0, padBottom: 0, lastIndex: count - 1 };
}

/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const NEAR_END_ROWS = 40;

/** A short list that sorts by its headers (stale positions, compare stats, reconciliation). */
export const SORTED_LIST = { sortable: true, scrollClassName: 'dtable-scroll', className: 'dtable' } as const;

/** The deep dive's long lists: every row reached inside a box of at most 62vh (.vt-scroll). */
export const LONG_LIST = {
  scrollClassName: 'vt-scroll',
  className: 'vt',
  virtual: { scroll: 'box', rowHeightPx: 27, overscan: 16, maxHeightVh: 0.62 },
} as const satisfies Partial<Props<TableFeatures, RowData>>;

export function DataTable<TFeatures extends TableFeatures, T extends RowData>({
  features,
  columns,
  data,
  getRowId,
  options,
  sortable = false,
  initialSorting = [],
  testId,
  scrollTestId = `${testId}-scroll`,
  scrollClassName,
  className = '',
  label,
  scrollRef: givenScrollRef,
  floatingHeader = false,
  empty,
  tail,
  rowClass,
  rowAttrs,
  onRowActivate,
  activateKeys = ['Enter', ' '],
  ignoreClicksIn,
  selectedId,
  virtual,
  onNearEnd,
  footerRows = [],
}: Props<TFeatures, T>) {
  const [ownSorting, setOwnSorting] = useState<SortingState>(initialSorting);
  const controlled = (options?.state as { sorting?: SortingState } | undefined)?.sorting !== undefined;
  const ownSort =
    sortable && !controlled ? { state: { sorting: ownSorting }, onSortingChange: setOwnSorting } : {};
  const table = useTable({
    features,
    columns,
    data,
    getRowId,
    ...options,
    ...ownSort,
    state: { ...options?.state, ...ownSort.state },
  } as unknown as TableOptions<TFeatures, T>);

  const rows = table.getRowModel().rows;
  const ownScrollRef = useRef<HTMLDivElement>(null);
  const scrollRef = givenScrollRef ?? ownScrollRef;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useFloatingHeader(scrollRef, floatingHeader);
  const slice = useRowSlice(rows.length, virtual, scrollRef, bodyRef, (i) => rows[i]?.id ?? i);
  const shown = slice.indices ? slice.indices.map((i) => rows[i]).filter((r) => r !== undefined) : rows;

  // The latest callback, updated after render (a ref is not written while rendering); layout
  // effects run before the effect below reads it.
  const nearEndRef = useRef(onNearEnd);
  useLayoutEffect(() => {
    nearEndRef.current = onNearEnd;
  });
  useEffect(() => {
    if (rows.length === 0 || slice.lastIndex >= rows.length - NEAR_END_ROWS) nearEndRef.current?.();
  }, [slice.lastIndex, rows.length]);

  // Columns in the order the header shows them: pinned ones first, so body and footer cells line
  // up under their headings.
  const leafColumns =
    table
      .getHeaderGroups()
      .at(-1)
      ?.headers.map((h) => h.column) ?? table.getAllLeafColumns();
  const position = new Map(leafColumns.map((c, i) => [c.id, i]));
  const nCols = leafColumns.length;
  // Focus moved into the table is never left under the pinned columns.
  const pinnedWidth = leafColumns.filter(isPinned).reduce((w, c) => w + (featuresOf(c).getSize?.() ?? 0), 0);

  return (
    <div
      className={`table-scroll ${scrollClassName}`}
      ref={scrollRef}
      style={pinnedWidth > 0 ? { scrollPaddingLeft: pinnedWidth } : undefined}
      data-testid={scrollTestId}
      onFocus={
        pinnedWidth > 0
          ? (e) => {
              // A focused cell or heading is never left under the pinned columns (the browser's own
              // focus scrolling does not always honour scroll-padding): scroll it clear of them.
              const box = e.currentTarget;
              const el = e.target as HTMLElement;
              if (el.closest('.pinned') || el === box || el.tagName === 'TR') return;
              // The pinned cells' own right edge (their width can change after the last measure,
              // when a refresh brings a longer ticker), else the measured width.
              const boxRect = box.getBoundingClientRect();
              let edge = boxRect.left + pinnedWidth;
              for (const cell of el.closest('tr')?.querySelectorAll<HTMLElement>('.pinned') ?? [])
                edge = Math.max(edge, cell.getBoundingClientRect().right);
              const rect = el.getBoundingClientRect();
              if (rect.left < edge) box.scrollLeft -= edge - rect.left + 8;
              else if (rect.right > boxRect.right)
                box.scrollLeft += Math.min(rect.right - boxRect.right + 8, rect.left - edge);
            }
          : undefined
      }
    >
      <table className={`grid ${className}`} data-testid={testId} aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const meta = metaOf<T>(h.column);
                const f = featuresOf(h.column);
                const sorted = sortable ? (f.getIsSorted?.() ?? false) : false;
                return (
                  <th
                    key={h.id}
                    className={cellClassOf(h.column, meta.numeric)}
                    style={pinStyle(h.column)}
                    aria-sort={
                      !sortable
                        ? undefined
                        : sorted === 'asc'
                          ? 'ascending'
                          : sorted === 'desc'
                            ? 'descending'
                            : 'none'
                    }
                    title={meta.help}
                  >
                    {sortable && f.getCanSort?.() ? (
                      <button type="button" className="sort" onClick={f.getToggleSortingHandler?.()}>
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
        <tbody ref={bodyRef}>
          {slice.padTop > 0 && (
            <tr aria-hidden="true" className="vt-pad">
              <td colSpan={nCols} style={{ height: slice.padTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {shown.map((row) => {
            const original = row.original;
            const selected = selectedId !== undefined && selectedId !== null && row.id === selectedId;
            const cls = [
              selected ? 'selected' : '',
              rowClass?.(original) ?? '',
              onRowActivate ? 'clickable' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <tr
                key={row.id}
                data-row-id={row.id}
                className={cls || undefined}
                aria-selected={selectedId !== undefined ? selected : undefined}
                tabIndex={onRowActivate ? 0 : undefined}
                {...rowAttrs?.(original)}
                onClick={
                  onRowActivate
                    ? (e) => {
                        if (ignoreClicksIn && (e.target as HTMLElement).closest(ignoreClicksIn)) return;
                        onRowActivate(original);
                      }
                    : undefined
                }
                onKeyDown={
                  onRowActivate
                    ? (e) => {
                        if (e.target !== e.currentTarget) return;
                        if (activateKeys.includes(e.key)) {
                          e.preventDefault();
                          onRowActivate(original);
                        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                          // Walk the rows from the keyboard (the virtualiser keeps neighbours rendered).
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
                {[...row.getAllCells()]
                  .sort((a, b) => (position.get(a.column.id) ?? 0) - (position.get(b.column.id) ?? 0))
                  .map((cell) => {
                    const meta = metaOf<T>(cell.column);
                    return (
                      <td
                        key={cell.id}
                        className={cellClassOf(cell.column, meta.numeric, meta.cellClass?.(original))}
                        style={pinStyle(cell.column)}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
              </tr>
            );
          })}
          {slice.padBottom > 0 && (
            <tr aria-hidden="true" className="vt-pad">
              <td colSpan={nCols} style={{ height: slice.padBottom, padding: 0, border: 0 }} />
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
        {footerRows.length > 0 && (
          <tfoot>
            {footerRows.map((f) => (
              <tr key={f.key} className={f.className} data-testid={f.testId}>
                {leafColumns.map((c) => (
                  <td
                    key={c.id}
                    className={cellClassOf(c, metaOf<T>(c).numeric)}
                    style={pinStyle(c)}
                    data-testid={f.cellTestId(c.id)}
                  >
                    {f.cell(c)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
    </div>
  );
}
