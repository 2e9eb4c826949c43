// The position columns that Home's markets table and the Stale page's table both show: one header,
// help text and cell each, so the two pages cannot tell the same figure differently. Each table
// spreads one in and adds its own TOTAL cell to `meta`, since the two tables keep totals differently
// (a function of the row totals on Home, a ready footer on Stale).
import type { ReactNode } from 'react';
import type { MarketRow } from '@api/types';
import { RealizedCell, UnrealizedCell } from './market-cells';

/** The part of TanStack's cell context these cells read; a Stale row is a market row too. */
interface RowCell {
  row: { original: MarketRow };
}

export const realizedPnlColumn = {
  id: 'realizedPnl',
  header: 'Realized P&L',
  sortFn: 'basic',
  cell: (c: RowCell): ReactNode => (
    <RealizedCell ours={c.row.original.realizedPnl} bots={c.row.original.botRealizedPnl} />
  ),
  meta: {
    numeric: true,
    help: 'Trade-log replay over all history (ours); the bot’s realized_pnl beside it when different',
  },
} as const;

function unrealizedColumn<K extends 'unrealizedWorst' | 'unrealizedBest'>(
  id: K,
  header: string,
  help: string,
) {
  return {
    id,
    header,
    sortFn: 'basic',
    cell: (c: RowCell): ReactNode => (
      <UnrealizedCell value={c.row.original[id]} net={c.row.original.netPosition} />
    ),
    meta: { numeric: true, help },
  } as const;
}

export const unrealizedWorstColumn = unrealizedColumn(
  'unrealizedWorst',
  'Unreal (W)',
  'Exit into the book’s best price, fee included',
);

export const unrealizedBestColumn = unrealizedColumn(
  'unrealizedBest',
  'Unreal (B)',
  'Exit at our own active quote, else as worst',
);
