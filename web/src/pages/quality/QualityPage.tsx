// Quality: which markets earn their risk? Over a range (the URL's lookback, 7 days unless given):
// the P&L attribution of all markets with its identity to the cent and per day (stacked), the
// markout curve of all markets and of a few chosen ones (URL `curve=`), and a sortable, exportable
// table of every market's edge, markouts, adverse selection, attribution, quote health and fill
// figures with an "All markets" footer (GET /api/v1/quality; metrics.md "Market-making quality").
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { formatContracts } from '@core/format';
import type { QualityResponse } from '@api/types';
import { envKey, QUALITY_PATH, qualityOptions } from '../../api/queries';
import { seriesColor } from '../../charts/compare-chart';
import { ALL_LABEL, type CurveLine } from '../../charts/quality-chart';
import { DataBanners } from '../../components/DataBanners';
import { DataTable, SORTED_LIST } from '../../components/DataTable';
import { ExportLinks } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import { useMedia } from '../../components/use-media';
import { WarningsPanel } from '../../components/WarningsPanel';
import { signedCents } from '../../format/figures';
import { SignedFigure } from '../../components/Figure';
import { useViewParams } from '../../router/view-hooks';
import { useTheme } from '../../theme/theme';
import { describeLookback, readLookback } from '../common/lookback';
import { LookbackControls } from '../common/LookbackControls';
import { useSearch, useSetPageParams } from '../common/page-hooks';
import { MARKET_PATH } from '../home/MarketLink';
import { navigate } from '../../router/location';
import { hrefWithView, PRESET_DAYS } from '../../router/view-params';
import { FIGURES, FigureCell, MARKET_COLUMN, qualityColumns, qualityFeatures } from './quality-columns';
import {
  AttributionDailyChart,
  AttributionDaysTable,
  IdentityLine,
  MarkoutCurveChart,
  MarkoutTable,
  allColor,
} from './QualityCharts';
import { QUALITY_DEFAULT_DAYS, QUALITY_MAX_DAYS, qualityRange } from './quality-query';
import {
  curveMarkets,
  curveParam,
  MAX_CURVE_MARKETS,
  qualityRow,
  toggleCurve,
  type QualityRow,
} from './quality-rows';
import '../common/pages.css';
import './quality.css';

const PINNED = { start: [MARKET_COLUMN], end: [] };
const PHONE_SIZES = { [MARKET_COLUMN]: 140 };
const NO_SIZES = {};
const DEFAULT_SORT: SortingState = [{ id: 'total', desc: true }];

function useQuality(env: ReturnType<typeof useViewParams>['env'], range: Record<string, string>) {
  const key = envKey(env);
  return useQuery({
    ...qualityOptions(env, range),
    // A new range keeps the previous figures until the next arrive, never another environment's.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === key ? prev : undefined),
  });
}

