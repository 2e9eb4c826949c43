// Columns of the all-markets quality table: the API's figures, rounded here only. A null figure is
// the dash with a title saying why (quality-rows.ts nullReason). Sortable (nulls last), the market
// column pinned so it stays in view while the figures scroll sideways.
import type { ReactNode } from 'react';
import {
  columnPinningFeature,
  columnSizingFeature,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';
import { formatMoney, formatPercent, NONE } from '@core/format';
import { SignedFigure } from '../../components/Figure';
import { orUndef, type DataColumnMeta } from '../../components/table-features';
import { seriesColor } from '../../charts/compare-chart';
import { formatCents, signedCents, signedMoney } from '../../format/figures';
import { MarketName } from '../../components/MarketName';
import { nullReason, type QualityField, type QualityRow } from './quality-rows';

const meta: DataColumnMeta = {};

export const qualityFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnPinningFeature,
  columnSizingFeature,
  columnMeta: meta,
});

const col = createColumnHelper<typeof qualityFeatures, QualityRow>();

type Kind = 'signedCents' | 'cents' | 'signedMoney' | 'money' | 'pct' | 'rate' | 'ratio';

interface FigureSpec {
  field: QualityField;
  header: string;
  kind: Kind;
  help: string;
}

/** The figures, in table order. */
export const FIGURES: readonly FigureSpec[] = [
  {
    field: 'edgeCents',
    header: 'Edge ¢',
    kind: 'signedCents',
    help: 'Edge at fill: s·(mid − price), ¢ per contract (spread capture)',
  },
  {
    field: 'markout5m',
    header: 'Markout 5 m ¢',
    kind: 'signedCents',
    help: 'Σ s·(mid 5 min after the fill − price) / Σ size, ¢ per contract',
  },
  {
    field: 'markout1h',
    header: 'Markout 1 h ¢',
    kind: 'signedCents',
    help: 'Σ s·(mid 1 h after the fill − price) / Σ size, ¢ per contract',
  },
  {
    field: 'adverse5m',
    header: 'Adverse 5 m ¢',
    kind: 'signedCents',
    help: 'Adverse selection at 5 min: edge − markout, ¢ per contract (positive: the price ran against us)',
  },
  {
    field: 'total',
    header: 'Total $',
    kind: 'signedMoney',
    help: 'P&L over the range: realized of its fills + change of unrealized at mid',
  },
  {
    field: 'spreadCapture',
    header: 'Spread capture $',
    kind: 'signedMoney',
    help: 'Σ edge at fill over the range’s fills',
  },
  {
    field: 'inventory',
    header: 'Inventory $',
    kind: 'signedMoney',
    help: 'total − spread capture + fees: what holding the position made or lost',
  },
  { field: 'fees', header: 'Fees $', kind: 'money', help: 'Σ fee of the range’s fills' },
  {
    field: 'quotedPct',
    header: 'Quoted',
    kind: 'pct',
    help: 'Share of decisions with at least one target quote',
  },
  {
    field: 'twoSidedPct',
    header: 'Two-sided',
    kind: 'pct',
    help: 'Share of decisions with a bid and an ask target',
  },
  {
    field: 'atTouchBidPct',
    header: 'At touch bid',
    kind: 'pct',
    help: 'Share of decisions with a bid target at or above the best bid (book without our orders)',
  },
  {
    field: 'atTouchAskPct',
    header: 'At touch ask',
    kind: 'pct',
    help: 'Share of decisions with an ask target at or below the best ask (book without our orders)',
  },
  {
    field: 'distanceBidCents',
    header: 'Dist. bid ¢',
    kind: 'cents',
    help: 'Mean best bid − target bid, ¢ (negative: inside the touch)',
  },
  {
    field: 'distanceAskCents',
    header: 'Dist. ask ¢',
    kind: 'cents',
    help: 'Mean target ask − best ask, ¢ (negative: inside the touch)',
  },
  {
    field: 'requotesPerHour',
    header: 'Requotes / h',
    kind: 'rate',
    help: 'Decisions whose targets (side, price, size) changed, per hour of the range',
  },
  {
    field: 'fillRate',
    header: 'Fill rate',
    kind: 'pct',
    help: 'Fills / accepted placements (per-market runs only; above 100 % when orders fill in pieces)',
  },
  {
    field: 'contractsPerQuotedHour',
    header: 'Contracts / quoted h',
    kind: 'rate',
    help: 'Contracts filled per hour with a quote out',
  },
  {
    field: 'cancelToFill',
    header: 'Cancel-to-fill',
    kind: 'ratio',
    help: 'Cancels / fills (per-market runs only)',
  },
];

function figureText(kind: Kind, v: number): ReactNode {
  switch (kind) {
    case 'signedCents':
      return <SignedFigure value={signedCents(v)} />;
    case 'cents':
      return formatCents(v);
    case 'signedMoney':
      return <SignedFigure value={signedMoney(v)} />;
    case 'money':
      return formatMoney(v);
    case 'pct':
      return formatPercent(v);
    case 'rate':
      return v.toFixed(1);
    case 'ratio':
      return v.toFixed(2);
  }
}

/** One figure of a row: its text, or the dash with why. */
export function FigureCell({ spec, row }: { spec: FigureSpec; row: QualityRow }) {
  const v = row[spec.field];
  if (v === null) {
    const why = nullReason(spec.field, row);
    return (
      <span className="muted" title={why} aria-label={`none: ${why}`}>
        {NONE}
      </span>
    );
  }
  return <>{figureText(spec.kind, v)}</>;
}

export const MARKET_COLUMN = 'market';

export function qualityColumns(env: string, colorOf: (marketId: string) => number) {
  return col.columns([
    col.accessor('marketId', {
      id: MARKET_COLUMN,
      header: 'Market',
      size: 200,
      sortFn: 'alphanumeric',
      cell: (c) => {
        const i = colorOf(c.getValue());
        return (
          <span className="quality-market">
            {i >= 0 && <i className="sw" style={{ background: seriesColor(i) }} aria-hidden="true" />}
            <MarketName marketId={c.getValue()} env={env} />
          </span>
        );
      },
    }),
    ...FIGURES.map((spec) =>
      col.accessor((r) => orUndef(r[spec.field]), {
        id: spec.field,
        header: spec.header,
        sortFn: 'basic',
        sortUndefined: 'last',
        cell: (c) => <FigureCell spec={spec} row={c.row.original} />,
        meta: { numeric: true, help: spec.help },
      }),
    ),
  ]);
}
