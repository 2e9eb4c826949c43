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
import { LimitBars } from './LimitBars';
import { RiskCards } from './RiskCards';
import '../common/pages.css';

export function RiskPage() {
  const view = useViewParams();
  const risk = usePageQuery<RiskResponse>('risk', view.env, '/api/v1/risk', {});
  const alerts = usePageQuery<AlertsResponse>('alerts', view.env, '/api/v1/alerts', {});
  const data = risk.data;
  const env = data?.env ?? alerts.data?.env ?? view.env ?? 'demo';
  const warnAt = alerts.data?.thresholds.marketLimitUseWarn ?? 0.9;
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
            <LimitBars markets={data.markets} env={env} warnAt={warnAt} />
          ) : (
            <p className="muted">{risk.isPending ? 'Loading…' : 'Not loaded.'}</p>
          )}
        </Panel>
        {data && (
          <ApiErrorsPanel
            errors={data.apiErrors}
            updatedAt={data.apiErrorsUpdatedAt}
            env={env}
            tz={view.tz}
            warnAt={alerts.data?.thresholds.apiErrorsWarn}
          />
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
