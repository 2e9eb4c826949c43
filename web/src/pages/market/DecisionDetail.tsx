// One decision in full: book snapshot with depth, recent public trades, inventory, every price_calc
// field labelled, the targets, and the execution events and fills that followed it (its
// reconciliation chain from GET /api/v1/decisions/:id), plus the raw JSON.
import type { ReactNode } from 'react';
import { formatContracts, formatPrice, NONE } from '@core/format';
import type { EnvChoice } from '../../router/view-params';
import { DataBanners } from '../../components/DataBanners';
import { DepthLadder } from '../../components/DepthLadder';
import { ExportLinks } from '../../components/ExportLinks';
import { formatDateTime } from '../../format/time';
import { EventsTable, FillsMiniTable, RecentTradesTable } from './ChainTables';
import { Facts, type Fact } from './Facts';
import { useDecisionDetail } from './market-queries';
import { useEscape } from './use-escape';
import type { DecisionJson, PriceCalcJson } from '@api/types';
import { isDecisionId } from './rows';
import { isSystemDecision, systemDecisionFacts, SystemDecisionNote } from './SystemDecision';

/** Every price_calc field, labelled, in the bot's order (contract §2.4). */
const PRICE_CALC_FIELDS: readonly [keyof PriceCalcJson, string, 'price' | 'count' | 'text' | 'time'][] = [
  ['bestBid', 'Best bid', 'price'],
  ['bestAsk', 'Best ask', 'price'],
  ['skew', 'Skew', 'price'],
  ['marketBid', 'Market bid', 'price'],
  ['marketAsk', 'Market ask', 'price'],
  ['fairValue', 'Fair value', 'price'],
  ['fairValueBid', 'Fair value cap (bid)', 'price'],
  ['fairValueAsk', 'Fair value cap (ask)', 'price'],
  ['logic', 'Logic', 'text'],
  ['tradeStdDev', 'Trade std-dev', 'price'],
  ['volatilityTradesCount', 'Volatility trades', 'count'],
  ['volatilityWindow', 'Volatility window', 'text'],
  ['fvSource', 'Fair value source', 'text'],
  ['wmaPrice', 'WMA price', 'price'],
  ['wmaTradesCount', 'WMA trades', 'count'],
  ['wmaTradeTime', 'WMA last trade', 'time'],
  ['lastTradePrice', 'Last trade price', 'price'],
  ['lastTradeTime', 'Last trade time', 'time'],
];

function priceCalcFacts(pc: PriceCalcJson, tz: string): Fact[] {
  return PRICE_CALC_FIELDS.map(([key, label, kind]) => {
    const v = pc[key];
    let text: string;
    if (v === null || v === undefined) text = NONE;
    else if (kind === 'price') text = formatPrice(v as number);
    else if (kind === 'count') text = formatContracts(v as number);
    else if (kind === 'time')
      text = formatDateTime(String(v), tz) === NONE ? String(v) : formatDateTime(String(v), tz);
    else text = String(v);
    return [label, text] as Fact;
  });
}

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="dd-section">
      <h4>{title}</h4>
      {children}
    </section>
  );
}

/**
 * CSV and Excel of one of the chain's tables (GET /decisions/:id, format and table), above it: with
 * the same columns as the market's executions and fills exports. None over an empty table: its note
 * says all there is, and a file would be a header alone.
 */
function ChainExport({
  env,
  id,
  table,
  rows,
}: {
  env: EnvChoice | null;
  id: string;
  table: 'events' | 'fills';
  rows: number;
}) {
  if (rows === 0) return null;
  return (
    <div className="table-exports">
      <ExportLinks
        path={`/api/v1/decisions/${encodeURIComponent(id)}`}
        params={{ env, table }}
        testId={`detail-${table}-export`}
        title={
          table === 'events'
            ? 'The order events of this decision, oldest first'
            : 'The fills while this decision was in force, with their realized change'
        }
      />
    </div>
  );
}

interface Props {
  env: EnvChoice | null;
  /** The row's id: a decision id, or the table key of an old-era decision without one. */
  id: string;
  /** The decision as the list has it (shown at once; the chain loads beside). */
  fromList: DecisionJson | null;
  tz: string;
  onClose: () => void;
  /** Shown above the decision (the fills tab puts the fill there). */
  lead?: ReactNode;
  title?: ReactNode;
}

