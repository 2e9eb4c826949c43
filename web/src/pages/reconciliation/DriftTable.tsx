// (c) Position drift: markets where the bot's net_yes_qty differs from the trade-log replay.
import { formatContracts } from '@core/format';
import type { DriftRow } from '@api/types';
import { SignedFigure } from '../../components/Figure';
import { DataTable, SORTED_LIST } from '../../components/DataTable';
import { sortColumnHelper, sortFeatures } from '../../components/table-features';
import { signedContracts } from '../../format/figures';
import { MarketName } from '../../components/MarketName';

const col = sortColumnHelper<DriftRow>();

function columns(env: string) {
  return col.columns([
    col.accessor('marketId', {
      id: 'market',
      header: 'Market',
      sortFn: 'alphanumeric',
      cell: (c) => <MarketName marketId={c.getValue()} env={env} />,
    }),
    col.accessor((r) => r.botNet ?? undefined, {
      id: 'botNet',
      header: 'Bot net',
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (c) => <SignedFigure value={signedContracts(c.row.original.botNet)} />,
      meta: { numeric: true, help: 'positions.<market>.net_yes_qty' },
    }),
    col.accessor('replayedNet', {
      id: 'replayedNet',
      header: 'Replayed net',
      sortFn: 'basic',
      cell: (c) => <SignedFigure value={signedContracts(c.getValue())} />,
      meta: { numeric: true, help: 'Net after replaying the whole trade log' },
    }),
    col.accessor((r) => Math.abs(r.drift), {
      id: 'drift',
      header: 'Drift',
      sortFn: 'basic',
      cell: (c) => (
        <strong className="warn-text" data-testid="drift-value">
          {formatContracts(c.row.original.drift, { plus: true })}
        </strong>
      ),
      meta: {
        numeric: true,
        help: 'Bot − replay, contracts: fills outside the trade log, or missing from it',
      },
    }),
  ]);
}

export function DriftTable({ rows, env }: { rows: DriftRow[]; env: string }) {
  return (
    <DataTable
      {...SORTED_LIST}
      features={sortFeatures}
      columns={columns(env)}
      data={rows}
      getRowId={(r) => r.marketId}
      testId="drift-table"
      initialSorting={[{ id: 'drift', desc: true }]}
      empty="No drift: in every market the bot’s position equals the trade-log replay."
    />
  );
}
