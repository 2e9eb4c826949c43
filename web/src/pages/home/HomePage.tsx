// Home: P&L, exposure, recent activity and active markets of one environment, live. Composes the
// panels; each is a pure renderer of its slice of the one overview response.
import { useOverview } from '../../api/overview-query';
import { AttentionStrip } from '../../components/AttentionStrip';
import { DataBanners } from '../../components/DataBanners';
import { WarningsPanel } from '../../components/WarningsPanel';
import { useViewParams } from '../../router/view-hooks';
import { ExposurePanel } from './ExposurePanel';
import { MarketsTable } from './MarketsTable';
import { MetricCards } from './MetricCards';
import { MismatchBanner } from './MismatchBanner';
import { PnlPanel } from './PnlPanel';
import { RecentActivity } from './RecentActivity';

function csvHref(env: string, days: number, tz: string): string {
  return `/api/v1/overview?${new URLSearchParams({ format: 'csv', env, days: String(days), tz })}`;
}

export function HomePage() {
  const view = useViewParams();
  const overview = useOverview(view);
  const data = overview.data;
  return (
    <div className="home">
      <DataBanners
        meta={data?.meta}
        error={overview.error}
        dataUpdatedAtMs={overview.dataUpdatedAt}
        what="overview"
      />
      {data && <AttentionStrip items={data.attention} env={data.env} tz={data.tz} />}
      {data ? (
        <MetricCards data={data} />
      ) : (
        <div className="cards cards-loading" aria-busy={overview.isPending}>
          {overview.isPending ? 'Loading figures…' : 'No figures: the overview could not be loaded.'}
        </div>
      )}
      <div className="home-grid">
        <PnlPanel
          data={data}
          view={view}
          request={overview.request}
          loading={overview.isPending || overview.isPlaceholderData}
        />
        {data && <ExposurePanel items={data.exposure.byMarket} markets={data.markets} />}
        {data && (
          <RecentActivity
            decision={data.recent.decision}
            fill={data.recent.fill}
            tz={data.tz}
            env={data.env}
            markets={data.markets}
            loopWindowMs={data.bot.aliveUnderMs}
          />
        )}
      </div>
      {data && (
        <>
          <MismatchBanner markets={data.markets} env={data.env} nowMs={Date.parse(data.meta.generatedAt)} />
          <WarningsPanel warnings={data.warnings} />
          <MarketsTable data={data} csvHref={csvHref(data.env, overview.request.days, data.tz)} />
        </>
      )}
    </div>
  );
}