function CurvePicker({
  data,
  chosen,
  onChange,
}: {
  data: QualityResponse;
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const byFills = [...data.markets].sort(
    (a, b) => b.fills.contracts - a.fills.contracts || a.marketId.localeCompare(b.marketId),
  );
  return (
    <details className="curve-picker" data-testid="quality-curve-picker">
      <summary className="btn">
        Markets on the chart ({chosen.length}/{MAX_CURVE_MARKETS})
      </summary>
      <fieldset>
        <legend className="sr-only">Markets drawn beside All</legend>
        {byFills.map((m) => {
          const on = chosen.includes(m.marketId);
          return (
            <label key={m.marketId} className="curve-choice">
              <input
                type="checkbox"
                checked={on}
                disabled={!on && chosen.length >= MAX_CURVE_MARKETS}
                onChange={() => onChange(toggleCurve(chosen, m.marketId))}
                data-testid={`quality-curve-choice-${m.marketId}`}
              />{' '}
              <span className="mono">{m.marketId}</span>{' '}
              <span className="muted small">{formatContracts(m.fills.contracts)} ct</span>
            </label>
          );
        })}
        {byFills.length === 0 && <p className="muted">No market in the range.</p>}
      </fieldset>
    </details>
  );
}

function CurveLegend({
  lines,
  counts,
}: {
  lines: CurveLine[];
  counts: Map<string, { edge: number | null; fills: number }>;
}) {
  return (
    <ul className="chart-legend" data-testid="quality-curve-legend">
      {lines.map((l) => {
        const c = counts.get(l.label);
        return (
          <li key={l.label}>
            <i className="sw" style={{ background: l.color }} aria-hidden="true" />
            <span className="mono">{l.label}</span> <span className="muted">edge</span>{' '}
            <SignedFigure value={signedCents(c?.edge)} />{' '}
            <span className="muted">· {formatContracts(c?.fills ?? 0)} fills</span>
          </li>
        );
      })}
    </ul>
  );
}

export function QualityPage() {
  const view = useViewParams();
  const search = useSearch();
  const set = useSetPageParams();
  const lookback = readLookback(search, QUALITY_DEFAULT_DAYS, QUALITY_MAX_DAYS);
  const range = useMemo(() => qualityRange(search, view.tz), [search, view.tz]);
  const q = useQuality(view.env, range);
  const data = q.data;
  const env = data?.env ?? view.env ?? 'demo';
  const narrow = useMedia('(max-width: 700px)');
  const theme = useTheme();

  const curve = useMemo(() => (data ? curveMarkets(search, data.markets) : []), [data, search]);
  const curveKey = curve.join(',');
  const lines = useMemo((): CurveLine[] => {
    if (!data) return [];
    const byId = new Map(data.markets.map((m) => [m.marketId, m]));
    return [
      { label: ALL_LABEL, color: allColor(), horizons: data.all.markouts.horizons },
      ...curveKey
        .split(',')
        .filter(Boolean)
        .map((id, i) => ({
          label: id,
          color: seriesColor(i),
          horizons: byId.get(id)?.markouts.horizons ?? [],
        })),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read but allColor() (a CSS variable) changes with it.
  }, [data, curveKey, theme]);
  const counts = useMemo(() => {
    const m = new Map<string, { edge: number | null; fills: number }>();
    if (!data) return m;
    m.set(ALL_LABEL, { edge: data.all.markouts.edge.perContractCents, fills: data.all.fills.fills });
    for (const x of data.markets)
      m.set(x.marketId, { edge: x.markouts.edge.perContractCents, fills: x.fills.fills });
    return m;
  }, [data]);

  const rows = useMemo(() => (data ? data.markets.map((m) => qualityRow(m.marketId, m)) : []), [data]);
  const allRow: QualityRow | null = useMemo(
    () => (data ? qualityRow('All markets', data.all) : null),
    [data],
  );
  const columns = useMemo(() => {
    const order = curveKey.split(',');
    return qualityColumns(env, (id) => order.indexOf(id));
  }, [env, curveKey]);
  const unknown = data?.all.unknownMarkets ?? [];
  const unknownNote = unknown.length
    ? `Total and inventory leave out ${unknown.length} market${unknown.length > 1 ? 's' : ''} whose mark is unknown: ${unknown.join(', ')}.`
    : undefined;

  return (
    <div className="page quality-page" data-testid="quality-page">
      <div className="toolbar panel" data-testid="quality-toolbar">
        <LookbackControls value={lookback} choices={PRESET_DAYS} tz={view.tz} maxDays={QUALITY_MAX_DAYS} />
        <span className="muted small">
          {data ? `${data.markets.length} markets · ` : ''}
          {describeLookback(lookback, view.tz)}
          {q.isFetching && ' · loading…'}
        </span>
      </div>
      <DataBanners
        meta={data?.meta}
        error={q.error}
        dataUpdatedAtMs={q.dataUpdatedAt}
        what="quality figures"
      />
      {!data ? (
        <Panel title="Market-making quality" testId="quality-loading">
          <p className="muted">
            {q.isPending && !q.error ? 'Loading…' : 'The quality figures could not be loaded.'}
          </p>
        </Panel>
      ) : data.markets.length === 0 ? (
        <Panel title="Market-making quality" testId="quality-empty">
          <p className="empty-state">
            No market with decisions or fills in this range ({describeLookback(lookback, view.tz)}). Try a
            longer range, or another environment.
          </p>
        </Panel>
      ) : (
        <>
          <div className="quality-charts">
            <Panel title="P&L attribution, all markets" testId="quality-attribution">
              <IdentityLine attribution={data.all.attribution} testId="quality-identity" note={unknownNote} />
              {data.all.daily.length > 0 ? (
                <>
                  <AttributionDailyChart days={data.all.daily} tz={view.tz} testId="quality-daily-chart" />
                  <details className="chart-text">
                    <summary>The days as a table</summary>
                    <AttributionDaysTable days={data.all.daily} tz={view.tz} testId="quality-daily-table" />
                  </details>
                </>
              ) : (
                <div className="chart-placeholder">No day in the range.</div>
              )}
            </Panel>
            <Panel
              title="Markout curve (¢ per contract)"
              testId="quality-curve"
              actions={
                <CurvePicker
                  data={data}
                  chosen={curve}
                  onChange={(ids) => set({ curve: curveParam(ids) }, { replace: true })}
                />
              }
            >
              <CurveLegend lines={lines} counts={counts} />
              <MarkoutCurveChart
                lines={lines}
                label={`Markout curve, cents per contract at each horizon from 5 s to 1 d, for All and ${curve.length} markets; the same figures are in the table below the chart.`}
                testId="quality-curve-chart"
              />
              <details className="chart-text">
                <summary>The curve as a table (with fills counted)</summary>
                <MarkoutTable lines={lines} testId="quality-curve-table" />
              </details>
            </Panel>
          </div>
          <Panel
            title={
              <>
                Per-market quality <span className="count">{data.markets.length}</span>
              </>
            }
            testId="quality-table-panel"
            actions={
              <ExportLinks
                path={QUALITY_PATH}
                params={{ env, ...range }}
                testId="quality-export"
                title="Every market's figures over the range, and All"
              />
            }
          >
            <DataTable
              {...SORTED_LIST}
              features={qualityFeatures}
              columns={columns}
              data={rows}
              getRowId={(r) => r.marketId}
              initialSorting={DEFAULT_SORT}
              options={{
                state: { columnPinning: PINNED, columnSizing: narrow ? PHONE_SIZES : NO_SIZES },
              }}
              testId="quality-table"
              className="dtable quality-table"
              label="Market-making quality per market"
              empty="No market in this range."
              // A row opens its market's deep dive: click anywhere on it (but its link), or Enter.
              rowAttrs={(r) => ({
                'data-market': r.marketId,
                'aria-label': `${r.marketId}: open the deep dive`,
              })}
              onRowActivate={(r) => navigate(hrefWithView(MARKET_PATH, search, { m: r.marketId, env }))}
              activateKeys={['Enter']}
              ignoreClicksIn="a, button"
              footerRows={
                allRow
                  ? [
                      {
                        key: 'all',
                        className: 'total-row',
                        testId: 'quality-table-all',
                        cellTestId: (id) => `quality-all-${id}`,
                        cell: (c) => {
                          if (c.id === MARKET_COLUMN) return <strong title={unknownNote}>All markets</strong>;
                          const spec = FIGURES.find((f) => f.field === c.id);
                          return spec ? <FigureCell spec={spec} row={allRow} /> : null;
                        },
                      },
                    ]
                  : []
              }
            />
            <p className="note">
              Null figures show {'—'} with the reason on hover. Edge, markouts and adverse selection in cents
              per contract (positive: good for us, adverse: the price ran against us); attribution in dollars;
              fill rate and cancel-to-fill count per-market runs only. Rows open the market’s deep dive.
            </p>
          </Panel>
          <WarningsPanel warnings={data.warnings} />
        </>
      )}
    </div>
  );
}