export function DecisionDetail({ env, id, fromList, tz, onClose, lead, title }: Props) {
  const detail = useDecisionDetail(env, isDecisionId(id) ? id : null);
  useEscape(onClose);
  const d = fromList ?? detail.data?.decision ?? null;
  const targets = (side: 'bid' | 'ask') =>
    d?.targetQuotes
      .filter((q) => q.side === side)
      .map((q) => `${formatPrice(q.priceYes)} × ${formatContracts(q.size)}`)
      .join(', ') || NONE;
  return (
    <aside className="panel detail-panel" data-testid="decision-detail" aria-label="Decision detail">
      <header className="panel-head">
        <h2>
          {title ?? 'Decision'}{' '}
          <span className="mono small" data-testid="detail-decision-id">
            {d?.decisionId ?? id}
          </span>
        </h2>
        <button
          type="button"
          className="icon-btn"
          onClick={onClose}
          aria-label="Close detail"
          title="Close (Esc)"
        >
          ×
        </button>
      </header>
      <div className="panel-body">
        {lead}
        <DataBanners
          meta={detail.data?.meta}
          error={detail.error}
          dataUpdatedAtMs={detail.dataUpdatedAt}
          what="decision"
        />
        {!d && isDecisionId(id) && detail.isPending && <p className="muted">Loading…</p>}
        {!d && !lead && !(isDecisionId(id) && detail.isPending) && !detail.error && (
          <p className="muted">This decision is not among the loaded rows and has no id to look it up by.</p>
        )}
        {d && isSystemDecision(d) && (
          <>
            <SystemDecisionNote d={d} cancelsBelow />
            <Facts
              testId="detail-summary"
              items={[
                ['Time', <span data-testid="detail-time">{formatDateTime(d.time, tz)}</span>],
                [
                  'Stored timestamp',
                  <span className="mono small">{d.timestamp}</span>,
                  'naive UTC, as the bot wrote it',
                ],
                [
                  'Bot run',
                  <span className="mono small">{`${d.botRunId ?? NONE} (${d.botVersion ?? NONE})`}</span>,
                ],
                ...systemDecisionFacts(d),
              ]}
            />
            <Section
              title={
                <>
                  Cancels it sent{' '}
                  {detail.data && <span className="count">{detail.data.executions.length}</span>}
                </>
              }
            >
              {detail.data ? (
                <>
                  <ChainExport env={env} id={id} table="events" rows={detail.data.executions.length} />
                  <EventsTable events={detail.data.executions} tz={tz} testId="detail-events" />
                </>
              ) : (
                <p className="muted small">{detail.error ? 'Not available.' : 'Loading…'}</p>
              )}
            </Section>
            <details className="raw-json">
              <summary>Raw JSON</summary>
              <pre data-testid="detail-json">{JSON.stringify(d, null, 2)}</pre>
            </details>
          </>
        )}
        {d && !isSystemDecision(d) && (
          <>
            <Facts
              testId="detail-summary"
              items={[
                ['Time', <span data-testid="detail-time">{formatDateTime(d.time, tz)}</span>],
                [
                  'Stored timestamp',
                  <span className="mono small">{d.timestamp}</span>,
                  'naive UTC, as the bot wrote it',
                ],
                [
                  'In force until',
                  detail.data
                    ? detail.data.nextDecisionAt
                      ? formatDateTime(detail.data.nextDecisionAt, tz)
                      : 'now (newest)'
                    : '…',
                ],
                [
                  'Bot run',
                  <span className="mono small">{`${d.botRunId ?? NONE} (${d.botVersion ?? NONE})`}</span>,
                ],
                [
                  'Inventory',
                  <strong>{formatContracts(d.inventory, { plus: true })}</strong>,
                  'net_yes_qty when deciding',
                ],
                ['Target bid', targets('bid')],
                ['Target ask', targets('ask')],
                ...(d.reason ? ([['Reason', d.reason]] as Fact[]) : []),
              ]}
            />
            <Section title="Book snapshot">
              {d.book ? (
                <>
                  <DepthLadder
                    bids={d.book.topBids}
                    asks={d.book.topAsks}
                    spread={d.book.spread}
                    testId="detail-ladder"
                  />
                  <p className="book-line" data-testid="detail-book-line">
                    best bid <strong className="bid-text">{formatPrice(d.book.bestBid)}</strong> · best ask{' '}
                    <strong className="ask-text">{formatPrice(d.book.bestAsk)}</strong> · spread{' '}
                    {formatPrice(d.book.spread)} · mid {formatPrice(d.book.mid)}
                  </p>
                </>
              ) : (
                <p className="muted small">No order-book snapshot.</p>
              )}
            </Section>
            <Section title="Recent public trades">
              <RecentTradesTable d={d} tz={tz} />
            </Section>
            <Section title="Pricing (price_calc)">
              {d.priceCalcEmpty && (
                <p className="note warn-text">Empty: the strategy skipped the market (volatility filter).</p>
              )}
              {d.priceCalc ? (
                <Facts items={priceCalcFacts(d.priceCalc, tz)} testId="detail-price-calc" />
              ) : (
                <p className="muted small">No price_calc in this decision.</p>
              )}
            </Section>
            <Section
              title={
                <>
                  Execution events that followed{' '}
                  {detail.data && <span className="count">{detail.data.executions.length}</span>}
                </>
              }
            >
              {detail.data ? (
                <>
                  <ChainExport env={env} id={id} table="events" rows={detail.data.executions.length} />
                  <EventsTable events={detail.data.executions} tz={tz} testId="detail-events" />
                </>
              ) : (
                <p className="muted small">
                  {isDecisionId(id)
                    ? detail.error
                      ? 'Not available.'
                      : 'Loading…'
                    : 'No decision id: the chain cannot be looked up.'}
                </p>
              )}
            </Section>
            <Section
              title={
                <>
                  Fills while in force{' '}
                  {detail.data && <span className="count">{detail.data.fills.length}</span>}
                </>
              }
            >
              {detail.data ? (
                <>
                  <ChainExport env={env} id={id} table="fills" rows={detail.data.fills.length} />
                  <FillsMiniTable fills={detail.data.fills} tz={tz} testId="detail-fills" />
                </>
              ) : (
                <p className="muted small">{detail.error ? 'Not available.' : '…'}</p>
              )}
            </Section>
            <details className="raw-json">
              <summary>Raw JSON</summary>
              <pre data-testid="detail-json">{JSON.stringify(d, null, 2)}</pre>
            </details>
          </>
        )}
      </div>
    </aside>
  );
}
