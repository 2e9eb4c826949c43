// Risk & Alerts: limit use per market and in total, loss-limit use, halt, the bot's heartbeat and
// API errors, and the alert list with its thresholds. Two endpoints: /risk and /alerts.
import type { AlertsResponse, RiskResponse } from '@api/types';
import { DataBanners } from '../../components/DataBanners';
import { ExportLinks } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import { WarningsPanel } from '../../components/WarningsPanel';
import { useViewParams } from '../../router/view-hooks';
import { usePageQuery } from '../common/queries';
import { AlertsPanel } from './AlertsPanel';
import { ApiErrorsPanel } from './ApiErrorsPanel';
import { CloseDatePanel } from './CloseDatePanel';
import { LimitBars, orderMarkets, type LimitOrder } from './LimitBars';
import { useSearch, useSetPageParams } from '../common/page-hooks';
import { RiskCards } from './RiskCards';
import '../common/pages.css';

export function RiskPage() {
  const view = useViewParams();
  const risk = usePageQuery<RiskResponse>('risk', view.env, '/api/v1/risk', {});
  const alerts = usePageQuery<AlertsResponse>('alerts', view.env, '/api/v1/alerts', {});
  const data = risk.data;
  const env = data?.env ?? alerts.data?.env ?? view.env ?? 'demo';
  const warnAt = alerts.data?.thresholds.marketLimitUseWarn ?? 0.9;
  // `?order=closes`: the bars by close (settled, closed, soonest first); default the API's order.
  const order: LimitOrder = new URLSearchParams(useSearch()).get('order') === 'closes' ? 'closes' : 'limit';
  const setParams = useSetPageParams();
  return (
    <div className="page risk-page">
      <DataBanners
        meta={data?.meta}
        error={risk.error}
        dataUpdatedAtMs={risk.dataUpdatedAt}
        what="risk figures"
      />
      <DataBanners
        meta={alerts.data?.meta}
        error={alerts.error}
        dataUpdatedAtMs={alerts.dataUpdatedAt}
        what="alerts"
      />
      {data ? (
        <RiskCards risk={data} alerts={alerts.data} />
      ) : (
        <div className="cards cards-loading" aria-busy={risk.isPending}>
          {risk.isPending ? 'Loading…' : 'No figures: the risk endpoint could not be loaded.'}
        </div>
      )}
      <div className="risk-grid">
        <Panel
          title={
            <>
              Limit use per market <span className="count">{data?.markets.length ?? '…'}</span>
            </>
          }
          testId="limits-panel"
          actions={
            <div className="controls">
              <label className="small">
                Order{' '}
                <select
                  value={order}
                  onChange={(e) => setParams({ order: e.target.value === 'closes' ? 'closes' : null })}
                  data-testid="limits-order"
                >
                  <option value="limit">limit use</option>
                  <option value="closes">closes in</option>
                </select>
              </label>
              <span className="legend small">
                <span>
                  <i className="lbar-mark-sw" /> alert from {Math.round(warnAt * 100)}%
                </span>
              </span>
              <ExportLinks
                path="/api/v1/overview"
                params={{ env }}
                testId="limits-export"
                title="The overview's market rows: limitUse, netPosition, maxInventoryYes, capitalAtRisk, … (/api/v1/risk has no format=csv)"
              />
            </div>
          }
        >
          {data ? (
            <LimitBars markets={orderMarkets(data.markets, order)} env={env} warnAt={warnAt} tz={view.tz} />
          ) : (
            <p className="muted">{risk.isPending ? 'Loading…' : 'Not loaded.'}</p>
          )}
        </Panel>
        {data && (
          <div className="risk-side">
            <CloseDatePanel data={data} nowMs={Date.parse(data.meta.generatedAt)} />
            <ApiErrorsPanel
              errors={data.apiErrors}
              updatedAt={data.apiErrorsUpdatedAt}
              env={env}
              tz={view.tz}
              warnAt={alerts.data?.thresholds.apiErrorsWarn}
            />
          </div>
        )}
      </div>
      {alerts.data ? (
        <AlertsPanel data={alerts.data} env={env} tz={view.tz} />
      ) : (
        <Panel title="Alerts" testId="alerts-panel">
          <p className="muted">{alerts.isPending ? 'Loading…' : 'The alert list could not be loaded.'}</p>
        </Panel>
      )}
      {data && <WarningsPanel warnings={[...data.warnings, ...(alerts.data?.warnings ?? [])]} />}
    </div>
  );
}
