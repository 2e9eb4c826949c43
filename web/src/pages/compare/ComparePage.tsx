// Compare: pick markets (or every market of an event) and a range; their cumulative realized P&L and
// position overlaid (one series per market), and a sortable, exportable table of per-market stats.
// Markets and range live in the URL.
import { useMemo, useState } from 'react';
import { useOverview } from '../../api/overview-query';
import type { CompareResponse } from '@api/types';
import { seriesColor } from '../../charts/compare-chart';
import { DataBanners } from '../../components/DataBanners';
import { ExportLinks } from '../../components/ExportLinks';
import { MarketSearch } from '../../components/MarketSearch';
import { Panel } from '../../components/Panel';
import { DataTable, SORTED_LIST } from '../../components/DataTable';
import { sortFeatures } from '../../components/table-features';
import { WarningsPanel } from '../../components/WarningsPanel';
import { useViewParams } from '../../router/view-hooks';
import { describeLookback, readLookback } from '../common/lookback';
import { LookbackControls } from '../common/LookbackControls';
import { useMarketOptions } from '../common/market-options';
import { useSearch, useSetPageParams } from '../common/page-hooks';
import { usePageQuery } from '../common/queries';
import { CompareChart } from './CompareChart';
import { compareColumns } from './compare-columns';
import { addMarkets, MAX_MARKETS, marketsParam, readMarkets } from './compare-params';
import { compareQueryArgs, compareRange } from './compare-query';
import '../common/pages.css';
import { PRESET_DAYS } from '../../router/view-params';

/** The presets of every page (view-params.ts). */
const CHOICES = PRESET_DAYS;
const QUICK_PICK = 6;

export function ComparePage() {
  const view = useViewParams();
  const search = useSearch();
  const set = useSetPageParams();
  const markets = readMarkets(search);
  const lookback = readLookback(search, 7, 366);
  const range = compareRange(search, view.tz);
  const { options, loading } = useMarketOptions(view);
  const overview = useOverview(view);
  const [note, setNote] = useState<string | null>(null);
  const chosen = useMemo(() => new Set(markets), [markets]);
  const q = usePageQuery<CompareResponse>(...compareQueryArgs(view.env, markets, range), {
    refetchMs: 60_000,
    enabled: markets.length > 0,
  });
  const data = markets.length > 0 ? q.data : undefined;
  const env = data?.env ?? view.env ?? overview.data?.env ?? 'demo';
  // Colours follow the order of the URL, so a market keeps its colour in legend, charts and table.
  const orderKey = (data ? data.series.map((s) => s.marketId) : markets).join(',');
  const order = useMemo(() => orderKey.split(','), [orderKey]);
  const columns = useMemo(() => compareColumns(env, order), [env, order]);

  const setMarkets = (next: string[]) => set({ markets: marketsParam(next) });
  const add = (ids: string[]) => {
    const r = addMarkets(markets, ids);
    setNote(
      r.dropped
        ? `${r.dropped} market${r.dropped > 1 ? 's' : ''} left out: the API compares at most ${MAX_MARKETS}.`
        : null,
    );
    setMarkets(r.markets);
  };
  const largest = (overview.data?.exposure.byMarket ?? [])
    .slice()
    .sort((a, b) => b.exposure - a.exposure)
    .slice(0, QUICK_PICK)
    .map((m) => m.marketId);

  return (
    <div className="page compare-page">
      <div className="toolbar panel" data-testid="compare-toolbar">
        <MarketSearch
          options={options}
          loading={loading}
          withEvents
          chosen={chosen}
          label="Add market"
          placeholder="Type a market or an event to add…"
          onPick={(h) => add(h.kind === 'event' ? h.markets.map((m) => m.marketId) : [h.option.marketId])}
        />
        <LookbackControls value={lookback} choices={CHOICES} tz={view.tz} maxDays={366} />
        {largest.length > 0 && (
          <button type="button" className="btn" onClick={() => add(largest)} data-testid="pick-largest">
            + {largest.length} largest positions
          </button>
        )}
        {markets.length > 0 && (
          <button type="button" className="btn" onClick={() => setMarkets([])}>
            Clear
          </button>
        )}
        <span className="muted small">
          {markets.length}/{MAX_MARKETS} markets · {describeLookback(lookback, view.tz)}
          {q.isFetching && markets.length > 0 && ' · loading…'}
        </span>
      </div>
      {note && (
        <div className="banner" role="status">
          {note}
        </div>
      )}
      {markets.length > 0 && (
        <ul className="chips" data-testid="compare-chips" aria-label="Compared markets">
          {markets.map((m) => {
            const i = order.indexOf(m);
            return (
              <li key={m} className="chip">
                <i
                  className="sw"
                  style={{ background: seriesColor(i < 0 ? markets.indexOf(m) : i) }}
                  aria-hidden="true"
                />
                <span className="mono">{m}</span>
                <button
                  type="button"
                  className="chip-x"
                  aria-label={`Remove ${m}`}
                  onClick={() => setMarkets(markets.filter((x) => x !== m))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <DataBanners
        meta={data?.meta}
        error={markets.length ? q.error : null}
        dataUpdatedAtMs={q.dataUpdatedAt}
        what="comparison"
      />
      {markets.length === 0 ? (
        <Panel title="Compare markets" testId="compare-empty">
          <p className="empty-state">
            Add up to {MAX_MARKETS} markets above — type a ticker, or an event to add all of its markets — to
            overlay their realized P&amp;L and position and compare fills, volume, fees, spread and latency.
          </p>
        </Panel>
      ) : data ? (
        <>
          <div className="compare-charts">
            <CompareChart
              series={data.series}
              field="cumulativeRealized"
              tz={view.tz}
              env={env}
              title="Cumulative realized P&L in the range"
              testId="compare-pnl"
            />
            <CompareChart
              series={data.series}
              field="net"
              tz={view.tz}
              env={env}
              title="Net position"
              testId="compare-position"
            />
          </div>
          <Panel
            title={
              <>
                Per-market statistics <span className="count">{data.items.length}</span>
              </>
            }
            testId="compare-stats"
            actions={
              <ExportLinks
                path="/api/v1/compare"
                params={{ env, markets: markets.join(','), ...range }}
                testId="compare-export"
              />
            }
          >
            <DataTable
              {...SORTED_LIST}
              features={sortFeatures}
              columns={columns}
              data={data.items}
              getRowId={(r) => r.marketId}
              testId="compare-table"
              empty="No market to compare."
            />
          </Panel>
          <WarningsPanel warnings={data.warnings} />
        </>
      ) : (
        <Panel title="Compare markets" testId="compare-loading">
          <p className="muted">
            {q.isPending && !q.error ? 'Loading…' : 'The comparison could not be loaded.'}
          </p>
        </Panel>
      )}
    </div>
  );
}
