// Active Markets: one row per `markets[]` entry and the API's `totals` as the TOTAL row (never summed
// here). Sortable headers (default: by risk), Event and Market pinned left (Market alone on a phone),
// a text filter, sort and filter kept in the URL, and row virtualisation past 100 rows against the
// page's own scroll (TanStack Virtual; rows outside the view become spacer height). The table never
// scrolls vertically inside the page: every row is reached by the page's scroll, and a scrollbar
// pinned to the bottom of the window scrolls the columns sideways.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { useTable, type Column, type SortingState } from '@tanstack/react-table';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { formatAge } from '../../../../src/core/format';
import type { OverviewResponse, MarketRow, TableTotals } from '../../api/types';
import { useNow } from '../../api/use-now';
import { Panel } from '../../components/Panel';
import { useMedia } from '../../components/use-media';
import { formatDateTime } from '../../format/time';
import { LIMIT_USE, marketColumns, marketFeatures, PINNED } from './market-columns';
import { StickyScrollbar } from '../../components/StickyScrollbar';
import { CsvExcelLinks } from '../../components/CsvExcelLinks';
import { useSetPageParams } from '../common/page-hooks';
import { MARKET_PATH } from './MarketLink';
import { navigate, useLocation } from '../../router/location';
import { hrefWithView } from '../../router/view-params';

const VIRTUALIZE_OVER_ROWS = 100;
const ROW_HEIGHT_PX = 29;

type MarketColumn = Column<typeof marketFeatures, MarketRow, unknown>;

// Event and Market stay in view while scrolling sideways — except on a phone, where together
// they would fill the screen.
const PINNED_START = { start: PINNED, end: [] };
const PINNED_PHONE = { start: ['market'], end: [] };
const PHONE_SIZES = { market: 150 };
const NO_SIZES = {};

/** The default order: riskiest first (limit use, then |unrealized (worst)|). */
export const DEFAULT_SORT: SortingState = [{ id: LIMIT_USE, desc: true }];

/** `?sort=limitUse.desc` (absent: the default; `none`: the API's order). */
export function readSort(search: string): SortingState {
  const v = new URLSearchParams(search).get('sort');
  if (v === null) return DEFAULT_SORT;
  if (v === 'none') return [];
  const m = /^([A-Za-z0-9]+)\.(asc|desc)$/.exec(v);
  return m ? [{ id: m[1]!, desc: m[2] === 'desc' }] : DEFAULT_SORT;
}

export function writeSort(s: SortingState): string | null {
  const first = s[0];
  if (!first) return 'none';
  if (first.id === LIMIT_USE && first.desc) return null;
  return `${first.id}.${first.desc ? 'desc' : 'asc'}`;
}

/** Sticky geometry of a pinned column; others size to their content. */
function pinStyle(column: MarketColumn): CSSProperties | undefined {
  if (!column.getIsPinned()) return undefined;
  const w = column.getSize();
  return { position: 'sticky', left: column.getStart('start'), width: w, minWidth: w, maxWidth: w };
}

/**
 * The header row follows the page's scroll (under the top bar) while the table is in view: the box
 * scrolls sideways, so CSS `sticky` cannot hold it to the window.
 */
function useFloatingHeader(scrollRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
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
  }, [scrollRef]);
}

function SyncedCaption({ at, tz }: { at: string | null; tz: string }) {
  const now = useNow();
  return (
    <span
      className="muted"
      data-testid="orders-synced"
      title={`${formatDateTime(at, tz)}: the bot's open_orders snapshot is its claim at that save, not the exchange's book — it can still list orders cancelled in the same loop, and misses orders placed since`}
    >
      Open orders last synced {at ? formatAge(Date.parse(at), now) : 'never'} (the bot’s snapshot)
    </span>
  );
}

