// (a) decision → orders → fills for one market and range. Each chain is a line that opens to its
// orders (status, latency, cancel) and their fills; broken chains are highlighted and can be shown
// alone. Orphan fills (no decision placed their order) are listed below.
import { useState } from 'react';
import { parseDecisionId } from '@core/decision-id';
import { formatContracts, formatMoney, formatPrice } from '@core/format';
import type { ChainJson, ChainRunJson, ChainsJson, FillJson } from '@api/types';
import { ExportLinks } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import { signedContracts } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import { PROBLEM_TEXT, PROBLEMS, targetsText } from './chain-text';

const PAGE = 200;

/** The run of a chain's decision: bot_run_id, else the decision id's run part. */
function runOf(c: ChainJson): string {
  const d = c.decision;
  if (d.botRunId) return d.botRunId;
  return d.decisionId ? (parseDecisionId(d.decisionId)?.runId ?? '') : '';
}

function FillLine({ f, tz }: { f: FillJson; tz: string }) {
  return (
    <li className="fill-line">
      <span className={`side side-${f.type}`}>{f.type === 'bid' ? 'bought' : 'sold'}</span>{' '}
      {formatContracts(f.size)} @ {formatPrice(f.priceYes)}{' '}
      <span className="muted">{formatDateTime(f.time, tz)}</span>{' '}
      <span className="mono small muted">fill {f.fillId ?? '—'}</span>
      {f.reconciledAtStartup && <span className="tag">backfill</span>}
    </li>
  );
}

