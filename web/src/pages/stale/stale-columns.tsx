// Columns of the stale-positions table: the API's figures per row (rounded here only) and the API's
// totals in the footer (never summed here).
import { formatContracts, formatDuration, formatMoney, formatPrice } from '@core/format';
import type { StaleItem, StaleTotals } from '@api/types';
import { SignedFigure } from '../../components/Figure';
import { orUndef, sortColumnHelper } from '../../components/table-features';
import { signedMoney } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import { closesInSortKey } from '../../format/lifecycle';
import { ClosesInCell, MarketNameCell, NetCell, QuoteCell } from '../home/market-cells';
import { realizedPnlColumn, unrealizedBestColumn, unrealizedWorstColumn } from '../home/position-columns';

const col = sortColumnHelper<StaleItem>();

export function staleColumns(env: string, tz: string, totals: StaleTotals) {
  return col.columns([
    col.accessor('marketId', {
      id: 'market',
      header: 'Market',
      sortFn: 'alphanumeric',
      cell: (c) => {
        const r = c.row.original;
        return (
          <span className="market-cell">
            <span>
              <MarketNameCell row={r} env={env} />
            </span>
            <span className="sub muted">{r.eventTicker ?? 'no event'}</span>
          </span>
        );
      },
      meta: {
        footer: (
          <strong>
            TOTAL <span className="muted">· {totals.count} positions</span>
          </strong>
        ),
      },
    }),
    col.accessor(closesInSortKey, {
      id: 'closesIn',
      header: 'Closes in',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <ClosesInCell row={c.row.original} tz={tz} />,
      meta: {
        help: 'Until Kalshi’s close time; past it, closed, or settled with the result (a settled market’s position is no longer at Kalshi)',
      },
    }),
    col.accessor('netPosition', {
      id: 'net',
      header: 'Net',
      sortFn: 'basic',
      cell: (c) => <NetCell row={c.row.original} />,
      meta: {
        numeric: true,
        help: 'The bot’s net_yes_qty; the trade-log replay beside it on drift',
        footer: (
          <span title="Σ |net| of the stale positions (exposure)">
            {formatContracts(totals.exposure)} <small className="muted">|net|</small>
          </span>
        ),
      },
    }),
    col.accessor((r) => orUndef(r.avgCost), {
      id: 'avgCost',
      header: 'Avg cost',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => formatPrice(c.row.original.avgCost),
      meta: { numeric: true },
    }),
    col.accessor((r) => orUndef(r.bestBid), {
      id: 'book',
      header: 'Book bid / ask',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => (
        <span className="book-pair">
          <span className="bid-text">{formatPrice(c.row.original.bestBid)}</span>
          <span className="muted"> / </span>
          <span className="ask-text">{formatPrice(c.row.original.bestAsk)}</span>
        </span>
      ),
      meta: { numeric: true, help: 'The newest decision’s order-book snapshot: best bid / best ask' },
    }),
    col.accessor((r) => r.bidContracts + r.askContracts, {
      id: 'ourOrders',
      header: 'Our orders',
      sortFn: 'basic',
      cell: (c) => {
        const r = c.row.original;
        return (
          <span className="stack">
            <span>
              <span className="muted small">bid </span>
              <QuoteCell price={r.ourBid} size={r.ourBidSize} active={r.ourBidActive} />
            </span>
            <span>
              <span className="muted small">ask </span>
              <QuoteCell price={r.ourAsk} size={r.ourAskSize} active={r.ourAskActive} />
            </span>
          </span>
        );
      },
      meta: {
        numeric: true,
        help: 'Our orders as the bot’s open_orders snapshot lists them: best bid and ask with size; ✓ at or inside the book’s best',
      },
    }),
    col.accessor((r) => (r.exitOrder ? 1 : 0), {
      id: 'exit',
      header: 'Exit order',
      sortFn: 'basic',
      cell: (c) =>
        c.row.original.exitOrder ? (
          <span className="yes" title="An active order that reduces the position is live">
            yes{c.row.original.exitProfitable && <span className="muted"> (above cost)</span>}
          </span>
        ) : (
          <span className="no" title="Nothing live would close this position">
            no
          </span>
        ),
      meta: {
        help: 'Long needs an active ask, short an active bid',
        footer: (
          <span>
            {totals.withExitOrder} yes · {totals.withoutExitOrder} no
          </span>
        ),
      },
    }),
    col.accessor('unrealizedWorst', {
      ...unrealizedWorstColumn,
      meta: {
        ...unrealizedWorstColumn.meta,
        footer: <SignedFigure value={signedMoney(totals.unrealizedWorst)} />,
      },
    }),
    col.accessor('unrealizedBest', {
      ...unrealizedBestColumn,
      meta: {
        ...unrealizedBestColumn.meta,
        footer: <SignedFigure value={signedMoney(totals.unrealizedBest)} />,
      },
    }),
    col.accessor((r) => orUndef(r.lastFillAgeMs), {
      id: 'lastFill',
      header: 'Last fill',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => {
        const r = c.row.original;
        if (r.lastFillAgeMs === null)
          return (
            <span className="warn-text" title="No fill of this market in the trade log">
              never
            </span>
          );
        return (
          <span className="stack">
            <span>{formatDuration(r.lastFillAgeMs)} ago</span>
            <span className="mono small muted">{formatDateTime(r.lastFillAt, tz)}</span>
          </span>
        );
      },
      meta: {
        numeric: true,
        help: 'Time since the market’s newest fill in the whole trade log (the server’s now − that fill), and when it was',
      },
    }),
    col.accessor('realizedPnl', {
      ...realizedPnlColumn,
      meta: {
        ...realizedPnlColumn.meta,
        footer: (
          <span className="muted" title="Σ positions.realized_pnl of these markets (the API's total)">
            bot Σ {formatMoney(totals.botRealizedPnl, { plus: true })}
          </span>
        ),
      },
    }),
  ]);
}