export function MarketsTable({ data, csvHref }: { data: OverviewResponse; csvHref: string }) {
  // Ages in cells are relative to when the server made this body: they move with each refresh.
  const nowMs = Date.parse(data.meta.generatedAt);
  const columns = useMemo(() => marketColumns({ env: data.env, nowMs }), [data.env, nowMs]);
  const { search } = useLocation();
  const openMarket = (marketId: string) => navigate(hrefWithView(MARKET_PATH, search, { m: marketId, env: data.env }));
  const setParams = useSetPageParams();
  const sorting = useMemo(() => readSort(search), [search]);
  const filter = new URLSearchParams(search).get('q') ?? '';
  const setSorting = (u: SortingState | ((old: SortingState) => SortingState)) =>
    setParams({ sort: writeSort(typeof u === 'function' ? u(sorting) : u) });
  // Typing replaces the history entry: Back leaves the page, not the last keystroke.
  const setFilter = (q: string) => setParams({ q: q || null }, { replace: true });
  const narrow = useMedia('(max-width: 700px)');
  const table = useTable({
    features: marketFeatures,
    columns,
    data: data.markets,
    getRowId: (r) => r.marketId,
    state: {
      sorting,
      globalFilter: filter,
      columnPinning: narrow ? PINNED_PHONE : PINNED_START,
      columnSizing: narrow ? PHONE_SIZES : NO_SIZES,
    },
    onSortingChange: setSorting,
    onGlobalFilterChange: (u) => setFilter((typeof u === 'function' ? u(filter) : u) ?? ''),
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: (c) => PINNED.includes(c.id),
  });

  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useFloatingHeader(scrollRef);
  const virtual = rows.length > VIRTUALIZE_OVER_ROWS;
  // Where the body starts on the page: the window virtualizer measures rows from there.
  const [bodyTop, setBodyTop] = useState(0);
  // After every render, deliberately: what is above the table can move it. An equal value is no
  // new render, so this settles at once.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- measured after every render, see above
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (virtual && el) setBodyTop(el.getBoundingClientRect().top + window.scrollY);
  });
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
    enabled: virtual,
    scrollMargin: bodyTop,
  });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const shown = items ? items.map((i) => rows[i.index]).filter((r) => r !== undefined) : rows;
  const padTop = items && items.length > 0 ? (items[0]?.start ?? bodyTop) - bodyTop : 0;
  const padBottom =
    items && items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? bodyTop) - bodyTop) : 0;
  // Focus moved into the table is never left under the pinned columns (the browser scrolls a
  // focused cell clear of this padding).
  const pinnedWidth = table
    .getAllLeafColumns()
    .filter((c) => c.getIsPinned())
    .reduce((w, c) => w + c.getSize(), 0);
  // Columns in the order the header shows them: pinned ones first (on a phone Market is pinned
  // alone, ahead of Event), so body and footer cells line up under their headings.
  const leafColumns = table.getHeaderGroups().at(-1)?.headers.map((h) => h.column) ?? table.getAllLeafColumns();
  const position = new Map(leafColumns.map((c, i) => [c.id, i]));
  // Markets outside the table (disabled and flat) with fills or a bot realized_pnl: one row, so
  // the rows above plus it add up to TOTAL, and TOTAL to the headline cards.
  const other = data.totals.otherMarkets as TableTotals['otherMarkets'] | undefined;

  return (
    <Panel
      title={
        <>
          Active markets <span className="count">{data.markets.length}</span>
        </>
      }
      className="markets-panel"
      testId="markets-panel"
      actions={
        <div className="controls">
          <SyncedCaption at={data.orders.openOrdersSyncedAt} tz={data.tz} />
          <input
            type="search"
            className="filter"
            placeholder="Filter event or market…"
            aria-label="Filter markets"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <CsvExcelLinks csvHref={csvHref} testId="csv-link" title="Every row of the table (before the filter)" />
        </div>
      }
    >
      <div
        className="table-scroll markets-scroll"
        ref={scrollRef}
        style={{ scrollPaddingLeft: pinnedWidth }}
        data-testid="markets-scroll"
        onFocus={(e) => {
          // A focused cell or heading is never left under the pinned columns (the browser's own
          // focus scrolling does not always honour scroll-padding): scroll it clear of them.
          const box = e.currentTarget;
          const el = e.target as HTMLElement;
          if (el.closest('.pinned') || el === box || el.tagName === 'TR') return;
          // The pinned cells' own right edge (their width can change after the last measure, when
          // a refresh brings a longer ticker), else the measured width.
          const boxRect = box.getBoundingClientRect();
          let edge = boxRect.left + pinnedWidth;
          for (const cell of el.closest('tr')?.querySelectorAll<HTMLElement>('.pinned') ?? [])
            edge = Math.max(edge, cell.getBoundingClientRect().right);
          const rect = el.getBoundingClientRect();
          if (rect.left < edge) box.scrollLeft -= edge - rect.left + 8;
          else if (rect.right > boxRect.right) box.scrollLeft += Math.min(rect.right - boxRect.right + 8, rect.left - edge);
        }}
      >
        <table className="grid markets" data-testid="markets-table">
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const meta = h.column.columnDef.meta;
                  const sorted = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      className={`${meta?.numeric ? 'num' : ''} ${h.column.getIsPinned() ? 'pinned' : ''}`}
                      style={pinStyle(h.column)}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      title={meta?.help}
                    >
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody ref={bodyRef}>
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={leafColumns.length} style={{ height: padTop, padding: 0, border: 0 }} />
              </tr>
            )}
            {shown.map((row) => (
              <tr
                key={row.id}
                className={
                  row.original.mismatch.any ? 'row-mismatch' : row.original.enabled ? '' : 'row-disabled'
                }
                // A row opens its market: by click anywhere on it, or Enter when it has the focus.
                tabIndex={0}
                aria-label={`${row.original.marketId}: open the deep dive`}
                data-market={row.original.marketId}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a, button')) return;
                  openMarket(row.original.marketId);
                }}
                onKeyDown={(e) => {
                  if (e.target !== e.currentTarget) return;
                  if (e.key === 'Enter') openMarket(row.original.marketId);
                  // Arrow keys walk the rows (Tab also does, through each row's link).
                  const next =
                    e.key === 'ArrowDown'
                      ? e.currentTarget.nextElementSibling
                      : e.key === 'ArrowUp'
                        ? e.currentTarget.previousElementSibling
                        : null;
                  if (next instanceof HTMLElement && next.dataset['market']) {
                    e.preventDefault();
                    next.focus();
                  }
                }}
              >
                {[...row.getAllCells()]
                  .sort((a, b) => (position.get(a.column.id) ?? 0) - (position.get(b.column.id) ?? 0))
                  .map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <td
                      key={cell.id}
                      className={`${meta?.numeric ? 'num' : ''} ${cell.column.getIsPinned() ? 'pinned' : ''} ${meta?.cellClass?.(row.original) ?? ''}`}
                      style={pinStyle(cell.column)}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  );
                })}
              </tr>
            ))}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={leafColumns.length} style={{ height: padBottom, padding: 0, border: 0 }} />
              </tr>
            )}
            {rows.length === 0 && (
              <tr>
                <td colSpan={leafColumns.length} className="muted empty">
                  {data.markets.length === 0
                    ? 'No enabled market and no open position.'
                    : 'No market matches the filter.'}
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            {other && other.count > 0 && (
              <tr className="other-row" data-testid="other-markets-row">
                {leafColumns.map((c) => {
                  const meta = c.columnDef.meta;
                  return (
                    <td
                      key={c.id}
                      className={`${meta?.numeric ? 'num' : ''} ${c.getIsPinned() ? 'pinned' : ''}`}
                      style={pinStyle(c)}
                      data-testid={`other-${c.id}`}
                    >
                      {meta?.other?.(other)}
                    </td>
                  );
                })}
              </tr>
            )}
            <tr className="total-row" data-testid="total-row">
              {leafColumns.map((c) => {
                const meta = c.columnDef.meta;
                return (
                  <td
                    key={c.id}
                    className={`${meta?.numeric ? 'num' : ''} ${c.getIsPinned() ? 'pinned' : ''}`}
                    style={pinStyle(c)}
                    data-testid={`total-${c.id}`}
                  >
                    {meta?.total?.(data.totals)}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      <StickyScrollbar target={scrollRef} />
      {filter && (
        <p className="note">
          TOTAL is the API’s total over all {data.totals.markets} markets
          {other && other.count > 0 ? ` and the ${other.count} other markets` : ''}, not only the filtered rows.
        </p>
      )}
    </Panel>
  );
}
