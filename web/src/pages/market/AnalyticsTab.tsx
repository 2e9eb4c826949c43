// Market-making quality of the range (QualityPanel: GET /quality), then execution analytics of the
// range (GET /analytics): latency cards for placements, cancels and all
// results, the timeline of events by type, the latency histogram, latency over time (placements
// and cancels as points from the events list, the API's per-bucket P50/P95 as lines), and outcome
// counts with the top error codes.
import { useEffect, useMemo } from 'react';
import { formatContracts } from '@core/format';
import type { LatencyPoint } from '../../charts/analytics-charts';
import { DataBanners } from '../../components/DataBanners';
import { ExportLinks, type ExportParams } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import { WarningsPanel } from '../../components/WarningsPanel';
import type { EnvChoice } from '../../router/view-params';
import { HistogramChart, LatencyChart, TimelineChart } from './AnalyticsCharts';
import { LATENCY_FIELDS, latencyCells, outcomeRows } from './analytics-rows';
import { statusClass } from './ChainTables';
import { QualityPanel } from './QualityPanel';
import { marketPath, useAnalytics, useDecisionPages, useExecutionPages } from './market-queries';
import type { ResolvedRange } from './market-params';
import type { AnalyticsResponse } from '@api/types';
import { executionKind } from './rows';

/** Latency points come from the events list; beyond this many the newest are drawn. */
export const LATENCY_POINTS_CAP = 5000;

const KINDS = [
  ['place', 'Placements'],
  ['cancel', 'Cancels'],
  ['all', 'All results'],
] as const;

function LatencyCards({ latency }: { latency: AnalyticsResponse['latency'] }) {
  return (
    <div className="latency-cards" data-testid="latency-cards">
      {KINDS.map(([key, label]) => {
        const cells = latencyCells(latency[key]);
        return (
          <div className="card latency-card" key={key} data-testid={`latency-${key}`}>
            <div className="card-label">{label}</div>
            <dl className="lat-grid">
              {LATENCY_FIELDS.map((f) => (
                <div key={f}>
                  <dt>{f === 'count' ? 'count' : f === 'mean' ? 'mean' : f.toUpperCase()}</dt>
                  <dd data-testid={`latency-${key}-${f}`}>{cells[f]}</dd>
                </div>
              ))}
            </dl>
          </div>
        );
      })}
    </div>
  );
}

interface OutcomesProps {
  o: AnalyticsResponse['outcomes'];
  /** The analytics endpoint and the parameters of what is shown, for the tables' downloads. */
  exportPath: string;
  exportParams: ExportParams;
}

