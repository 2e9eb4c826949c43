// Market deep dive (/market?m=…): controls, the market's header, the price chart, and tabs for its
// decisions, execution events, fills and execution analytics over one range. The range is resolved
// once (a lookback ends when the page loaded or was refreshed), so every tab and every page of an
// infinite list asks the API for exactly the same window.
import { useCallback, useMemo, useState } from 'react';
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../../api/client';
import { isMarketQueryKey, queryKeys } from '../../api/queries';
import { useOverview } from '../../api/overview-query';
import { serverNowMs } from '../../api/server-clock';
import { AttentionStrip } from '../../components/AttentionStrip';
import { MarketName } from '../../components/MarketName';
import { DataBanners } from '../../components/DataBanners';
import { Panel } from '../../components/Panel';
import { WarningsPanel } from '../../components/WarningsPanel';
import { useViewParams } from '../../router/view-hooks';
import { AnalyticsTab } from './AnalyticsTab';
import { DecisionsTab } from './DecisionsTab';
import { ExecutionsTab } from './ExecutionsTab';
import { FillsTab } from './FillsTab';
import { MarketControls } from './MarketControls';
import { MarketHeader } from './MarketHeader';
import { useMarketView, useSetMarketParams } from './market-hooks';
import { resolveRange, TABS, type MarketTab } from './market-params';
import {
  csvHref,
  marketPath,
  useDecisionPages,
  useExecutionPages,
  useFills,
  useMarketDetail,
  useMarketList,
  useRuns,
  useSeries,
} from './market-queries';
import { rangeKeyOf, takeBootAnchor } from './first-view';
import { pickerOptions, type PickerOption } from './picker-options';
import { PricePanel } from './PricePanel';
import { runsFor } from './RunMarkers';
import './market.css';

const TAB_LABELS: Record<MarketTab, string> = {
  decisions: 'Decisions',
  executions: 'Executions',
  fills: 'Fills',
  analytics: 'Analytics',
};

