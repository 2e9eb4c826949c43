// Every fill of the range, newest first, with the realized change our replay gives it, the bot's
// stored pnl_realized, the position after it and the decision in force at its time; totals above.
// Selecting a fill opens that decision.
import { useMemo, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { formatContracts, formatMoney, formatPrice, NONE } from '@core/format';
import { SignedFigure } from '../../components/Figure';
import { WarningsPanel } from '../../components/WarningsPanel';
import { signedCents, signedContracts, signedMoney } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import type { EnvChoice } from '../../router/view-params';
import { DecisionDetail } from './DecisionDetail';
import { Facts } from './Facts';
import type { FillsResponse, MarketFill } from '@api/types';
import { fillTotals, withMillis } from './rows';
import { tradeColumns } from './trade-columns';
import { DataTable, LONG_LIST } from '../../components/DataTable';
import { tableKit, type TableKit } from '../../components/table-features';
import { CsvExcelLinks } from '../../components/CsvExcelLinks';

const col = createColumnHelper<TableKit, MarketFill>();

export const fillRowId = (f: Pick<MarketFill, 'fillId' | 'sortKey'>) => f.fillId ?? f.sortKey;

function fillColumns(tz: string) {
  const trade = tradeColumns<MarketFill>(tz);
  return col.columns([
    trade.time,
    col.accessor('type', {
      id: 'side',
      header: 'Side',
      cell: (c) => (
        <span className={`side side-${c.getValue()}`} title={`Kalshi side: ${c.row.original.side}`}>
          {c.getValue() === 'bid' ? 'bid (bought)' : 'ask (sold)'}
        </span>
      ),
    }),
    trade.price,
    trade.size,
    col.accessor('feeAppliedUsd', {
      id: 'fee',
      header: 'Fee',
      cell: (c) => formatMoney(c.getValue()),
      meta: { numeric: true, help: 'The fee our replay subtracted (stored fees, else the maker formula)' },
    }),
    col.accessor('realizedChange', {
      id: 'realized',
      header: 'Realized Δ',
      cell: (c) => <SignedFigure value={signedMoney(c.getValue())} />,
      meta: { numeric: true, help: 'Our replay’s realized change for this fill, fee included' },
    }),
    col.accessor((f) => f.edgeCents ?? null, {
      id: 'edge',
      header: 'Edge ¢',
      cell: (c) => (
        <CentsCell
          v={c.getValue()}
          why={c.row.original.edgeCents === undefined ? NOT_SENT : NO_MID_AT_FILL}
        />
      ),
      meta: {
        numeric: true,
        help: 'Edge at fill: s·(mid at the fill − price), ¢ per contract (positive: bought below / sold above the mid)',
      },
    }),
    col.accessor((f) => f.markouts?.['5m'] ?? null, {
      id: 'markout5m',
      header: 'Markout 5 m ¢',
      cell: (c) => (
        <CentsCell v={c.getValue()} why={c.row.original.markouts === undefined ? NOT_SENT : NO_MID_5M} />
      ),
      meta: { numeric: true, help: 'Markout at 5 min: s·(mid 5 min after the fill − price), ¢ per contract' },
    }),
    col.accessor('pnlRealizedStoredUsd', {
      id: 'botPnl',
      header: 'Bot pnl_realized',
      cell: (c) => (
        <span className="muted">
          {formatMoney(c.getValue(), { plus: true })}
          {c.row.original.reconciledAtStartup && (
            <span className="tag" title="logged by the bot's start-up reconciliation (pnl_realized 0)">
              backfill
            </span>
          )}
        </span>
      ),
      meta: { numeric: true, help: 'The bot’s stored pnl_realized (0 for start-up backfills)' },
    }),
    col.accessor('netAfter', {
      id: 'netAfter',
      header: 'Position after',
      cell: (c) => <SignedFigure value={signedContracts(c.getValue())} />,
      meta: { numeric: true },
    }),
    col.accessor((f) => f.decisionContext?.time ?? null, {
      id: 'decision',
      header: 'Decision in force',
      cell: (c) => {
        const d = c.row.original.decisionContext;
        if (!d) return <span className="muted">none found</span>;
        return (
          <span className="small" title={d.decisionId ?? ''} data-decision-id={d.decisionId ?? ''}>
            {formatDateTime(d.time, tz)}{' '}
            <span className="muted">
              bid {formatPrice(d.book?.bestBid)} · ask {formatPrice(d.book?.bestAsk)} · inv{' '}
              {formatContracts(d.inventory, { plus: true })} · fv {formatPrice(d.priceCalc?.fairValue)}
            </span>
          </span>
        );
      },
    }),
  ]);
}

const NOT_SENT = 'The server sent no quality figures (an older server)';
const NO_MID_AT_FILL = 'Mid unknown at the fill: the decision in force was too old';
const NO_MID_5M = 'Not yet 5 min after the fill, or the mid was unknown then';

/** Cents per contract, signed; null is the dash with why. */
function CentsCell({ v, why }: { v: number | null; why: string }) {
  if (v === null)
    return (
      <span className="muted" title={why}>
        {NONE}
      </span>
    );
  return <SignedFigure value={signedCents(v)} />;
}

function Totals({ fills }: { fills: MarketFill[] }) {
  const t = fillTotals(fills);
  return (
    <div className="fill-totals" data-testid="fill-totals">
      <span>
        <span className="muted">Fills</span>{' '}
        <strong data-testid="total-fills">{formatContracts(t.count)}</strong>
      </span>
      <span>
        <span className="muted">Bought</span>{' '}
        <strong className="side-bid">{formatContracts(t.bidContracts)}</strong>
      </span>
      <span>
        <span className="muted">Sold</span>{' '}
        <strong className="side-ask">{formatContracts(t.askContracts)}</strong>
      </span>
      <span>
        <span className="muted">Fees</span> <strong>{formatMoney(t.feesUsd)}</strong>
      </span>
      <span>
        <span className="muted">Realized</span> <SignedFigure value={signedMoney(t.realizedUsd)} />
      </span>
      <span title="Σ of the bot's stored pnl_realized (0 for start-up backfills)">
        <span className="muted">Bot pnl_realized</span> {formatMoney(t.botStoredUsd, { plus: true })}
      </span>
    </div>
  );
}

interface Props {
  env: EnvChoice | null;
  data: FillsResponse | undefined;
  pending: boolean;
  error: Error | null;
  tz: string;
  csvHref: string;
}

export function FillsTab({ env, data, pending, error, tz, csvHref }: Props) {
  const [selected, setSelected] = useState<string | null>(null);
  const fills = useMemo(() => data?.items ?? [], [data]);
  const columns = useMemo(() => fillColumns(tz), [tz]);
  const fill = selected ? (fills.find((f) => fillRowId(f) === selected) ?? null) : null;
  const d = fill?.decisionContext ?? null;
  return (
    <div className={`tab-body ${fill ? 'split' : ''}`}>
      <div className="tab-main">
        <div className="tab-bar">
          {data ? (
            <Totals fills={fills} />
          ) : (
            <span className="muted small">{pending ? 'Loading fills…' : ''}</span>
          )}
          <CsvExcelLinks csvHref={csvHref} testId="csv-fills" title="Every fill of the range" />
        </div>
        {error && !data && (
          <div className="banner banner-error" role="alert">
            Cannot load the fills: {error.message}
          </div>
        )}
        {data && <WarningsPanel warnings={data.warnings} />}
        <DataTable
          {...LONG_LIST}
          features={tableKit}
          columns={columns}
          data={fills}
          getRowId={fillRowId}
          selectedId={selected}
          onRowActivate={(f) => setSelected((s) => (s === fillRowId(f) ? null : fillRowId(f)))}
          testId="fills-table"
          label="Fills"
          empty={pending ? 'Loading fills…' : error ? 'Fills could not be loaded.' : 'No fill in this range.'}
        />
      </div>
      {fill && (
        <DecisionDetail
          env={env}
          id={d?.decisionId ?? `fill:${fillRowId(fill)}`}
          fromList={d}
          tz={tz}
          title="Fill and its decision"
          onClose={() => setSelected(null)}
          lead={
            <>
              <Facts
                testId="fill-facts"
                items={[
                  ['Fill time', withMillis(formatDateTime(fill.time, tz), fill.time)],
                  [
                    'Trade',
                    `${fill.type === 'bid' ? 'bought' : 'sold'} ${formatContracts(fill.size)} @ ${formatPrice(fill.priceYes)}`,
                  ],
                  ['Realized Δ', <SignedFigure value={signedMoney(fill.realizedChange)} />],
                  [
                    'Position',
                    `${formatContracts(fill.netBefore, { plus: true })} → ${formatContracts(fill.netAfter, { plus: true })}`,
                  ],
                  ['Fill id', <span className="mono small">{fill.fillId ?? NONE}</span>],
                  ['Order id', <span className="mono small">{fill.orderId ?? NONE}</span>],
                ]}
              />
              {!d && <p className="note warn-text">No decision of this market at or before the fill time.</p>}
            </>
          }
        />
      )}
    </div>
  );
}
