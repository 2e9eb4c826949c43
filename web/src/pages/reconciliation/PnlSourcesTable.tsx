// (b) The four realized-P&L sources per market side by side — our replay (stored fees), the replay
// with today's fee formula, the bot's positions.realized_pnl and Σ of the stored pnl_realized per
// fill — with the difference (replay − bot) and the API's explanation of each difference.
import { formatMoney } from '@core/format';
import type { PnlSourcesRow } from '@api/types';
import { SignedFigure } from '../../components/Figure';
import { DataTable, SORTED_LIST } from '../../components/DataTable';
import { orUndef, sortColumnHelper, sortFeatures } from '../../components/table-features';
import { signedMoney } from '../../format/figures';
import { MarketName } from '../../components/MarketName';

const col = sortColumnHelper<PnlSourcesRow>();

/** The replay and the bot differ by half a cent or more (the API's own threshold). */
export const differs = (r: PnlSourcesRow): boolean => Math.abs(r.realizedDiff) >= 0.005;

/** A difference no fee regime explains: fills differ, drift, or the API says "unexplained". */
export const unexplained = (r: PnlSourcesRow): boolean =>
  r.positionDrift !== 0 ||
  r.explanations.some((e) => e.startsWith('unexplained') || e.startsWith('fills differ'));

function columns(env: string) {
  return col.columns([
    col.accessor('marketId', {
      id: 'market',
      header: 'Market',
      sortFn: 'alphanumeric',
      cell: (c) => <MarketName marketId={c.getValue()} env={env} />,
    }),
    col.accessor('fills', {
      id: 'fills',
      header: 'Fills',
      sortFn: 'basic',
      cell: (c) => (
        <>
          {c.getValue()}
          {c.row.original.backfilledFills > 0 && (
            <span className="beside muted" title="fills logged by the bot's start-up backfill">
              {c.row.original.backfilledFills} backfill
            </span>
          )}
        </>
      ),
      meta: { numeric: true },
    }),
    col.accessor('replayed', {
      id: 'replayed',
      header: 'Replay',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedMoney(c.getValue())} />,
      meta: {
        numeric: true,
        help: 'Trade-log replay with the stored fee of each fill (the dashboard’s figure)',
      },
    }),
    col.accessor('replayedFormulaFees', {
      id: 'replayedFormulaFees',
      header: 'Replay, fee formula',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedMoney(c.getValue())} />,
      meta: {
        numeric: true,
        help: 'The same replay with today’s fee formula 0.0175·c·p·(1−p) on every fill',
      },
    }),
    col.accessor((r) => orUndef(r.botRealized), {
      id: 'botRealized',
      header: 'Bot realized_pnl',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) =>
        c.row.original.botRealized === null ? (
          <span className="muted" title="not in the bot's positions item">
            —
          </span>
        ) : (
          <SignedFigure value={signedMoney(c.row.original.botRealized)} />
        ),
      meta: { numeric: true, help: 'positions.<market>.realized_pnl from the bot’s state item' },
    }),
    col.accessor('storedPnlRealizedSum', {
      id: 'storedSum',
      header: 'Σ pnl_realized',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedMoney(c.getValue())} />,
      meta: { numeric: true, help: 'Σ of the pnl_realized the bot stored on each fill' },
    }),
    col.accessor((r) => Math.abs(r.realizedDiff), {
      id: 'diff',
      header: 'Replay − bot',
      sortFn: 'basic',
      cell: (c) => (
        <span
          className={Math.abs(c.row.original.realizedDiff) >= 0.005 ? 'warn-text' : 'muted'}
          data-testid="pnl-diff"
        >
          {formatMoney(c.row.original.realizedDiff, { plus: true })}
        </span>
      ),
      meta: { numeric: true, help: 'Our replay minus the bot’s realized_pnl (sorts by size)' },
    }),
    col.accessor((r) => r.explanations.length, {
      id: 'why',
      header: 'Explanation',
      sortFn: 'basic',
      cell: (c) =>
        c.row.original.explanations.length === 0 ? (
          <span className="muted">sources agree</span>
        ) : (
          <ul className="why">
            {c.row.original.explanations.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ),
    }),
  ]);
}

export function PnlSourcesTable({ rows, env }: { rows: PnlSourcesRow[]; env: string }) {
  return (
    <DataTable
      {...SORTED_LIST}
      features={sortFeatures}
      columns={columns(env)}
      data={rows}
      getRowId={(r) => r.marketId}
      rowClass={(r) => (unexplained(r) ? 'row-unexplained' : '')}
      testId="pnl-sources-table"
      initialSorting={[{ id: 'diff', desc: true }]}
      empty="No market in the trade log or the bot’s positions item: nothing to reconcile. Check the Status page for the tables’ contents."
    />
  );
}
