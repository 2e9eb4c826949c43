// One execution event in full, with the decision that caused it (GET /api/v1/decisions/:id).
import { decisionLabelText, isSystemDecisionId } from '@core/decision-id';
import { formatContracts, formatMoney, formatPrice, NONE } from '@core/format';
import { DataBanners } from '../../components/DataBanners';
import { DepthLadder } from '../../components/DepthLadder';
import { formatDateTime } from '../../format/time';
import type { EnvChoice } from '../../router/view-params';
import { statusClass } from './ChainTables';
import { Facts, type Fact } from './Facts';
import { useDecisionDetail } from './market-queries';
import { useEscape } from './use-escape';
import { isDecisionId, withMillis, type ExecutionRow } from './rows';
import { isSystemDecision, systemDecisionFacts, SystemDecisionNote } from './SystemDecision';

interface Props {
  env: EnvChoice | null;
  event: ExecutionRow;
  tz: string;
  onClose: () => void;
  onOpenDecision: (decisionId: string) => void;
}

export function ExecutionDetail({ env, event: e, tz, onClose, onOpenDecision }: Props) {
  const detail = useDecisionDetail(env, isDecisionId(e.decisionId) ? e.decisionId : null);
  useEscape(onClose);
  const d = detail.data?.decision ?? null;
  const facts: Fact[] = [
    ['Time', withMillis(formatDateTime(e.time, tz), e.time)],
    ['Type', <span className="mono">{e.eventType}</span>],
    ['Kind', e.kind],
    ['Status', <span className={statusClass(e.status)}>{e.status ?? NONE}</span>],
    ['Side', e.side ?? NONE],
    ['Price', formatPrice(e.priceYes)],
    ['Size', formatContracts(e.size)],
    [
      'Latency',
      e.latencyMs === null ? NONE : `${formatContracts(e.latencyMs)} ms`,
      'Measured by the bot, its own overhead included',
    ],
    ['Order id', <span className="mono small">{e.orderId ?? NONE}</span>],
    ['Client order id', <span className="mono small">{e.clientOrderId ?? NONE}</span>],
    ['Error type', e.errorType ?? NONE],
    ['Error code', e.errorCode ?? NONE],
    ['Error message', e.errorMsg ?? NONE],
    ['Bot run', <span className="mono small">{e.botRunId}</span>],
  ];
  if (e.eventType === 'FILL')
    facts.push(
      ['Fill id', <span className="mono small">{e.fillId ?? NONE}</span>],
      ['P&L delta (bot)', formatMoney(e.pnlDeltaUsd, { plus: true })],
      ['Fee', formatMoney(e.feeUsd)],
    );
  return (
    <aside className="panel detail-panel" data-testid="execution-detail" aria-label="Execution event detail">
      <header className="panel-head">
        <h2>{e.eventType}</h2>
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
        <Facts items={facts} testId="execution-facts" />
        <section className="dd-section">
          <h4>
            {isSystemDecisionId(e.decisionId) ? (
              <>System record that caused it ({decisionLabelText(e.decisionId)}) </>
            ) : (
              'Decision that caused it '
            )}
            <span className="mono small">{e.decisionId}</span>
          </h4>
          <DataBanners
            meta={detail.data?.meta}
            error={detail.error}
            dataUpdatedAtMs={detail.dataUpdatedAt}
            what="decision"
          />
          {e.kind === 'cancel' && !isSystemDecisionId(e.decisionId) && (
            <p className="note">
              A cancel carries the decision of the loop that cancelled, not the one that placed the order.
            </p>
          )}
          {!d && detail.isPending && <p className="muted small">Loading…</p>}
          {d && isSystemDecision(d) && (
            <div data-testid="execution-decision">
              <SystemDecisionNote d={d} />
              <Facts items={[['Time', formatDateTime(d.time, tz)], ...systemDecisionFacts(d)]} />
              {d.decisionId && (
                <button
                  type="button"
                  className="linkish small"
                  onClick={() => onOpenDecision(d.decisionId as string)}
                >
                  Open in the Decisions tab →
                </button>
              )}
            </div>
          )}
          {d && !isSystemDecision(d) && (
            <div data-testid="execution-decision">
              <Facts
                items={[
                  ['Time', formatDateTime(d.time, tz)],
                  ['Inventory', formatContracts(d.inventory, { plus: true })],
                  ['Best bid / ask', `${formatPrice(d.book?.bestBid)} / ${formatPrice(d.book?.bestAsk)}`],
                  [
                    'Fair value',
                    `${formatPrice(d.priceCalc?.fairValue)} ${d.priceCalc?.fvSource ? `(${d.priceCalc.fvSource})` : ''}`,
                  ],
                  ['Skew', formatPrice(d.priceCalc?.skew)],
                  ['Logic', d.priceCalc?.logic ?? NONE],
                  [
                    'Targets',
                    d.targetQuotes
                      .map((q) => `${q.side} ${formatPrice(q.priceYes)} × ${formatContracts(q.size)}`)
                      .join(', ') || 'none',
                  ],
                ]}
              />
              {d.book && <DepthLadder bids={d.book.topBids} asks={d.book.topAsks} spread={d.book.spread} />}
              {d.decisionId && (
                <button
                  type="button"
                  className="linkish small"
                  onClick={() => onOpenDecision(d.decisionId as string)}
                >
                  Open in the Decisions tab →
                </button>
              )}
            </div>
          )}
        </section>
        <details className="raw-json">
          <summary>Raw JSON</summary>
          <pre>{JSON.stringify(e, null, 2)}</pre>
        </details>
      </div>
    </aside>
  );
}
