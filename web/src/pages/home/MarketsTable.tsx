// Active Markets: one row per `markets[]` entry and the API's `totals` as the TOTAL row (never summed
// here). Sortable headers (default: by risk), Event and Market pinned left (Market alone on a phone),
// a text filter, sort and filter kept in the URL, and row virtualisation past 100 rows against the
// page's own scroll (TanStack Virtual; rows outside the view become spacer height). The table never
// scrolls vertically inside the page: every row is reached by the page's scroll, and a scrollbar
// pinned to the bottom of the window scrolls the columns sideways.
import { useMemo, useRef } from 'react';
import type { Column, SortingState } from '@tanstack/react-table';
import { formatAge } from '@core/format';
import type { OverviewResponse, MarketRow, TableTotals } from '@api/types';
import { useNow } from '../../api/use-now';
import { DataTable } from '../../components/DataTable';
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
// Two lines: the ticker and Kalshi's title beneath it (cockpit-tables.css sets the same height).
const ROW_HEIGHT_PX = 38;

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
  // No settlement total until the market data was fetched: the TOTAL then says why, never $0.00.
  const lifecycleUnavailable =
    data.pnl.settlementTotal === null ? (data.lifecycle.unavailable ?? 'market data not fetched yet') : null;
  const columns = useMemo(
    () => marketColumns({ env: data.env, nowMs, tz: data.tz, lifecycleUnavailable }),
    [data.env, nowMs, data.tz, lifecycleUnavailable],
  );
  const { search } = useLocation();
  const openMarket = (marketId: string) =>
    navigate(hrefWithView(MARKET_PATH, search, { m: marketId, env: data.env }));
  const setParams = useSetPageParams();
  const sorting = useMemo(() => readSort(search), [search]);
  const filter = new URLSearchParams(search).get('q') ?? '';
  const setSorting = (u: SortingState | ((old: SortingState) => SortingState)) =>
    setParams({ sort: writeSort(typeof u === 'function' ? u(sorting) : u) });
  // Typing replaces the history entry: Back leaves the page, not the last keystroke.
  const setFilter = (q: string) => setParams({ q: q || null }, { replace: true });
  const narrow = useMedia('(max-width: 700px)');
  const scrollRef = useRef<HTMLDivElement>(null);
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
            placeholder="Filter event, market or title…"
            aria-label="Filter markets"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <CsvExcelLinks
            csvHref={csvHref}
            testId="csv-link"
            title="Every row of the table (before the filter)"
          />
        </div>
      }
    >
      <DataTable
        features={marketFeatures}
        columns={columns}
        data={data.markets}
        getRowId={(r) => r.marketId}
        options={{
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
        }}
        sortable
        testId="markets-table"
        scrollTestId="markets-scroll"
        scrollClassName="markets-scroll"
        className="markets"
        scrollRef={scrollRef}
        floatingHeader
        virtual={{
          scroll: 'window',
          overRows: VIRTUALIZE_OVER_ROWS,
          rowHeightPx: ROW_HEIGHT_PX,
          overscan: 12,
        }}
        rowClass={(r) => (r.mismatch.any ? 'row-mismatch' : r.enabled ? '' : 'row-disabled')}
        // A row opens its market: by click anywhere on it (but its links and buttons), or Enter when
        // it has the focus; arrow keys walk the rows (Tab also does, through each row's link).
        rowAttrs={(r) => ({ 'aria-label': `${r.marketId}: open the deep dive`, 'data-market': r.marketId })}
        onRowActivate={(r) => openMarket(r.marketId)}
        activateKeys={['Enter']}
        ignoreClicksIn="a, button"
        empty={
          data.markets.length === 0
            ? 'No enabled market and no open position.'
            : 'No market matches the filter.'
        }
        footerRows={[
          ...(other && other.count > 0
            ? [
                {
                  key: 'other',
                  className: 'other-row',
                  testId: 'other-markets-row',
                  cellTestId: (id: string) => `other-${id}`,
                  cell: (c: MarketColumn) => c.columnDef.meta?.other?.(other),
                },
              ]
            : []),
          {
            key: 'total',
            className: 'total-row',
            testId: 'total-row',
            cellTestId: (id) => `total-${id}`,
            cell: (c) => c.columnDef.meta?.total?.(data.totals),
          },
        ]}
      />
      <StickyScrollbar target={scrollRef} />
      {filter && (
        <p className="note">
          TOTAL is the API’s total over all {data.totals.markets} markets
          {other && other.count > 0 ? ` and the ${other.count} other markets` : ''}, not only the filtered
          rows.
        </p>
      )}
    </Panel>
  );
}