function Outcomes({ o, exportPath, exportParams }: OutcomesProps) {
  const rows = outcomeRows(o);
  return (
    <div className="outcomes">
      <div className="table-exports">
        <ExportLinks
          path={exportPath}
          params={{ ...exportParams, table: 'outcomes' }}
          testId="outcomes-export"
          title="Results per status, split into placements and cancels, then the total"
        />
      </div>
      <table className="grid compact" data-testid="outcomes-table">
        <thead>
          <tr>
            <th>Result</th>
            <th className="num">Count</th>
            <th className="num">Placements</th>
            <th className="num">Cancels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.status}>
              <td className={statusClass(r.status)}>{r.status}</td>
              <td className="num">{formatContracts(r.total)}</td>
              <td className="num">{formatContracts(r.place)}</td>
              <td className="num">{formatContracts(r.cancel)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>
              <strong>Total</strong>
            </td>
            <td className="num">
              <strong>{formatContracts(o.total)}</strong>
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <div className="table-exports">
        <ExportLinks
          path={exportPath}
          params={{ ...exportParams, table: 'errors' }}
          testId="error-codes-export"
          title="Every error code of the range, most frequent first (the table shows the top 10)"
        />
      </div>
      <table className="grid compact" data-testid="error-codes">
        <thead>
          <tr>
            <th>Top error codes</th>
            <th className="num">Count</th>
            <th>Statuses</th>
          </tr>
        </thead>
        <tbody>
          {o.errorCodes.slice(0, 10).map((e) => (
            <tr key={e.code}>
              <td className="mono small">{e.code}</td>
              <td className="num">{formatContracts(e.count)}</td>
              <td className="small">{e.statuses.join(', ')}</td>
            </tr>
          ))}
          {o.errorCodes.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No failed result.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  env: EnvChoice | null;
  marketId: string;
  range: ResolvedRange;
  tz: string;
}

export function AnalyticsTab({ env, marketId, range, tz }: Props) {
  const a = useAnalytics(env, marketId, range, true);
  const events = useExecutionPages(env, marketId, range);
  const decisions = useDecisionPages(env, marketId, range);
  const loaded = useMemo(() => events.data?.pages.flatMap((p) => p.items) ?? [], [events.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && loaded.length < LATENCY_POINTS_CAP) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, loaded.length]);
  const points = useMemo(() => {
    const out: LatencyPoint[] = [];
    for (const e of loaded) {
      if (e.eventType !== 'ORDER_RESULT' || e.latencyMs === null) continue;
      const kind = executionKind(e);
      if (kind === 'place' || kind === 'cancel') out.push({ time: e.time, latencyMs: e.latencyMs, kind });
    }
    return out;
  }, [loaded]);
  const data = a.data;
  const total = events.data?.pages[0]?.total ?? null;
  const hasDecisions = (decisions.data?.pages[0]?.items.length ?? 0) > 0;
  const empty = data !== undefined && data.eventCount === 0;
  return (
    <div className="analytics" data-testid="analytics">
      <QualityPanel env={env} marketId={marketId} range={range} tz={tz} />
      <DataBanners meta={data?.meta} error={a.error} dataUpdatedAtMs={a.dataUpdatedAt} what="analytics" />
      {!data && a.isPending && <p className="muted">Loading analytics…</p>}
      {empty && (
        <div className="banner" role="status" data-testid="analytics-empty">
          <strong>No execution event in this range.</strong>{' '}
          {hasDecisions
            ? 'The bot made decisions here but logged no order events: batch execution mode writes none, and the execution log keeps 30 days.'
            : 'No decision either: the market was not quoted in this range.'}
        </div>
      )}
      {data && (
        <>
          <WarningsPanel warnings={data.warnings} />
          <LatencyCards latency={data.latency} />
          <p className="note">
            Latency is the bot’s own measure (from before its DynamoDB write and 100 ms throttle to the
            response), so it overstates the exchange’s. {formatContracts(data.eventCount)} events in the
            range.
          </p>
          <div className="analytics-grid">
            <Panel title="Events by type over time" testId="timeline-panel">
              <div className="legend" aria-hidden="true">
                {['ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'FILL'].map((t) => (
                  <span key={t}>
                    <i className={`sw sw-${t.toLowerCase()}`} /> {t}
                  </span>
                ))}
                <span className="muted">
                  buckets of {Math.round(data.bucketMs / 60_000).toLocaleString('en-US')} min
                </span>
              </div>
              <TimelineChart timeline={data.timeline} bucketMs={data.bucketMs} tz={tz} />
            </Panel>
            <Panel title="Outcomes" testId="outcomes-panel">
              <Outcomes
                o={data.outcomes}
                exportPath={marketPath(marketId, '/analytics')}
                exportParams={{ env, from: range.from, to: range.to }}
              />
            </Panel>
            <Panel title="Latency over time" testId="latency-panel">
              <div className="legend" aria-hidden="true">
                <span>
                  <i className="sw sw-long" /> placement
                </span>
                <span>
                  <i className="sw sw-short" /> cancel
                </span>
                <span>
                  <i className="sw sw-line-text" /> P50 (all, per bucket)
                </span>
                <span>
                  <i className="sw sw-neg" /> P95 (all, per bucket)
                </span>
                <span className="muted">log scale</span>
                {total !== null && loaded.length < total && (
                  <span className="muted">
                    points: newest {formatContracts(loaded.length)} of {formatContracts(total)} events
                  </span>
                )}
              </div>
              <LatencyChart
                timeline={data.timeline}
                bucketMs={data.bucketMs}
                points={points}
                tz={tz}
                range={[range.fromMs / 1000, range.toMs / 1000]}
              />
            </Panel>
            <Panel title="Latency histogram (all results)" testId="histogram-panel">
              {data.histogram.length > 0 ? (
                <HistogramChart bins={data.histogram} />
              ) : (
                <div className="chart-placeholder">No result with a latency.</div>
              )}
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}
