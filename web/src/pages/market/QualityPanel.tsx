// The deep dive's market-making quality over the page's range (GET /markets/:id/quality): the
// attribution identity to the cent, the market's markout curve (with the curve as a table), quote
// health and fill figures, and the attribution per day. Nulls are the dash with why on hover.
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatContracts } from '@core/format';
import { formatDateTime } from '../../format/time';
import { marketPath, marketQualityOptions } from '../../api/queries';
import { cssVar } from '../../charts/palette';
import type { CurveLine } from '../../charts/quality-chart';
import { DataBanners } from '../../components/DataBanners';
import { ExportLinks } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import type { EnvChoice } from '../../router/view-params';
import { useTheme } from '../../theme/theme';
import { FIGURES, FigureCell } from '../quality/quality-columns';
import {
  AttributionDailyChart,
  AttributionDaysTable,
  IdentityLine,
  MarkoutCurveChart,
  MarkoutTable,
} from '../quality/QualityCharts';
import { qualityRow, type QualityField, type QualityRow } from '../quality/quality-rows';
import type { ResolvedRange } from './market-params';
import { dayX, runMarkers } from '../../charts/run-markers';
import { useRuns } from './market-queries';
import { RunMarkerList, runsFor } from './RunMarkers';
// The chart legends' base style (.chart-legend) is in pages.css, which the deep dive does not load
// otherwise: opened directly, its legends were bulleted lists.
import '../common/pages.css';
import '../quality/quality.css';

const MARKOUT_FIELDS: QualityField[] = ['edgeCents', 'markout5m', 'markout1h', 'adverse5m'];
const QUOTE_FIELDS: QualityField[] = [
  'quotedPct',
  'twoSidedPct',
  'atTouchBidPct',
  'atTouchAskPct',
  'distanceBidCents',
  'distanceAskCents',
  'requotesPerHour',
];
const FILL_FIELDS: QualityField[] = ['fillRate', 'contractsPerQuotedHour', 'cancelToFill'];

function Facts({
  row,
  fields,
  extra,
  testId,
}: {
  row: QualityRow;
  fields: QualityField[];
  extra: [string, string][];
  testId: string;
}) {
  return (
    <dl className="quality-facts" data-testid={testId}>
      {fields.map((f) => {
        const spec = FIGURES.find((s) => s.field === f);
        if (!spec) return null;
        return (
          <div key={f} title={spec.help}>
            <dt>{spec.header}</dt>
            <dd data-testid={`${testId}-${f}`}>
              <FigureCell spec={spec} row={row} />
            </dd>
          </div>
        );
      })}
      {extra.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface Props {
  env: EnvChoice | null;
  marketId: string;
  range: ResolvedRange;
  tz: string;
}

export function QualityPanel({ env, marketId, range, tz }: Props) {
  const q = useQuery({
    ...marketQualityOptions(env, marketId, range, tz),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const theme = useTheme();
  // The restarts of the range (the price chart's query: one request for both charts).
  const runsQ = useRuns(env, marketId, range);
  const runs = runsFor(runsQ.data, marketId, range);
  const markers = useMemo(() => runMarkers(runs?.starts, dayX(tz)), [runs, tz]);
  const row = useMemo(() => (data ? qualityRow(marketId, data) : null), [data, marketId]);
  const lines = useMemo(
    (): CurveLine[] =>
      data
        ? [{ label: marketId, color: cssVar('--chart-line', '#3b6fd8'), horizons: data.markouts.horizons }]
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read but the line's colour (a CSS variable) changes with it.
    [data, marketId, theme],
  );
  return (
    <Panel
      title="Market-making quality"
      className="quality-panel"
      testId="market-quality"
      actions={
        <ExportLinks
          path={marketPath(marketId, '/quality')}
          params={{ env, from: range.from, to: range.to, tz }}
          testId="market-quality-export"
          title="The market's quality figures over the range"
        />
      }
    >
      <DataBanners
        meta={data?.meta}
        error={q.error}
        dataUpdatedAtMs={q.dataUpdatedAt}
        what="quality figures"
      />
      {!data && q.isPending && <p className="muted">Loading quality figures…</p>}
      {data && row && (
        <>
          <IdentityLine attribution={data.attribution} testId="market-quality-identity" />
          <div className="quality-grid">
            <div>
              <h3 className="sub-head">Markout curve (¢ per contract)</h3>
              <Facts
                row={row}
                fields={MARKOUT_FIELDS}
                extra={[['Fills with a known mid', formatContracts(data.markouts.edge.count)]]}
                testId="market-quality-markouts"
              />
              <MarkoutCurveChart
                lines={lines}
                label={`Markout curve of ${marketId}, cents per contract at each horizon from 5 s to 1 d; the same figures are in the table below.`}
                testId="market-quality-curve-chart"
              />
              <MarkoutTable lines={lines} testId="market-quality-curve-table" />
            </div>
            <div>
              <h3 className="sub-head">Quote health</h3>
              {data.quotes.truncated && (
                <p className="banner banner-warn" role="status" data-testid="market-quality-covered">
                  Quote health and fill figures cover only the newest decisions, from{' '}
                  {formatDateTime(data.quotes.coveredFrom, tz)}: the range holds more than one answer reads.
                  Markouts and attribution cover the whole range.
                </p>
              )}
              <Facts
                row={row}
                fields={QUOTE_FIELDS}
                extra={[
                  ['Decisions', formatContracts(data.quotes.decisions)],
                  ['Requotes', formatContracts(data.quotes.requotes)],
                  ['Quoted hours', data.quotes.quotedHours.toFixed(1)],
                ]}
                testId="market-quality-quotes"
              />
              <h3 className="sub-head">Fills</h3>
              <Facts
                row={row}
                fields={FILL_FIELDS}
                extra={[
                  ['Fills', formatContracts(data.fills.fills)],
                  ['Contracts', formatContracts(data.fills.contracts)],
                  ['Accepted placements', formatContracts(data.fills.acceptedPlacements)],
                  ['Cancels', formatContracts(data.fills.cancels)],
                ]}
                testId="market-quality-fills"
              />
              <h3 className="sub-head">Attribution per day ({tz})</h3>
              {data.daily.length > 0 ? (
                <>
                  <AttributionDailyChart
                    days={data.daily}
                    tz={tz}
                    testId="market-quality-daily-chart"
                    markers={markers}
                  />
                  <RunMarkerList
                    markers={markers}
                    runs={runs}
                    error={runsQ.error}
                    tz={tz}
                    testId="daily-run-markers"
                  />
                  <details className="chart-text">
                    <summary>The days as a table</summary>
                    <AttributionDaysTable days={data.daily} tz={tz} testId="market-quality-daily-table" />
                  </details>
                </>
              ) : (
                <div className="chart-placeholder">No day in the range.</div>
              )}
            </div>
          </div>
        </>
      )}
    </Panel>
  );
}
