// Columns of the Active Markets table (TanStack Table v9). Each column sorts by the raw API value
// (nulls last) and renders through market-cells.tsx; `meta` carries alignment, the cell tint and
// the TOTAL row's cell for that column.
import type { ReactNode } from 'react';
import {
  columnFilteringFeature,
  columnPinningFeature,
  columnSizingFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';
import { formatContracts, formatPrice, NONE } from '@core/format';
import type { MarketRow, OtherMarketsTotals, TableTotals } from '@api/types';
import { SignedFigure } from '../../components/Figure';
import { signedContracts, signedMoney } from '../../format/figures';
import {
  AvgCostCell,
  ClosesInCell,
  CreatedCell,
  FilledCell,
  LimitUseCell,
  MarketNameCell,
  MaxPosCell,
  MismatchCell,
  NetCell,
  QuoteCell,
  RealizedCell,
  SettlementCell,
} from './market-cells';
import { closesInSortKey } from '../../format/lifecycle';
import { realizedPnlColumn, unrealizedBestColumn, unrealizedWorstColumn } from './position-columns';

/** What the table's cells need besides the row. */
export interface TableContext {
  env: string;
  nowMs: number;
  tz: string;
  /** Why Kalshi's market data is missing (the settlement TOTAL then says so, never $0.00); null: known. */
  lifecycleUnavailable: string | null;
}

export interface MarketColumnMeta {
  numeric?: boolean;
  /** Extra class of a body cell (the spread tint). */
  cellClass?: (row: MarketRow) => string;
  /** The TOTAL row's cell; columns without one stay empty. */
  total?: (t: TableTotals) => ReactNode;
  /** The "other markets (n)" row's cell (markets outside the table, summed into TOTAL). */
  other?: (o: OtherMarketsTotals) => ReactNode;
  /** Tooltip of the header: what the figure is. */
  help?: string;
}

/** The meta type of the columns: tableFeatures infers it from this (empty) value's declared type. */
const marketColumnMeta: MarketColumnMeta = {};

export const marketFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
  columnSizingFeature,
  columnPinningFeature,
  columnMeta: marketColumnMeta,
});

const col = createColumnHelper<typeof marketFeatures, MarketRow>();

/** null → undefined, so the sort puts rows without a value last in both directions. */
const num = (v: number | null): number | undefined => (v === null ? undefined : v);

const MISMATCH_RANK = { missing: 2, unknown: 1, ok: 0, none: 0 } as const;

/** Pinned columns have fixed widths (their sticky offsets are computed from them). */
export const PINNED = ['event', 'market'];

/** The risk column: the table's default sort, largest first. */
export const LIMIT_USE = 'limitUse';

/**
 * A market's risk rank as one number: limit use (to 0.1 %, so equal shown uses tie), then
 * |unrealized (worst)|. Markets without a limit rank below every market with one.
 */
export function riskKey(r: Pick<MarketRow, 'limitUse' | 'unrealizedWorst'>): number {
  const use = r.limitUse === null ? -1 : Math.round(r.limitUse * 1000);
  return use * 1e9 + Math.min(Math.abs(r.unrealizedWorst), 1e9 - 1);
}

