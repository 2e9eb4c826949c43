// Columns of the per-market statistics table: the API's CompareRow figures, rounded here only.
import { formatContracts, formatMoney, formatPrice } from '@core/format';
import type { CompareRow } from '@api/types';
import { SignedFigure } from '../../components/Figure';
import { orUndef, sortColumnHelper } from '../../components/table-features';
import { seriesColor } from '../../charts/compare-chart';
import { signedContracts, signedMoney } from '../../format/figures';
import { MarketName } from '../../components/MarketName';

const col = sortColumnHelper<CompareRow>();

export function compareColumns(env: string, order: readonly string[]) {
  return col.columns([
    col.accessor('marketId', {
      id: 'market',
      header: 'Market',
      sortFn: 'alphanumeric',
      cell: (c) => (
        <span className="swatch-name">
          <i
            className="sw"
            style={{ background: seriesColor(order.indexOf(c.getValue())) }}
            aria-hidden="true"
          />
          <MarketName marketId={c.getValue()} env={env} />
        </span>
      ),
    }),
    col.accessor('realized', {
      id: 'realized',
      header: 'Realized',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedMoney(c.getValue())} />,
      meta: { numeric: true, help: 'Σ realized change of the range’s fills (fees included)' },
    }),
    col.accessor('fills', {
      id: 'fills',
      header: 'Fills',
      sortFn: 'basic',
      cell: (c) => formatContracts(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('contracts', {
      id: 'contracts',
      header: 'Contracts',
      sortFn: 'basic',
      cell: (c) => formatContracts(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('volumeUsd', {
      id: 'volume',
      header: 'Volume',
      sortFn: 'basic',
      cell: (c) => formatMoney(c.getValue()),
      meta: { numeric: true, help: 'Σ size × price of the fills (YES notional, dollars)' },
    }),
    col.accessor('feesUsd', {
      id: 'fees',
      header: 'Fees',
      sortFn: 'basic',
      cell: (c) => formatMoney(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('fillRatePerDay', {
      id: 'fillRate',
      header: 'Fills / day',
      sortFn: 'basic',
      cell: (c) => c.getValue().toFixed(1),
      meta: { numeric: true },
    }),
    col.accessor((r) => orUndef(r.avgSpread), {
      id: 'avgSpread',
      header: 'Avg spread',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => formatPrice(c.row.original.avgSpread),
      meta: { numeric: true, help: 'Mean book spread over 40 samples of the range (two-sided books only)' },
    }),
    col.accessor((r) => orUndef(r.latencyP95Ms), {
      id: 'latency',
      header: 'Latency p95',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) =>
        c.row.original.latencyP95Ms === null ? '—' : `${Math.round(c.row.original.latencyP95Ms)} ms`,
      meta: { numeric: true, help: 'p95 of order placement and cancel latency in the range' },
    }),
    col.accessor('netAtEnd', {
      id: 'net',
      header: 'Net at end',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedContracts(c.getValue())} />,
      meta: { numeric: true, help: 'Trade-log net position at the end of the range' },
    }),
  ]);
}
