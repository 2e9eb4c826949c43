// The alert list: active alerts (critical first) with when each was first and last seen, the
// resolved ones below, the thresholds that raise them and whether a webhook hears them.
import { useState } from 'react';
import { formatAge, formatPercent } from '@core/format';
import type { AlertsResponse, TrackedAlert } from '@api/types';
import { useNow } from '../../api/use-now';
import { ExportLinks } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import { formatDateTime } from '../../format/time';
import { MarketName } from '../../components/MarketName';
import { alertValueText, ruleLabel } from './alert-format';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { useSetPageParams } from '../common/page-hooks';

const RESOLVED_SHOWN = 25;

function When({ at, tz, now }: { at: string | null; tz: string; now: number }) {
  if (!at) return <span className="muted">—</span>;
  return (
    <span title={formatDateTime(at, tz)}>
      {formatAge(Date.parse(at), now)}
      <span className="sub muted mono">{formatDateTime(at, tz)}</span>
    </span>
  );
}

function AlertRows({
  alerts,
  env,
  tz,
  resolved,
}: {
  alerts: TrackedAlert[];
  env: string;
  tz: string;
  resolved: boolean;
}) {
  const now = useNow();
  return (
    <>
      {alerts.map((a) => (
        <tr
          key={`${a.key}@${a.firstSeenAt}`}
          className={`alert-row sev-${a.severity}`}
          data-testid="alert-row"
        >
          <td>
            <span className={`sev sev-${a.severity}`}>{a.severity}</span>
          </td>
          <td className="mono small">{ruleLabel(a.rule)}</td>
          <td>
            {a.marketId ? <MarketName marketId={a.marketId} env={env} /> : <span className="muted">all</span>}
          </td>
          <td className="msg">{a.message}</td>
          <td className="num fig">{alertValueText(a.rule, a.value, a.threshold)}</td>
          <td className="when-cell">
            <When at={a.firstSeenAt} tz={tz} now={now} />
          </td>
          <td className="when-cell">
            <When at={resolved ? a.resolvedAt : a.lastSeenAt} tz={tz} now={now} />
          </td>
          <td className="small">
            {a.notifiedAt === null ? (
              <span className="muted">no</span>
            ) : a.notifiedAt === 'cool-down' ? (
              <span className="muted" title="Seen again within the webhook's cool-down: not posted twice">
                cool-down
              </span>
            ) : (
              <span title={formatDateTime(a.notifiedAt, tz)}>sent</span>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

function AlertTable({
  alerts,
  env,
  tz,
  resolved,
  testId,
  empty,
}: {
  alerts: TrackedAlert[];
  env: string;
  tz: string;
  resolved: boolean;
  testId: string;
  empty: string;
}) {
  return (
    <div className="table-scroll">
      <table className="grid dtable alerts-table" data-testid={testId}>
        <thead>
          <tr>
            <th>Severity</th>
            <th>Rule</th>
            <th>Market</th>
            <th>What</th>
            <th className="num">Value</th>
            <th>First seen</th>
            <th>{resolved ? 'Resolved' : 'Last seen'}</th>
            <th>Webhook</th>
          </tr>
        </thead>
        <tbody>
          <AlertRows alerts={alerts} env={env} tz={tz} resolved={resolved} />
          {alerts.length === 0 && (
            <tr>
              <td colSpan={8} className="muted empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function Thresholds({ data }: { data: AlertsResponse }) {
  const t = data.thresholds;
  return (
    <dl className="thresholds" data-testid="alert-thresholds">
      <dt>loss-limit use</dt>
      <dd>{formatPercent(t.lossLimitUseWarn)}</dd>
      <dt>total exposure</dt>
      <dd>{formatPercent(t.totalLimitUseWarn)}</dd>
      <dt>market limit</dt>
      <dd>{formatPercent(t.marketLimitUseWarn)}</dd>
      <dt>API errors</dt>
      <dd>{t.apiErrorsWarn}</dd>
      <dt>stale after</dt>
      <dd>{t.staleHours} h</dd>
      <dt>rules off</dt>
      <dd>{t.disabled.length ? t.disabled.join(', ') : 'none'}</dd>
      <dt>webhook</dt>
      <dd data-testid="webhook-state" className={data.webhook ? 'yes' : 'muted'}>
        {data.webhook ? 'configured' : 'not configured'}
      </dd>
    </dl>
  );
}

export function AlertsPanel({ data, env, tz }: { data: AlertsResponse; env: string; tz: string }) {
  const now = useNow();
  const setParams = useSetPageParams();
  const [allResolved, setAllResolved] = useState(false);
  const resolved = allResolved ? data.resolved : data.resolved.slice(0, RESOLVED_SHOWN);
  return (
    <Panel
      title={
        <>
          Alerts{' '}
          <span className={`count ${data.active.length ? 'count-warn' : ''}`}>{data.active.length}</span>
        </>
      }
      testId="alerts-panel"
      actions={
        <div className="controls">
          <span className="muted small" title={formatDateTime(data.evaluatedAt, tz)}>
            evaluated {data.evaluatedAt ? formatAge(Date.parse(data.evaluatedAt), now) : 'never'}
          </span>
          <TimeZoneSelect tz={tz} onChange={(z) => setParams({ tz: z })} />
          <ExportLinks
            path="/api/v1/alerts"
            params={{ env }}
            testId="alerts-export"
            title="Active and resolved alerts, one row each"
          />
        </div>
      }
    >
      <Thresholds data={data} />
      <h3 className="sub-head">Active</h3>
      <AlertTable
        alerts={data.active}
        env={env}
        tz={tz}
        resolved={false}
        testId="alerts-active"
        empty="No active alert: every rule is within its threshold."
      />
      <h3 className="sub-head">
        Resolved <span className="count">{data.resolved.length}</span>
        <span className="muted small"> (since the server started, newest first)</span>
      </h3>
      <AlertTable
        alerts={resolved}
        env={env}
        tz={tz}
        resolved
        testId="alerts-resolved"
        empty="Nothing has resolved since the server started."
      />
      {data.resolved.length > RESOLVED_SHOWN && (
        <button type="button" className="btn show-more" onClick={() => setAllResolved((v) => !v)}>
          {allResolved ? 'Show fewer' : `Show all ${data.resolved.length}`}
        </button>
      )}
    </Panel>
  );
}