function ChainDetail({ c, tz }: { c: ChainJson; tz: string }) {
  const d = c.decision;
  return (
    <div className="chain-detail">
      <dl className="mini">
        <dt>decision</dt>
        <dd className="mono small">{d.decisionId ?? '—'}</dd>
        <dt>book</dt>
        <dd>
          {formatPrice(d.book?.bestBid)} / {formatPrice(d.book?.bestAsk)}
        </dd>
        <dt>inventory</dt>
        <dd>{signedContracts(d.inventory).text}</dd>
        <dt>targets</dt>
        <dd>{targetsText(d.targetQuotes)}</dd>
        {d.priceCalc?.logic && (
          <>
            <dt>logic</dt>
            <dd>{d.priceCalc.logic}</dd>
          </>
        )}
      </dl>
      {c.orders.length > 0 ? (
        <table className="grid compact chain-orders">
          <thead>
            <tr>
              <th>Side</th>
              <th className="num">Price</th>
              <th className="num">Size</th>
              <th>Status</th>
              <th className="num">Latency</th>
              <th>Placed</th>
              <th>Cancelled</th>
              <th>Fills</th>
            </tr>
          </thead>
          <tbody>
            {c.orders.map((o, i) => (
              <tr
                key={`${o.clientOrderId ?? ''}#${i}`}
                className={o.status === 'ACCEPTED' ? '' : 'row-problem'}
              >
                <td>{o.side ?? '—'}</td>
                <td className="num">{formatPrice(o.priceYes)}</td>
                <td className="num">{formatContracts(o.size)}</td>
                <td className={o.status === 'ACCEPTED' ? '' : 'neg-text'}>
                  {o.status ?? 'no result'}
                  {o.live && <span className="tag tag-on">live</span>}
                </td>
                <td className="num">{o.latencyMs === null ? '—' : `${Math.round(o.latencyMs)} ms`}</td>
                <td className="mono small">{formatDateTime(o.placedAt, tz)}</td>
                <td className="mono small">{o.cancelledAt ? formatDateTime(o.cancelledAt, tz) : '—'}</td>
                <td>
                  {o.fills.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <ul className="fill-list">
                      {o.fills.map((f) => (
                        <FillLine key={f.fillId ?? f.sortKey} f={f} tz={tz} />
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No order placed by this decision.</p>
      )}
      {c.cancels.length > 0 && (
        <p className="small">
          <span className="muted">Cancels sent in this loop: </span>
          {c.cancels.map((e, i) => (
            <span key={i} className="mono small cancel-chip" title={formatDateTime(e.time, tz)}>
              {e.orderId ?? e.clientOrderId ?? '?'}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The runs judged batch (contract §6.19), and those whose events cannot be read: which, when, why. */
function BatchNotice({ chains, tz }: { chains: ChainsJson; tz: string }) {
  const batch = chains.batchRuns ?? [];
  const runs = chains.runs ?? [];
  const unknown = runs.filter((r) => r.mode === 'unknown');
  if (batch.length === 0 && unknown.length === 0 && !chains.noOrderEvents) return null;
  const quoting = runs.filter((r) => r.mode === 'batch' || r.mode === 'per_market').length;
  const batchRuns = runs.filter((r) => r.mode === 'batch');
  const line = (r: ChainRunJson) => (
    <li key={r.runId ?? '(none)'}>
      <span className="mono small">{r.runId ?? 'decisions without a run id'}</span>{' '}
      <span className="muted small">
        {r.start ? `${r.runId ? 'started' : 'from'} ${formatDateTime(r.start, tz)} · ` : ''}
        {r.decisions} decision{r.decisions === 1 ? '' : 's'} · {r.fills} fill{r.fills === 1 ? '' : 's'}
        {r.unknownReason === 'events_expired' && ' · older than the execution log keeps events (30 days)'}
        {r.unknownReason === 'no_run_id' && ' · no event can name them'}
      </span>
    </li>
  );
  return (
    <div className="banner" role="status" data-testid="batch-notice">
      {batch.length > 0 || chains.noOrderEvents ? (
        <>
          {chains.noOrderEvents ? (
            <strong>No order events in this range although its decisions wanted quotes</strong>
          ) : (
            <strong>
              {batch.length} of {quoting} quoting runs in this range ran in batch mode
            </strong>
          )}
          : in batch mode (use_batch_execution) the bot logs no ORDER_PLACE / ORDER_RESULT events, so a batch
          run&apos;s decisions cannot be linked to orders. Their chains are not marked broken and fills made
          while they were live are not called orphans; per-market runs are judged as usual. Runs are judged
          one by one from their own events: a run whose decisions wanted quotes and that logged no placement
          is a batch run.
          {batchRuns.length > 0 && (
            <ul className="batch-runs" data-testid="batch-runs">
              {batchRuns.map(line)}
            </ul>
          )}
        </>
      ) : null}
      {unknown.length > 0 && (
        <div data-testid="unknown-runs">
          <strong>Not judged:</strong> the order events of these decisions cannot be read, so no chain of
          theirs is marked broken.
          <ul>{unknown.map(line)}</ul>
        </div>
      )}
    </div>
  );
}

function ChainRow({ c, tz, run }: { c: ChainJson; tz: string; run: 'batch' | 'unknown' | null }) {
  const d = c.decision;
  const fills = c.orders.reduce((a, o) => a + o.fills.length, 0);
  const broken = c.problems.length > 0;
  return (
    <details className={`chain ${broken ? 'chain-broken' : ''}`} data-testid="chain" data-broken={broken}>
      <summary>
        <span className="chain-time mono">{formatDateTime(d.time, tz)}</span>
        <span className="chain-targets">{targetsText(d.targetQuotes)}</span>
        <span className="chain-counts muted">
          {c.orders.length} order{c.orders.length === 1 ? '' : 's'} · {fills} fill{fills === 1 ? '' : 's'}
          {c.cancels.length > 0 && ` · ${c.cancels.length} cancel${c.cancels.length === 1 ? '' : 's'}`}
        </span>
        <span className="chain-problems">
          {run === 'batch' && (
            <span
              className="tag"
              title="A batch run: its placements are not logged, so its orders cannot be shown"
            >
              batch run
            </span>
          )}
          {run === 'unknown' && (
            <span
              className="tag"
              title="This decision's order events cannot be read (no run id, or past the log's TTL)"
            >
              not judged
            </span>
          )}
          {c.problems.map((p) => (
            <span key={p} className="tag tag-bad" title={PROBLEM_TEXT[p].help}>
              {PROBLEM_TEXT[p].label}
            </span>
          ))}
        </span>
      </summary>
      <ChainDetail c={c} tz={tz} />
    </details>
  );
}

function OrphanFills({ fills, tz }: { fills: FillJson[]; tz: string }) {
  return (
    <div className="orphans" data-testid="orphan-fills">
      <h3 className="sub-head">
        Orphan fills <span className={`count ${fills.length ? 'count-warn' : ''}`}>{fills.length}</span>
        <span className="muted small"> — fills of orders no decision in the range placed</span>
      </h3>
      {fills.length === 0 ? (
        <p className="muted small">Every fill of the range belongs to a chain.</p>
      ) : (
        <div className="table-scroll">
          <table className="grid compact dtable" data-testid="orphan-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Side</th>
                <th className="num">Size</th>
                <th className="num">Price</th>
                <th className="num">Fee</th>
                <th className="num">Stored P&amp;L</th>
                <th>Order</th>
                <th>Fill</th>
              </tr>
            </thead>
            <tbody>
              {fills.map((f) => (
                <tr key={f.fillId ?? f.sortKey}>
                  <td className="mono small">{formatDateTime(f.time, tz)}</td>
                  <td>
                    <span className={`side side-${f.type}`}>{f.type}</span>
                    {f.reconciledAtStartup && <span className="tag">backfill</span>}
                  </td>
                  <td className="num">{formatContracts(f.size)}</td>
                  <td className="num">{formatPrice(f.priceYes)}</td>
                  <td className="num">{formatMoney(f.feeUsd)}</td>
                  <td className="num">{formatMoney(f.pnlRealizedStoredUsd, { plus: true })}</td>
                  <td className="mono small">{f.orderId ?? '—'}</td>
                  <td className="mono small">{f.fillId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

interface Props {
  chains: ChainsJson;
  tz: string;
  onlyBroken: boolean;
  onOnlyBroken: (v: boolean) => void;
  exportParams: Record<string, string>;
}

export function ChainsPanel({ chains, tz, onlyBroken, onOnlyBroken, exportParams }: Props) {
  const [shown, setShown] = useState(PAGE);
  const { counts } = chains;
  const batchSet = new Set(chains.batchRuns ?? []);
  const unknownSet = new Set(
    (chains.runs ?? []).filter((r) => r.mode === 'unknown').map((r) => r.runId ?? ''),
  );
  const path = `/api/v1/markets/${encodeURIComponent(chains.marketId)}`;
  return (
    <Panel
      title={
        <>
          Decision → order → fill chains{' '}
          <span className="count" data-testid="chains-count">
            {counts.chains}
          </span>{' '}
          <span className={`count ${counts.broken ? 'count-bad' : ''}`} data-testid="chains-broken">
            {counts.broken} broken
          </span>
        </>
      }
      testId="chains-panel"
      actions={
        <div className="controls">
          <label className="check">
            <input
              type="checkbox"
              checked={onlyBroken}
              onChange={(e) => onOnlyBroken(e.target.checked)}
              data-testid="only-broken"
            />{' '}
            only broken
          </label>
          <span className="muted small">Fills</span>
          <ExportLinks
            path={`${path}/fills`}
            params={{ ...exportParams, context: 'false' }}
            testId="chain-fills-export"
            title="Every fill of the market in the range (chains have no export of their own)"
          />
          <span className="muted small">Order events</span>
          <ExportLinks
            path={`${path}/executions`}
            params={{ ...exportParams, limit: '1000' }}
            testId="chain-events-export"
            title="The market's order events in the range, newest first (first 1,000)"
          />
        </div>
      }
    >
      <div className="problem-counts">
        {PROBLEMS.map((p) => (
          <span
            key={p}
            className={`pc ${counts[p] ? 'pc-on' : ''}`}
            title={PROBLEM_TEXT[p].help}
            data-testid={`count-${p}`}
          >
            {PROBLEM_TEXT[p].label} <strong>{counts[p]}</strong>
          </span>
        ))}
      </div>
      <BatchNotice chains={chains} tz={tz} />
      {chains.decisionsTruncated && (
        <div className="banner" role="status" data-testid="truncated-notice">
          Only the newest 3,000 decisions of the range were read: narrow the range to see older chains.
        </div>
      )}
      {chains.items.length === 0 ? (
        <p className="empty-state">
          {onlyBroken
            ? 'No broken chain in this range: every decision’s orders were placed, and every order was filled, cancelled or is live.'
            : 'No decision of this market in the range. Check that the market was enabled then, or widen the range.'}
        </p>
      ) : (
        <div className="chains" data-testid="chains">
          {chains.items.slice(0, shown).map((c, i) => (
            <ChainRow
              key={`${c.decision.decisionId ?? c.decision.time}#${i}`}
              c={c}
              tz={tz}
              run={batchSet.has(runOf(c)) ? 'batch' : unknownSet.has(runOf(c)) ? 'unknown' : null}
            />
          ))}
          {chains.items.length > shown && (
            <button type="button" className="btn show-more" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, chains.items.length - shown)} more of {chains.items.length - shown}
            </button>
          )}
        </div>
      )}
      <OrphanFills fills={chains.orphanFills} tz={tz} />
    </Panel>
  );
}