function ChooseMarket({ options, onPick }: { options: PickerOption[]; onPick: (m: string) => void }) {
  return (
    <Panel title="Choose a market" testId="choose-market">
      {options.length === 0 ? (
        <p className="muted">Loading markets…</p>
      ) : (
        <ul className="market-choices">
          {options.map((o) => (
            <li key={o.marketId}>
              <button type="button" className="linkish mono" onClick={() => onPick(o.marketId)}>
                {o.marketId}
              </button>
              {o.title && (
                <span className="muted small picker-title" title={o.title}>
                  {' '}
                  {o.title}
                </span>
              )}
              {!o.enabled && <span className="tag">{o.hasConfig ? 'off' : 'no config'}</span>}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function MarketPage() {
  const view = useMarketView();
  const set = useSetMarketParams();
  const client = useQueryClient();
  // The shell's overview (same key, no second request): positions of markets without a config.
  const overview = useOverview(useViewParams());
  const list = useMarketList(view.env);
  const options = useMemo(
    () => pickerOptions(list.data?.items ?? [], overview.data?.markets ?? []),
    [list.data, overview.data?.markets],
  );

  // A new market, environment or range starts from now; so does a refresh.
  const rangeKey = rangeKeyOf(view);
  // The first range is the one the load-time prefetch asked for (first-view.ts), when it is this one.
  const [anchor, setAnchor] = useState(() => ({
    key: rangeKey,
    ms: takeBootAnchor(rangeKey) ?? serverNowMs(),
  }));
  if (anchor.key !== rangeKey) setAnchor({ key: rangeKey, ms: serverNowMs() });
  const range = useMemo(() => resolveRange(view, anchor.ms), [view, anchor.ms]);

  const marketId = view.marketId;
  const detail = useMarketDetail(view.env, marketId);
  const series = useSeries(view.env, marketId, range);
  const fills = useFills(view.env, marketId, range);
  const runs = useRuns(view.env, marketId, range);
  const decisions = useDecisionPages(view.env, marketId, range);
  // The executions tab's count reads every event of the range (tens of thousands on a busy market):
  // off its own tab it waits for the first decisions, so that read does not compete with them.
  const executions = useExecutionPages(
    view.env,
    marketId,
    range,
    view.tab === 'executions' || decisions.data !== undefined || decisions.isError,
  );
  const refreshing = useIsFetching({ predicate: (q) => isMarketQueryKey(q.queryKey) }) > 0;

  const refresh = useCallback(() => {
    // A lookback moves to end now (new keys fetch by themselves); a fixed custom range reloads.
    if (view.custom?.to) void client.invalidateQueries({ predicate: (q) => isMarketQueryKey(q.queryKey) });
    else void client.invalidateQueries({ queryKey: queryKeys.marketDetails() });
    setAnchor({ key: rangeKey, ms: serverNowMs() });
  }, [client, rangeKey, view.custom?.to]);

  const openDecision = useCallback((id: string) => set({ tab: 'decisions', d: id }), [set]);
  const unknown = detail.error instanceof ApiRequestError && detail.error.status === 404;
  const env = view.env ?? undefined;
  const fillsCsv = marketId
    ? csvHref(marketPath(marketId, '/fills'), { env, from: range.from, to: range.to })
    : '';

  const counts: Record<MarketTab, string | null> = {
    decisions: decisions.data
      ? `${decisions.data.pages.reduce((n, p) => n + p.items.length, 0).toLocaleString('en-US')}${decisions.hasNextPage ? '+' : ''}`
      : null,
    executions: executions.data ? (executions.data.pages[0]?.total ?? 0).toLocaleString('en-US') : null,
    fills: fills.data ? fills.data.items.length.toLocaleString('en-US') : null,
    analytics: null,
  };

  return (
    <div className="market-page" data-testid="market-page" data-from={range.from} data-to={range.to}>
      <MarketControls
        view={view}
        range={range}
        options={options}
        optionsLoading={list.isPending}
        set={set}
        onRefresh={refresh}
        refreshing={refreshing}
      />
      {list.error && (
        <div className="banner banner-warn" role="status">
          The market list could not be loaded ({list.error.message}); type a ticker into the URL’s m= instead.
        </div>
      )}
      {!marketId ? (
        <ChooseMarket options={options} onPick={(m) => set({ m })} />
      ) : unknown ? (
        <div className="banner banner-error" role="alert" data-testid="unknown-market">
          <strong>No market {marketId}</strong> in {detail.data?.env ?? view.env ?? 'this environment'}: it
          has no config, no position and no fill. Pick another market above.
        </div>
      ) : (
        <>
          <DataBanners
            meta={detail.data?.meta}
            error={detail.error}
            dataUpdatedAtMs={detail.dataUpdatedAt}
            what="market"
          />
          {overview.data && overview.data.env === (detail.data?.env ?? overview.data.env) && (
            <AttentionStrip
              items={overview.data.attention}
              env={overview.data.env}
              tz={view.tz}
              marketId={marketId}
            />
          )}
          <Panel
            title={
              <>
                <MarketName
                  marketId={marketId}
                  {...(detail.data ? { title: detail.data.title } : {})}
                  inline
                  className="header-name"
                />{' '}
                {detail.data?.config && !detail.data.config.enabled && <span className="tag">disabled</span>}
                {detail.data && !detail.data.config && <span className="tag tag-warn">no config</span>}
              </>
            }
            className="header-panel"
            testId="header-panel"
          >
            {detail.data ? (
              <MarketHeader data={detail.data} tz={view.tz} onOpenDecision={openDecision} />
            ) : (
              <p className="muted">
                {detail.isPending ? 'Loading the market…' : 'The market could not be loaded.'}
              </p>
            )}
          </Panel>
          {detail.data && <WarningsPanel warnings={detail.data.warnings} />}
          <PricePanel
            series={series.data}
            seriesError={series.error}
            fills={fills.data}
            loading={series.isFetching || fills.isFetching}
            tz={view.tz}
            {...(overview.data ? { freshMs: overview.data.bot.aliveUnderMs } : {})}
            netNow={detail.data?.position?.netPosition ?? null}
            runs={runsFor(runs.data, marketId, range)}
            runsError={runs.error}
            range={range}
          />
          <div className="tabs" role="tablist" aria-label="Market detail">
            {TABS.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`tab-${t}`}
                aria-selected={view.tab === t}
                aria-controls={`tabpanel-${t}`}
                className={view.tab === t ? 'active' : ''}
                onClick={() => set({ tab: t })}
              >
                {TAB_LABELS[t]}
                {counts[t] !== null && <span className="count">{counts[t]}</span>}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`tabpanel-${view.tab}`}
            aria-labelledby={`tab-${view.tab}`}
            className="tabpanel"
          >
            {view.tab === 'decisions' && (
              <DecisionsTab
                env={view.env}
                marketId={marketId}
                range={range}
                tz={view.tz}
                selectedId={view.decisionId}
                onSelect={(d) => set({ d }, { replace: true })}
              />
            )}
            {view.tab === 'executions' && (
              <ExecutionsTab
                env={view.env}
                marketId={marketId}
                range={range}
                tz={view.tz}
                onOpenDecision={openDecision}
              />
            )}
            {view.tab === 'fills' && (
              <FillsTab
                env={view.env}
                data={fills.data}
                pending={fills.isPending}
                error={fills.error}
                tz={view.tz}
                csvHref={fillsCsv}
              />
            )}
            {view.tab === 'analytics' && (
              <AnalyticsTab env={view.env} marketId={marketId} range={range} tz={view.tz} />
            )}
          </div>
        </>
      )}
    </div>
  );
}
