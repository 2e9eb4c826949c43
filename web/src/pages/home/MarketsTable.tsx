// Active Markets: one row per `markets[]` entry and the API's `totals` as the TOTAL row (never summed
// here). Sortable headers, sticky header and TOTAL, Event and Market pinned left, a text filter, and
// row virtualisation past 100 rows (TanStack Virtual; rows outside the view become spacer height).
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTable, type Column, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatAge } from '../../../../src/core/format';
import type { OverviewResponse, MarketRow, TableTotals } from '../../api/types';
import { useNow } from '../../api/use-now';
import { Panel } from '../../components/Panel';
import { useMedia } from '../../components/use-media';
import { formatDateTime } from '../../format/time';
import { marketColumns, marketFeatures, PINNED } from './market-columns';
import { MARKET_PATH } from './MarketLink';
import { navigate, useLocation } from '../../router/location';
import { hrefWithView } from '../../router/view-params';

const VIRTUALIZE_OVER_ROWS = 100;
const ROW_HEIGHT_PX = 29;

type MarketColumn = Column<typeof marketFeatures, MarketRow, unknown>;

// Event and Market stay in view while scrolling sideways — except on a phone, where together
// they would fill the screen.
const PINNED_START = { start: PINNED, end: [] };
const NOT_PINNED = { start: [], end: [] };

/** Sticky geometry of a pinned column; others size to their content. */
function pinStyle(column: MarketColumn): CSSProperties | undefined {
  if (!column.getIsPinned()) return undefined;
  const w = column.getSize();
  return { position: 'sticky', left: column.getStart('start'), width: w, minWidth: w, maxWidth: w };
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
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState('');
  const narrow = useMedia('(max-width: 700px)');
  const table = useTable({
    features: marketFeatures,
    columns,
    data: data.markets,
    getRowId: (r) => r.marketId,
    state: { sorting, globalFilter: filter, columnPinning: narrow ? NOT_PINNED : PINNED_START },
    onSortingChange: setSorting,
    onGlobalFilterChange: (u) => setFilter((prev) => (typeof u === 'function' ? u(prev) : u) ?? ''),
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: (c) => PINNED.includes(c.id),
  });

  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALIZE_OVER_ROWS;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const shown = items ? items.map((i) => rows[i.index]).filter((r) => r !== undefined) : rows;
  const padTop = items && items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const padBottom =
    items && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const leafColumns = table.getAllLeafColumns();
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
          <a className="btn" href={csvHref} download data-testid="csv-link">
            Export CSV
          </a>
        </div>
      }
    >
      <div className="table-scroll" ref={scrollRef}>
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
          <tbody>
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
                  if (e.key === 'Enter' && e.target === e.currentTarget) openMarket(row.original.marketId);
                }}
              >
                {row.getAllCells().map((cell) => {
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
      {filter && (
        <p className="note">
          TOTAL is the API’s total over all {data.totals.markets} markets
          {other && other.count > 0 ? ` and the ${other.count} other markets` : ''}, not only the filtered rows.
        </p>
      )}
    </Panel>
  );
}