export function marketColumns(ctx: TableContext) {
  return col.columns([
    col.accessor((r) => r.eventTicker ?? undefined, {
      id: 'event',
      header: 'Event',
      size: 175,
      sortFn: 'alphanumeric',
      sortUndefined: 'last',
      cell: (c) => (
        <span className="mono ellipsis event" title={c.row.original.eventTicker ?? ''}>
          {c.row.original.eventTicker ?? NONE}
        </span>
      ),
      meta: {
        total: () => <strong>TOTAL</strong>,
        other: (o) => (
          <span title={o.marketIds.join(', ')} data-testid="other-markets-label">
            Other markets ({o.count})
          </span>
        ),
      },
    }),
    // Sorted by ticker; the filter finds a market by its title too.
    col.accessor((r) => (r.title ? `${r.marketId} ${r.title}` : r.marketId), {
      id: 'market',
      header: 'Market',
      size: 270,
      sortFn: 'alphanumeric',
      cell: (c) => <MarketNameCell row={c.row.original} env={ctx.env} />,
      meta: {
        total: (t) => (
          <span className="muted">
            {t.markets} markets
            {t.otherMarkets?.count ? ` + ${t.otherMarkets.count} other` : ''}
          </span>
        ),
        other: () => (
          <span className="muted">disabled and flat, with fills or the bot’s realized P&amp;L</span>
        ),
      },
    }),
    col.accessor(closesInSortKey, {
      id: 'closesIn',
      header: 'Closes in',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <ClosesInCell row={c.row.original} tz={ctx.tz} />,
      meta: {
        help: 'Until Kalshi’s close time; past it, closed, or settled with the result. Sorted: settled, closed, then soonest first',
      },
    }),
    col.accessor(riskKey, {
      id: LIMIT_USE,
      header: 'Limit use',
      sortFn: 'basic',
      cell: (c) => <LimitUseCell row={c.row.original} />,
      meta: {
        numeric: true,
        help: '|net| ÷ max position. Sorting by it ranks by risk: limit use, then |unrealized (worst)|',
      },
    }),
    col.accessor('realizedPnl', {
      ...realizedPnlColumn,
      meta: {
        ...realizedPnlColumn.meta,
        total: (t) => <RealizedCell ours={t.realizedPnl} bots={t.botRealizedPnl} />,
        other: (o) => <RealizedCell ours={o.realizedPnl} bots={o.botRealizedPnl} />,
      },
    }),
    col.accessor((r) => num(r.settlementPnl), {
      id: 'settlementPnl',
      header: 'Settlement',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <SettlementCell row={c.row.original} />,
      meta: {
        numeric: true,
        help: 'Settlement P&L of a settled market: Kalshi’s account settlement when there is one (acct), else the position at the result. Not in realized P&L: the trade log has no settlements',
        total: (t) =>
          ctx.lifecycleUnavailable !== null ? (
            <span
              className="muted"
              title={ctx.lifecycleUnavailable}
              data-testid="total-settlement-unavailable"
            >
              unavailable
            </span>
          ) : (
            <SignedFigure value={signedMoney(t.settlementPnl)} />
          ),
        other: (o) => <SignedFigure value={signedMoney(o.settlementPnl)} />,
      },
    }),
    col.accessor('pnl24h', {
      id: 'pnl24h',
      header: 'P&L 24h',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedMoney(c.getValue())} />,
      meta: {
        numeric: true,
        total: (t) => <SignedFigure value={signedMoney(t.pnl24h)} />,
        other: (o) => <SignedFigure value={signedMoney(o.pnl24h)} />,
      },
    }),
    col.accessor('unrealizedWorst', {
      ...unrealizedWorstColumn,
      meta: {
        ...unrealizedWorstColumn.meta,
        total: (t) => <SignedFigure value={signedMoney(t.unrealizedWorst)} />,
        other: (o) => <SignedFigure value={signedMoney(o.unrealizedWorst)} />,
      },
    }),
    col.accessor('unrealizedBest', {
      ...unrealizedBestColumn,
      meta: {
        ...unrealizedBestColumn.meta,
        total: (t) => <SignedFigure value={signedMoney(t.unrealizedBest)} />,
        other: (o) => <SignedFigure value={signedMoney(o.unrealizedBest)} />,
      },
    }),
    col.accessor('netPosition', {
      id: 'netPosition',
      header: 'Net pos',
      sortFn: 'basic',
      cell: (c) => <NetCell row={c.row.original} />,
      meta: {
        numeric: true,
        help: 'The bot’s net_yes_qty; the replayed net beside it on drift',
        total: (t) => <SignedFigure value={signedContracts(t.netPosition)} />,
        other: () => <SignedFigure value={signedContracts(0)} />,
      },
    }),
    col.accessor((r) => num(r.maxPosition), {
      id: 'maxPosition',
      header: 'Max pos',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <MaxPosCell row={c.row.original} />,
      meta: { numeric: true },
    }),
    col.accessor((r) => num(r.avgCost), {
      id: 'avgCost',
      header: 'Avg cost',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <AvgCostCell row={c.row.original} />,
      meta: {
        numeric: true,
        help: '✓ (green): an active exit order is priced on the profitable side of cost',
      },
    }),
    col.accessor((r) => num(r.bestBid), {
      id: 'bestBid',
      header: 'Best bid',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => formatPrice(c.row.original.bestBid),
      meta: { numeric: true },
    }),
    col.accessor((r) => num(r.bestAsk), {
      id: 'bestAsk',
      header: 'Best ask',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => formatPrice(c.row.original.bestAsk),
      meta: { numeric: true },
    }),
    col.accessor((r) => num(r.ourBid), {
      id: 'ourBid',
      header: 'Our bid',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => (
        <QuoteCell
          price={c.row.original.ourBid}
          size={c.row.original.ourBidSize}
          active={c.row.original.ourBidActive}
        />
      ),
      meta: { numeric: true },
    }),
    col.accessor((r) => num(r.ourAsk), {
      id: 'ourAsk',
      header: 'Our ask',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => (
        <QuoteCell
          price={c.row.original.ourAsk}
          size={c.row.original.ourAskSize}
          active={c.row.original.ourAskActive}
        />
      ),
      meta: { numeric: true },
    }),
    col.accessor((r) => num(r.spread), {
      id: 'spread',
      header: 'Spread',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => formatPrice(c.row.original.spread),
      meta: {
        numeric: true,
        help: 'Red: below the minimum spread; grey: within a cent of it; green: wider',
        cellClass: (r) => (r.spreadHealth ? `spread-${r.spreadHealth}` : ''),
      },
    }),
    col.accessor((r) => num(r.minSpread), {
      id: 'minSpread',
      header: 'Min spread',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => formatPrice(c.row.original.minSpread),
      meta: { numeric: true },
    }),
    col.accessor('filled24h', {
      id: 'filled24h',
      header: 'Filled 24h',
      sortFn: 'basic',
      cell: (c) => <FilledCell row={c.row.original} nowMs={ctx.nowMs} />,
      meta: {
        numeric: true,
        help: 'Contracts filled in the last 24 h; the last fill’s age beside',
        total: (t) => formatContracts(t.filled24h),
        other: (o) => formatContracts(o.filled24h),
      },
    }),
    col.accessor('pos24h', {
      id: 'pos24h',
      header: 'Pos Δ 24h',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedContracts(c.getValue())} />,
      meta: {
        numeric: true,
        total: (t) => <SignedFigure value={signedContracts(t.pos24h)} />,
        other: (o) => <SignedFigure value={signedContracts(o.pos24h)} />,
      },
    }),
    col.accessor((r) => (r.configCreatedAt ? Date.parse(r.configCreatedAt) : undefined), {
      id: 'created',
      header: 'Created',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <CreatedCell row={c.row.original} nowMs={ctx.nowMs} />,
      meta: { numeric: true },
    }),
    col.accessor((r) => Math.max(MISMATCH_RANK[r.mismatch.bid], MISMATCH_RANK[r.mismatch.ask]), {
      id: 'mismatch',
      header: 'Mismatch',
      sortFn: 'basic',
      cell: (c) => <MismatchCell m={c.row.original.mismatch} />,
      meta: { help: 'The newest decision targets a quote that the open-orders snapshot does not have' },
    }),
  ]);
}
